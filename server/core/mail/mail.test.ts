import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, testConfig } from '@server/core/config';
import type { Db } from '@server/core/db/database';
import { createTestApp, type TestApp } from '@server/core/testing';
import { deliverDueMails, mailSettings, type MailSender, type MailSettings, smtpSender, startMailer } from './mailer';
import { claimDueMails, defaultRetryPolicy, enqueueMail, retryDelayMs } from './outbox';
import { startTestSmtpServer, type TestSmtpServer } from './testing';

let t: TestApp;
let db: Db;
let smtp: TestSmtpServer;
let settings: MailSettings;

beforeAll(async () => {
  t = await createTestApp();
  db = t.prepared.database.db;
  smtp = await startTestSmtpServer();
  settings = { host: '127.0.0.1', port: smtp.port, secure: false, from: 'Schakel <schakel@regio.example>' };
});
afterAll(async () => {
  await smtp.stop();
  await t.close();
});
beforeEach(async () => {
  await smtp.start();
  smtp.received.length = 0;
  await db.deleteFrom('mail_outbox').execute();
});

const queue = (n: number, recipient = 'dienst@regio.example') =>
  db.transaction().execute(async (trx) => {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) ids.push(await enqueueMail(trx, { purpose: 'test', recipient, subject: `Bericht ${i}`, text: `Tekst ${i}`, highPriority: i === 0 }));
    return ids;
  });
const row = (id: string) => db.selectFrom('mail_outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('the mail outbox', () => {
  it('delivers a queued mail over SMTP and records when, with the message id', async () => {
    const [id] = await queue(1);
    const sender = smtpSender(settings);
    try {
      expect(await deliverDueMails(db, sender)).toEqual({ sent: 1, failed: 0 });
    } finally {
      sender.close();
    }
    const [mail] = await smtp.waitFor(1);
    expect(mail).toMatchObject({ from: 'schakel@regio.example', to: ['dienst@regio.example'], subject: 'Bericht 0', text: 'Tekst 0\n' });
    expect(mail!.headers.get('auto-submitted')).toBe('auto-generated');
    expect(mail!.headers.get('priority')).toBe('high');
    const stored = await row(id!);
    expect(stored).toMatchObject({ attempts: 1, last_error: null, failed_at: null, locked_until: null });
    expect(stored.sent_at).toBeInstanceOf(Date);
    expect(stored.message_id).toMatch(/^<.+@.+>$/);
    // Sent is sent: a second pass finds nothing.
    const again = smtpSender(settings);
    expect(await deliverDueMails(db, again)).toEqual({ sent: 0, failed: 0 });
    again.close();
    expect(smtp.received).toHaveLength(1);
  });

  it('keeps every mail through an SMTP outage and delivers each once when the server is back', async () => {
    const ids = await queue(3);
    await smtp.stop();
    const start = new Date();
    const sender = smtpSender(settings);
    try {
      expect(await deliverDueMails(db, sender, { now: () => start })).toEqual({ sent: 0, failed: 3 });
      for (const id of ids) {
        const stored = await row(id);
        expect(stored).toMatchObject({ attempts: 1, sent_at: null, failed_at: null, locked_until: null });
        expect(stored.last_error).toMatch(/ECONNREFUSED|ESOCKET|ECONNECTION/);
        expect(stored.next_attempt_at.getTime()).toBeGreaterThan(start.getTime() + 10_000);
      }
      // Within the backoff nothing is tried again.
      expect(await deliverDueMails(db, sender, { now: () => new Date(start.getTime() + 5_000) })).toEqual({ sent: 0, failed: 0 });
      // Still down at the second attempt: the delay doubles.
      const second = new Date(start.getTime() + 20_000);
      expect(await deliverDueMails(db, sender, { now: () => second })).toEqual({ sent: 0, failed: 3 });
      const afterTwo = await row(ids[0]!);
      expect(afterTwo.attempts).toBe(2);
      expect(afterTwo.next_attempt_at.getTime() - second.getTime()).toBeGreaterThanOrEqual(27_000);

      await smtp.start();
      expect(await deliverDueMails(db, sender, { now: () => new Date(start.getTime() + 60_000) })).toEqual({ sent: 3, failed: 0 });
    } finally {
      sender.close();
    }
    const received = await smtp.waitFor(3);
    expect(received.map((m) => m.subject).sort()).toEqual(['Bericht 0', 'Bericht 1', 'Bericht 2']);
    for (const id of ids) expect(await row(id)).toMatchObject({ attempts: 3, last_error: null, failed_at: null });
  });

  it('marks a mail failed after the last attempt, and keeps it', async () => {
    const [id] = await queue(1);
    await smtp.stop();
    const sender = smtpSender(settings);
    const retry = { baseDelayMs: 1, maxDelayMs: 1, maxAttempts: 2 };
    let now = Date.now();
    try {
      await deliverDueMails(db, sender, { retry, now: () => new Date(now) });
      now += 1000;
      await deliverDueMails(db, sender, { retry, now: () => new Date(now) });
      now += 1000;
      expect(await deliverDueMails(db, sender, { retry, now: () => new Date(now) })).toEqual({ sent: 0, failed: 0 });
    } finally {
      sender.close();
    }
    const stored = await row(id!);
    expect(stored.attempts).toBe(2);
    expect(stored.failed_at).toBeInstanceOf(Date);
    expect(stored.sent_at).toBeNull();
  });

  it('lets one worker hold a claim until its lease runs out', async () => {
    const [id] = await queue(1);
    const now = new Date();
    const first = await claimDueMails(db, { now, limit: 10, leaseMs: 60_000 });
    expect(first.map((r) => r.id)).toEqual([id]);
    expect(await claimDueMails(db, { now: new Date(now.getTime() + 30_000), limit: 10, leaseMs: 60_000 })).toEqual([]);
    // The first worker died: after the lease another one takes it, and the attempt counts.
    const taken = await claimDueMails(db, { now: new Date(now.getTime() + 61_000), limit: 10, leaseMs: 60_000 });
    expect(taken.map((r) => [r.id, r.attempts])).toEqual([[id, 2]]);
  });

  it('sends each mail once when several workers run at the same time', async () => {
    const ids = await queue(12);
    const sent: string[] = [];
    // A slow sender, so the workers' passes overlap.
    const slow = (name: string): MailSender => ({
      async send(message) {
        await new Promise((resolve) => setTimeout(resolve, 15));
        sent.push(`${name}:${message.subject}`);
        return { messageId: null };
      },
      close: () => undefined,
    });
    const results = await Promise.all([deliverDueMails(db, slow('a'), { batchSize: 2 }), deliverDueMails(db, slow('b'), { batchSize: 2 }), deliverDueMails(db, slow('c'), { batchSize: 2 })]);
    expect(results.reduce((n, r) => n + r.sent, 0)).toBe(12);
    const subjects = sent.map((s) => s.split(':')[1]);
    expect(new Set(subjects).size).toBe(12);
    expect(subjects).toHaveLength(12);
    const rows = await db.selectFrom('mail_outbox').select(['attempts', 'sent_at']).where('id', 'in', ids).execute();
    expect(rows.every((r) => r.attempts === 1 && r.sent_at !== null)).toBe(true);
  });

  it('runs as a worker in the app process and stops cleanly', async () => {
    await queue(2);
    const lines: string[] = [];
    const log = { info: () => undefined, warn: (_: object, m: string) => lines.push(m), error: (_: object, m: string) => lines.push(m) };
    const config = testConfig({ SMTP_HOST: '127.0.0.1', SMTP_PORT: smtp.port, MAIL_FROM: 'schakel@regio.example', PUBLIC_BASE_URL: 'https://schakel.regio.example' });
    const stop = startMailer(db, config, log, { intervalMs: 50 });
    await smtp.waitFor(2);
    await stop();
    expect(lines).toEqual([]);
    const pending = await db.selectFrom('mail_outbox').select('id').where('sent_at', 'is', null).execute();
    expect(pending).toEqual([]);
  });

  it('does not run without SMTP_HOST, and says so', async () => {
    const lines: string[] = [];
    const stop = startMailer(db, testConfig(), { info: () => undefined, warn: (_: object, m: string) => lines.push(m), error: () => undefined });
    await stop();
    expect(lines[0]).toContain('SMTP_HOST is not set');
  });
});

