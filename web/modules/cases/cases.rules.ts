import type { Role } from '@server/core/auth/roles';
import type { Me } from '@server/modules/identity/identity.schema';
import type { Case, caseSummarySchema } from '@server/modules/cases/cases.schema';
import type { z } from 'zod';
import type { ApiError } from '@web/core/api/client';

export type CaseStatus = Case['status'];
export type CaseAssessment = NonNullable<Case['assessment']>['decision'];
export type CloseReasonCode = NonNullable<Case['closed']>['reasonCode'];
export type Track = NonNullable<Case['tracks']>[number];
export type TrackKind = Track['kind'];
export type TrackMeasure = NonNullable<Track['measure']>;
export type TrackAction = Track['actions'][number];
export type InterventionAuthority = NonNullable<Case['interventions']>[number]['authority'];
export type FieldGroup = Case['withheld'][number];
export type CaseSummary = z.infer<typeof caseSummarySchema>;

// Records keyed by the server's types make tsc fail when the server adds a value the screens do not know.
const statusSet: Record<CaseStatus, true> = { enrichment: true, 'put-forward': true, monitoring: true, closed: true };
const assessmentSet: Record<CaseAssessment, true> = { 'local-help': true, 'acute-care': true, table: true, close: true };
const closeReasonSet: Record<CloseReasonCode, true> = {
  'no-exploitation': true,
  'handled-locally': true,
  'tracks-completed': true,
  'moved-away': true,
  'declined-help': true,
  'referred-elsewhere': true,
  other: true,
};
const trackKindSet: Record<TrackKind, true> = { care: true, 'care-criminal': true, undermining: true, administrative: true, 'local-help': true };
const measureSet: Record<TrackMeasure, true> = { closure: true, bibob: true, permit: true, other: true };
const authoritySet: Record<InterventionAuthority, true> = { 'police-om': true, mayor: true, 'care-coordinator': true };

type ExploitationForm = NonNullable<Case['forms']>[number];
const formSet: Record<ExploitationForm, true> = { sexual: true, labour: true, criminal: true, begging: true, 'organ-removal': true, 'forced-marriage': true, other: true, unknown: true };
export const exploitationForms = Object.keys(formSet) as ExploitationForm[];
export type { ExploitationForm };

export const caseStatuses = Object.keys(statusSet) as CaseStatus[];
export const caseAssessments = Object.keys(assessmentSet) as CaseAssessment[];
export const closeReasonCodes = Object.keys(closeReasonSet) as CloseReasonCode[];
export const trackKinds = Object.keys(trackKindSet) as TrackKind[];
export const trackMeasures = Object.keys(measureSet) as TrackMeasure[];
export const interventionAuthorities = Object.keys(authoritySet) as InterventionAuthority[];

export const isCaseStatus = (value: unknown): value is CaseStatus => typeof value === 'string' && Object.hasOwn(statusSet, value);
export const isCloseReasonCode = (value: unknown): value is CloseReasonCode => typeof value === 'string' && Object.hasOwn(closeReasonSet, value);
export const isTrackKind = (value: unknown): value is TrackKind => typeof value === 'string' && Object.hasOwn(trackKindSet, value);

// --- Who sees what (the server decides again on every request) -------------------------------

/** Roles that work cases on their own account (the server's caseWorkerRoles). */
export const caseWorkerRoles: readonly Role[] = ['aandachtsfunctionaris', 'ketenregisseur'];
/** Roles that see the cases granted to them (the server's caseRoles). */
export const caseRoles: readonly Role[] = [...caseWorkerRoles, 'tafellid', 'zorgcoordinator', 'procesregisseur'];

export const canUseCases = (me: Me | undefined): boolean => Boolean(me?.roles.some((role) => caseRoles.includes(role)));
/** Starting a case, bulk actions and export: only the case workers. */
export const worksCases = (me: Me | undefined): boolean => Boolean(me?.roles.some((role) => caseWorkerRoles.includes(role)));

/** Whether the signal page offers "Casus starten": the server lets the user triage it and it is not in a case, closed or merged yet. */
export function canStartCaseFrom(signal: { status: string; permissions: { update: boolean } }, me: Me | undefined): boolean {
  return signal.permissions.update && worksCases(me) && !['forwarded', 'closed', 'merged'].includes(signal.status);
}

// --- Paths: ids only, never names --------------------------------------------------------------

