import { z } from 'zod';
import { pagedSchema, pageQuerySchema } from '@server/core/http/pagination';
import { importFields, importSources } from './imports.mapping';

export const importSourceSchema = z.enum(importSources).meta({ id: 'ImportSource', description: 'mma: Meld Misdaad Anoniem; watch: Watch Nederland' });
const field = z.enum(importFields);

export const importStatusSchema = z
  .enum(['analysed', 'running', 'done', 'failed', 'interrupted', 'expired'])
  .meta({
    id: 'ImportStatus',
    description:
      'analysed: dry-run done, waiting for confirmation · running · done · failed: nothing imported · interrupted: the process stopped while importing (nothing imported; can be started again) · expired: not confirmed within a day, the file is gone',
  });

export const importCountsSchema = z
  .object({ total: z.number().int(), created: z.number().int(), updated: z.number().int(), unchanged: z.number().int(), rejected: z.number().int() })
  .meta({ id: 'ImportCounts' });

export const importBatchSchema = z
  .object({
    id: z.uuid(),
    source: importSourceSchema,
    fileName: z.string(),
    sha256: z.string().describe('SHA-256 of the uploaded file'),
    sizeBytes: z.number().int(),
    encoding: z.string().nullable().describe('utf-8, utf-8-bom, windows-1252 …: how the file was read'),
    status: importStatusSchema,
    counts: importCountsSchema.describe('From the dry-run while analysed; what was done once done'),
    progress: z.object({ processed: z.number().int(), total: z.number().int() }).describe('Lines handled so far while running'),
    origin: z.enum(['web', 'cli']),
    createdBy: z.object({ id: z.uuid(), displayName: z.string() }).nullable(),
    createdAt: z.iso.datetime({ offset: true }),
    startedAt: z.iso.datetime({ offset: true }).nullable(),
    finishedAt: z.iso.datetime({ offset: true }).nullable(),
    error: z.string().nullable(),
    permissions: z.object({ confirm: z.boolean() }).meta({ id: 'ImportPermissions' }),
  })
  .meta({ id: 'ImportBatch' });
export type ImportBatch = z.infer<typeof importBatchSchema>;

export const importListSchema = pagedSchema('imports', importBatchSchema).meta({ id: 'ImportList' });
export const importQuerySchema = pageQuerySchema;
export const importParamsSchema = z.strictObject({ id: z.uuid() });
export const importUploadQuerySchema = z.strictObject({ source: importSourceSchema });

const reasonSchema = z
  .object({
    code: z.enum(['missing', 'date', 'date-future', 'form', 'too-long', 'duplicate-id', 'columns', 'quote']),
    field: field.optional(),
    column: z.string().optional(),
    value: z.string().optional(),
    found: z.number().int().optional(),
    expected: z.number().int().optional(),
    max: z.number().int().optional(),
    firstLine: z.number().int().optional(),
  })
  .meta({ id: 'ImportRejectionReason' });

const warningSchema = z
  .object({
    code: z.enum(['form-unknown', 'postcode-invalid', 'kvk-invalid', 'place-unrouted', 'plate-invalid']),
    field,
    column: z.string(),
    value: z.string().optional(),
  })
  .meta({ id: 'ImportWarning' });

export const importReportSchema = z
  .object({
    encoding: z.string(),
    headers: z.array(z.string()),
    dateFormats: z.array(z.string()),
    counts: importCountsSchema.extend({ warnings: z.number().int() }),
    rejected: z.array(z.object({ line: z.number().int(), lastLine: z.number().int().optional(), sourceId: z.string().optional(), reasons: z.array(reasonSchema) })),
    updated: z.array(z.object({ line: z.number().int(), sourceId: z.string(), signalId: z.uuid(), reference: z.string().nullable(), changed: z.array(field) })),
    warnings: z.array(z.object({ line: z.number().int(), sourceId: z.string(), warnings: z.array(warningSchema) })),
    sample: z.array(
      z.object({
        line: z.number().int(),
        sourceId: z.string(),
        receivedAt: z.iso.datetime({ offset: true }),
        summary: z.string(),
        forms: z.array(z.string()),
        acute: z.boolean(),
        places: z.array(z.string()),
        municipalities: z.array(z.object({ code: z.string(), name: z.string() })),
        persons: z.number().int(),
      }),
    ),
    truncated: z.boolean().describe('A list was cut at 1,000 lines; the counts are complete'),
  })
  .meta({ id: 'ImportReport', 'x-personal-data': true });

export const importAnalysedSchema = z
  .object({ import: importBatchSchema, report: importReportSchema })
  .meta({ id: 'ImportDryRun', 'x-personal-data': true });
