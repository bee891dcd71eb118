import type { SignalInput } from '@server/modules/signals/signals.schema';
import type { ApiError } from '@web/core/api/client';
import { type ExploitationForm, formOfIndicator, type PersonRole } from './signals.rules';

/**
 * The professional form as the page holds it: every text as typed, numbers as strings. The rules
 * here mirror the server's schema (signals.schema.ts) so most mistakes show before sending; the
 * server stays the judge, and its answer is mapped back onto the same fields.
 */

export interface PersonDraft {
  key: string;
  role: PersonRole | '';
  name: string;
  alias: string;
  phone: string;
  email: string;
  approximateAge: string;
  nationality: string;
  bsn: string;
  description: string;
}
export interface BusinessDraft {
  key: string;
  name: string;
  kvkNumber: string;
  address: string;
  sector: string;
}
export interface LocationDraft {
  key: string;
  description: string;
  street: string;
  houseNumber: string;
  postcode: string;
  place: string;
}
export interface VehicleDraft {
  key: string;
  licensePlate: string;
  description: string;
}

export interface UploadedAttachment {
  id: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
}

export type Meldcode = '' | 'yes' | 'no' | 'unknown';

export interface SignalDraft {
  summary: string;
  acute: boolean;
  forms: ExploitationForm[];
  indicators: string[];
  periodFrom: string;
  periodUntil: string;
  meldcode: Meldcode;
  persons: PersonDraft[];
  businesses: BusinessDraft[];
  locations: LocationDraft[];
  vehicles: VehicleDraft[];
  municipalities: string[];
  attachments: UploadedAttachment[];
}

export type GroupName = 'persons' | 'businesses' | 'locations' | 'vehicles';
export type GroupDraft = { persons: PersonDraft; businesses: BusinessDraft; locations: LocationDraft; vehicles: VehicleDraft };
export type GroupField<G extends GroupName> = Exclude<keyof GroupDraft[G], 'key'> & string;

/** The fields of each repeatable group, in the order of the form. */
export const groupFields: { [G in GroupName]: GroupField<G>[] } = {
  persons: ['role', 'name', 'alias', 'phone', 'email', 'approximateAge', 'nationality', 'bsn', 'description'],
  businesses: ['name', 'kvkNumber', 'address', 'sector'],
  locations: ['street', 'houseNumber', 'postcode', 'place', 'description'],
  vehicles: ['licensePlate', 'description'],
};
export const groupNames: GroupName[] = ['persons', 'businesses', 'locations', 'vehicles'];

/** The server's maximum number of items per group. */
export const groupLimits: Record<GroupName, number> = { persons: 50, businesses: 20, locations: 20, vehicles: 20 };
export const MAX_ATTACHMENTS = 5;
export const SUMMARY_MIN = 10;
export const SUMMARY_MAX = 20_000;

/** The server's maximum lengths per text field. */
const maxLength: { [G in GroupName]: Partial<Record<GroupField<G>, number>> } = {
  persons: { name: 200, alias: 200, phone: 40, email: 200, nationality: 80, description: 2000 },
  businesses: { name: 200, address: 300, sector: 100 },
  locations: { description: 300, street: 200, houseNumber: 20, place: 100 },
  vehicles: { licensePlate: 20, description: 300 },
};
export const maxLengthOf = <G extends GroupName>(group: G, field: GroupField<G>): number | undefined => maxLength[group][field];

let keys = 0;
/** A key for React that stays with a group when an earlier one is removed. */
const nextKey = () => `g${(keys += 1)}`;

export function emptyGroup<G extends GroupName>(group: G): GroupDraft[G] {
  const fields = groupFields[group] as string[];
  return { key: nextKey(), ...Object.fromEntries(fields.map((field) => [field, ''])) } as unknown as GroupDraft[G];
}

export function emptySignalDraft(): SignalDraft {
  return {
    summary: '',
    acute: false,
    forms: [],
    indicators: [],
    periodFrom: '',
    periodUntil: '',
    meldcode: '',
    persons: [],
    businesses: [],
    locations: [],
    vehicles: [],
    municipalities: [],
    attachments: [],
  };
}

/** A group the user added but left empty is not sent (an empty person says nothing). */
export function isEmptyGroup<G extends GroupName>(group: G, item: GroupDraft[G]): boolean {
  return (groupFields[group] as string[]).every((field) => String((item as unknown as Record<string, string>)[field]).trim() === '');
}

/**
 * Choosing forms of exploitation: the checklists of forms no longer chosen disappear, and so do
 * their ticked indicators (the general checklist always stays).
 */
export function withForms(draft: SignalDraft, forms: readonly ExploitationForm[]): SignalDraft {
  const kept = new Set<string>(['general', ...forms]);
  return { ...draft, forms: [...forms], indicators: draft.indicators.filter((code) => kept.has(formOfIndicator(code))) };
}

// --- Checks that mirror the server ------------------------------------------------------------

