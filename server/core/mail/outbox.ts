import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database, MailOutboxTable } from '@server/db/schema';

/**
 * The mail outbox: a mail is written in the same transaction as the change that causes it, so it
 * exists exactly when that change does; the mailer (./mailer.ts) delivers it later and retries
 * until it gets through. Nothing in an outbox mail may be personal data: the subject and text
 * are stored as they are sent, so they say only what the recipient needs and link into Schakel.
 */
export interface OutgoingMail {
  regionCode?: string | null;
  /** What the mail is for, e.g. `acute-alert` (for the overview; never content). */
  purpose: string;
  recipient: string;
  subject: string;
  text: string;
  highPriority?: boolean;
}

export type OutboxRow = Selectable<MailOutboxTable>;
type Executor = Kysely<Database> | Transaction<Database>;

export async function enqueueMail(db: Executor, mail: OutgoingMail, now = new Date()): Promise<string> {
  const row = await db
    .insertInto('mail_outbox')
    .values({
      region_code: mail.regionCode ?? null,
      purpose: mail.purpose,
      recipient: mail.recipient,
      subject: mail.subject,
      text_body: mail.text,
      high_priority: mail.highPriority ?? false,
      next_attempt_at: now,
      locked_until: null,
      last_attempt_at: null,
      last_error: null,
      sent_at: null,
      message_id: null,
      failed_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Claims up to `limit` due mails for one worker: a short transaction that skips rows another
 * worker holds (FOR UPDATE SKIP LOCKED), counts the attempt and sets a lease. A worker that dies
 * mid-send leaves its rows to be claimed again when the lease runs out.
 */
export async function claimDueMails(db: Kysely<Database>, options: { now: Date; limit: number; leaseMs: number }): Promise<OutboxRow[]> {
  const { now, limit, leaseMs } = options;
  return db
    .updateTable('mail_outbox')
    .set((eb) => ({ attempts: eb('attempts', '+', 1), last_attempt_at: now, locked_until: new Date(now.getTime() + leaseMs) }))
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('mail_outbox')
        .select('id')
        .where('sent_at', 'is', null)
        .where('failed_at', 'is', null)
        .where('next_attempt_at', '<=', now)
        .where((w) => w.or([w('locked_until', 'is', null), w('locked_until', '<', now)]))
        .orderBy('next_attempt_at')
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    .returningAll()
    .execute();
}

export async function markSent(db: Kysely<Database>, id: string, messageId: string | null, now: Date): Promise<void> {
  await db.updateTable('mail_outbox').set({ sent_at: now, message_id: messageId, locked_until: null, last_error: null }).where('id', '=', id).execute();
}

/** Records a failed attempt: try again after the backoff, or give up after `maxAttempts`. */
export async function markAttemptFailed(db: Kysely<Database>, row: Pick<OutboxRow, 'id' | 'attempts'>, error: string, now: Date, policy: RetryPolicy): Promise<void> {
  const givingUp = row.attempts >= policy.maxAttempts;
  await db
    .updateTable('mail_outbox')
    .set({
      last_error: error.slice(0, 500),
      locked_until: null,
      next_attempt_at: new Date(now.getTime() + retryDelayMs(row.attempts, policy)),
      failed_at: givingUp ? now : null,
    })
    .where('id', '=', row.id)
    .execute();
}

export interface RetryPolicy {
  /** Delay after the first failed attempt; doubles with every further failure. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** After this many attempts the mail is marked failed (and shown so); it is never deleted. */
  maxAttempts: number;
}

/** 15 s, 30 s, 1 min, 2 min … then every 15 minutes; 60 attempts is about 13 hours. */
export const defaultRetryPolicy: RetryPolicy = { baseDelayMs: 15_000, maxDelayMs: 15 * 60_000, maxAttempts: 60 };

/** Exponential backoff with ±10 % jitter, so app servers that failed together do not retry in step. */
export function retryDelayMs(attempts: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const exponent = Math.min(Math.max(attempts - 1, 0), 30);
  const delay = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** exponent);
  return Math.round(delay * (0.9 + 0.2 * random()));
}

export type DeliveryStatus = 'pending' | 'sent' | 'failed';

export function deliveryStatus(row: Pick<OutboxRow, 'sent_at' | 'failed_at'>): DeliveryStatus {
  if (row.sent_at) return 'sent';
  if (row.failed_at) return 'failed';
  return 'pending';
}
