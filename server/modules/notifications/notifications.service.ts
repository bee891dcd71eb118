import type { Transaction } from 'kysely';
import { type Config, publicBaseUrlOf } from '@server/core/config';
import type { Db } from '@server/core/db/database';
import { AppError } from '@server/core/errors';
import { enqueueMail } from '@server/core/mail/outbox';
import type { Database } from '@server/db/schema';
import * as repository from './notifications.repository';
import type { Notification, NotificationKind } from './notifications.schema';

type RecordType = Notification['recordType'];

const subjects: Record<NotificationKind, string> = {
  'acute-intervention': 'Acute interventie vastgelegd / Acute intervention recorded',
  'handover-requested': 'Overdracht van een casus / Case hand-over',
  'handover-decided': 'Besluit over een overdracht / Hand-over decided',
  'table-invitation': 'Uitnodiging weeg- en monitortafel / Table invitation',
  'table-session-moved': 'Sessie weeg- en monitortafel verzet / Table session moved',
  'table-session-cancelled': 'Sessie weeg- en monitortafel afgezegd / Table session cancelled',
  'urgent-consultation': 'Spoed-MDO geopend / Urgent consultation opened',
  'track-assigned': 'Spoor toegewezen aan uw organisatie / Track assigned to your organisation',
  'action-assigned': 'Actie toegewezen / Action assigned',
};
const paths: Record<RecordType, string> = { case: '/casussen', 'table-session': '/weegtafel', 'urgent-consultation': '/spoed-mdo' };

export interface NotifyInput {
  regionCode: string;
  recipients: { id: string; email?: string | null }[];
  kind: NotificationKind;
  recordType: RecordType;
  recordId: string;
  reference: string;
  /** Also by e-mail through the outbox (reference and link only). */
  mail?: { config: Pick<Config, 'PUBLIC_BASE_URL' | 'HOST' | 'PORT'>; highPriority?: boolean };
}

/**
 * Tells people in the app (and by e-mail when asked), in the caller's transaction, so the notice
 * exists exactly when the change does. Neither carries personal data: a reference and a link.
 */
export async function notify(trx: Transaction<Database>, input: NotifyInput): Promise<number> {
  const unique = [...new Map(input.recipients.map((r) => [r.id, r])).values()];
  await repository.insertNotifications(
    trx,
    unique.map((r) => ({ region_code: input.regionCode, user_id: r.id, kind: input.kind, record_type: input.recordType, record_id: input.recordId, reference: input.reference })),
  );
  if (input.mail) {
    const link = `${publicBaseUrlOf(input.mail.config)}${paths[input.recordType]}/${input.recordId}`;
    for (const recipient of unique) {
      if (!recipient.email) continue;
      await enqueueMail(trx, {
        regionCode: input.regionCode,
        purpose: `notification:${input.kind}`,
        recipient: recipient.email,
        subject: `[Schakel] ${subjects[input.kind]} ${input.reference}`,
        text: `${subjects[input.kind]}: ${input.reference}\n\nBekijk het in Schakel / View it in Schakel:\n${link}\n\nDeze e-mail bevat bewust geen inhoud. / This e-mail deliberately holds no content.`,
        highPriority: input.mail.highPriority ?? false,
      });
    }
  }
  return unique.length;
}

function present(row: Awaited<ReturnType<typeof repository.markRead>> & object): Notification {
  return {
    id: row.id,
    kind: row.kind as NotificationKind,
    recordType: row.record_type as RecordType,
    recordId: row.record_id,
    reference: row.reference,
    createdAt: new Date(row.created_at).toISOString(),
    read: row.read_at !== null,
  };
}

export async function myNotifications(db: Db, userId: string, limit: number, offset: number) {
  const { rows, total, unread } = await repository.listNotifications(db, userId, limit, offset);
  return { items: rows.map((r) => present(r)), total, unread };
}

export async function markRead(db: Db, userId: string, id: string): Promise<Notification> {
  const row = await repository.markRead(db, userId, id);
  if (!row) throw new AppError('route.not-found');
  return present(row);
}
