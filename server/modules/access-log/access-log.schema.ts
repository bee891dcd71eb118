import { z } from 'zod';
import { accessActions } from '@server/core/access/access-log';
import { pagedSchema, pageQuerySchema } from '@server/core/http/pagination';

export const accessLogEntrySchema = z
  .object({
    id: z.number().int(),
    at: z.iso.datetime({ offset: true }),
    userId: z.uuid().nullable(),
    userName: z.string().nullable(),
    role: z.string().nullable(),
    organisationId: z.uuid().nullable(),
    action: z.enum(accessActions),
    recordType: z.string().nullable(),
    recordId: z.string().nullable(),
    subjects: z.array(z.string()),
    purpose: z.string().nullable(),
    grantId: z.uuid().nullable(),
    clientAddress: z.string().nullable(),
    userAgent: z.string().nullable(),
    requestId: z.string().nullable(),
    outcome: z.enum(['success', 'failure', 'denied']),
    reason: z.string().nullable(),
  })
  .meta({ id: 'AccessLogEntry', 'x-personal-data': true });
export type AccessLogEntryView = z.infer<typeof accessLogEntrySchema>;

export const accessLogFilterSchema = z.strictObject({
  from: z.iso.datetime({ offset: true }).optional().describe('From this moment (inclusive)'),
  to: z.iso.datetime({ offset: true }).optional().describe('Until this moment (exclusive)'),
  userId: z.uuid().optional(),
  action: z.enum(accessActions).optional(),
  recordType: z.string().max(60).optional(),
  recordId: z.string().max(100).optional(),
  subject: z.string().max(100).optional().describe('Id of a person the record is about'),
  outcome: z.enum(['success', 'failure', 'denied']).optional(),
});
export type AccessLogFilter = z.infer<typeof accessLogFilterSchema>;

export const accessLogQuerySchema = accessLogFilterSchema.extend(pageQuerySchema.shape);
export const accessLogListSchema = pagedSchema('entries', accessLogEntrySchema).meta({ id: 'AccessLogList' });

export const chainVerificationSchema = z
  .object({ rows: z.number().int(), intact: z.boolean(), firstBrokenId: z.number().int().optional() })
  .meta({ id: 'AccessLogVerification' });
