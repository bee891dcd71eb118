import type { Me } from '@server/modules/identity/identity.schema';
import type { Signal } from '@server/modules/signals/signals.schema';
import { describe, expect, it } from 'vitest';
import type { ApiError } from '@web/core/api/client';
import {
  emptyGroup,
  emptySignalDraft,
  errorMessageOf,
  fieldId,
  isValidBsn,
  newSubmissionId,
  orderedErrorPaths,
  type SignalDraft,
  signalDraftErrors,
  signalErrorsFrom,
  signalInputOf,
  withForms,
} from './signal-form.rules';
import {
  canTriage,
  canUseSignals,
  hasActiveQueueFilters,
  indicatorGroups,
  isVersionConflict,
  linkReasonError,
  parseQueueFilters,
  queueFiltersSearch,
  queueKind,
  queueQuery,
  signalPath,
  sortedDuplicates,
  sortedMunicipalities,
  toggled,
  triageFormErrors,
  triageFormOf,
  triageUpdateOf,
} from './signals.rules';

const me = (roles: Me['roles']): Me => ({
  id: '00000000-0000-4000-8000-000000000001',
  email: 'x@example.test',
  displayName: 'Fictief',
  organisation: { id: '00000000-0000-4000-8000-000000000002', name: 'Gemeente Hilversum' },
  region: 'gooi-en-vechtstreek',
  roles,
  allMunicipalities: false,
  municipalities: ['GM0402'],
  secondFactor: { enabled: true, recoveryCodesLeft: 10 },
  permissions: { manageUsers: false, readAccessLog: false },
});

/** The parts of an ApiError the rules read (the class itself needs a browser for its language). */
const problem = (invalidParams: { name: string; code: string }[], code = 'request.invalid') => {
  const params = invalidParams.map((p) => ({ ...p, reason: '' }));
  return { status: 400, problem: { type: 'urn:x', title: 'Ongeldig', status: 400, detail: '', instance: 'urn:uuid:1', code, invalidParams: params }, invalidParams: params } as unknown as ApiError;
};

const signal: Signal = {
  id: '11111111-1111-4111-8111-111111111111',
  reference: 'MH-2026-000001',
  channel: 'professional',
  status: 'new',
  acute: false,
  forms: ['labour'],
  indicators: [],
  summary: 'Arbeiders slapen in een loods.',
  periodFrom: null,
  periodUntil: null,
  meldcodeApplies: null,
  anonymous: false,
  reporter: null,
  language: 'nl',
  receivedAt: '2026-03-01T10:00:00.000Z',
  submittedBy: null,
  municipalities: [{ code: 'GM0402', name: 'Hilversum', derived: true }],
  persons: [],
  businesses: [],
  locations: [],
  vehicles: [],
  attachments: [],
  additions: [],
  links: [],
  mergedInto: null,
  closedReason: null,
  version: 3,
  permissions: { read: true, update: true, delete: false, export: true },
};

describe('who sees the signal screens', () => {
  it('offers them to the six reporting roles, and "Mijn signalen" to whoever does not triage', () => {
    expect(canUseSignals(me(['signaleerder']))).toBe(true);
    expect(canUseSignals(me(['procesregisseur']))).toBe(true);
    expect(canUseSignals(me(['beleidsmedewerker', 'privacy-officer']))).toBe(false);
    expect(canUseSignals(undefined)).toBe(false);
    expect(queueKind(me(['signaleerder']))).toBe('own');
    expect(queueKind(me(['tafellid']))).toBe('own');
    expect(queueKind(me(['signaleerder', 'aandachtsfunctionaris']))).toBe('triage');
    expect(queueKind(me(['ketenregisseur']))).toBe('triage');
  });

  it('shows triage actions only when the server allows an update and the signal is open', () => {
    expect(canTriage(signal)).toBe(true);
    expect(canTriage({ ...signal, permissions: { ...signal.permissions, update: false } })).toBe(false);
    expect(canTriage({ ...signal, status: 'closed' })).toBe(false);
    expect(canTriage({ ...signal, status: 'merged' })).toBe(false);
  });
});