export const casesPath = '/casussen';
export const newCasePath = `${casesPath}/nieuw`;
export const myWorkPath = '/mijn-werk';
export const casePath = (id: string) => `${casesPath}/${encodeURIComponent(id)}`;
export const urgentConsultationPath = (id: string) => `${casePath(id)}/spoed-mdo`;
export const newCaseFromSignals = (ids: readonly string[]) => `${newCasePath}?signalen=${ids.map(encodeURIComponent).join(',')}`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string) => UUID.test(value);

/** The signal ids of `?signalen=a,b`: valid uuids only, without doubles, at most 50 (as the server). */
export function signalIdsOf(search: URLSearchParams): string[] {
  const ids = (search.get('signalen') ?? '').split(',').map((id) => id.trim()).filter(isUuid);
  return [...new Set(ids)].slice(0, 50);
}

// --- The work list's filters in the URL ---------------------------------------------------------

export type StatusFilter = 'open' | CaseStatus | 'all';
export const statusFilters: StatusFilter[] = ['open', ...caseStatuses, 'all'];
export type AssignedFilter = 'me' | 'none';
export type CaseSort = 'due' | 'newest' | 'oldest' | 'updated';
export const caseSorts: CaseSort[] = ['due', 'newest', 'oldest', 'updated'];

export interface WorkListFilters {
  status?: StatusFilter;
  municipality?: string;
  assigned?: AssignedFilter;
  overdue?: boolean;
  sort?: CaseSort;
  page: number;
}

/** Query parameters of /casussen, in Dutch like the route; codes only. */
const param = { status: 'status', municipality: 'gemeente', assigned: 'toegewezen', overdue: 'termijn', sort: 'sortering', page: 'pagina' } as const;
const assignedParam: Record<AssignedFilter, string> = { me: 'mij', none: 'niemand' };
const sortParam: Record<CaseSort, string> = { due: 'termijn', newest: 'nieuwste', oldest: 'oudste', updated: 'gewijzigd' };
const MUNICIPALITY = /^GM\d{4}$/;

const keyOf = <K extends string>(record: Record<K, string>, value: string | null): K | undefined =>
  (Object.keys(record) as K[]).find((key) => record[key] === value);

/** Reads the filters from the URL; anything malformed is dropped rather than sent on. */
export function parseWorkListFilters(search: URLSearchParams): WorkListFilters {
  const status = search.get(param.status);
  const municipality = search.get(param.municipality) ?? '';
  const assigned = keyOf(assignedParam, search.get(param.assigned));
  const sort = keyOf(sortParam, search.get(param.sort));
  const page = Number(search.get(param.page) ?? '1');
  return {
    ...(status && (statusFilters as string[]).includes(status) ? { status: status as StatusFilter } : {}),
    ...(MUNICIPALITY.test(municipality) ? { municipality } : {}),
    ...(assigned ? { assigned } : {}),
    ...(search.get(param.overdue) === 'verlopen' ? { overdue: true } : {}),
    ...(sort && sort !== 'due' ? { sort } : {}),
    page: Number.isInteger(page) && page >= 1 ? page : 1,
  };
}

/** The search string of the page URL; page 1, the default sort and unset filters are left out. */
export function workListSearch(filters: WorkListFilters): string {
  const search = new URLSearchParams();
  if (filters.status && filters.status !== 'open') search.set(param.status, filters.status);
  if (filters.municipality) search.set(param.municipality, filters.municipality);
  if (filters.assigned) search.set(param.assigned, assignedParam[filters.assigned]);
  if (filters.overdue) search.set(param.overdue, 'verlopen');
  if (filters.sort && filters.sort !== 'due') search.set(param.sort, sortParam[filters.sort]);
  if (filters.page > 1) search.set(param.page, String(filters.page));
  const result = search.toString();
  return result ? `?${result}` : '';
}

export const hasActiveFilters = (filters: WorkListFilters) =>
  Boolean((filters.status && filters.status !== 'open') || filters.municipality || filters.assigned || filters.overdue);

/** The API's query of `GET /cases`. */
export function workListQuery(filters: WorkListFilters): Record<string, string | undefined> {
  return {
    status: filters.status ?? 'open',
    municipality: filters.municipality,
    assigned: filters.assigned,
    overdue: filters.overdue ? 'true' : undefined,
    sort: filters.sort ?? 'due',
  };
}

/** The body of `POST /cases/_search`: the text only there, never in a URL; the list filters apply too. */
export function searchBody(text: string, filters: WorkListFilters): Record<string, unknown> {
  return {
    text: text.trim(),
    status: filters.status ?? 'open',
    ...(filters.municipality ? { municipality: filters.municipality } : {}),
    ...(filters.overdue ? { overdue: true } : {}),
  };
}