describe('mail settings', () => {
  it('need a sender address and a public address once an SMTP server is set', () => {
    expect(mailSettings(testConfig())).toBeUndefined();
    expect(() => mailSettings(testConfig({ SMTP_HOST: 'smtp.regio.example' }))).toThrow(ConfigError);
    try {
      mailSettings(testConfig({ SMTP_HOST: 'smtp.regio.example', SMTP_USER: 'schakel' }));
    } catch (error) {
      expect((error as Error).message).toContain('MAIL_FROM');
      expect((error as Error).message).toContain('PUBLIC_BASE_URL');
      expect((error as Error).message).toContain('SMTP_USER/SMTP_PASSWORD');
    }
    expect(mailSettings(testConfig({ SMTP_HOST: 'smtp.regio.example', MAIL_FROM: 'schakel@regio.example', PUBLIC_BASE_URL: 'https://s.example' }))).toEqual({
      host: 'smtp.regio.example',
      port: 587,
      secure: false,
      from: 'schakel@regio.example',
    });
  });
});

describe('retry backoff', () => {
  it('doubles from 15 seconds up to 15 minutes, with jitter of at most 10 %', () => {
    const exact = (attempts: number) => retryDelayMs(attempts, defaultRetryPolicy, () => 0.5);
    expect([1, 2, 3, 4, 5, 6, 7, 8, 50].map(exact)).toEqual([15_000, 30_000, 60_000, 120_000, 240_000, 480_000, 900_000, 900_000, 900_000]);
    expect(retryDelayMs(1, defaultRetryPolicy, () => 0)).toBe(13_500);
    expect(retryDelayMs(1, defaultRetryPolicy, () => 1)).toBe(16_500);
  });
});