describe('queue filters in the URL', () => {
  it('reads codes only and drops anything malformed', () => {
    const filters = parseQueueFilters(new URLSearchParams('status=closed&gemeente=GM0402&kanaal=mailbox&vorm=labour&acuut=ja&mijn=ja&pagina=3'));
    expect(filters).toEqual({ status: 'closed', municipality: 'GM0402', channel: 'mailbox', form: 'labour', acute: true, mine: true, page: 3 });
    expect(parseQueueFilters(new URLSearchParams('status=gone&gemeente=Hilversum&kanaal=fax&vorm=x&acuut=misschien&mijn=1&pagina=-1'))).toEqual({ page: 1 });
    expect(parseQueueFilters(new URLSearchParams('acuut=nee')).acute).toBe(false);
  });

  it('writes the same search back, leaving out page 1 and unset filters', () => {
    const search = '?status=closed&gemeente=GM0402&kanaal=mailbox&vorm=labour&acuut=nee&mijn=ja&pagina=2';
    expect(queueFiltersSearch(parseQueueFilters(new URLSearchParams(search)))).toBe(search);
    expect(queueFiltersSearch({ page: 1 })).toBe('');
    expect(hasActiveQueueFilters({ page: 4 })).toBe(false);
    expect(hasActiveQueueFilters({ page: 1, acute: false })).toBe(true);
  });

  it('asks the API for the open work in triage and for everything under "Mijn signalen"', () => {
    expect(queueQuery({ page: 1 }, 'triage')).toMatchObject({ status: 'open', mine: undefined, acute: undefined });
    expect(queueQuery({ page: 1 }, 'own')).toMatchObject({ status: 'all' });
    expect(queueQuery({ page: 1, status: 'closed', acute: false, mine: true }, 'triage')).toMatchObject({ status: 'closed', acute: 'false', mine: 'true' });
    expect(signalPath('a/b')).toBe('/signalen/a%2Fb');
  });
});

describe('indicator checklists', () => {
  const catalogue = {
    forms: [
      { code: 'sexual' as const, label: { nl: 'Seksueel', en: 'Sexual' } },
      { code: 'labour' as const, label: { nl: 'Arbeid', en: 'Labour' } },
    ],
    indicators: [
      { code: 'labour.debt', form: 'labour', label: { nl: 'Schuld', en: 'Debt' } },
      { code: 'general.fear', form: 'general', label: { nl: 'Angst', en: 'Fear' } },
      { code: 'sexual.ads', form: 'sexual', label: { nl: 'Advertenties', en: 'Ads' } },
    ],
  };

  it('groups them: general first, then in the order of the forms', () => {
    expect(indicatorGroups(catalogue).map((group) => group.form)).toEqual(['general', 'sexual', 'labour']);
  });

  it('drops the ticks of a form that is no longer chosen, keeping the general ones', () => {
    const draft = { ...emptySignalDraft(), forms: ['labour' as const, 'sexual' as const], indicators: ['general.fear', 'labour.debt', 'sexual.ads'] };
    expect(withForms(draft, ['sexual']).indicators).toEqual(['general.fear', 'sexual.ads']);
    expect(toggled(['sexual'], 'labour', true, (a, b) => (a === 'sexual' ? -1 : b === 'sexual' ? 1 : 0))).toEqual(['sexual', 'labour']);
  });
});

function draftWith(changes: Partial<SignalDraft>): SignalDraft {
  return { ...emptySignalDraft(), summary: 'Arbeiders slapen in een loods achter het bedrijf.', ...changes };
}

