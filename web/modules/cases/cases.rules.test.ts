import type { Me } from '@server/modules/identity/identity.schema';
import { describe, expect, it } from 'vitest';
import type { ApiError } from '@web/core/api/client';
import {
  actedAtError,
  actionBody,
  actionErrors,
  assessmentErrors,
  assessmentsFor,
  bulkCounts,
  bulkOutcomeRows,
  canStartCaseFrom,
  canUseCases,
  dateError,
  factsBody,
  factsErrors,
  factsFormOf,
  formErrorKind,
  handoverChoices,
  isVersionConflict,
  newCaseBody,
  newCaseErrors,
  newCaseFormOf,
  openTracksOf,
  parseWorkListFilters,
  searchBody,
  searchTextError,
  signalIdsOf,
  sortedActions,
  textError,
  toggled,
  toggledAll,
  toggledSelection,
  type Track,
  workCountLabel,
  workListQuery,
  workListSearch,
  worksCases,
} from './cases.rules';

const me = (roles: Me['roles'], municipalities: string[] = ['GM0402'], allMunicipalities = false) => ({ roles, municipalities, allMunicipalities }) as unknown as Me;
const A = '00000000-0000-4000-8000-000000000001';
const B = '00000000-0000-4000-8000-000000000002';
const problem = (code: string, invalidParams: { name: string; code: string; reason: string }[] = []) =>
  ({ status: 409, problem: { title: code, status: 409, code, instance: '/x', invalidParams }, invalidParams }) as unknown as ApiError;

describe('who sees cases', () => {
  it('shows the cases screens to the case roles and starting a case only to the case workers', () => {
    expect(canUseCases(me(['aandachtsfunctionaris']))).toBe(true);
    expect(canUseCases(me(['zorgcoordinator']))).toBe(true);
    expect(canUseCases(me(['signaleerder']))).toBe(false);
    expect(canUseCases(undefined)).toBe(false);
    expect(worksCases(me(['tafellid']))).toBe(false);
    expect(worksCases(me(['ketenregisseur']))).toBe(true);
  });

  it('offers "start a case" on a signal the user may triage that is not forwarded, closed or merged', () => {
    const worker = me(['aandachtsfunctionaris']);
    expect(canStartCaseFrom({ status: 'new', permissions: { update: true } }, worker)).toBe(true);
    expect(canStartCaseFrom({ status: 'in-triage', permissions: { update: true } }, worker)).toBe(true);
    for (const status of ['forwarded', 'closed', 'merged']) expect(canStartCaseFrom({ status, permissions: { update: true } }, worker)).toBe(false);
    expect(canStartCaseFrom({ status: 'new', permissions: { update: false } }, worker)).toBe(false);
    expect(canStartCaseFrom({ status: 'new', permissions: { update: true } }, me(['signaleerder']))).toBe(false);
  });
});

describe('the work list in the URL', () => {
  it('reads codes and drops what is malformed', () => {
    expect(parseWorkListFilters(new URLSearchParams('status=monitoring&gemeente=GM0402&toegewezen=mij&termijn=verlopen&sortering=nieuwste&pagina=3'))).toEqual({
      status: 'monitoring',
      municipality: 'GM0402',
      assigned: 'me',
      overdue: true,
      sort: 'newest',
      page: 3,
    });
    expect(parseWorkListFilters(new URLSearchParams('status=weg&gemeente=Hilversum&toegewezen=jan&pagina=-1&sortering=x'))).toEqual({ page: 1 });
  });

  it('writes back what it read, leaving defaults out', () => {
    const search = '?status=all&gemeente=GM0402&toegewezen=niemand&termijn=verlopen&sortering=gewijzigd&pagina=2';
    expect(workListSearch(parseWorkListFilters(new URLSearchParams(search)))).toBe(search);
    expect(workListSearch({ status: 'open', sort: 'due', page: 1 })).toBe('');
  });

  it('asks the API for open cases by deadline unless told otherwise', () => {
    expect(workListQuery({ page: 1 })).toEqual({ status: 'open', municipality: undefined, assigned: undefined, overdue: undefined, sort: 'due' });
    expect(workListQuery({ overdue: true, assigned: 'none', page: 1 })).toMatchObject({ overdue: 'true', assigned: 'none' });
  });

  it('puts the search text only in the body, with the list filters', () => {
    expect(searchBody('  nagelstudio ', { municipality: 'GM0402', overdue: true, page: 2 })).toEqual({ text: 'nagelstudio', status: 'open', municipality: 'GM0402', overdue: true });
    expect(searchTextError(' a ')).toBe('tooShort');
    expect(searchTextError('x'.repeat(101))).toBe('tooLong');
    expect(searchTextError('ab')).toBeUndefined();
  });

  it('takes the signal ids of a new case from the URL: uuids only, once, at most 50', () => {
    expect(signalIdsOf(new URLSearchParams(`signalen=${A},nope,${B},${A}`))).toEqual([A, B]);
    expect(signalIdsOf(new URLSearchParams(''))).toEqual([]);
  });
});

