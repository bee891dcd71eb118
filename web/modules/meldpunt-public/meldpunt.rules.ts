import type { FollowUpStatus, PublicSignalInputBody } from './meldpunt.api';
import type { ApiError } from '@web/core/api/client';
import type { ReportKey, ReportLanguage } from './meldpunt.i18n';
import type { SolvedChallenge } from './proof-of-work';

/**
 * What the meldpunt pages decide without React: the request bodies, and every answer of the API
 * turned into a message key of the page language by its stable `code` and `invalidParams` (the
 * server's English `reason` is never shown).
 */

// --- the report form -------------------------------------------------------------------------

export type ExploitationForm = NonNullable<PublicSignalInputBody['forms']>[number];

/** The forms a reporter can tick, in the order of the explanation ('unknown' is: tick none). */
export const reportForms = ['sexual', 'labour', 'criminal', 'begging', 'organ-removal', 'forced-marriage', 'other'] as const satisfies readonly ExploitationForm[];

export interface ReportForm {
  description: string;
  place: string;
  address: string;
  periodFrom: string;
  periodUntil: string;
  forms: ExploitationForm[];
  acute: boolean;
  anonymous: boolean;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
  /** The honeypot: a person never sees or fills it. */
  website: string;
}

export const emptyReport: ReportForm = {
  description: '',
  place: '',
  address: '',
  periodFrom: '',
  periodUntil: '',
  forms: [],
  acute: false,
  anonymous: true,
  contactName: '',
  contactEmail: '',
  contactPhone: '',
  website: '',
};

const filled = (value: string): string | undefined => (value.trim() ? value.trim() : undefined);

export interface ReportEnvelope {
  submissionId: string;
  challenge: SolvedChallenge;
  language: ReportLanguage;
  attachmentIds: string[];
}

/**
 * The body of POST /public/signals. Empty optional fields are left out (an empty date or e-mail
 * address is not a value); contact details only when the reporter is not anonymous.
 */
export function publicSignalInput(form: ReportForm, envelope: ReportEnvelope): PublicSignalInputBody {
  const contact = form.anonymous
    ? undefined
    : { name: filled(form.contactName), email: filled(form.contactEmail), phone: filled(form.contactPhone) };
  return {
    submissionId: envelope.submissionId,
    challenge: { token: envelope.challenge.token, nonce: envelope.challenge.nonce },
    ...(form.website ? { website: form.website } : {}),
    language: envelope.language,
    forms: [...form.forms],
    description: form.description,
    place: filled(form.place),
    address: filled(form.address),
    periodFrom: filled(form.periodFrom),
    periodUntil: filled(form.periodUntil),
    acute: form.acute,
    anonymous: form.anonymous,
    ...(contact ? { contact } : {}),
    attachmentIds: envelope.attachmentIds,
  };
}

/**
 * The report's idempotency key: a version 4 UUID from the browser's random source (also where
 * crypto.randomUUID is missing, e.g. an older phone browser).
 */