export type SignalErrorKind = 'required' | 'tooShort' | 'tooLong' | 'invalid' | 'order' | 'unknown';
/** Field path as in the server's invalidParams, without `body.` and with the form's own index: `persons.1.bsn`. */
export type SignalErrors = Record<string, SignalErrorKind>;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const POSTCODE = /^\d{4}\s?[A-Za-z]{2}$/;
const KVK = /^\d{8}$/;

export function isDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const [year, month, day] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The elfproef of a BSN (as the server's isValidBsn). */
export function isValidBsn(value: string): boolean {
  if (!/^\d{9}$/.test(value) || value === '000000000') return false;
  const digits = [...value].map(Number);
  const sum = digits.slice(0, 8).reduce((acc, digit, i) => acc + digit * (9 - i), 0) - (digits[8] ?? 0);
  return sum % 11 === 0;
}

function groupErrors<G extends GroupName>(group: G, item: GroupDraft[G], index: number, errors: SignalErrors): void {
  const value = (field: string) => String((item as unknown as Record<string, string>)[field] ?? '').trim();
  for (const [field, max] of Object.entries(maxLength[group]) as [string, number][]) {
    if (value(field).length > max) errors[`${group}.${index}.${field}`] = 'tooLong';
  }
  if (group === 'persons') {
    if (value('role') === '') errors[`persons.${index}.role`] = 'required';
    if (value('email') && !EMAIL.test(value('email'))) errors[`persons.${index}.email`] = 'invalid';
    const age = value('approximateAge');
    if (age && !(/^\d{1,3}$/.test(age) && Number(age) <= 120)) errors[`persons.${index}.approximateAge`] = 'invalid';
    if (value('bsn') && !isValidBsn(value('bsn').replace(/[\s.]/g, ''))) errors[`persons.${index}.bsn`] = 'invalid';
  }
  if (group === 'businesses' && value('kvkNumber') && !KVK.test(value('kvkNumber').replace(/\s/g, ''))) errors[`businesses.${index}.kvkNumber`] = 'invalid';
  if (group === 'locations' && value('postcode') && !POSTCODE.test(value('postcode'))) errors[`locations.${index}.postcode`] = 'invalid';
}

/** Before sending: what the server would refuse, on the field where it belongs. */
export function signalDraftErrors(draft: SignalDraft): SignalErrors {
  const errors: SignalErrors = {};
  const summary = draft.summary.trim();
  if (summary === '') errors.summary = 'required';
  else if (summary.length < SUMMARY_MIN) errors.summary = 'tooShort';
  else if (summary.length > SUMMARY_MAX) errors.summary = 'tooLong';
  if (draft.periodFrom && !isDate(draft.periodFrom)) errors.periodFrom = 'invalid';
  if (draft.periodUntil && !isDate(draft.periodUntil)) errors.periodUntil = 'invalid';
  if (!errors.periodFrom && !errors.periodUntil && draft.periodFrom && draft.periodUntil && draft.periodFrom > draft.periodUntil) {
    errors.periodUntil = 'order';
  }
  for (const group of groupNames) {
    (draft[group] as GroupDraft[typeof group][]).forEach((item, index) => {
      if (!isEmptyGroup(group, item)) groupErrors(group, item, index, errors);
    });
  }
  return errors;
}

// --- What is sent ----------------------------------------------------------------------------

/** For each group, the form's index of every item sent (empty groups are left out), to map the server's errors back. */
export type SentIndex = Record<GroupName, number[]>;

const orNull = (value: string) => (value.trim() === '' ? null : value.trim());

export function signalInputOf(draft: SignalDraft, submissionId: string): { input: SignalInput; sent: SentIndex } {
  const sent: SentIndex = { persons: [], businesses: [], locations: [], vehicles: [] };
  const kept = <G extends GroupName>(group: G) =>
    (draft[group] as GroupDraft[G][]).filter((item, index) => {
      if (isEmptyGroup(group, item)) return false;
      sent[group].push(index);
      return true;
    });
  const input: SignalInput = {
    submissionId,
    acute: draft.acute,
    forms: [...draft.forms],
    indicators: [...draft.indicators],
    summary: draft.summary.trim(),
    periodFrom: orNull(draft.periodFrom),
    periodUntil: orNull(draft.periodUntil),
    meldcodeApplies: draft.meldcode === 'yes' ? true : draft.meldcode === 'no' ? false : null,
    persons: kept('persons').map((p) => ({
      role: p.role === '' ? 'other' : p.role,
      name: orNull(p.name),
      alias: orNull(p.alias),
      phone: orNull(p.phone),
      email: orNull(p.email),
      approximateAge: p.approximateAge.trim() === '' ? null : Number(p.approximateAge.trim()),
      nationality: orNull(p.nationality),
      bsn: p.bsn.trim() === '' ? null : p.bsn.replace(/[\s.]/g, ''),
      description: orNull(p.description),
    })),
    businesses: kept('businesses').map((b) => ({
      name: orNull(b.name),
      kvkNumber: b.kvkNumber.trim() === '' ? null : b.kvkNumber.replace(/\s/g, ''),
      address: orNull(b.address),
      sector: orNull(b.sector),
    })),
    locations: kept('locations').map((l) => ({
      description: orNull(l.description),
      street: orNull(l.street),
      houseNumber: orNull(l.houseNumber),
      postcode: orNull(l.postcode),
      place: orNull(l.place),
    })),
    vehicles: kept('vehicles').map((v) => ({ licensePlate: orNull(v.licensePlate), description: orNull(v.description) })),
    municipalities: [...draft.municipalities].sort(),
    attachmentIds: draft.attachments.map((a) => a.id),
  };
  return { input, sent };
}

// --- The server's answer on the fields ---------------------------------------------------------

/** The top-level fields the form shows; an error on anything else is shown above the form. */
const topFields = new Set(['summary', 'acute', 'forms', 'indicators', 'periodFrom', 'periodUntil', 'meldcodeApplies', 'municipalities', 'attachmentIds']);

export function errorKindOf(code: string, path: string): SignalErrorKind {
  if (code === 'too_small') return path === 'summary' ? 'tooShort' : 'invalid';
  if (code === 'too_big') return 'tooLong';
  if (code === 'invalid_type' || code === 'required') return 'required';
  if (code === 'custom' && path === 'periodUntil') return 'order';
  if (code.startsWith('signal.unknown-') || code === 'unknown') return 'unknown';
  return 'invalid';
}

/**
 * The server's invalidParams (`body.persons.0.bsn`) as form paths (`persons.2.bsn` when the form's
 * second person was empty and not sent). Returns the errors and whether some could not be placed.
 */
export function signalErrorsFrom(error: ApiError, sent: SentIndex): { errors: SignalErrors; unplaced: boolean } {
  const errors: SignalErrors = {};
  let unplaced = false;
  for (const param of error.invalidParams) {
    const [where, top, index, field] = param.name.split('.');
    if (where !== 'body' || !top) {
      unplaced = true;
      continue;
    }
    let path: string | undefined;
    if ((groupNames as string[]).includes(top) && index !== undefined && /^\d+$/.test(index)) {
      const group = top as GroupName;
      const formIndex = sent[group][Number(index)];
      const known = field && (groupFields[group] as string[]).includes(field) ? field : groupFields[group][0];
      if (formIndex !== undefined) path = `${group}.${formIndex}.${known}`;
    } else if (topFields.has(top)) {
      path = top === 'meldcodeApplies' ? 'meldcode' : top === 'attachmentIds' ? 'attachments' : top;
    }
    if (!path) {
      unplaced = true;
      continue;
    }
    errors[path] ??= errorKindOf(param.code, path);
  }
  return { errors, unplaced };
}

/** Field path → element id: `persons.1.bsn` → `signal-persons-1-bsn`. */
export const fieldId = (path: string) => `signal-${path.replaceAll('.', '-')}`;

/** The errors in the order of the form, for the error summary. */
export function orderedErrorPaths(draft: SignalDraft, errors: SignalErrors): string[] {
  const order = ['summary', 'acute', 'forms', 'indicators', 'periodFrom', 'periodUntil', 'meldcode'];
  for (const group of groupNames) {
    (draft[group] as unknown[]).forEach((_, index) => {
      for (const field of groupFields[group]) order.push(`${group}.${index}.${field}`);
    });
  }
  order.push('municipalities', 'attachments');
  const known = order.filter((path) => errors[path] !== undefined);
  return [...known, ...Object.keys(errors).filter((path) => !order.includes(path))];
}

/** A new id for one report; the same id is sent again on a retry, so a double click makes one signal. */
export function newSubmissionId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** File sizes for people: 2,4 MB. */
export function fileSize(bytes: number, locale: string): string {
  if (bytes < 1024) return `${new Intl.NumberFormat(locale).format(bytes)} B`;
  if (bytes < 1024 * 1024) return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(bytes / 1024)} kB`;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(bytes / (1024 * 1024))} MB`;
}

/** The message of an error, as a key under `signals.form.errors`. */
export type SignalErrorMessage =
  | 'summary.required'
  | 'summary.tooShort'
  | 'summary.tooLong'
  | 'date'
  | 'order'
  | 'role'
  | 'email'
  | 'age'
  | 'bsn'
  | 'kvk'
  | 'postcode'
  | 'required'
  | 'tooShort'
  | 'tooLong'
  | 'unknown'
  | 'invalid';

const invalidMessages: Record<string, SignalErrorMessage> = {
  bsn: 'bsn',
  kvkNumber: 'kvk',
  postcode: 'postcode',
  email: 'email',
  approximateAge: 'age',
  periodFrom: 'date',
  periodUntil: 'date',
};

export function errorMessageOf(path: string, kind: SignalErrorKind): SignalErrorMessage {
  const field = path.split('.').at(-1) ?? '';
  if (field === 'summary') return kind === 'required' || kind === 'tooShort' || kind === 'tooLong' ? `summary.${kind}` : 'invalid';
  if (kind === 'order') return 'order';
  if (field === 'role' && (kind === 'required' || kind === 'invalid')) return 'role';
  if (kind === 'invalid') return invalidMessages[field] ?? 'invalid';
  return kind;
}
