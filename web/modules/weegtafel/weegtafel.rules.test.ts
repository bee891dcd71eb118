import { describe, expect, it } from 'vitest';
import {
  attendanceDraftOf,
  attendanceEntriesOf,
  candidateBatches,
  decisionDraftErrors,
  decisionErrorsFrom,
  decisionInputOf,
  defaultInviteScope,
  defaultLegalBasis,
  invitableOrganisations,
  mayRecordLegalBasisFor,
  orderSessions,
  sessionDraftErrors,
  sessionDraftOf,
  sessionInputOf,
  zonedIso,
} from './weegtafel.rules';

const me = (roles: string[], organisationId = 'org-police') =>
  ({ roles, organisation: { id: organisationId, name: 'Politie' } }) as unknown as Parameters<typeof mayRecordLegalBasisFor>[0];

describe('the session list', () => {
  it('shows upcoming sessions first, soonest first, then past ones most recent first; a cancelled one is past', () => {
    const now = new Date('2026-06-10T12:00:00Z');
    const s = (id: string, startsAt: string, endsAt: string, status = 'planned') => ({ id, startsAt, endsAt, status }) as never;
    const { upcoming, past } = orderSessions(
      [
        s('later', '2026-06-20T09:00:00Z', '2026-06-20T12:00:00Z'),
        s('old', '2026-05-01T09:00:00Z', '2026-05-01T12:00:00Z', 'confirmed'),
        s('soon', '2026-06-11T09:00:00Z', '2026-06-11T12:00:00Z'),
        s('running', '2026-06-10T11:00:00Z', '2026-06-10T13:00:00Z', 'held'),
        s('cancelled', '2026-06-12T09:00:00Z', '2026-06-12T12:00:00Z', 'cancelled'),
        s('recent', '2026-06-03T09:00:00Z', '2026-06-03T12:00:00Z', 'held'),
      ],
      now,
    );
    expect(upcoming.map((x: { id: string }) => x.id)).toEqual(['running', 'soon', 'later']);
    expect(past.map((x: { id: string }) => x.id)).toEqual(['cancelled', 'recent', 'old']);
  });
});

describe('planning a session', () => {
  it('wants a date, a start and an end after the start', () => {
    expect(sessionDraftErrors({ date: '', startTime: '', endTime: '', location: '' })).toEqual({ date: 'required', startTime: 'required', endTime: 'required' });
    expect(sessionDraftErrors({ date: '2026-12-10', startTime: '12:00', endTime: '09:00', location: '' })).toEqual({ endTime: 'endBeforeStart' });
    expect(sessionDraftErrors({ date: '2026-12-10', startTime: '9', endTime: '12:00', location: 'x'.repeat(201) })).toEqual({ startTime: 'invalid', location: 'tooLong' });
    expect(sessionDraftErrors({ date: '2026-12-10', startTime: '09:00', endTime: '12:00', location: 'ZVH' })).toEqual({});
  });

  it('sends wall-clock times in Amsterdam with their offset, winter and summer', () => {
    expect(zonedIso('2026-12-10', '09:00')).toBe('2026-12-10T09:00:00+01:00');
    expect(zonedIso('2026-07-01', '23:30')).toBe('2026-07-01T23:30:00+02:00');
    // The night the clocks go forward (29 March 2026) and back (25 October 2026).
    expect(zonedIso('2026-03-29', '09:00')).toBe('2026-03-29T09:00:00+02:00');
    expect(zonedIso('2026-10-25', '09:00')).toBe('2026-10-25T09:00:00+01:00');
    expect(sessionInputOf({ date: '2026-12-10', startTime: '09:00', endTime: '12:00', location: '  zaal 2 ' })).toEqual({
      startsAt: '2026-12-10T09:00:00+01:00',
      endsAt: '2026-12-10T12:00:00+01:00',
      location: 'zaal 2',
    });
  });

  it('shows a session to move in Amsterdam time, whatever zone its instants come in, and sends it back unchanged', () => {
    // 08:00 and 11:00 UTC on 10 December are 09:00 and 12:00 in Amsterdam; 07:00 UTC on 1 July is 09:00 there.
    expect(sessionDraftOf({ startsAt: '2026-12-10T08:00:00.000Z', endsAt: '2026-12-10T11:00:00.000Z', location: 'ZVH' })).toEqual({ date: '2026-12-10', startTime: '09:00', endTime: '12:00', location: 'ZVH' });
    expect(sessionDraftOf({ startsAt: '2026-07-01T07:00:00Z', endsAt: '2026-07-01T21:30:00Z', location: '' })).toEqual({ date: '2026-07-01', startTime: '09:00', endTime: '23:30', location: '' });
    // A late-evening UTC instant is the next day in Amsterdam.
    expect(sessionDraftOf({ startsAt: '2026-12-31T23:30:00Z', endsAt: '2027-01-01T00:30:00Z', location: '' }).date).toBe('2027-01-01');
    const draft = sessionDraftOf({ startsAt: '2026-03-29T07:00:00Z', endsAt: '2026-03-29T10:00:00Z', location: 'zaal 2' });
    expect(sessionInputOf(draft)).toEqual({ startsAt: '2026-03-29T09:00:00+02:00', endsAt: '2026-03-29T12:00:00+02:00', location: 'zaal 2' });
  });
});