export function newSubmissionId(random: (bytes: Uint8Array) => Uint8Array = (bytes) => crypto.getRandomValues(bytes)): string {
  const bytes = random(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function toggledForm(forms: readonly ExploitationForm[], form: ExploitationForm, on: boolean): ExploitationForm[] {
  const rest = forms.filter((f) => f !== form);
  return on ? reportForms.filter((f) => f === form || rest.includes(f)) : rest;
}

// --- errors of the report --------------------------------------------------------------------

/** The message kinds per field; each has a text `errors.<field>.<kind>` in every language. */
export interface ReportErrorKinds {
  description: 'required' | 'tooShort' | 'tooLong' | 'invalid';
  place: 'tooLong' | 'invalid';
  address: 'tooLong' | 'invalid';
  periodFrom: 'invalid';
  periodUntil: 'invalid' | 'beforeFrom';
  forms: 'invalid';
  contact: 'missing';
  contactName: 'tooLong' | 'invalid';
  contactEmail: 'invalid';
  contactPhone: 'tooLong' | 'invalid';
  files: FileErrorKind;
}
export type ReportField = keyof ReportErrorKinds;
export type ReportErrors = { [F in ReportField]?: ReportErrorKinds[F] };

type ErrorKey = { [F in ReportField]: `errors.${F}.${ReportErrorKinds[F]}` }[ReportField];
// tsc fails here when a kind has no text in the locale files.
const everyErrorHasText: (key: ErrorKey) => ReportKey = (key) => key;

export function reportErrorKey<F extends ReportField>(field: F, kind: ReportErrorKinds[F]): ReportKey {
  return everyErrorHasText(`errors.${field}.${kind}` as ErrorKey);
}

/** The fields in the order of the page, for the error summary. */
export const reportFieldOrder: readonly ReportField[] = [
  'description',
  'place',
  'address',
  'periodFrom',
  'periodUntil',
  'forms',
  'contact',
  'contactName',
  'contactEmail',
  'contactPhone',
  'files',
];

/** The messages of the summary: each field with an error, in page order, with its text key. */
export function reportErrorMessages(errors: ReportErrors): { field: ReportField; key: ReportKey }[] {
  return reportFieldOrder.flatMap((field) => {
    const kind = errors[field];
    return kind ? [{ field, key: everyErrorHasText(`errors.${field}.${kind}` as ErrorKey) }] : [];
  });
}

/** Problems that belong to the whole report, not to one field. */
export type GeneralError = 'challenge' | 'honeypot' | 'rateLimited' | 'network' | 'server' | 'invalid';

export interface ReportProblem {
  fields: ReportErrors;
  general?: GeneralError;
  /** The problem's instance (urn:uuid:…), to quote when the fault was ours. */
  instance?: string;
}

const lengthKind = (code: string): 'tooLong' | 'invalid' => (code === 'too_big' ? 'tooLong' : 'invalid');

/** `body.contact.email` → the form field it is about. */
function fieldError(path: string, code: string, form: ReportForm): Partial<ReportErrors> | undefined {
  const [top, sub] = path.split('.');
  switch (top) {
    case 'description':
      if (!form.description.trim()) return { description: 'required' };
      return { description: code === 'too_small' ? 'tooShort' : code === 'too_big' ? 'tooLong' : code === 'invalid_type' ? 'required' : 'invalid' };
    case 'place':
      return { place: lengthKind(code) };
    case 'address':
      return { address: lengthKind(code) };
    case 'periodFrom':
      return { periodFrom: 'invalid' };
    case 'periodUntil':
      return { periodUntil: code === 'custom' ? 'beforeFrom' : 'invalid' };
    case 'forms':
      return { forms: 'invalid' };
    case 'contact':
      if (sub === 'name') return { contactName: lengthKind(code) };
      if (sub === 'email') return { contactEmail: 'invalid' };
      if (sub === 'phone') return { contactPhone: lengthKind(code) };
      return { contact: 'missing' };
    case 'attachmentIds':
      return { files: 'unknown' };
    default:
      return undefined;
  }
}

/** Any failed submission as messages of the page: per field where it belongs, else for the whole. */
export function reportProblemFrom(error: ApiError, form: ReportForm): ReportProblem {
  if (error.isNetworkError) return { fields: {}, general: 'network' };
  const code = error.problem?.code;
  if (code === 'request.invalid') {
    const fields: ReportErrors = {};
    let unplaced = false;
    for (const param of error.invalidParams) {
      const [where, ...path] = param.name.split('.');
      const found = where === 'body' ? fieldError(path.join('.'), param.code, form) : undefined;
      if (!found) unplaced = true;
      // The first message per field counts, as the server lists the most basic problem first.
      for (const [field, kind] of Object.entries(found ?? {})) if (!(field in fields)) Object.assign(fields, { [field]: kind });
    }
    if (Object.keys(fields).length === 0 || unplaced) return { fields, general: 'invalid' };
    return { fields };
  }
  if (code === 'signal.attachment-unknown') return { fields: { files: 'unknown' } };
  if (code === 'public.challenge-invalid') return { fields: {}, general: 'challenge' };
  if (code === 'public.honeypot') return { fields: {}, general: 'honeypot' };
  if (code === 'request.rate-limited') return { fields: {}, general: 'rateLimited' };
  return { fields: {}, general: 'server', ...(error.problem ? { instance: error.problem.instance } : {}) };
}

export const generalErrorKey = (general: GeneralError): ReportKey => `errors.general.${general}`;

// --- attachments -----------------------------------------------------------------------------

export type FileErrorKind = 'type' | 'tooLarge' | 'limit' | 'empty' | 'unknown' | 'pending' | 'failed';

/** Why one upload failed, by the problem's code. */
export function fileErrorFrom(error: ApiError): FileErrorKind {
  switch (error.problem?.code) {
    case 'signal.attachment-type':
    case 'request.unsupported-media-type':
      return 'type';
    case 'signal.attachment-too-large':
    case 'request.body-too-large':
      return 'tooLarge';
    case 'signal.attachment-limit':
      return 'limit';
    case 'request.invalid':
      return error.invalidParams.some((p) => p.code === 'empty') ? 'empty' : 'failed';
    default:
      return 'failed';
  }
}

export interface Upload {
  /** Local key for the list (a file can be chosen twice). */
  key: string;
  name: string;
  state: 'uploading' | 'done' | 'failed';
  /** 0–100. */
  percent: number;
  /** The server's id once stored. */
  id?: string;
  error?: FileErrorKind;
}

export const MAX_FILES = 5;

/** How many more files may start: failed uploads do not count, the server's limit is per report. */
export function roomForFiles(uploads: readonly Upload[]): number {
  return Math.max(0, MAX_FILES - uploads.filter((upload) => upload.state !== 'failed').length);
}

export function attachmentIdsOf(uploads: readonly Upload[]): string[] {
  return uploads.flatMap((upload) => (upload.state === 'done' && upload.id ? [upload.id] : []));
}

export const uploadsPending = (uploads: readonly Upload[]): boolean => uploads.some((upload) => upload.state === 'uploading');

/** The Content-Type to send a file with: its own, except types the server's JSON and text parsers would take. */
export function uploadContentType(type: string): string {
  const base = type.split(';')[0]?.trim().toLowerCase() ?? '';
  if (!base || base === 'application/json' || base.startsWith('text/')) return 'application/octet-stream';
  return base;
}

/** `Content-Disposition` with the file name percent-encoded (RFC 8187), so any name fits in a header. */
export function contentDisposition(fileName: string): string {
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename*=UTF-8''${encoded}`;
}

// --- follow-up -------------------------------------------------------------------------------

export interface FollowUpErrorKinds {
  reference: 'required' | 'invalid';
  code: 'required' | 'invalid';
  text: 'required' | 'tooShort' | 'tooLong';
}
export type FollowUpField = keyof FollowUpErrorKinds;
export type FollowUpErrors = { [F in FollowUpField]?: FollowUpErrorKinds[F] };
type FollowUpErrorKey = { [F in FollowUpField]: `follow.errors.${F}.${FollowUpErrorKinds[F]}` }[FollowUpField];
const everyFollowUpErrorHasText: (key: FollowUpErrorKey) => ReportKey = (key) => key;

export function followUpErrorKey<F extends FollowUpField>(field: F, kind: FollowUpErrorKinds[F]): ReportKey {
  return everyFollowUpErrorHasText(`follow.errors.${field}.${kind}` as FollowUpErrorKey);
}

export interface FollowUpProblem {
  fields: FollowUpErrors;
  general?: GeneralError | 'notFound';
  instance?: string;
}

export interface FollowUpValues {
  reference: string;
  code: string;
  text?: string;
}

export function followUpProblemFrom(error: ApiError, values: FollowUpValues): FollowUpProblem {
  if (error.isNetworkError) return { fields: {}, general: 'network' };
  const code = error.problem?.code;
  if (code === 'public.follow-up-not-found') return { fields: {}, general: 'notFound' };
  if (code === 'request.rate-limited') return { fields: {}, general: 'rateLimited' };
  if (code === 'request.invalid') {
    const fields: FollowUpErrors = {};
    for (const param of error.invalidParams) {
      const name = param.name.replace(/^body\./, '');
      if (name === 'reference' && !fields.reference) fields.reference = values.reference.trim() ? 'invalid' : 'required';
      if (name === 'followUpCode' && !fields.code) fields.code = values.code.trim() ? 'invalid' : 'required';
      if (name === 'text' && !fields.text) {
        fields.text = !values.text?.trim() ? 'required' : param.code === 'too_big' ? 'tooLong' : 'tooShort';
      }
    }
    return Object.keys(fields).length > 0 ? { fields } : { fields, general: 'invalid' };
  }
  return { fields: {}, general: 'server', ...(error.problem ? { instance: error.problem.instance } : {}) };
}

export const followUpGeneralKey = (general: NonNullable<FollowUpProblem['general']>): ReportKey =>
  general === 'notFound' ? 'follow.errors.notFound' : generalErrorKey(general);

/** The code as the receipt shows it: five groups of four, whatever spaces or case were typed. */
export function formatFollowUpCode(code: string): string {
  const clean = code.toUpperCase().replace(/[^A-Z0-9]/g, '');
  return clean.length === 20 ? (clean.match(/.{4}/g) ?? []).join('-') : code.trim();
}

export type FollowUpState = FollowUpStatus['status'];
