import type { Me } from '@server/modules/identity/identity.schema';
import { describe, expect, it } from 'vitest';
import type { ApiError } from '@web/core/api/client';
import { allRoles } from '@web/core/roles';
import type { Alert, OnCallShift } from './alerts.api';
import {
  alertSearch,
  bannerOrder,
  createInputOf,
  deliveryKind,
  emptyShiftForm,
  isoToLocalInput,
  localInputToIso,
  managesRoster,
  parseAlertStatus,
  parsePeriod,
  rosterWindow,
  seesAlerts,
  shiftErrorsFrom,
  shiftFormErrors,
  shiftFormOf,
  updateInputOf,
  windowDays,
} from './alerts.rules';

const me = (roles: Me['roles']): Me => ({
  id: '00000000-0000-4000-8000-000000000001',
  email: 'ketenregisseur@example.test',
  displayName: 'Fictieve Regisseur',
  organisation: { id: '00000000-0000-4000-8000-000000000002', name: 'Zorg- en Veiligheidshuis' },
  region: 'gooi-en-vechtstreek',
  roles,
  allMunicipalities: true,
  municipalities: [],
  secondFactor: { enabled: true, recoveryCodesLeft: 10 },
  permissions: { manageUsers: false, readAccessLog: false },
});

const shift: OnCallShift = {
  id: '00000000-0000-4000-8000-0000000000aa',
  person: { id: '00000000-0000-4000-8000-0000000000bb', displayName: 'Fictieve Dienst', organisation: { id: '00000000-0000-4000-8000-0000000000cc', name: 'Veilig Thuis' } },
  channel: 'email',
  address: null,
  effectiveAddress: 'dienst@example.test',
  note: 'Weekdienst',
  from: '2026-12-07T07:00:00.000Z',
  until: '2026-12-14T07:00:00.000Z',
  overlapsWith: [],
  createdAt: '2026-11-01T10:00:00.000Z',
  updatedAt: '2026-11-01T10:00:00.000Z',
};

describe('who sees alerts and keeps the roster', () => {
  it('shows alerts to every duty role and the roster to the ketenregisseur only', () => {
    const seeing = allRoles.filter((role) => seesAlerts(me([role])));
    expect(seeing).toEqual(['aandachtsfunctionaris', 'ketenregisseur', 'zorgcoordinator', 'tafellid', 'procesregisseur']);
    expect(allRoles.filter((role) => managesRoster(me([role])))).toEqual(['ketenregisseur']);
    expect(seesAlerts(undefined)).toBe(false);
  });
});

describe('region time in the form', () => {
  it('reads a datetime-local value as Amsterdam time, in winter and in summer', () => {
    expect(localInputToIso('2026-12-07T08:00')).toBe('2026-12-07T07:00:00.000Z');
    expect(localInputToIso('2026-07-06T08:00')).toBe('2026-07-06T06:00:00.000Z');
    // The night the clocks go back (25 October 2026): 01:30 is before the change.
    expect(localInputToIso('2026-10-25T01:30')).toBe('2026-10-24T23:30:00.000Z');
    expect(localInputToIso('')).toBeUndefined();
    expect(localInputToIso('7 december')).toBeUndefined();
  });

  it('writes an instant back as the same local value', () => {
    expect(isoToLocalInput('2026-12-07T07:00:00.000Z')).toBe('2026-12-07T08:00');
    expect(isoToLocalInput('2026-07-06T06:00:00.000Z')).toBe('2026-07-06T08:00');
    for (const value of ['2026-03-29T03:15', '2027-01-01T00:00', '2026-10-25T04:00']) expect(isoToLocalInput(localInputToIso(value)!)).toBe(value);
  });

  it('shows six weeks from Monday 00:00 of this week, and moves by six weeks', () => {
    // Thursday 26 November 2026, 10:00 in Amsterdam.
    const now = new Date('2026-11-26T09:00:00Z');
    expect(rosterWindow(now, 0)).toEqual({ from: '2026-11-22T23:00:00.000Z', until: '2027-01-03T23:00:00.000Z' });
    expect(rosterWindow(now, -1).until).toBe('2026-11-22T23:00:00.000Z');
    // Sunday evening late is still the same week.
    expect(rosterWindow(new Date('2026-11-29T22:30:00Z'), 0).from).toBe('2026-11-22T23:00:00.000Z');
    expect(windowDays(rosterWindow(now, 0), 'nl-NL')).toEqual({ from: 'maandag 23 november 2026', until: 'zondag 3 januari 2027' });
  });
});

