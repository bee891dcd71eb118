import type { Role } from '@server/core/auth/roles';
import type { Me } from '@server/modules/identity/identity.schema';
import type { Alert, OnCallShift } from '@server/modules/alerts/alerts.schema';
import type { OnCallShiftCreate, OnCallShiftUpdate } from '@server/modules/alerts/alerts.schema';
import type { ApiError } from '@web/core/api/client';
import { type FieldErrors, fieldErrorKind, fieldErrorsFrom } from '@web/core/forms';

// --- Who sees what (the server's alerts.policy.ts; it decides again on every request) ----------

/** A Record keyed by the server's Role makes tsc fail when a role is added and nobody decided. */
const onDuty: Record<Role, boolean> = {
  signaleerder: false,
  aandachtsfunctionaris: true,
  ketenregisseur: true,
  zorgcoordinator: true,
  tafellid: true,
  procesregisseur: true,
  beleidsmedewerker: false,
  'functioneel-beheerder': false,
  'privacy-officer': false,
};

/** Everyone on duty sees the acute alerts (banner and history). */
export function seesAlerts(me: Me | undefined): boolean {
  return Boolean(me?.roles.some((role) => onDuty[role]));
}

/** The ketenregisseur keeps the reachability roster. */
export function managesRoster(me: Me | undefined): boolean {
  return Boolean(me?.roles.includes('ketenregisseur'));
}

// --- Paths: ids only -----------------------------------------------------------------------------

export const rosterPath = '/meldpunt/bereikbaarheid';
export const alertsPath = '/meldpunt/alarmeringen';
/** The signal's page (the signals module's route /signalen/:id). */
export const signalDetailPath = (id: string) => `/signalen/${encodeURIComponent(id)}`;

export function parsePage(search: URLSearchParams): number {
  const page = Number(search.get('pagina') ?? '1');
  return Number.isInteger(page) && page >= 1 ? page : 1;
}

/** The alert history shows all alerts unless `?status=open`. */
export function parseAlertStatus(search: URLSearchParams): 'open' | 'all' {
  return search.get('status') === 'open' ? 'open' : 'all';
}

export function alertSearch(status: 'open' | 'all', page: number): string {
  const params = new URLSearchParams();
  if (status === 'open') params.set('status', 'open');
  if (page > 1) params.set('pagina', String(page));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Which block of weeks the roster shows: 0 = from the start of this week, -1 the block before. */
export function parsePeriod(search: URLSearchParams): number {
  const period = Number(search.get('periode') ?? '0');
  return Number.isInteger(period) && Math.abs(period) <= 520 ? period : 0;
}

export const periodSearch = (period: number) => (period === 0 ? '' : `?periode=${period}`);

// --- Time: the region's clock (Europe/Amsterdam), whatever the browser's time zone ------------

export const TIME_ZONE = 'Europe/Amsterdam';
const DAY = 86_400_000;
export const ROSTER_WEEKS = 6;

function partsIn(at: Date, timeZone: string) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', weekday: 'short' })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return parts as Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'weekday', string>;
}

function offsetMs(at: Date, timeZone: string): number {
  const p = partsIn(at, timeZone);
  return Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute)) - Math.floor(at.getTime() / 60_000) * 60_000;
}

/** A `datetime-local` value (`2026-12-07T08:00`) read as the region's local time, as an ISO instant; undefined when empty or malformed. */
export function localInputToIso(value: string, timeZone = TIME_ZONE): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value.trim());
  if (!match) return undefined;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const asUtc = Date.UTC(y, mo - 1, d, h, mi);
  // Two passes find the right offset also on the days the clock changes.
  let instant = asUtc - offsetMs(new Date(asUtc), timeZone);
  instant = asUtc - offsetMs(new Date(instant), timeZone);
  return new Date(instant).toISOString();
}

/** An ISO instant as a `datetime-local` value in the region's local time. */
export function isoToLocalInput(iso: string, timeZone = TIME_ZONE): string {
  const p = partsIn(new Date(iso), timeZone);
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/** Monday 00:00 (region time) of the week `now` falls in, moved by `period` blocks of ROSTER_WEEKS weeks. */
export function rosterWindow(now: Date, period: number, timeZone = TIME_ZONE): { from: string; until: string } {
  const p = partsIn(now, timeZone);
  const weekday = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(p.weekday);
  const today = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day));
  const monday = new Date(today - weekday * DAY + period * ROSTER_WEEKS * 7 * DAY);
  const end = new Date(monday.getTime() + ROSTER_WEEKS * 7 * DAY);
  const local = (d: Date) => `${d.toISOString().slice(0, 10)}T00:00`;
  return { from: localInputToIso(local(monday), timeZone)!, until: localInputToIso(local(end), timeZone)! };
}