describe('selection and bulk outcomes', () => {
  it('selects rows one by one and the whole page, and unselects the page when all were selected', () => {
    const rows = [{ id: A, reference: 'CS-1' }, { id: B, reference: 'CS-2' }];
    const one = toggledSelection(new Map(), rows[0]!, true);
    expect([...one.entries()]).toEqual([[A, 'CS-1']]);
    const all = toggledAll(one, rows);
    expect([...all.keys()].sort()).toEqual([A, B]);
    expect(toggledAll(all, rows).size).toBe(0);
    expect(toggledSelection(all, rows[1]!, false).has(B)).toBe(false);
  });

  it('counts the outcomes and lists conflicts and refusals first, by the reference the user knows', () => {
    const results = [
      { caseId: A, outcome: 'done' as const, code: null },
      { caseId: B, outcome: 'conflict' as const, code: 'case.open-tracks' },
      { caseId: 'c', outcome: 'refused' as const, code: 'case.not-found' },
    ];
    expect(bulkCounts(results)).toEqual({ done: 1, refused: 1, conflict: 1, invalid: 0 });
    expect(bulkOutcomeRows(results, new Map([[A, 'CS-1'], [B, 'CS-2']])).map((r) => `${r.reference}:${r.outcome}`)).toEqual(['CS-2:conflict', 'c:refused', 'CS-1:done']);
  });
});

describe('forms', () => {
  const today = '2026-12-01';

  it('checks texts and dates as the server does', () => {
    expect(textError('  ', 1, 10)).toBe('required');
    expect(textError('', 0, 10)).toBeUndefined();
    expect(textError('ab', 3, 10)).toBe('tooShort');
    expect(textError('x'.repeat(11), 1, 10)).toBe('tooLong');
    expect(dateError('', today, 'notAfterToday')).toBe('required');
    expect(dateError('1-12-2026', today, 'notAfterToday')).toBe('invalid');
    expect(dateError('2026-12-02', today, 'notAfterToday')).toBe('future');
    expect(dateError('2026-11-30', today, 'notBeforeToday')).toBe('past');
    expect(dateError(today, today, 'notBeforeToday')).toBeUndefined();
  });

  it('maps server codes to messages: a due date too small is in the past, a consultation date too big in the future', () => {
    expect(formErrorKind('too_small', 'dueOn')).toBe('past');
    expect(formErrorKind('too_small', 'title')).toBe('tooShort');
    expect(formErrorKind('too_big', 'consultedOn')).toBe('future');
    expect(formErrorKind('case.unknown-municipality', 'municipalities')).toBe('invalid');
  });

  it('starts a new case from its signals: the lead is a municipality of the user, the forms are the signals’', () => {
    const signals = [
      { municipalities: [{ code: 'GM0417' }, { code: 'GM0402' }], forms: ['labour' as const] },
      { municipalities: [{ code: 'GM0402' }], forms: ['sexual' as const, 'labour' as const] },
    ];
    expect(newCaseFormOf(signals, ['GM0402'])).toEqual({ title: '', summary: '', leadMunicipality: 'GM0402', municipalities: ['GM0417'], forms: ['sexual', 'labour'] });
    expect(newCaseFormOf(signals, 'all').leadMunicipality).toBe('GM0417');
    const form = { title: ' Loods ', summary: '', leadMunicipality: 'GM0402', municipalities: ['GM0402', 'GM0417'], forms: [] };
    expect(newCaseErrors({ ...form, title: 'ab', leadMunicipality: '' }, [])).toEqual({ signalIds: 'required', title: 'tooShort', leadMunicipality: 'required' });
    expect(newCaseBody(form, [A])).toEqual({ signalIds: [A], title: 'Loods', summary: '', leadMunicipality: 'GM0402', municipalities: ['GM0417'] });
  });

  it('sends only the facts that changed, and no call when nothing did', () => {
    const item = { version: 4, title: 'Loods Industrieweg', summary: '', forms: ['labour' as const] };
    const form = factsFormOf(item);
    expect(factsBody(item, form)).toBeUndefined();
    expect(factsBody(item, { ...form, title: ' Loods Industrieweg ' })).toBeUndefined();
    expect(factsBody(item, { ...form, title: 'Loods Havenweg', forms: ['sexual', 'labour'] })).toEqual({ version: 4, title: 'Loods Havenweg', forms: ['sexual', 'labour'] });
    expect(factsBody(item, { ...form, summary: 'Acht mensen op één adres.' })).toEqual({ version: 4, summary: 'Acht mensen op één adres.' });
    expect(factsErrors({ ...form, title: 'ab' })).toEqual({ title: 'tooShort' });
    expect(factsErrors({ ...form, title: ' ' })).toEqual({ title: 'required' });
    expect(factsErrors(form)).toEqual({});
  });

  it('keeps checkbox lists in their own order', () => {
    expect(toggled(['labour'], 'sexual', true, ['sexual', 'labour'])).toEqual(['sexual', 'labour']);
    expect(toggled(['sexual', 'labour'], 'sexual', false, ['sexual', 'labour'])).toEqual(['labour']);
  });

  it('needs a close reason code only when closing, and offers the decisions the stage allows', () => {
    expect(assessmentErrors({ decision: '', reason: '', closeReasonCode: '' })).toEqual({ decision: 'required', reason: 'required' });
    expect(assessmentErrors({ decision: 'close', reason: 'geen uitbuiting', closeReasonCode: '' })).toEqual({ closeReasonCode: 'required' });
    expect(assessmentsFor('enrichment')).toEqual(['local-help', 'acute-care', 'table', 'close']);
    expect(assessmentsFor('put-forward')).toEqual(['local-help', 'acute-care', 'close']);
    expect(assessmentsFor('monitoring')).toEqual(['acute-care', 'table', 'close']);
    expect(assessmentsFor('closed')).toEqual([]);
  });

  it('gives an action an owner (an organisation, or the user) and a due date today or later', () => {
    expect(actionErrors({ description: '', ownerKind: 'organisation', ownerOrganisationId: '', dueOn: '2026-11-01' }, today)).toEqual({ description: 'required', ownerOrganisationId: 'required', dueOn: 'past' });
    expect(actionErrors({ description: 'Bellen', ownerKind: 'person', ownerOrganisationId: '', dueOn: today }, today)).toEqual({});
    expect(actionBody({ description: ' Bellen ', ownerKind: 'person', ownerOrganisationId: B, dueOn: today }, A)).toEqual({ description: 'Bellen', dueOn: today, ownerUserId: A });
    expect(actionBody({ description: 'Bellen', ownerKind: 'organisation', ownerOrganisationId: B, dueOn: today }, A)).toEqual({ description: 'Bellen', dueOn: today, ownerOrganisationId: B });
  });

  it('refuses an intervention in the future', () => {
    const now = new Date('2026-12-01T12:00:00Z');
    expect(actedAtError('', now)).toBe('required');
    expect(actedAtError('gisteren', now)).toBe('invalid');
    expect(actedAtError('2026-12-02T10:00', now)).toBe('future');
    expect(actedAtError('2026-11-30T10:00', now)).toBeUndefined();
  });
});

