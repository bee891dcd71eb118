import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { ImapFlow } from 'imapflow';
import type { Db } from '@server/core/db/database';
import { processDropDir } from './mailbox.drop';
import * as repository from './mailbox.repository';
import { finishPending, type MailboxSettings, receiveMessage } from './mailbox.service';

/**
 * Reads the regional mailbox. Every app server runs a poller; a lease row lets one of them at a
 * time read the IMAP folder (it renews the lease at every round, another takes over when it
 * stops renewing). The folder is opened read-only: Schakel changes nothing in the mailbox and
 * remembers how far it read (UIDVALIDITY and the last UID); a message read twice is recorded once
 * (Message-ID). Between rounds the connection stays open and, when the server supports IDLE,
 * new mail starts a round at once instead of at the next interval.
 */
export interface PollResult {
  fetched: number;
  created: number;
  duplicates: number;
  parseErrors: number;
  /** True when another app server holds the lease and this one read nothing. */
  notLeaseHolder?: boolean;
}

const BATCH_BYTES = 16 * 1024 * 1024;
const BATCH_COUNT = 200;
const CONCURRENCY = 4;
const HEAD_BYTES = 64 * 1024;

export const leaseSeconds = (settings: MailboxSettings) => Math.max(30, settings.pollSeconds * 3);

/** One IMAP connection, kept between rounds while this server holds the lease. */
export class ImapSession {
  private client: ImapFlow | undefined;
  constructor(
    private readonly imap: NonNullable<MailboxSettings['imap']>,
    private readonly onNewMail: () => void = () => undefined,
  ) {}

  async open(): Promise<ImapFlow> {
    if (this.client?.usable) return this.client;
    const client = new ImapFlow({
      host: this.imap.host,
      port: this.imap.port,
      secure: this.imap.secure,
      auth: { user: this.imap.user, pass: this.imap.password },
      logger: false,
      disableAutoIdle: !this.imap.idle,
      // IDLE a second after the last command (default 15 s), so new mail starts a round at once.
      autoIdleDelay: 1000,
    });
    client.on('error', () => undefined); // a dropped connection is noticed at the next round
    client.on('exists', () => this.onNewMail());
    await client.connect();
    await client.mailboxOpen(this.imap.folder, { readOnly: true });
    this.client = client;
    return client;
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client?.usable) await client.logout().catch(() => client.close());
    else client?.close();
  }
}

async function pooled<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await work(items[next++]!);
    }),
  );
}