describe('checks before sending (mirroring the server)', () => {
  it('checks the BSN with the elfproef, as the server does', () => {
    const answers = { '111222333': true, '123456782': true, '999999990': true, '123456789': false, '000000000': false, '12345678': false, abcdefghi: false };
    for (const [value, valid] of Object.entries(answers)) expect(isValidBsn(value), value).toBe(valid);
  });

  it('asks for a description of at least 10 characters, and a period in order', () => {
    expect(signalDraftErrors(draftWith({ summary: '  ' }))).toEqual({ summary: 'required' });
    expect(signalDraftErrors(draftWith({ summary: 'te kort' }))).toEqual({ summary: 'tooShort' });
    expect(signalDraftErrors(draftWith({ periodFrom: '2026-03-01', periodUntil: '2026-02-01' }))).toEqual({ periodUntil: 'order' });
    expect(signalDraftErrors(draftWith({ periodFrom: '2026-02-30' }))).toEqual({ periodFrom: 'invalid' });
    expect(signalDraftErrors(draftWith({}))).toEqual({});
  });

  it('checks each person, business and location on its own path, and ignores groups left empty', () => {
    const person = { ...emptyGroup('persons'), name: 'Fictief', bsn: '123456789', email: 'geen-adres', approximateAge: '130' };
    const location = { ...emptyGroup('locations'), postcode: '12345' };
    const business = { ...emptyGroup('businesses'), kvkNumber: '1234' };
    const errors = signalDraftErrors(draftWith({ persons: [emptyGroup('persons'), person], locations: [location], businesses: [business] }));
    expect(errors).toEqual({
      'persons.1.role': 'required',
      'persons.1.bsn': 'invalid',
      'persons.1.email': 'invalid',
      'persons.1.approximateAge': 'invalid',
      'locations.0.postcode': 'invalid',
      'businesses.0.kvkNumber': 'invalid',
    });
    expect(errors['persons.0.role']).toBeUndefined();
    expect(signalDraftErrors(draftWith({ persons: [{ ...person, role: 'victim', bsn: '111 222 333', email: 'a@b.nl', approximateAge: '30' }] }))).toEqual({});
    expect(signalDraftErrors(draftWith({ persons: [{ ...emptyGroup('persons'), role: 'witness', name: 'x'.repeat(201) }] }))).toEqual({ 'persons.0.name': 'tooLong' });
  });

  it('turns error paths into field ids and messages, in the order of the form', () => {
    expect(fieldId('persons.1.bsn')).toBe('signal-persons-1-bsn');
    expect(errorMessageOf('persons.1.bsn', 'invalid')).toBe('bsn');
    expect(errorMessageOf('summary', 'tooShort')).toBe('summary.tooShort');
    expect(errorMessageOf('persons.0.role', 'required')).toBe('role');
    expect(errorMessageOf('periodUntil', 'order')).toBe('order');
    expect(errorMessageOf('persons.0.name', 'tooLong')).toBe('tooLong');
    const draft = draftWith({ persons: [emptyGroup('persons'), emptyGroup('persons')] });
    expect(orderedErrorPaths(draft, { attachments: 'unknown', 'persons.1.bsn': 'invalid', summary: 'required' })).toEqual(['summary', 'persons.1.bsn', 'attachments']);
  });
});

describe('what is sent', () => {
  it('leaves out empty groups, trims, and sends what the server schema accepts', () => {
    const id = newSubmissionId();
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const draft = draftWith({
      acute: true,
      meldcode: 'unknown',
      periodFrom: '2026-01-01',
      persons: [emptyGroup('persons'), { ...emptyGroup('persons'), role: 'victim', name: ' Anna (fictief) ', approximateAge: '24', bsn: '111 222 333' }],
      locations: [{ ...emptyGroup('locations'), street: 'Havenstraat', houseNumber: '3', place: 'Hilversum' }],
      vehicles: [emptyGroup('vehicles')],
      municipalities: ['GM0406', 'GM0402'],
      attachments: [{ id: '22222222-2222-4222-8222-222222222222', fileName: 'foto.jpg', mediaType: 'image/jpeg', sizeBytes: 10 }],
    });
    const { input, sent } = signalInputOf(draft, id);
    expect(sent).toEqual({ persons: [1], businesses: [], locations: [0], vehicles: [] });
    expect(input.persons).toEqual([{ role: 'victim', name: 'Anna (fictief)', alias: null, phone: null, email: null, approximateAge: 24, nationality: null, bsn: '111222333', description: null }]);
    expect(input).toMatchObject({ submissionId: id, acute: true, meldcodeApplies: null, periodFrom: '2026-01-01', periodUntil: null, vehicles: [], municipalities: ['GM0402', 'GM0406'] });
    expect(input.attachmentIds).toEqual(['22222222-2222-4222-8222-222222222222']);
    expect(signalInputOf(draftWith({ meldcode: 'yes' }), id).input.meldcodeApplies).toBe(true);
    expect(signalInputOf(draftWith({ meldcode: 'no' }), id).input.meldcodeApplies).toBe(false);
  });

  it('puts the server’s errors back on the form’s own fields, also when an empty group was left out', () => {
    const sent = { persons: [1, 3], businesses: [], locations: [0], vehicles: [] };
    const { errors, unplaced } = signalErrorsFrom(
      problem([
        { name: 'body.persons.1.bsn', code: 'custom' },
        { name: 'body.locations.0.postcode', code: 'invalid_format' },
        { name: 'body.periodUntil', code: 'custom' },
        { name: 'body.summary', code: 'too_small' },
        { name: 'body.indicators', code: 'signal.unknown-indicator' },
        { name: 'body.persons.0', code: 'unknown' },
      ]),
      sent,
    );
    expect(errors).toEqual({
      'persons.3.bsn': 'invalid',
      'locations.0.postcode': 'invalid',
      periodUntil: 'order',
      summary: 'tooShort',
      indicators: 'unknown',
      'persons.1.role': 'unknown',
    });
    expect(unplaced).toBe(false);
    expect(signalErrorsFrom(problem([{ name: 'body.submissionId', code: 'invalid_format' }, { name: 'query.x', code: 'unknown' }]), sent)).toEqual({ errors: {}, unplaced: true });
  });
});