describe('invitations and legal bases', () => {
  it("starts a municipality's invitation with its own cases, any other partner's with the whole agenda", () => {
    const agenda = [
      { caseId: 'c1', case: { municipalities: ['GM0402', 'GM0406'] } },
      { caseId: 'c2', case: { municipalities: ['GM0417'] } },
      { caseId: 'c3', case: null },
    ];
    expect(defaultInviteScope({ municipality: 'GM0406' }, agenda)).toEqual({ scope: 'some', caseIds: ['c1'] });
    expect(defaultInviteScope({ municipality: 'GM0381' }, agenda)).toEqual({ scope: 'some', caseIds: [] });
    expect(defaultInviteScope({ municipality: null }, agenda)).toEqual({ scope: 'all', caseIds: [] });
    expect(defaultInviteScope(undefined, agenda)).toEqual({ scope: 'all', caseIds: [] });
    // An empty agenda offers no choice: the whole agenda.
    expect(defaultInviteScope({ municipality: 'GM0406' }, [])).toEqual({ scope: 'all', caseIds: [] });
  });

  const recorded = [{ organisation: { id: 'org-police', name: 'Politie', type: 'police' }, legalBasis: 'wpg', note: '', recordedBy: null, recordedAt: '2026-01-01T00:00:00Z' }];

  it('starts from the basis the partner recorded, or none', () => {
    expect(defaultLegalBasis('org-police', recorded)).toBe('wpg');
    expect(defaultLegalBasis('org-om', recorded)).toBe('');
  });

  it('offers only organisations not invited yet', () => {
    const session = { invitations: [{ organisation: { id: 'a' } }] } as never;
    expect(invitableOrganisations([{ id: 'a' }, { id: 'b' }], session)).toEqual([{ id: 'b' }]);
  });

  it('lets a partner record its own basis, the ketenregisseur any, others none', () => {
    expect(mayRecordLegalBasisFor(me(['tafellid']), 'org-police')).toBe(true);
    expect(mayRecordLegalBasisFor(me(['tafellid']), 'org-om')).toBe(false);
    expect(mayRecordLegalBasisFor(me(['ketenregisseur'], 'org-zvh'), 'org-om')).toBe(true);
    expect(mayRecordLegalBasisFor(me(['aandachtsfunctionaris']), 'org-police')).toBe(false);
    expect(mayRecordLegalBasisFor(undefined, 'org-police')).toBe(false);
  });
});

describe('attendance', () => {
  it('starts from what was recorded and sends only the organisations with a choice', () => {
    const session = {
      invitations: [{ organisation: { id: 'a' } }, { organisation: { id: 'b' } }, { organisation: { id: 'c' } }],
      attendance: [{ organisation: { id: 'a' }, present: true }, { organisation: { id: 'b' }, present: false }],
    } as never;
    const draft = attendanceDraftOf(session);
    expect(draft).toEqual({ a: 'present', b: 'absent', c: '' });
    expect(attendanceEntriesOf({ ...draft, c: 'present' })).toEqual([
      { organisationId: 'a', present: true },
      { organisationId: 'b', present: false },
      { organisationId: 'c', present: true },
    ]);
  });
});

describe('a decision with tracks', () => {
  it('needs a text; each track a kind and an owner; an administrative track its measure', () => {
    expect(decisionDraftErrors({ text: ' ', tracks: [] })).toEqual({ text: 'required' });
    expect(decisionDraftErrors({ text: 'ok', tracks: [] })).toEqual({ text: 'tooShort' });
    expect(
      decisionDraftErrors({
        text: 'Zorgspoor en bestuurlijk spoor.',
        tracks: [
          { kind: '', ownerOrganisationId: '', measure: '' },
          { kind: 'administrative', ownerOrganisationId: 'org', measure: '' },
        ],
      }),
    ).toEqual({ 'tracks.0.kind': 'required', 'tracks.0.ownerOrganisationId': 'required', 'tracks.1.measure': 'required' });
  });

  it('sends a measure only with an administrative track', () => {
    expect(
      decisionInputOf('item', {
        text: ' Besluit ',
        tracks: [
          { kind: 'care', ownerOrganisationId: 'vt', measure: 'closure' },
          { kind: 'administrative', ownerOrganisationId: 'gem', measure: 'bibob' },
        ],
      }),
    ).toEqual({ agendaItemId: 'item', text: 'Besluit', tracks: [{ kind: 'care', ownerOrganisationId: 'vt' }, { kind: 'administrative', ownerOrganisationId: 'gem', measure: 'bibob' }] });
  });

  it("puts the server's field errors on the form's fields", () => {
    // Only invalidParams is read (an ApiError in the app; the client module needs a browser).
    const error = {
      invalidParams: [
        { name: 'body.tracks.0.ownerOrganisationId', code: 'unknown', reason: '' },
        { name: 'body.text', code: 'too_small', reason: '' },
        { name: 'body.elsewhere', code: 'x', reason: '' },
      ],
    } as never;
    expect(decisionErrorsFrom(error, { text: 'x', tracks: [{ kind: 'care', ownerOrganisationId: 'nope', measure: '' }] })).toEqual({ 'tracks.0.ownerOrganisationId': 'invalid', text: 'tooShort' });
  });
});

describe('adding candidates in bulk', () => {
  it('makes one request per kind with the selected cases in list order', () => {
    const candidates = [
      { caseId: '1', kind: 'discussion' as const },
      { caseId: '2', kind: 'monitoring' as const },
      { caseId: '3', kind: 'discussion' as const },
    ];
    expect(candidateBatches(candidates, ['3', '2', '1'])).toEqual([
      { kind: 'discussion', caseIds: ['1', '3'] },
      { kind: 'monitoring', caseIds: ['2'] },
    ]);
    expect(candidateBatches(candidates, [])).toEqual([]);
  });
});
