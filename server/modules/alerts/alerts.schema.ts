import { z } from 'zod';
import { roleSchema } from '@server/core/auth/roles';
import { pagedSchema, pageQuerySchema } from '@server/core/http/pagination';

const dateTime = z.iso.datetime({ offset: true });
const staffRef = z.object({ id: z.uuid(), displayName: z.string() }).meta({ id: 'StaffRef' });

// --- The 24/7 reachability roster ----------------------------------------------------------------

export const onCallChannels = ['email'] as const;
export const onCallChannelSchema = z.enum(onCallChannels).meta({ id: 'OnCallChannel', description: 'How the person on call is alerted' });

export const onCallShiftSchema = z
  .object({
    id: z.uuid(),
    person: staffRef.extend({ organisation: z.object({ id: z.uuid(), name: z.string() }) }),
    channel: onCallChannelSchema,
    address: z.string().nullable().describe('The address set for this shift; null: the account’s e-mail address'),
    effectiveAddress: z.string().describe('Where an alert goes now'),
    note: z.string().nullable(),
    from: dateTime,
    until: dateTime,
    overlapsWith: z.array(z.uuid()).describe('Other shifts of the region in the same period (allowed, e.g. a back-up; shown as a warning)'),
    createdAt: dateTime,
    updatedAt: dateTime,
  })
  .meta({ id: 'OnCallShift', 'x-personal-data': true });
export type OnCallShift = z.infer<typeof onCallShiftSchema>;
export const onCallShiftListSchema = pagedSchema('onCallShifts', onCallShiftSchema).meta({ id: 'OnCallShiftList' });

export const onCallShiftQuerySchema = pageQuerySchema
  .extend({
    from: dateTime.optional().describe('Only shifts that end after this moment'),
    until: dateTime.optional().describe('Only shifts that start before this moment'),
    personId: z.uuid().optional(),
  });
export type OnCallShiftQuery = z.infer<typeof onCallShiftQuerySchema>;

const address = z.email().trim().toLowerCase().max(254);
const note = z.string().trim().max(500);

export const onCallShiftCreateSchema = z
  .strictObject({
    personId: z.uuid().describe('An active account of the region with a duty role'),
    from: dateTime,
    until: dateTime,
    channel: onCallChannelSchema.default('email'),
    address: address.nullable().optional().describe('Leave out to use the account’s e-mail address'),
    note: note.nullable().optional().describe('Visible to all staff of the region, e.g. “back-up: the duty phone of Veilig Thuis”'),
  })
  .refine((s) => new Date(s.until) > new Date(s.from), { message: 'until must be after from', path: ['until'] })
  .meta({
    id: 'OnCallShiftCreate',
    examples: [{ personId: '00000000-0000-4000-8000-000000000000', from: '2026-12-07T08:00:00+01:00', until: '2026-12-14T08:00:00+01:00', channel: 'email', note: 'Week dienst' }],
  });
export type OnCallShiftCreate = z.infer<typeof onCallShiftCreateSchema>;

export const onCallShiftUpdateSchema = z
  .strictObject({
    personId: z.uuid().optional(),
    from: dateTime.optional(),
    until: dateTime.optional(),
    channel: onCallChannelSchema.optional(),
    address: address.nullable().optional(),
    note: note.nullable().optional(),
  })
  .meta({ id: 'OnCallShiftUpdate', examples: [{ until: '2026-12-14T20:00:00+01:00' }] });
export type OnCallShiftUpdate = z.infer<typeof onCallShiftUpdateSchema>;

export const idParamsSchema = z.strictObject({ id: z.uuid() });

export const onCallNowSchema = z
  .object({
    at: dateTime,
    nobodyOnCall: z.boolean(),
    _embedded: z.object({ onCallShifts: z.array(onCallShiftSchema) }),
  })
  .meta({ id: 'OnCallNow', 'x-personal-data': true });

export const onCallGapQuerySchema = z
  .strictObject({ from: dateTime, until: dateTime })
  .refine((q) => new Date(q.until) > new Date(q.from), { message: 'until must be after from', path: ['until'] })
  .refine((q) => new Date(q.until).getTime() - new Date(q.from).getTime() <= 92 * 86_400_000, { message: 'at most 92 days', path: ['until'] });
export const onCallGapListSchema = z
  .object({
    from: dateTime,
    until: dateTime,
    _embedded: z.object({ gaps: z.array(z.object({ from: dateTime, until: dateTime }).meta({ id: 'OnCallGap' })) }),
  })
  .meta({ id: 'OnCallGapList', description: 'Periods in which nobody is on call' });

export const onCallCandidateSchema = z
  .object({
    id: z.uuid(),
    displayName: z.string(),
    email: z.string(),
    organisation: z.object({ id: z.uuid(), name: z.string() }),
    roles: z.array(roleSchema),
  })
  .meta({ id: 'OnCallCandidate', 'x-personal-data': true });
export const onCallCandidateListSchema = pagedSchema('people', onCallCandidateSchema).meta({ id: 'OnCallCandidateList' });
export const onCallCandidateQuerySchema = pageQuerySchema.extend({ search: z.string().trim().max(100).optional().describe('Part of name or e-mail address') });

// --- Alerts --------------------------------------------------------------------------------------

export const deliverySchema = z
  .object({
    status: z.enum(['pending', 'sent', 'failed']),
    attempts: z.number().int(),
    lastAttemptAt: dateTime.nullable(),
    sentAt: dateTime.nullable(),
    nextAttemptAt: dateTime.nullable(),
    lastError: z.string().nullable(),
  })
  .meta({ id: 'MailDelivery' });

export const alertRecipientSchema = z
  .object({
    id: z.uuid(),
    person: staffRef.nullable().describe('null for the fallback address'),
    address: z.string(),
    fallback: z.boolean().describe('Sent to ALERT_FALLBACK_EMAIL because nobody was on call'),
    channel: onCallChannelSchema,
    delivery: deliverySchema,
  })
  .meta({ id: 'AlertRecipient' });

export const alertAcknowledgementSchema = z
  .object({ id: z.uuid(), alertId: z.uuid(), person: staffRef, at: dateTime })
  .meta({ id: 'AlertAcknowledgement' });

export const alertSchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(['acute-signal']),
    status: z.enum(['open', 'acknowledged']).describe('open until someone acknowledges it'),
    signal: z.object({
      id: z.uuid(),
      reference: z.string(),
      receivedAt: dateTime,
      municipalities: z.array(z.object({ code: z.string(), name: z.string() })),
    }),
    createdAt: dateTime,
    nobodyOnCall: z.boolean().describe('Nobody was on call when the alert was raised'),
    recipients: z.array(alertRecipientSchema),
    acknowledgements: z.array(alertAcknowledgementSchema),
  })
  .meta({ id: 'Alert', 'x-personal-data': true });
export type Alert = z.infer<typeof alertSchema>;
export const alertListSchema = pagedSchema('alerts', alertSchema).meta({ id: 'AlertList' });
export const alertQuerySchema = pageQuerySchema.extend({ status: z.enum(['open', 'all']).default('open').describe('open: not yet acknowledged') });
export type AlertQuery = z.infer<typeof alertQuerySchema>;