describe('triage', () => {
  it('sends only what changed, with the version that was read', () => {
    const form = triageFormOf(signal);
    expect(triageFormErrors(signal, form)).toEqual({ form: 'nothing' });
    expect(triageUpdateOf(signal, { ...form, municipalities: ['GM0406', 'GM0402'] })).toEqual({ version: 3, municipalities: ['GM0402', 'GM0406'] });
    expect(triageUpdateOf(signal, { ...form, status: 'closed', closedReason: '  geen uitbuiting  ', acute: true, forms: [] })).toEqual({
      version: 3,
      status: 'closed',
      closedReason: 'geen uitbuiting',
      acute: true,
      forms: [],
    });
    expect(triageUpdateOf(signal, { ...form, status: 'in-triage', closedReason: 'vergeten' })).toEqual({ version: 3, status: 'in-triage' });
  });

  it('asks for a reason to close and at least one municipality', () => {
    const form = triageFormOf(signal);
    expect(triageFormErrors(signal, { ...form, status: 'closed' })).toEqual({ closedReason: 'required' });
    expect(triageFormErrors(signal, { ...form, status: 'closed', closedReason: 'ok' })).toEqual({ closedReason: 'tooShort' });
    expect(triageFormErrors(signal, { ...form, municipalities: [] })).toEqual({ municipalities: 'required' });
    expect(triageFormErrors(signal, { ...form, status: 'forwarded' })).toEqual({});
    expect(linkReasonError(' ')).toBe('required');
    expect(linkReasonError('ab')).toBe('tooShort');
    expect(linkReasonError('x'.repeat(1001))).toBe('tooLong');
    expect(linkReasonError('zelfde adres')).toBeUndefined();
  });

  it('recognises a version conflict, and lists duplicates the user may open first', () => {
    expect(isVersionConflict(problem([], 'signal.version-conflict'))).toBe(true);
    expect(isVersionConflict(problem([]))).toBe(false);
    const list = [
      { id: 'a', visible: false, receivedAt: '2026-03-03T00:00:00Z' },
      { id: 'b', visible: true, receivedAt: '2026-03-01T00:00:00Z' },
      { id: 'c', visible: true, receivedAt: '2026-03-02T00:00:00Z' },
    ];
    expect(sortedDuplicates(list).map((d) => d.id)).toEqual(['c', 'b', 'a']);
    const municipalities = [
      { code: 'GM0406', name: 'Huizen', derived: false },
      { code: 'GM0402', name: 'Hilversum', derived: true },
    ];
    expect(sortedMunicipalities({ municipalities }).map((m) => m.name)).toEqual(['Hilversum', 'Huizen']);
  });
});
