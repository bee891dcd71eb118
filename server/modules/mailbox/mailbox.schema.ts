import { z } from 'zod';
import { pagedSchema, pageQuerySchema } from '@server/core/http/pagination';
import { mimeErrorCodes } from './mailbox.parse';

export const mailboxStatuses = ['pending', 'recorded', 'parse-error'] as const;
export const mailboxStatusSchema = z.enum(mailboxStatuses).meta({ id: 'MailboxStatus' });
export const mailboxSources = ['imap', 'upload', 'drop'] as const;

/**
 * One message of the regional mailbox. The subject may name people, so the message is personal
 * data: every read is logged. The sender and the text are in the signal, not here.
 */
export const mailboxMessageSchema = z
  .object({
    id: z.uuid(),
    source: z.enum(mailboxSources).describe('imap: read from the mailbox; upload: .eml uploaded; drop: .eml from the drop folder'),
    subject: z.string().nullable().describe('As sent (text only); may contain personal data'),
    sentAt: z.iso.datetime({ offset: true }).nullable().describe('The Date header'),
    receivedAt: z.iso.datetime({ offset: true }).describe('When Schakel stored the message'),
    processedAt: z.iso.datetime({ offset: true }).nullable(),
    sizeBytes: z.number().int(),
    truncated: z.boolean().describe('Too large: only the start of the message is kept'),
    status: mailboxStatusSchema,
    parseError: z
      .object({
        code: z.string().describe(`Stable code: ${mimeErrorCodes.join(', ')}`),
        detail: z.string().nullable(),
      })
      .nullable(),
    parseAttempts: z.number().int(),
    forwarded: z.boolean().describe('Forwarded by a staff member: the reporter is the original sender'),
    skippedAttachments: z.number().int().describe('Attachments not taken into the signal (type or size); kept in the raw message'),
    signal: z.object({ id: z.uuid(), reference: z.string() }).nullable(),
  })
  .meta({ id: 'MailboxMessage', 'x-personal-data': true });
export type MailboxMessage = z.infer<typeof mailboxMessageSchema>;

export const mailboxMessageListSchema = pagedSchema('messages', mailboxMessageSchema).meta({ id: 'MailboxMessageList' });
export const mailboxMessageQuerySchema = pageQuerySchema.extend({
  status: mailboxStatusSchema.optional().describe('Only messages with this status, e.g. parse-error'),
});
export const mailboxMessageParamsSchema = z.strictObject({ id: z.uuid() });

export const mailboxReceiptSchema = z
  .object({
    message: mailboxMessageSchema,
    created: z.boolean().describe('False when the same message (Message-ID) was received before'),
  })
  .meta({ id: 'MailboxReceipt', 'x-personal-data': true });

/** The technical state, without content: for the functioneel beheerder too. */
export const mailboxStatusReportSchema = z
  .object({
    enabled: z.boolean(),
    region: z.string(),
    imap: z
      .object({
        host: z.string(),
        port: z.number().int(),
        secure: z.boolean(),
        folder: z.string(),
        idle: z.boolean(),
        pollSeconds: z.number().int(),
      })
      .nullable(),
    dropFolder: z.boolean().describe('Whether a drop folder is configured'),
    lastPollAt: z.iso.datetime({ offset: true }).nullable(),
    lastSuccessAt: z.iso.datetime({ offset: true }).nullable(),
    lastError: z.object({ at: z.iso.datetime({ offset: true }), message: z.string() }).nullable(),
    leaseHeld: z.boolean().describe('Whether an app server holds the lease to read the IMAP folder'),
    counts: z.object({ pending: z.number().int(), recorded: z.number().int(), parseError: z.number().int() }),
    lastReceivedAt: z.iso.datetime({ offset: true }).nullable(),
  })
  .meta({ id: 'MailboxStatusReport' });
