import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestUser, expectRoleMatrix, type LoggedIn, logIn, type TestApp } from '@server/core/testing';
import { processDropDir } from './mailbox.drop';
import { citizenReport, compose, wideMessage } from './mailbox.fixtures';
import { messageKeyOf } from './mailbox.parse';
import { finishPending, mailboxSettings } from './mailbox.service';

/** The mailbox API (.eml upload, lists, raw download, retry, status) and the drop folder. */
let t: TestApp;
let session: LoggedIn;
let dropDir: string;

beforeAll(async () => {
  dropDir = await mkdtemp(join(tmpdir(), 'schakel-drop-'));
  t = await createTestApp({ MAILBOX_DROP_DIR: dropDir, MAILBOX_MAX_MESSAGE_BYTES: 65_536, MAILBOX_MAX_MIME_PARTS: 50, LOGIN_RATE_LIMIT_PER_MINUTE: 10_000, RATE_LIMIT_PER_MINUTE: 10_000 });
  session = await logIn(t, await createTestUser(t, { roles: ['ketenregisseur'], allMunicipalities: true }));
}, 60_000);

afterAll(async () => {
  await t?.close();
  await rm(dropDir, { recursive: true, force: true });
});

const db = () => t.prepared.database.db;

function upload(raw: Buffer, contentType = 'message/rfc822') {
  return t.app.inject({ method: 'POST', url: '/api/v1/mailbox/messages', payload: raw, headers: { ...session.headers, 'content-type': contentType } });
}

describe('uploading an .eml', () => {
  it('records a signal once, idempotent on the Message-ID', async () => {
    const raw = await citizenReport(11);
    const first = await upload(raw);
    expect(first.statusCode).toBe(201);
    const receipt = first.json();
    expect(receipt).toMatchObject({ created: true, message: { source: 'upload', status: 'recorded', subject: 'Melding over een nagelstudio in Laren (11)', parseError: null } });
    expect(receipt.message.signal.reference).toMatch(/^MH-\d{4}-\d{6}$/);

    const again = await upload(raw);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ created: false, message: { id: receipt.message.id } });
    const signals = await db().selectFrom('signal').select('id').where('source_id', '=', 'report-11@burger.example.test').execute();
    expect(signals).toHaveLength(1);

    const logged = await db().selectFrom('access_log').select('action').where('record_type', '=', 'mailbox-message').where('record_id', '=', receipt.message.id).execute();
    expect(logged.map((l) => l.action)).toEqual(expect.arrayContaining(['create', 'read']));
  });

  it('keeps an upload that cannot be parsed, with its parse error', async () => {
    const response = await upload(Buffer.from('Dit is geen e-mail maar een notitie.\n'));
    expect(response.statusCode).toBe(201);
    expect(response.json().message).toMatchObject({ status: 'parse-error', parseError: { code: 'mime.no-headers' }, signal: null });
  });

  it('refuses another media type and a message over the limit, storing nothing', async () => {
    const before = await db().selectFrom('mailbox_message').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const wrongType = await t.app.inject({ method: 'POST', url: '/api/v1/mailbox/messages', payload: { subject: 'x' }, headers: session.headers });
    expect(wrongType.statusCode).toBe(415);
    expect(wrongType.json().code).toBe('mailbox.upload-type');
    const tooLarge = await upload(Buffer.alloc(70_000, 0x41));
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json().code).toBe('mailbox.message-too-large');
    const after = await db().selectFrom('mailbox_message').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});

describe('the lists, the raw message and retrying', () => {
  it('lists parse errors for the ketenregisseur and logs the read', async () => {
    await upload(wideMessage(60));
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/mailbox/messages?status=parse-error', headers: session.headers });
    expect(response.statusCode).toBe(200);
    const messages = response.json()._embedded.messages as { status: string; parseError: { code: string } }[];
    expect(messages.length).toBeGreaterThanOrEqual(2);
    expect(messages.every((m) => m.status === 'parse-error')).toBe(true);
    expect(messages.map((m) => m.parseError.code)).toEqual(expect.arrayContaining(['mime.no-headers', 'mime.too-many-parts']));
    const all = await t.app.inject({ method: 'GET', url: '/api/v1/mailbox/messages', headers: session.headers });
    expect(all.json().page.totalElements).toBeGreaterThan(messages.length);
    const logged = await db().selectFrom('access_log').select('id').where('record_type', '=', 'mailbox-message').where('action', '=', 'read').where('record_id', 'is', null).execute();
    expect(logged.length).toBeGreaterThanOrEqual(2);
  });

  it('downloads the message exactly as received, as an attachment, and logs the export', async () => {
    const raw = await compose({ from: 'Tess de Groot <tess@burger.example.test>', subject: 'Origineel', messageId: '<raw-download@burger.example.test>', text: 'Tekst <script>alert(1)</script>' });
    const { message } = (await upload(raw)).json();
    const response = await t.app.inject({ method: 'GET', url: `/api/v1/mailbox/messages/${message.id}/raw`, headers: session.headers });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('message/rfc822');
    expect(response.headers['content-disposition']).toBe(`attachment; filename="bericht-${message.id}.eml"`);
    expect(response.rawPayload.equals(raw)).toBe(true);
    const exported = await db().selectFrom('access_log').select('id').where('action', '=', 'export').where('record_id', '=', message.id).execute();
    expect(exported).toHaveLength(1);
    const unknown = await t.app.inject({ method: 'GET', url: '/api/v1/mailbox/messages/00000000-0000-4000-8000-000000000000/raw', headers: session.headers });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().code).toBe('mailbox.message-not-found');
  });

  it('finishes a message that was stored but not recorded (a crash in between), and retries parse errors', async () => {
    const raw = await citizenReport(12);
    const settings = mailboxSettings(t.config);
    const { messageKey, sha256 } = messageKeyOf(raw);
    const stored = await db()
      .insertInto('mailbox_message')
      .values({ region_code: settings.regionCode, message_key: messageKey, message_id: messageKey, source: 'imap', raw, raw_sha256: sha256, size_bytes: raw.byteLength, received_at: new Date(Date.now() - 120_000) })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(await finishPending(db(), settings)).toBe(1);
    const finished = await db().selectFrom('mailbox_message').select(['status', 'signal_id']).where('id', '=', stored.id).executeTakeFirstOrThrow();
    expect(finished.status).toBe('recorded');
    expect(finished.signal_id).not.toBeNull();

    const broken = (await upload(wideMessage(61))).json().message;
    const retried = await t.app.inject({ method: 'POST', url: `/api/v1/mailbox/messages/${broken.id}/parse`, headers: session.headers });
    expect(retried.statusCode).toBe(200);
    expect(retried.json()).toMatchObject({ status: 'parse-error', parseAttempts: 2, parseError: { code: 'mime.too-many-parts' } });
  });

  it('reports the technical state without content', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/mailbox/status', headers: session.headers });
    expect(response.statusCode).toBe(200);
    const status = response.json();
    expect(status).toMatchObject({ enabled: true, imap: null, dropFolder: true });
    expect(status.counts.recorded).toBeGreaterThan(0);
    expect(JSON.stringify(status)).not.toContain('Melding');
  });
});

