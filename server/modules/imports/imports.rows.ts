import { hash } from 'node:crypto';
import type { NewPerson, NewSignal } from '@server/modules/signals';
import type { CsvRecord } from './imports.csv';
import { dateParser } from './imports.dates';
import { alwaysRequired, type ImportField, importFields, type ImportMapping } from './imports.mapping';

/**
 * One record of an export → the signal it becomes, or the reasons it cannot. Text is kept as
 * text: markup such as <script> is stored verbatim as characters (the web app renders text, never
 * HTML), only control characters are removed.
 */
export interface RowReason {
  code: 'missing' | 'date' | 'date-future' | 'form' | 'too-long' | 'duplicate-id' | 'columns' | 'quote';
  /** The mapped field and its column in the file. */
  field?: ImportField;
  column?: string;
  /** A short value that is not personal data (a date, a form word), or the first line of a duplicate. */
  value?: string;
  found?: number;
  expected?: number;
  max?: number;
  firstLine?: number;
}

export interface RowWarning {
  code: 'form-unknown' | 'postcode-invalid' | 'kvk-invalid' | 'place-unrouted' | 'plate-invalid';
  field: ImportField;
  column: string;
  value?: string;
}

export interface MappedRow {
  line: number;
  sourceId: string;
  signal: Omit<NewSignal, 'regionCode' | 'channel'>;
  fingerprint: string;
  /** The cleaned value of each mapped field (for the per-field hashes, computed only when needed). */
  values: Partial<Record<ImportField, string>>;
  warnings: RowWarning[];
}

/** Short hashes per field, stored with the import record so a later change can name its fields. */
export function fieldHashesOf(row: Pick<MappedRow, 'values'>): Record<string, string> {
  const hashes: Record<string, string> = {};
  for (const field of importFields) if (row.values[field]) hashes[field] = shortHash(row.values[field]!);
  return hashes;
}

export interface RejectedRow {
  line: number;
  lastLine?: number;
  sourceId?: string;
  reasons: RowReason[];
}

const LIMITS: Partial<Record<ImportField, number>> = {
  sourceId: 100,
  summary: 20_000,
  place: 100,
  street: 200,
  houseNumber: 20,
  address: 300,
  persons: 5_000,
  licensePlates: 200,
  businessName: 200,
  kvkNumber: 20,
  businessPlace: 100,
};

// Control characters except tab, line feed and carriage return.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
// eslint-disable-next-line no-control-regex
const ASCII = /^[\u0000-\u007F]*$/;
const clean = (value: string) => {
  const text = value.replace(CONTROL, '').trim();
  return ASCII.test(text) ? text : text.normalize('NFC');
};
export const fold = (value: string) =>
  value
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
/** A short hash of one field's value; enough to tell which fields changed (the row fingerprint is SHA-256). */
export const shortHash = (value: string) => hash('md5', value, 'base64').slice(0, 12);