/** One round of reading the IMAP folder, if this server holds (or gets) the lease. */
export async function pollImap(db: Db, settings: MailboxSettings, holder: string, session: ImapSession): Promise<PollResult> {
  const result: PollResult = { fetched: 0, created: 0, duplicates: 0, parseErrors: 0 };
  const seconds = leaseSeconds(settings);
  const lease = await repository.acquireLease(db, settings.regionCode, holder, seconds);
  if (!lease) {
    await session.close();
    return { ...result, notLeaseHolder: true };
  }
  const client = await session.open();
  const mailbox = client.mailbox;
  if (!mailbox) throw new Error('IMAP folder not open');
  const uidValidity = Number(mailbox.uidValidity);
  // A new UIDVALIDITY means the UIDs were renumbered: read everything again (Message-IDs keep it idempotent).
  let lastUid = lease.uid_validity === uidValidity ? Number(lease.last_uid) : 0;
  if (mailbox.exists === 0) {
    await repository.saveProgress(db, settings.regionCode, holder, { uidValidity, lastUid, seconds });
    return result;
  }

  const pending: { uid: number; size: number }[] = [];
  for await (const message of client.fetch(`${lastUid + 1}:*`, { uid: true, size: true }, { uid: true })) {
    // "n:*" also answers the highest UID when n is beyond it.
    if (message.uid > lastUid) pending.push({ uid: message.uid, size: message.size ?? 0 });
  }
  pending.sort((a, b) => a.uid - b.uid);

  while (pending.length > 0) {
    const batch: typeof pending = [];
    let bytes = 0;
    while (pending.length > 0 && batch.length < BATCH_COUNT && (batch.length === 0 || bytes + pending[0]!.size <= BATCH_BYTES)) {
      const next = pending.shift()!;
      batch.push(next);
      bytes += Math.min(next.size, settings.limits.maxMessageBytes);
    }
    const whole = batch.filter((m) => m.size <= settings.limits.maxMessageBytes);
    const large = batch.filter((m) => m.size > settings.limits.maxMessageBytes);
    const sources: { uid: number; raw: Buffer; fullSize?: number }[] = [];
    if (whole.length > 0) {
      for await (const message of client.fetch(whole.map((m) => m.uid).join(','), { uid: true, source: true }, { uid: true })) {
        if (message.source) sources.push({ uid: message.uid, raw: message.source });
      }
    }
    for (const { uid, size } of large) {
      for await (const message of client.fetch(String(uid), { uid: true, source: { start: 0, maxLength: HEAD_BYTES } }, { uid: true })) {
        if (message.source) sources.push({ uid: message.uid, raw: message.source, fullSize: size });
      }
    }
    await pooled(sources, CONCURRENCY, async ({ uid, raw, fullSize }) => {
      const received = await receiveMessage(db, settings, raw, { source: 'imap', imapUid: uid, ...(fullSize !== undefined ? { fullSize } : {}) });
      result.fetched += 1;
      if (!received.created) result.duplicates += 1;
      else if (received.status === 'recorded') result.created += 1;
      else if (received.status === 'parse-error') result.parseErrors += 1;
    });
    lastUid = batch[batch.length - 1]!.uid;
    if (!(await repository.saveProgress(db, settings.regionCode, holder, { uidValidity, lastUid, seconds }))) {
      // The lease went to another server (this round took too long): stop; it goes on from here.
      await session.close();
      break;
    }
  }
  return result;
}

export interface MailboxPoller {
  /** Runs a round now (or right after the running one) and resolves when it is done. */
  poll(): Promise<void>;
  stop(): Promise<void>;
  holder: string;
}

/** Starts the rounds: drop folder, unfinished messages, IMAP; every MAILBOX_POLL_SECONDS and on new mail. */
export function startMailboxPoller(
  db: Db,
  settings: MailboxSettings,
  log: { error: (error: unknown, message: string) => void; info?: (message: string) => void },
  options: { dropMinAgeMs?: number } = {},
): MailboxPoller {
  const holder = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  let running: Promise<void> | undefined;
  let stopped = false;
  const session = settings.imap ? new ImapSession(settings.imap, () => void poll()) : undefined;

  const round = async () => {
    if (settings.dropDir) {
      try {
        await processDropDir(db, settings, settings.dropDir, { minAgeMs: options.dropMinAgeMs });
      } catch (error) {
        log.error(error, 'mailbox: reading the drop folder failed');
      }
    }
    try {
      await finishPending(db, settings);
    } catch (error) {
      log.error(error, 'mailbox: finishing pending messages failed');
    }
    if (session && !stopped) {
      try {
        const result = await pollImap(db, settings, holder, session);
        if (!result.notLeaseHolder) await repository.recordPoll(db, settings.regionCode, {});
      } catch (error) {
        await session.close();
        log.error(error, 'mailbox: reading the IMAP folder failed');
        await repository.recordPoll(db, settings.regionCode, { error: (error as Error)?.message ?? String(error) }).catch(() => undefined);
      }
    }
  };

  let queued: Promise<void> | undefined;
  const poll = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    if (running) {
      queued ??= running.then(() => {
        queued = undefined;
        return poll();
      });
      return queued;
    }
    running = round().finally(() => {
      running = undefined;
    });
    return running;
  };

  const timer = setInterval(() => void poll(), settings.pollSeconds * 1000);
  timer.unref();
  setImmediate(() => void poll());

  return {
    holder,
    poll,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
      await session?.close();
      if (session) await repository.releaseLease(db, settings.regionCode, holder).catch(() => undefined);
    },
  };
}
