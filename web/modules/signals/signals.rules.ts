import type { Role } from '@server/core/auth/roles';
import type { Me } from '@server/modules/identity/identity.schema';
import type { Signal, SignalUpdate } from '@server/modules/signals/signals.schema';
import type { ApiError } from '@web/core/api/client';

export type SignalStatus = Signal['status'];
export type SignalChannel = Signal['channel'];
export type ExploitationForm = Signal['forms'][number];
export type PersonRole = Signal['persons'][number]['role'];
export type DuplicateMatch = 'phone' | 'address' | 'person' | 'business' | 'vehicle';

// Records keyed by the server's types make tsc fail when the server adds a value the screens do not know.
const statusSet: Record<SignalStatus, true> = { new: true, 'in-triage': true, forwarded: true, merged: true, closed: true };
const channelSet: Record<SignalChannel, true> = { 'public-form': true, professional: true, mailbox: true, mma: true, watch: true, phone: true, other: true };
const formSet: Record<ExploitationForm, true> = {
  sexual: true,
  labour: true,
  criminal: true,
  begging: true,
  'organ-removal': true,
  'forced-marriage': true,
  other: true,
  unknown: true,
};
const personRoleSet: Record<PersonRole, true> = { victim: true, suspect: true, witness: true, reporter: true, other: true };

export const signalStatuses = Object.keys(statusSet) as SignalStatus[];
export const signalChannels = Object.keys(channelSet) as SignalChannel[];
export const exploitationForms = Object.keys(formSet) as ExploitationForm[];
export const personRoles = Object.keys(personRoleSet) as PersonRole[];

export const isSignalStatus = (value: unknown): value is SignalStatus => typeof value === 'string' && Object.hasOwn(statusSet, value);
export const isSignalChannel = (value: unknown): value is SignalChannel => typeof value === 'string' && Object.hasOwn(channelSet, value);
export const isExploitationForm = (value: unknown): value is ExploitationForm => typeof value === 'string' && Object.hasOwn(formSet, value);

// --- Who sees what (the server decides again on every request) -------------------------------

/** The roles that report signals and see a queue (the server's reporterRoles / queueRoles). */
export const signalRoles: readonly Role[] = ['signaleerder', 'aandachtsfunctionaris', 'ketenregisseur', 'zorgcoordinator', 'tafellid', 'procesregisseur'];
/** The roles that triage: the whole region or their municipalities. Others see their own signals (and granted ones). */
export const triageRoles: readonly Role[] = ['ketenregisseur', 'aandachtsfunctionaris'];

export function canUseSignals(me: Me | undefined): boolean {
  return Boolean(me?.roles.some((role) => signalRoles.includes(role)));
}

/** 'triage' for whoever works the queue; 'own' shows "Mijn signalen" (a signaleerder sees only their own). */
export type QueueKind = 'triage' | 'own';

export function queueKind(me: Me | undefined): QueueKind {
  return me?.roles.some((role) => triageRoles.includes(role)) ? 'triage' : 'own';
}

// --- Paths: ids only, never names --------------------------------------------------------------

export const signalsPath = '/signalen';
export const newSignalPath = `${signalsPath}/nieuw`;
export const signalPath = (id: string) => `${signalsPath}/${encodeURIComponent(id)}`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: string) => UUID.test(value);

// --- The queue's filters in the URL ------------------------------------------------------------

export type StatusFilter = 'open' | SignalStatus | 'all';
export const statusFilters: StatusFilter[] = ['open', ...signalStatuses, 'all'];

export interface QueueFilters {
  status?: StatusFilter;
  municipality?: string;
  channel?: SignalChannel;
  form?: ExploitationForm;
  acute?: boolean;
  mine?: boolean;
  page: number;
}

/** Query parameters of /signalen, in Dutch like the route; codes only (CBS codes, channels, forms). */
const param = {
  status: 'status',
  municipality: 'gemeente',
  channel: 'kanaal',
  form: 'vorm',
  acute: 'acuut',
  mine: 'mijn',
  page: 'pagina',
} as const satisfies Record<keyof QueueFilters, string>;

const MUNICIPALITY = /^GM\d{4}$/;

