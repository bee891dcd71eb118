import type { AccessLogEntryView } from '@server/modules/access-log/access-log.schema';

export type AccessAction = AccessLogEntryView['action'];
export type AccessOutcome = AccessLogEntryView['outcome'];

/** Every action the log knows; a Record keyed by the server's type makes tsc fail when one is added. */
const actionSet: Record<AccessAction, true> = {
  read: true,
  create: true,
  update: true,
  delete: true,
  export: true,
  print: true,
  denied: true,
  login: true,
  'login-failed': true,
  lockout: true,
  logout: true,
  'session-ended': true,
  'second-factor-enrolled': true,
  'second-factor-failed': true,
  'second-factor-reset': true,
  'recovery-code-used': true,
  'password-changed': true,
  'role-changed': true,
  'token-used': true,
  'grant-created': true,
  'grant-revoked': true,
  rejected: true,
};
const outcomeSet: Record<AccessOutcome, true> = { success: true, failure: true, denied: true };

export const accessActions = Object.keys(actionSet) as AccessAction[];
export const accessOutcomes = Object.keys(outcomeSet) as AccessOutcome[];

export function isAccessAction(value: unknown): value is AccessAction {
  return typeof value === 'string' && Object.hasOwn(actionSet, value);
}

export function isAccessOutcome(value: unknown): value is AccessOutcome {
  return typeof value === 'string' && Object.hasOwn(outcomeSet, value);
}

/** The filters as the page holds them; dates as `YYYY-MM-DD` (a whole day in the browser's time zone). */
export interface AccessLogFilters {
  from?: string;
  to?: string;
  userId?: string;
  action?: AccessAction;
  recordType?: string;
  recordId?: string;
  subject?: string;
  outcome?: AccessOutcome;
  page: number;
}

type TextFilter = 'from' | 'to' | 'userId' | 'recordType' | 'recordId' | 'subject';

/** Query parameters of /privacy/toegangslog, in Dutch like the route. Ids only: never a name. */
const param = {
  from: 'van',
  to: 'tot',
  userId: 'gebruiker',
  action: 'actie',
  recordType: 'soort',
  recordId: 'record',
  subject: 'betrokkene',
  outcome: 'uitkomst',
  page: 'pagina',
} as const satisfies Record<keyof AccessLogFilters, string>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TEXT_MAX = 100;

export function isDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const [year, month, day] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(year, month - 1, day);
  return date.getFullYear() === year && date.getMonth() === month - 1 && date.getDate() === day;
}

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

function text(value: string | null): string | undefined {
  const trimmed = value?.trim();
  return trimmed && trimmed.length <= TEXT_MAX ? trimmed : undefined;
}

/** Reads the filters from the URL; malformed values are dropped rather than sent on. */
export function parseAccessLogFilters(search: URLSearchParams): AccessLogFilters {
  const from = search.get(param.from) ?? '';
  const to = search.get(param.to) ?? '';
  const userId = search.get(param.userId) ?? '';
  const action = search.get(param.action);
  const outcome = search.get(param.outcome);
  const recordType = text(search.get(param.recordType));
  const recordId = text(search.get(param.recordId));
  const subject = text(search.get(param.subject));
  const page = Number(search.get(param.page) ?? '1');
  return {
    ...(isDate(from) ? { from } : {}),
    ...(isDate(to) ? { to } : {}),
    ...(isUuid(userId) ? { userId: userId.toLowerCase() } : {}),
    ...(isAccessAction(action) ? { action } : {}),
    ...(recordType ? { recordType } : {}),
    ...(recordId ? { recordId } : {}),
    ...(subject ? { subject } : {}),
    ...(isAccessOutcome(outcome) ? { outcome } : {}),
    page: Number.isInteger(page) && page >= 1 ? page : 1,
  };
}

/** The search string of the page URL; page 1 and empty filters are left out. */
export function accessLogFiltersSearch(filters: AccessLogFilters): string {
  const search = new URLSearchParams();
  for (const key of Object.keys(param) as (keyof AccessLogFilters)[]) {
    const value = filters[key];
    if (key === 'page' ? (value as number) > 1 : value !== undefined && value !== '') search.set(param[key], String(value));
  }
  const result = search.toString();
  return result ? `?${result}` : '';
}

export function hasActiveFilters(filters: AccessLogFilters): boolean {
  return Object.entries(filters).some(([key, value]) => key !== 'page' && value !== undefined);
}

function startOfDay(date: string, addDays = 0): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(year, month - 1, day + addDays).toISOString();
}

/**
 * The API's filters: `from` inclusive at the start of that day, `to` exclusive, so the start of
 * the day after the chosen end day (the period "1 to 31 January" includes 31 January).
 */
export function accessLogQuery(filters: AccessLogFilters): Record<string, string | undefined> {
  return {
    from: filters.from ? startOfDay(filters.from) : undefined,
    to: filters.to ? startOfDay(filters.to, 1) : undefined,
    userId: filters.userId,
    action: filters.action,
    recordType: filters.recordType,
    recordId: filters.recordId,
    subject: filters.subject,
    outcome: filters.outcome,
  };
}

// --- The filter form ----------------------------------------------------------------------------

export type FilterField = TextFilter;
export type FilterErrorKind = 'date' | 'uuid' | 'order' | 'tooLong';

/** What the form can tell before asking: a day that exists, an id that is an id, from before to. */
export function filterFormErrors(form: Record<TextFilter, string>): Partial<Record<FilterField, FilterErrorKind>> {
  const errors: Partial<Record<FilterField, FilterErrorKind>> = {};
  const from = form.from.trim();
  const to = form.to.trim();
  if (from && !isDate(from)) errors.from = 'date';
  if (to && !isDate(to)) errors.to = 'date';
  if (!errors.from && !errors.to && from && to && from > to) errors.to = 'order';
  if (form.userId.trim() && !isUuid(form.userId.trim())) errors.userId = 'uuid';
  for (const field of ['recordType', 'recordId', 'subject'] as const) {
    if (form[field].trim().length > TEXT_MAX) errors[field] = 'tooLong';
  }
  return errors;
}