describe('the shift form', () => {
  it('needs a person and a start before the end', () => {
    expect(shiftFormErrors(emptyShiftForm)).toEqual({ personId: 'required', from: 'required', until: 'required' });
    const form = { ...emptyShiftForm, personId: shift.person.id, from: '2026-12-07T08:00', until: '2026-12-07T08:00', address: 'geen adres' };
    expect(shiftFormErrors(form)).toEqual({ until: 'beforeStart', address: 'invalid' });
    expect(shiftFormErrors({ ...form, until: '2026-12-14T08:00', address: 'dienst@example.test' })).toEqual({});
  });

  it('sends region times as instants, and empty optional fields as null', () => {
    expect(createInputOf({ personId: shift.person.id, from: '2026-12-07T08:00', until: '2026-12-14T08:00', address: ' ', note: '' })).toEqual({
      personId: shift.person.id,
      from: '2026-12-07T07:00:00.000Z',
      until: '2026-12-14T07:00:00.000Z',
      channel: 'email',
      address: null,
      note: null,
    });
  });

  it('sends only what changed', () => {
    const form = shiftFormOf(shift);
    expect(form).toEqual({ personId: shift.person.id, from: '2026-12-07T08:00', until: '2026-12-14T08:00', address: '', note: 'Weekdienst' });
    expect(updateInputOf(shift, form)).toEqual({});
    expect(updateInputOf(shift, { ...form, until: '2026-12-14T20:00', note: '' })).toEqual({ until: '2026-12-14T19:00:00.000Z', note: null });
  });

  it('shows the server’s refusals at their fields', () => {
    const error = {
      invalidParams: [
        { name: 'body.from', code: 'overlap', reason: '' },
        { name: 'body.personId', code: 'unknown', reason: '' },
        { name: 'body.until', code: 'too_big', reason: '' },
      ],
    } as ApiError;
    expect(shiftErrorsFrom(error)).toEqual({ from: 'overlap', personId: 'unknown', until: 'tooLong' });
  });
});

describe('alerts', () => {
  const alert = (id: string, createdAt: string, nobodyOnCall = false): Alert => ({
    id,
    kind: 'acute-signal',
    status: 'open',
    signal: { id, reference: `MH-2026-00000${id}`, receivedAt: createdAt, municipalities: [] },
    createdAt,
    nobodyOnCall,
    recipients: [],
    acknowledgements: [],
  });

  it('puts the ones nobody was on call for first, then the newest', () => {
    const order = bannerOrder([alert('1', '2026-11-26T09:00:00Z'), alert('2', '2026-11-26T10:00:00Z'), alert('3', '2026-11-26T08:00:00Z', true)]);
    expect(order.map((a) => a.id)).toEqual(['3', '2', '1']);
  });

  it('tells waiting, retrying, sent and failed mail apart', () => {
    const delivery = { status: 'pending' as const, attempts: 0, lastAttemptAt: null, sentAt: null, nextAttemptAt: null, lastError: null };
    expect(deliveryKind(delivery)).toBe('waiting');
    expect(deliveryKind({ ...delivery, attempts: 2 })).toBe('retrying');
    expect(deliveryKind({ ...delivery, status: 'sent' })).toBe('sent');
    expect(deliveryKind({ ...delivery, status: 'failed' })).toBe('failed');
  });

  it('keeps the list filter and page in the URL', () => {
    expect(alertSearch('all', 1)).toBe('');
    expect(alertSearch('open', 2)).toBe('?status=open&pagina=2');
    expect(parseAlertStatus(new URLSearchParams('status=open'))).toBe('open');
    expect(parseAlertStatus(new URLSearchParams('status=iets'))).toBe('all');
    expect(parsePeriod(new URLSearchParams('periode=-2'))).toBe(-2);
    expect(parsePeriod(new URLSearchParams('periode=x'))).toBe(0);
  });
});