describe('problems and what the page shows', () => {
  const track = (id: string, status: 'open' | 'closed') => ({ id, status, kind: 'care' }) as unknown as Track;

  it('treats a stale case, track or action as a version conflict', () => {
    expect(isVersionConflict(problem('case.version-conflict'))).toBe(true);
    expect(isVersionConflict(problem('track.version-conflict'))).toBe(true);
    expect(isVersionConflict(problem('case.open-tracks'))).toBe(false);
    expect(isVersionConflict(undefined)).toBe(false);
  });

  it('names the open tracks a refused closure lists, or all open ones', () => {
    const tracks = [track(A, 'open'), track(B, 'open'), track('00000000-0000-4000-8000-000000000003', 'closed')];
    expect(openTracksOf(problem('case.open-tracks', [{ name: 'tracks', code: 'case.track-open', reason: `track ${B} (care) is still open` }]), tracks).map((t) => t.id)).toEqual([B]);
    expect(openTracksOf(problem('case.open-tracks'), tracks).map((t) => t.id)).toEqual([A, B]);
    expect(openTracksOf(problem('case.closed'), tracks)).toEqual([]);
  });

  it('lets the receiving side accept or decline and the sending side withdraw', () => {
    const handover = { canDecide: true, from: 'GM0402', to: 'GM0417' };
    expect(handoverChoices(handover, me(['aandachtsfunctionaris'], ['GM0417']))).toEqual(['accepted', 'declined']);
    expect(handoverChoices(handover, me(['aandachtsfunctionaris'], ['GM0402']))).toEqual(['withdrawn']);
    expect(handoverChoices(handover, me(['ketenregisseur'], []))).toEqual(['accepted', 'declined', 'withdrawn']);
    expect(handoverChoices({ ...handover, canDecide: false }, me(['ketenregisseur'], []))).toEqual([]);
  });

  it('shows open actions first by due date', () => {
    const actions = [
      { id: '1', status: 'done', dueOn: '2026-01-01' },
      { id: '2', status: 'open', dueOn: '2026-03-01' },
      { id: '3', status: 'open', dueOn: '2026-02-01' },
    ] as never[];
    expect(sortedActions(actions).map((a: { id: string }) => a.id)).toEqual(['3', '2', '1']);
  });

  it('shows the work count only when there is work', () => {
    expect(workCountLabel(3)).toBe(' (3)');
    expect(workCountLabel(0)).toBe('');
    expect(workCountLabel(undefined)).toBe('');
  });
});