export function rowMapper(mapping: ImportMapping, now = new Date()) {
  const parseDate = dateParser(mapping.dateFormats, mapping.timezone);
  const forms = new Map(Object.entries(mapping.forms).map(([word, form]) => [fold(word), form]));
  const roles = new Map(Object.entries(mapping.personRoles).map(([word, role]) => [fold(word), role]));
  const acuteWords = new Set(mapping.acuteValues.map(fold));
  const required = new Set([...alwaysRequired, ...mapping.required]);
  const latest = now.getTime() + 86_400_000;
  const column = (field: ImportField) => mapping.columns[field] ?? field;
  const split = (value: string) =>
    value
      .split(mapping.listSeparator)
      .map((v) => v.trim())
      .filter(Boolean);

  return (record: CsvRecord): MappedRow | RejectedRow => {
    const values = cleanValues(record);
    const reasons: RowReason[] = [];
    const warnings: RowWarning[] = [];
    for (const field of required) if (!values[field]) reasons.push({ code: 'missing', field, column: column(field) });
    for (const [field, max] of Object.entries(LIMITS) as [ImportField, number][]) {
      if ((values[field]?.length ?? 0) > max) reasons.push({ code: 'too-long', field, column: column(field), max });
    }
    let receivedAt: Date | undefined;
    if (values.receivedAt) {
      receivedAt = parseDate(values.receivedAt);
      if (!receivedAt) reasons.push({ code: 'date', field: 'receivedAt', column: column('receivedAt'), value: values.receivedAt.slice(0, 40), expected: undefined });
      else if (receivedAt.getTime() > latest) reasons.push({ code: 'date-future', field: 'receivedAt', column: column('receivedAt'), value: values.receivedAt.slice(0, 40) });
    }
    const signalForms = new Set<string>();
    for (const word of split(values.forms ?? '')) {
      const form = forms.get(fold(word));
      if (form) signalForms.add(form);
      else if (mapping.unknownForm === 'reject') reasons.push({ code: 'form', field: 'forms', column: column('forms'), value: word.slice(0, 60) });
      else {
        signalForms.add('unknown');
        warnings.push({ code: 'form-unknown', field: 'forms', column: column('forms'), value: word.slice(0, 60) });
      }
    }
    const sourceId = values.sourceId ?? '';
    if (reasons.length) return { line: record.line, lastLine: record.lastLine, sourceId: sourceId || undefined, reasons };

    const locations: NonNullable<NewSignal['locations']> = [];
    let street = values.street || null;
    let houseNumber = values.houseNumber || null;
    if (values.address && !street) {
      const match = /^(.*?\D)\s*(\d+.*)$/.exec(values.address);
      street = match ? match[1]!.trim() : values.address;
      houseNumber = match ? match[2]!.trim().slice(0, 20) : houseNumber;
    }
    let postcode = values.postcode || null;
    if (postcode && !/^\d{4}\s?[A-Za-z]{2}$/.test(postcode)) {
      warnings.push({ code: 'postcode-invalid', field: 'postcode', column: column('postcode'), value: postcode.slice(0, 12) });
      postcode = null;
    }
    if (street || houseNumber || postcode || values.place) locations.push({ street, houseNumber, postcode, place: values.place || null });

    const businesses: NonNullable<NewSignal['businesses']> = [];
    let kvkNumber = values.kvkNumber?.replace(/\s/g, '') || null;
    if (kvkNumber && !/^\d{8}$/.test(kvkNumber)) {
      warnings.push({ code: 'kvk-invalid', field: 'kvkNumber', column: column('kvkNumber'), value: kvkNumber.slice(0, 20) });
      kvkNumber = null;
    }
    if (values.businessName || kvkNumber) businesses.push({ name: values.businessName || null, kvkNumber, address: values.businessPlace || null, sector: null });
    if (values.businessPlace) locations.push({ description: values.businessName ? `Vestiging ${values.businessName}` : 'Vestiging', place: values.businessPlace });

    const vehicles: NonNullable<NewSignal['vehicles']> = [];
    for (const plate of split(values.licensePlates ?? '')) {
      if (plate.length > 20) warnings.push({ code: 'plate-invalid', field: 'licensePlates', column: column('licensePlates') });
      else vehicles.push({ licensePlate: plate });
    }

    const fingerprint = fingerprintOf(values);

    return {
      line: record.line,
      sourceId,
      signal: {
        sourceId,
        receivedAt: receivedAt!,
        summary: values.summary!,
        forms: [...signalForms],
        acute: values.acute ? acuteWords.has(fold(values.acute)) : false,
        anonymous: true,
        locations,
        businesses,
        vehicles,
        persons: parsePersons(split(values.persons ?? ''), roles),
      },
      fingerprint,
      values,
      warnings,
    };
  };
}

/** The mapped fields of a record as text: control characters removed, trimmed, NFC. */
export function cleanValues(record: CsvRecord): Partial<Record<ImportField, string>> {
  const values: Partial<Record<ImportField, string>> = {};
  for (const field of importFields) {
    const raw = record.values[field];
    if (raw !== undefined) values[field] = clean(raw);
  }
  return values;
}

/** SHA-256 over every mapped field: the same source values give the same fingerprint. */
export function fingerprintOf(values: Partial<Record<ImportField, string>>): string {
  let joined = '';
  for (const field of importFields) joined += `${values[field] ?? ''}\u0000`;
  return hash('sha256', joined, 'hex');
}

export const isRejected = (row: MappedRow | RejectedRow): row is RejectedRow => 'reasons' in row;

const PHONE = /^(\+|00)?[\d\s().-]{8,20}$/;
const AGE = /^(?:ca\.?\s*|circa\s*|±\s*)?(\d{1,3})\s*(?:jaar|jr\.?|j|years?)$/i;

/**
 * "Slachtoffer: Anna K., ca. 19 jaar, 06-12345678, Roemeens": an optional role word and a colon,
 * then the name, then in any order a phone number, an age ("19 jaar", "ca. 40 jr") and free text.
 */
export function parsePersons(entries: string[], roles: Map<string, NewPerson['role']>): NewPerson[] {
  return entries.slice(0, 50).map((entry) => {
    let role: NewPerson['role'] = 'other';
    let rest = entry;
    const prefix = /^([^:,]{1,40}):\s*(.*)$/s.exec(entry);
    if (prefix && roles.has(fold(prefix[1]!))) {
      role = roles.get(fold(prefix[1]!))!;
      rest = prefix[2]!;
    }
    const parts = rest
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean);
    const person: NewPerson = { role };
    const description: string[] = [];
    parts.forEach((part, i) => {
      const age = AGE.exec(part);
      if (PHONE.test(part) && part.replace(/\D/g, '').length >= 8 && !person.phone) person.phone = part.slice(0, 40);
      else if (age && !person.approximateAge && Number(age[1]) <= 120) person.approximateAge = Number(age[1]);
      else if (i === 0 && part.length <= 200) person.name = part;
      else description.push(part);
    });
    if (description.length) person.description = description.join(', ').slice(0, 2000);
    return person;
  });
}