describe('the drop folder', () => {
  it('takes .eml files, moves them to processed/ or failed/, and leaves other files alone', async () => {
    await writeFile(join(dropDir, 'melding.eml'), await citizenReport(13));
    await writeFile(join(dropDir, 'kapot.EML'), 'geen bericht');
    await writeFile(join(dropDir, 'notitie.txt'), 'niet voor ons');
    const result = await processDropDir(db(), mailboxSettings(t.config), dropDir, { minAgeMs: 0 });
    expect(result).toEqual({ processed: 1, failed: 1 });
    expect(await readdir(join(dropDir, 'processed'))).toEqual(['melding.eml']);
    expect(await readdir(join(dropDir, 'failed'))).toEqual(['kapot.EML']);
    expect(existsSync(join(dropDir, 'notitie.txt'))).toBe(true);
    expect(await readdir(join(dropDir, '.processing'))).toEqual([]);
    const signals = await db().selectFrom('signal').select('id').where('source_id', '=', 'report-13@burger.example.test').execute();
    expect(signals).toHaveLength(1);

    // The same file dropped again is known: processed, no second signal.
    await writeFile(join(dropDir, 'melding.eml'), await citizenReport(13));
    expect(await processDropDir(db(), mailboxSettings(t.config), dropDir, { minAgeMs: 0 })).toEqual({ processed: 1, failed: 0 });
    expect((await readdir(join(dropDir, 'processed'))).length).toBe(2);
    expect(await db().selectFrom('signal').select('id').where('source_id', '=', 'report-13@burger.example.test').execute()).toHaveLength(1);
  });

  it('waits for a file that is still being written', async () => {
    await writeFile(join(dropDir, 'vers.eml'), await citizenReport(14));
    expect(await processDropDir(db(), mailboxSettings(t.config), dropDir, { minAgeMs: 60_000 })).toEqual({ processed: 0, failed: 0 });
    expect(existsSync(join(dropDir, 'vers.eml'))).toBe(true);
  });
});

describe('who may use the mailbox', () => {
  it('content for the ketenregisseur only; the technical state also for the functioneel beheerder', async () => {
    await expectRoleMatrix(t, { method: 'GET', url: '/api/v1/mailbox/messages' }, ['ketenregisseur']);
    await expectRoleMatrix(t, { method: 'GET', url: '/api/v1/mailbox/messages/00000000-0000-4000-8000-000000000000/raw' }, ['ketenregisseur']);
    await expectRoleMatrix(t, { method: 'POST', url: '/api/v1/mailbox/messages/00000000-0000-4000-8000-000000000000/parse' }, ['ketenregisseur']);
    await expectRoleMatrix(t, { method: 'GET', url: '/api/v1/mailbox/status' }, ['ketenregisseur', 'functioneel-beheerder']);
  }, 120_000);

  it('refuses an upload by anyone else', async () => {
    await expectRoleMatrix(t, { method: 'POST', url: '/api/v1/mailbox/messages', payload: { not: 'an eml' } }, ['ketenregisseur']);
  }, 60_000);

  it('keeps each region to its own messages', async () => {
    const other = await logIn(t, await createTestUser(t, { roles: ['ketenregisseur'], allMunicipalities: true, region: 'ijsselland' }));
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/mailbox/messages', headers: other.headers });
    expect(list.json().page.totalElements).toBe(0);
    const mine = (await t.app.inject({ method: 'GET', url: '/api/v1/mailbox/messages?pageSize=1', headers: session.headers })).json()._embedded.messages[0];
    const theirs = await t.app.inject({ method: 'GET', url: `/api/v1/mailbox/messages/${mine.id}`, headers: other.headers });
    expect(theirs.statusCode).toBe(404);
  });
});