function yesNo(value: string | null): boolean | undefined {
  if (value === 'ja') return true;
  if (value === 'nee') return false;
  return undefined;
}

/** Reads the filters from the URL; anything malformed is dropped rather than sent on. */
export function parseQueueFilters(search: URLSearchParams): QueueFilters {
  const status = search.get(param.status);
  const municipality = search.get(param.municipality) ?? '';
  const channel = search.get(param.channel);
  const form = search.get(param.form);
  const acute = yesNo(search.get(param.acute));
  const page = Number(search.get(param.page) ?? '1');
  return {
    ...(status && (statusFilters as string[]).includes(status) ? { status: status as StatusFilter } : {}),
    ...(MUNICIPALITY.test(municipality) ? { municipality } : {}),
    ...(isSignalChannel(channel) ? { channel } : {}),
    ...(isExploitationForm(form) ? { form } : {}),
    ...(acute !== undefined ? { acute } : {}),
    ...(search.get(param.mine) === 'ja' ? { mine: true } : {}),
    page: Number.isInteger(page) && page >= 1 ? page : 1,
  };
}

/** The search string of the page URL; page 1 and unset filters are left out. */
export function queueFiltersSearch(filters: QueueFilters): string {
  const search = new URLSearchParams();
  if (filters.status) search.set(param.status, filters.status);
  if (filters.municipality) search.set(param.municipality, filters.municipality);
  if (filters.channel) search.set(param.channel, filters.channel);
  if (filters.form) search.set(param.form, filters.form);
  if (filters.acute !== undefined) search.set(param.acute, filters.acute ? 'ja' : 'nee');
  if (filters.mine) search.set(param.mine, 'ja');
  if (filters.page > 1) search.set(param.page, String(filters.page));
  const result = search.toString();
  return result ? `?${result}` : '';
}

export function hasActiveQueueFilters(filters: QueueFilters): boolean {
  return Object.entries(filters).some(([key, value]) => key !== 'page' && value !== undefined);
}

/** The status shown when none is chosen: the open work for triage, everything for "Mijn signalen". */
export const defaultStatus = (kind: QueueKind): StatusFilter => (kind === 'triage' ? 'open' : 'all');

/** The API's query of `GET /signals`. */
export function queueQuery(filters: QueueFilters, kind: QueueKind): Record<string, string | undefined> {
  return {
    status: filters.status ?? defaultStatus(kind),
    municipality: filters.municipality,
    channel: filters.channel,
    form: filters.form,
    acute: filters.acute === undefined ? undefined : String(filters.acute),
    mine: filters.mine ? 'true' : undefined,
  };
}

// --- Labels that come from the API in both languages -------------------------------------------

export interface Labelled {
  code: string;
  label: { nl: string; en: string };
}

export function labelIn(item: Labelled | undefined, language: string, fallback = ''): string {
  if (!item) return fallback;
  return language === 'en' ? item.label.en : item.label.nl;
}

export interface IndicatorCatalogue {
  forms: { code: ExploitationForm; label: { nl: string; en: string } }[];
  indicators: { code: string; form: string; label: { nl: string; en: string } }[];
}

/** The checklists: the general one first, then one per form of exploitation that has indicators. */
export function indicatorGroups(catalogue: IndicatorCatalogue): { form: string; indicators: IndicatorCatalogue['indicators'] }[] {
  const order = ['general', ...catalogue.forms.map((form) => form.code)];
  const groups = new Map<string, IndicatorCatalogue['indicators']>();
  for (const indicator of catalogue.indicators) {
    const list = groups.get(indicator.form) ?? [];
    list.push(indicator);
    groups.set(indicator.form, list);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (order.indexOf(a) === -1 ? 99 : order.indexOf(a)) - (order.indexOf(b) === -1 ? 99 : order.indexOf(b)))
    .map(([form, indicators]) => ({ form, indicators }));
}

/** The form an indicator code belongs to: `labour.debt` → `labour`. */
export const formOfIndicator = (code: string) => code.split('.', 1)[0] ?? '';

// --- Triage ------------------------------------------------------------------------------------

