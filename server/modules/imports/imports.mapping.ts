import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { exploitationForms, personRoles } from '@server/modules/signals';

/**
 * The column mapping of one source's export: which column of the file fills which field of a
 * signal, the separator, the date formats and the words for forms, roles and "acute". One JSON
 * file per source in SCHAKEL_IMPORTS_DIR (config/imports/mma.json, watch.json), validated here;
 * documented in docs/imports.md.
 */
export const importSources = ['mma', 'watch'] as const;
export type ImportSource = (typeof importSources)[number];

/** What a column can fill. Three are always required: the source's id, its date, the text. */
export const importFields = [
  'sourceId',
  'receivedAt',
  'summary',
  'forms',
  'acute',
  'place',
  'street',
  'houseNumber',
  'address',
  'postcode',
  'persons',
  'licensePlates',
  'businessName',
  'kvkNumber',
  'businessPlace',
] as const;
export type ImportField = (typeof importFields)[number];
export const alwaysRequired: ImportField[] = ['sourceId', 'receivedAt', 'summary'];

const dateFormat = z
  .string()
  .regex(/^(dd|MM|yyyy|HH|mm|ss|[-/.: T])+$/, 'a date format of dd, MM, yyyy, HH, mm, ss and - / . : T or a space, e.g. dd-MM-yyyy HH:mm')
  .refine((f) => f.includes('dd') && f.includes('MM') && f.includes('yyyy'), 'a date format needs dd, MM and yyyy');

/** Keys are compared without case, accents or punctuation ("Arbeidsuitbuiting", "arbeids-uitbuiting"). */
const wordMap = <T extends z.ZodType>(value: T) => z.record(z.string().min(1), value);

export const mappingSchema = z.strictObject({
  source: z.enum(importSources),
  label: z.string().min(1),
  delimiter: z.string().length(1),
  encoding: z.enum(['auto', 'utf-8', 'windows-1252']).default('auto'),
  dateFormats: z.array(dateFormat).min(1),
  timezone: z.string().default('Europe/Amsterdam'),
  columns: z
    .partialRecord(z.enum(importFields), z.string().trim().min(1))
    .refine((c) => alwaysRequired.every((f) => c[f]), { message: `columns must map ${alwaysRequired.join(', ')}` })
    .refine((c) => new Set(Object.values(c).map((h) => h!.toLowerCase())).size === Object.keys(c).length, { message: 'two fields map the same column' }),
  required: z.array(z.enum(importFields)).default([]),
  listSeparator: z.string().min(1).default('|'),
  forms: wordMap(z.enum(exploitationForms)),
  unknownForm: z.enum(['unknown', 'reject']).default('unknown'),
  acuteValues: z.array(z.string().min(1)).default(['ja', 'j', 'yes', 'true', '1', 'spoed']),
  personRoles: wordMap(z.enum(personRoles)).default({}),
});
export type ImportMapping = z.infer<typeof mappingSchema>;

export class ImportMappingError extends Error {
  constructor(file: string, problems: string[]) {
    super(`Import mapping ${file} is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ImportMappingError';
  }
}

/** Reads and validates config/imports/<source>.json; a missing or invalid file stops with a clear message. */
export function loadMapping(dir: string, source: ImportSource): ImportMapping {
  const name = `${source}.json`;
  const path = join(resolve(dir), name);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ImportMappingError(name, [(error as Error).message]);
  }
  const parsed = mappingSchema.safeParse(json);
  if (!parsed.success) throw new ImportMappingError(name, parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
  if (parsed.data.source !== source) throw new ImportMappingError(name, [`source "${parsed.data.source}" must match the file name`]);
  try {
    new Intl.DateTimeFormat('en', { timeZone: parsed.data.timezone });
  } catch {
    throw new ImportMappingError(name, [`timezone: "${parsed.data.timezone}" is not a time zone`]);
  }
  return parsed.data;
}

export function loadMappings(dir: string): Record<ImportSource, ImportMapping> {
  return { mma: loadMapping(dir, 'mma'), watch: loadMapping(dir, 'watch') };
}