/** Search text must be 2 to 100 characters (as the server). */
export function searchTextError(text: string): 'tooShort' | 'tooLong' | undefined {
  const value = text.trim();
  if (value.length < 2) return 'tooShort';
  if (value.length > 100) return 'tooLong';
  return undefined;
}

// --- Selection and bulk actions -----------------------------------------------------------------

/** The selection: case id → reference, so the outcome of a bulk action names each case after the list changed. */
export type Selection = ReadonlyMap<string, string>;

export function toggledSelection(selected: Selection, row: { id: string; reference: string }, on: boolean): Map<string, string> {
  const next = new Map(selected);
  if (on) next.set(row.id, row.reference);
  else next.delete(row.id);
  return next;
}

/** Select all on the page, or none of the page when all already are. */
export function toggledAll(selected: Selection, rows: readonly { id: string; reference: string }[]): Map<string, string> {
  const all = rows.length > 0 && rows.every((row) => selected.has(row.id));
  const next = new Map(selected);
  for (const row of rows) {
    if (all) next.delete(row.id);
    else next.set(row.id, row.reference);
  }
  return next;
}

export type BulkOutcome = 'done' | 'refused' | 'conflict' | 'invalid';
export interface BulkResult {
  caseId: string;
  outcome: BulkOutcome;
  code: string | null;
}

/** The per-case outcome with the reference the user knows, refusals and conflicts first. */
export function bulkOutcomeRows(results: readonly BulkResult[], references: ReadonlyMap<string, string>): (BulkResult & { reference: string })[] {
  const order: Record<BulkOutcome, number> = { conflict: 0, refused: 1, invalid: 2, done: 3 };
  return results
    .map((result) => ({ ...result, reference: references.get(result.caseId) ?? result.caseId }))
    .sort((a, b) => order[a.outcome] - order[b.outcome] || a.reference.localeCompare(b.reference));
}

export function bulkCounts(results: readonly BulkResult[]): Record<BulkOutcome, number> {
  const counts: Record<BulkOutcome, number> = { done: 0, refused: 0, conflict: 0, invalid: 0 };
  for (const result of results) counts[result.outcome] += 1;
  return counts;
}

// --- Forms: what a form can tell before asking (the server checks again) ------------------------

export type FormErrorKind = 'required' | 'tooShort' | 'tooLong' | 'invalid' | 'past' | 'future';
export type FormErrors<F extends string> = Partial<Record<F, FormErrorKind>>;