export const isOpen = (signal: Pick<Signal, 'status'>) => signal.status !== 'merged' && signal.status !== 'closed';

/** Whether the triage actions show: the server says the user may update, and the signal is still open. */
export const canTriage = (signal: Pick<Signal, 'status' | 'permissions'>) => signal.permissions.update && isOpen(signal);

export type TriageStatus = NonNullable<SignalUpdate['status']>;
export const triageStatuses: TriageStatus[] = ['in-triage', 'forwarded', 'closed'];

export interface TriageForm {
  status: TriageStatus | '';
  closedReason: string;
  acute: boolean;
  forms: ExploitationForm[];
  municipalities: string[];
}

export function triageFormOf(signal: Signal): TriageForm {
  return {
    status: '',
    closedReason: '',
    acute: signal.acute,
    forms: [...signal.forms],
    municipalities: signal.municipalities.map((m) => m.code).sort(),
  };
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join();

export type TriageField = 'status' | 'closedReason' | 'municipalities';
export type TriageErrorKind = 'required' | 'tooShort' | 'tooLong' | 'invalid' | 'nothing';

/** What the form can tell before asking: closing needs a reason of 3 to 1000 characters, a signal needs a municipality. */
export function triageFormErrors(signal: Signal, form: TriageForm): Partial<Record<TriageField | 'form', TriageErrorKind>> {
  const errors: Partial<Record<TriageField | 'form', TriageErrorKind>> = {};
  const reason = form.closedReason.trim();
  if (form.status === 'closed') {
    if (reason === '') errors.closedReason = 'required';
    else if (reason.length < 3) errors.closedReason = 'tooShort';
    else if (reason.length > 1000) errors.closedReason = 'tooLong';
  }
  const municipalitiesChanged = !sameSet(form.municipalities, signal.municipalities.map((m) => m.code));
  if (municipalitiesChanged && form.municipalities.length === 0) errors.municipalities = 'required';
  if (Object.keys(errors).length === 0 && Object.keys(triageUpdateOf(signal, form)).length === 1) errors.form = 'nothing';
  return errors;
}

/** Only what changed, with the version that was read (optimistic concurrency). */
export function triageUpdateOf(signal: Signal, form: TriageForm): SignalUpdate {
  const update: SignalUpdate = { version: signal.version };
  if (form.status && form.status !== signal.status) update.status = form.status;
  if (update.status === 'closed') update.closedReason = form.closedReason.trim();
  if (form.acute !== signal.acute) update.acute = form.acute;
  if (!sameSet(form.forms, signal.forms)) update.forms = [...form.forms];
  if (!sameSet(form.municipalities, signal.municipalities.map((m) => m.code))) update.municipalities = [...form.municipalities].sort();
  return update;
}

export const isVersionConflict = (error: ApiError | undefined) => error?.problem?.code === 'signal.version-conflict';

export type LinkField = 'reason';

/** A link or merge needs a reason of 3 to 1000 characters (as the server). */
export function linkReasonError(reason: string): TriageErrorKind | undefined {
  const text = reason.trim();
  if (text === '') return 'required';
  if (text.length < 3) return 'tooShort';
  if (text.length > 1000) return 'tooLong';
  return undefined;
}

/** The duplicates in the order to show: those the user may open first, then by date, newest first. */
export function sortedDuplicates<T extends { visible: boolean; receivedAt: string }>(list: readonly T[]): T[] {
  return [...list].sort((a, b) => Number(b.visible) - Number(a.visible) || b.receivedAt.localeCompare(a.receivedAt));
}

/** The municipalities of a signal by name, each with whether it was derived from an address. */
export function sortedMunicipalities(signal: Pick<Signal, 'municipalities'>): { code: string; name: string; derived: boolean }[] {
  return [...signal.municipalities].sort((a, b) => a.name.localeCompare(b.name, 'nl'));
}

/** Adds or removes one item of a checkbox list, keeping it in order and without doubles. */
export function toggled<T extends string>(list: readonly T[], item: T, on: boolean, order: (a: T, b: T) => number = (a, b) => a.localeCompare(b)): T[] {
  const rest = list.filter((value) => value !== item);
  return (on ? [...rest, item] : rest).sort(order);
}
