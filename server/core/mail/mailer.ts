import nodemailer from 'nodemailer';
import type { Config } from '@server/core/config';
import { ConfigError } from '@server/core/config';
import type { Db } from '@server/core/db/database';
import { claimDueMails, defaultRetryPolicy, markAttemptFailed, markSent, type RetryPolicy } from './outbox';

/**
 * Delivers the mail outbox over SMTP with nodemailer. Every app server runs one worker; they
 * share the work through the outbox's claims, so a mail goes out once whichever server sends it.
 */
export interface MailSettings {
  host: string;
  port: number;
  secure: boolean;
  user?: string;
  password?: string;
  from: string;
}

/** The SMTP settings, or undefined when no SMTP server is configured (mails then wait in the outbox). */
export function mailSettings(config: Config): MailSettings | undefined {
  if (!config.SMTP_HOST) return undefined;
  const problems: string[] = [];
  if (!config.MAIL_FROM) problems.push('MAIL_FROM="": required when SMTP_HOST is set (the sender address of every mail)');
  if (!config.PUBLIC_BASE_URL) problems.push('PUBLIC_BASE_URL="": required when SMTP_HOST is set (links in mails point there)');
  if (Boolean(config.SMTP_USER) !== Boolean(config.SMTP_PASSWORD)) problems.push('SMTP_USER/SMTP_PASSWORD: set both or neither');
  if (problems.length) throw new ConfigError(problems);
  return {
    host: config.SMTP_HOST,
    port: config.SMTP_PORT,
    secure: config.SMTP_SECURE,
    ...(config.SMTP_USER ? { user: config.SMTP_USER, password: config.SMTP_PASSWORD } : {}),
    from: config.MAIL_FROM!,
  };
}

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  highPriority: boolean;
}

export interface MailSender {
  send(message: MailMessage): Promise<{ messageId: string | null }>;
  close(): void;
}

/** A nodemailer SMTP transport with short timeouts, so an unreachable server fails an attempt quickly. */
export function smtpSender(settings: MailSettings): MailSender {
  const transport = nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    ...(settings.user ? { auth: { user: settings.user, pass: settings.password ?? '' } } : {}),
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    async send(message) {
      const info = await transport.sendMail({
        from: settings.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        ...(message.highPriority ? { priority: 'high' as const } : {}),
        headers: { 'Auto-Submitted': 'auto-generated' },
      });
      return { messageId: typeof info.messageId === 'string' ? info.messageId : null };
    },
    close: () => transport.close(),
  };
}

export interface DeliveryOptions {
  now?: () => Date;
  /** Mails claimed per round. */
  batchSize?: number;
  /** How long a claim holds; longer than the slowest send (the socket timeout is 30 s). */
  leaseMs?: number;
  /** Stop after this many rounds (one pass never runs forever). */
  maxRounds?: number;
  retry?: RetryPolicy;
  onError?: (failure: { outboxId: string; attempts: number; code?: string; responseCode?: number }) => void;
}

export interface DeliveryResult {
  sent: number;
  failed: number;
}

function describeError(error: unknown): { text: string; code?: string; responseCode?: number } {
  const e = error as { message?: string; code?: string; responseCode?: number };
  const text = [e.code, e.responseCode, e.message ?? String(error)].filter((part) => part !== undefined && part !== '').join(' ');
  return { text, ...(e.code ? { code: e.code } : {}), ...(e.responseCode ? { responseCode: e.responseCode } : {}) };
}

/** Sends what is due now, round by round, until nothing is due (or maxRounds). */
export async function deliverDueMails(db: Db, sender: MailSender, options: DeliveryOptions = {}): Promise<DeliveryResult> {
  const now = options.now ?? (() => new Date());
  const retry = options.retry ?? defaultRetryPolicy;
  const result: DeliveryResult = { sent: 0, failed: 0 };
  for (let round = 0; round < (options.maxRounds ?? 20); round++) {
    const claimed = await claimDueMails(db, { now: now(), limit: options.batchSize ?? 10, leaseMs: options.leaseMs ?? 120_000 });
    if (claimed.length === 0) break;
    for (const row of claimed) {
      try {
        const { messageId } = await sender.send({ to: row.recipient, subject: row.subject, text: row.text_body, highPriority: row.high_priority });
        await markSent(db, row.id, messageId, now());
        result.sent++;
      } catch (error) {
        const described = describeError(error);
        await markAttemptFailed(db, row, described.text, now(), retry);
        result.failed++;
        // Ids and codes only: an SMTP error text may name the recipient.
        options.onError?.({ outboxId: row.id, attempts: row.attempts, ...(described.code ? { code: described.code } : {}), ...(described.responseCode ? { responseCode: described.responseCode } : {}) });
      }
    }
  }
  return result;
}

export interface MailerLog {
  info(object: object, message: string): void;
  warn(object: object, message: string): void;
  error(object: object, message: string): void;
}

/**
 * The outbox worker of this app server: every `intervalMs` it delivers what is due. Without
 * SMTP_HOST it does not run and says so once; the mails wait in the outbox until it does.
 * Returns a stop function that waits for the pass in progress.
 */
export function startMailer(db: Db, config: Config, log: MailerLog, options: DeliveryOptions & { intervalMs?: number; sender?: MailSender } = {}): () => Promise<void> {
  const settings = mailSettings(config);
  if (!settings && !options.sender) {
    log.warn({}, 'SMTP_HOST is not set: mails (acute alerts) wait in the outbox and are not sent');
    return async () => undefined;
  }
  const sender = options.sender ?? smtpSender(settings!);
  let running: Promise<unknown> | undefined;
  const pass = () => {
    if (running) return;
    running = deliverDueMails(db, sender, { onError: (failure) => log.warn(failure, 'mail delivery failed; will retry'), ...options })
      .catch((error: unknown) => log.error({ err: error }, 'mail outbox pass failed'))
      .finally(() => {
        running = undefined;
      });
  };
  const timer = setInterval(pass, options.intervalMs ?? 2000);
  timer.unref();
  pass();
  return async () => {
    clearInterval(timer);
    await running;
    sender.close();
  };
}
