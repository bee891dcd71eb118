import { z } from 'zod';
import { pagedSchema } from '@server/core/http/pagination';

export const notificationKinds = ['acute-intervention', 'handover-requested', 'handover-decided', 'table-invitation', 'table-session-moved', 'table-session-cancelled', 'urgent-consultation', 'track-assigned', 'action-assigned'] as const;
export const notificationKindSchema = z.enum(notificationKinds).meta({ id: 'NotificationKind' });
export type NotificationKind = z.infer<typeof notificationKindSchema>;

/** A notice names a record by its reference and links to it; never its content. */
export const notificationSchema = z
  .object({
    id: z.uuid(),
    kind: notificationKindSchema,
    recordType: z.enum(['case', 'table-session', 'urgent-consultation']),
    recordId: z.uuid(),
    reference: z.string(),
    createdAt: z.iso.datetime({ offset: true }),
    read: z.boolean(),
  })
  .meta({ id: 'Notification' });
export type Notification = z.infer<typeof notificationSchema>;

export const notificationListSchema = pagedSchema('notifications', notificationSchema).extend({ unread: z.number().int() }).meta({ id: 'NotificationList' });
export const notificationParamsSchema = z.strictObject({ id: z.uuid() });
export const notificationUpdateSchema = z.strictObject({ read: z.literal(true) }).meta({ id: 'NotificationUpdate', examples: [{ read: true }] });