// --- The shift form ------------------------------------------------------------------------------

export interface ShiftForm {
  personId: string;
  from: string;
  until: string;
  address: string;
  note: string;
}

export const emptyShiftForm: ShiftForm = { personId: '', from: '', until: '', address: '', note: '' };

export function shiftFormOf(shift: OnCallShift): ShiftForm {
  return { personId: shift.person.id, from: isoToLocalInput(shift.from), until: isoToLocalInput(shift.until), address: shift.address ?? '', note: shift.note ?? '' };
}

export type ShiftField = 'personId' | 'from' | 'until' | 'address' | 'note';
export type ShiftErrorKind = 'required' | 'invalid' | 'beforeStart' | 'tooLong' | 'overlap' | 'unknown';
export type ShiftErrors = FieldErrors<ShiftField, ShiftErrorKind>;
export const shiftFields: ShiftField[] = ['personId', 'from', 'until', 'address', 'note'];

/** Before sending: what the form can tell by itself. The server checks everything again. */
export function shiftFormErrors(form: ShiftForm): ShiftErrors {
  const errors: ShiftErrors = {};
  if (!form.personId) errors.personId = 'required';
  const from = localInputToIso(form.from);
  const until = localInputToIso(form.until);
  if (!form.from.trim()) errors.from = 'required';
  else if (!from) errors.from = 'invalid';
  if (!form.until.trim()) errors.until = 'required';
  else if (!until) errors.until = 'invalid';
  else if (from && until <= from) errors.until = 'beforeStart';
  if (form.address.trim() && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(form.address.trim())) errors.address = 'invalid';
  if (form.note.length > 500) errors.note = 'tooLong';
  return errors;
}

export function createInputOf(form: ShiftForm): OnCallShiftCreate {
  return {
    personId: form.personId,
    from: localInputToIso(form.from)!,
    until: localInputToIso(form.until)!,
    channel: 'email',
    address: form.address.trim() || null,
    note: form.note.trim() || null,
  };
}

/** Only what changed (an untouched time is not sent again, so its seconds stay as they were). */
export function updateInputOf(before: OnCallShift, form: ShiftForm): OnCallShiftUpdate {
  const update: OnCallShiftUpdate = {};
  const was = shiftFormOf(before);
  if (form.personId !== was.personId) update.personId = form.personId;
  if (form.from !== was.from) update.from = localInputToIso(form.from)!;
  if (form.until !== was.until) update.until = localInputToIso(form.until)!;
  if (form.address.trim() !== was.address) update.address = form.address.trim() || null;
  if (form.note.trim() !== was.note) update.note = form.note.trim() || null;
  return update;
}

export function shiftErrorsFrom(error: ApiError): ShiftErrors {
  return fieldErrorsFrom<ShiftField, ShiftErrorKind>(error, shiftFields, (code, field) => {
    if (code === 'overlap') return 'overlap';
    if (code === 'unknown') return 'unknown';
    if (field === 'until' && code === 'too_small') return 'beforeStart';
    const kind = fieldErrorKind(code);
    return kind === 'tooLong' ? 'tooLong' : kind === 'required' ? 'required' : 'invalid';
  });
}

// --- Alerts --------------------------------------------------------------------------------------

export type Delivery = Alert['recipients'][number]['delivery'];

/** The one line that says how a recipient's mail is doing. */
export function deliveryKind(delivery: Delivery): 'sent' | 'retrying' | 'waiting' | 'failed' {
  if (delivery.status === 'sent') return 'sent';
  if (delivery.status === 'failed') return 'failed';
  return delivery.attempts > 0 ? 'retrying' : 'waiting';
}

/** The ones nobody was on call for above the rest (they need someone most), then the newest signal first. */
export function bannerOrder(alerts: readonly Alert[]): Alert[] {
  return [...alerts].sort((a, b) => Number(b.nobodyOnCall) - Number(a.nobodyOnCall) || b.signal.receivedAt.localeCompare(a.signal.receivedAt));
}

export const POLL_MS = 20_000;

/** The days a roster window covers, for its heading: Monday of the first week to Sunday of the last. */
export function windowDays(span: { from: string; until: string }, locale: string, timeZone = TIME_ZONE): { from: string; until: string } {
  const day = new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone });
  return { from: day.format(new Date(span.from)), until: day.format(new Date(new Date(span.until).getTime() - 1)) };
}