/** A text of `min` to `max` characters after trimming; `min` 0 means optional. */
export function textError(value: string, min: number, max: number): FormErrorKind | undefined {
  const text = value.trim();
  if (text === '') return min > 0 ? 'required' : undefined;
  if (text.length < min) return 'tooShort';
  if (text.length > max) return 'tooLong';
  return undefined;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar date (YYYY-MM-DD); `notAfter`/`notBefore` compare with today's date. */
export function dateError(value: string, today: string, rule: 'notAfterToday' | 'notBeforeToday'): FormErrorKind | undefined {
  if (value === '') return 'required';
  if (!DATE.test(value)) return 'invalid';
  if (rule === 'notAfterToday' && value > today) return 'future';
  if (rule === 'notBeforeToday' && value < today) return 'past';
  return undefined;
}

/** Today in the Netherlands (YYYY-MM-DD), for date checks and date fields' defaults. */
export function todayInAmsterdam(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** The server's validation codes to the kinds of message the case forms show. */
export function formErrorKind(code: string, field: string): FormErrorKind {
  if (code === 'too_small') return field === 'dueOn' ? 'past' : 'tooShort';
  if (code === 'too_big') return field === 'consultedOn' || field === 'actedAt' ? 'future' : 'tooLong';
  if (code === 'invalid_type' || code === 'required') return 'required';
  return 'invalid';
}

export const only = <F extends string>(errors: Partial<Record<F, FormErrorKind | undefined>>): FormErrors<F> =>
  Object.fromEntries(Object.entries(errors).filter(([, kind]) => kind !== undefined)) as FormErrors<F>;

export interface NewCaseForm {
  title: string;
  summary: string;
  leadMunicipality: string;
  municipalities: string[];
  forms: ExploitationForm[];
}

/** The form's start from the signals: the lead is the first of their municipalities the user works for, the forms are theirs. */
export function newCaseFormOf(signals: readonly { municipalities: { code: string }[]; forms: ExploitationForm[] }[], mine: readonly string[] | 'all'): NewCaseForm {
  const codes = [...new Set(signals.flatMap((signal) => signal.municipalities.map((m) => m.code)))];
  const lead = codes.find((code) => mine === 'all' || mine.includes(code)) ?? (mine === 'all' ? '' : (mine[0] ?? ''));
  return {
    title: '',
    summary: '',
    leadMunicipality: lead,
    municipalities: codes.filter((code) => code !== lead),
    forms: exploitationForms.filter((form) => signals.some((signal) => signal.forms.includes(form))),
  };
}

/** Adds or removes one item of a checkbox list, keeping the list's own order. */
export function toggled<T extends string>(list: readonly T[], item: T, on: boolean, order: readonly T[]): T[] {
  const rest = list.filter((value) => value !== item);
  const next = on ? [...rest, item] : rest;
  return [...order.filter((value) => next.includes(value)), ...next.filter((value) => !order.includes(value))];
}
export type NewCaseField = 'signalIds' | 'title' | 'summary' | 'leadMunicipality' | 'municipalities';

export function newCaseErrors(form: NewCaseForm, signalIds: readonly string[]): FormErrors<NewCaseField> {
  return only({
    signalIds: signalIds.length === 0 ? 'required' : undefined,
    title: textError(form.title, 3, 200),
    summary: textError(form.summary, 0, 10_000),
    leadMunicipality: form.leadMunicipality ? undefined : 'required',
  });
}

/** The create body: the lead is not also an involved municipality; no forms chosen means the signals' forms. */
export function newCaseBody(form: NewCaseForm, signalIds: readonly string[]) {
  return {
    signalIds: [...signalIds],
    title: form.title.trim(),
    summary: form.summary.trim(),
    leadMunicipality: form.leadMunicipality,
    municipalities: form.municipalities.filter((code) => code !== form.leadMunicipality),
    ...(form.forms.length > 0 ? { forms: form.forms } : {}),
  };
}

/** Changing a case's facts on its page: title, summary and forms (the server checks again and keeps a timeline event). */
export interface FactsForm {
  title: string;
  summary: string;
  forms: ExploitationForm[];
}
export type FactsField = 'title' | 'summary';

export const factsFormOf = (item: Pick<Case, 'title' | 'summary' | 'forms'>): FactsForm => ({ title: item.title ?? '', summary: item.summary ?? '', forms: [...(item.forms ?? [])] });

export function factsErrors(form: FactsForm): FormErrors<FactsField> {
  return only({ title: textError(form.title, 3, 200), summary: textError(form.summary, 0, 10_000) });
}

/** Only what changed goes to the server (the timeline names the fields); nothing changed is no call. */
export function factsBody(item: Pick<Case, 'title' | 'summary' | 'forms' | 'version'>, form: FactsForm): { version: number; title?: string; summary?: string; forms?: ExploitationForm[] } | undefined {
  const title = form.title.trim();
  const summary = form.summary.trim();
  const inOrder = (list: readonly string[]) => exploitationForms.filter((code) => list.includes(code));
  const forms = inOrder(form.forms);
  const changes = {
    ...(title !== (item.title ?? '') ? { title } : {}),
    ...(summary !== (item.summary ?? '') ? { summary } : {}),
    ...(forms.join() !== inOrder(item.forms ?? []).join() ? { forms } : {}),
  };
  return Object.keys(changes).length > 0 ? { version: item.version, ...changes } : undefined;
}

export interface AssessmentForm {
  decision: CaseAssessment | '';
  reason: string;
  closeReasonCode: CloseReasonCode | '';
}
export type AssessmentField = 'decision' | 'reason' | 'closeReasonCode';

export function assessmentErrors(form: AssessmentForm): FormErrors<AssessmentField> {
  return only({
    decision: form.decision ? undefined : 'required',
    reason: textError(form.reason, 1, 5000),
    closeReasonCode: form.decision === 'close' && !form.closeReasonCode ? 'required' : undefined,
  });
}

/** The decisions the server allows from the case's stage (cases.service assessCase). */
export function assessmentsFor(status: CaseStatus): CaseAssessment[] {
  const allowedFrom: Record<CaseAssessment, CaseStatus[]> = {
    'local-help': ['enrichment', 'put-forward'],
    'acute-care': ['enrichment', 'put-forward', 'monitoring'],
    table: ['enrichment', 'monitoring'],
    close: ['enrichment', 'put-forward', 'monitoring'],
  };
  return caseAssessments.filter((decision) => allowedFrom[decision].includes(status));
}

export interface ActionForm {
  description: string;
  ownerKind: 'organisation' | 'person';
  ownerOrganisationId: string;
  dueOn: string;
}
export type ActionField = 'description' | 'ownerOrganisationId' | 'ownerUserId' | 'dueOn';

export function actionErrors(form: ActionForm, today: string): FormErrors<ActionField> {
  return only({
    description: textError(form.description, 1, 2000),
    ownerOrganisationId: form.ownerKind === 'organisation' && !form.ownerOrganisationId ? 'required' : undefined,
    dueOn: dateError(form.dueOn, today, 'notBeforeToday'),
  });
}

/** "Person" is the user themself: the form offers no list of people, only "me" (ownerUserId). */
export function actionBody(form: ActionForm, myUserId: string) {
  return {
    description: form.description.trim(),
    dueOn: form.dueOn,
    ...(form.ownerKind === 'person' ? { ownerUserId: myUserId } : { ownerOrganisationId: form.ownerOrganisationId }),
  };
}

/** A `datetime-local` value (local time, Europe/Amsterdam in practice) as an ISO instant. */
export function localDateTimeToIso(value: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

export function actedAtError(value: string, now: Date = new Date()): FormErrorKind | undefined {
  if (value === '') return 'required';
  const iso = localDateTimeToIso(value);
  if (!iso) return 'invalid';
  return new Date(iso).getTime() > now.getTime() + 5 * 60_000 ? 'future' : undefined;
}

// --- Problems ------------------------------------------------------------------------------------

/** A stale version of the case or of a track/action: nothing changed, the page offers a reload. */
export const isVersionConflict = (error: ApiError | undefined) => Boolean(error?.problem?.code.endsWith('.version-conflict'));

/** The tracks a refused closure names (`case.open-tracks`), as the case shows them; all open ones when the problem names none. */
export function openTracksOf(error: ApiError | undefined, tracks: readonly Track[] | null): Track[] {
  if (error?.problem?.code !== 'case.open-tracks') return [];
  const open = (tracks ?? []).filter((track) => track.status === 'open');
  const named = new Set(error.invalidParams.map((p) => /track ([0-9a-f-]{36})/i.exec(p.reason ?? '')?.[1]).filter(Boolean));
  const listed = open.filter((track) => named.has(track.id));
  return listed.length > 0 ? listed : open;
}

// --- What the case page shows ---------------------------------------------------------------------

/** Whether a part of the case is shown, or withheld from the reader's organisation (the server sent null). */
export const isWithheld = (item: Pick<Case, 'withheld'>, group: FieldGroup) => item.withheld.includes(group);

export const isClosed = (item: Pick<Case, 'status'>) => item.status === 'closed';

/** Changes the case page offers: the server says the user may update, and the case is open. */
export const canChange = (item: Pick<Case, 'status' | 'permissions'>) => item.permissions.update && !isClosed(item);

export const openTracks = (item: Pick<Case, 'tracks'>) => (item.tracks ?? []).filter((track) => track.status === 'open');

/** Actions in the order to show: open first by due date, then done and cancelled. */
export function sortedActions(actions: readonly TrackAction[]): TrackAction[] {
  return [...actions].sort((a, b) => Number(a.status !== 'open') - Number(b.status !== 'open') || a.dueOn.localeCompare(b.dueOn));
}

/** The municipalities, lead first, then by name. */
export function sortedCaseMunicipalities(item: Pick<Case, 'municipalities'>): Case['municipalities'] {
  return [...item.municipalities].sort((a, b) => Number(b.lead) - Number(a.lead) || a.name.localeCompare(b.name, 'nl'));
}

/** The navigation's count text: "Mijn werk (3)"; nothing when there is no work. */
export const workCountLabel = (total: number | undefined) => (total && total > 0 ? ` (${total})` : '');

export type Handover = Case['handovers'][number];
export type HandoverDecision = 'accepted' | 'declined' | 'withdrawn';

/** The receiving municipality accepts or declines, the sending side withdraws, the ketenregisseur may do either (as the server). */
export function handoverChoices(handover: Pick<Handover, 'canDecide' | 'from' | 'to'>, me: Me | undefined): HandoverDecision[] {
  if (!handover.canDecide || !me) return [];
  const everywhere = me.roles.includes('ketenregisseur') || me.allMunicipalities;
  const receiving = everywhere || me.municipalities.includes(handover.to);
  const sending = everywhere || me.municipalities.includes(handover.from);
  return [...(receiving ? (['accepted', 'declined'] as const) : []), ...(sending ? (['withdrawn'] as const) : [])];
}

/** How often the work count is asked again (a background poll). */
export const WORK_COUNT_POLL_MS = 60_000;
