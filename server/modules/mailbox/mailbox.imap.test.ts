import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '@server/core/testing';
import { type ImapTestServer, startImapServer } from '@server/core/testing-imap';
import { citizenReport, compose, deepMessage, disguisedExecutable, tinyPng, wideMessage } from './mailbox.fixtures';
import { ImapSession, pollImap, startMailboxPoller } from './mailbox.poller';
import { type MailboxSettings, mailboxSettings } from './mailbox.service';

/** The mailbox against a real IMAP server (dovecot on a loopback port), on a real database. */
let t: TestApp;
let imap: ImapTestServer;
let settings: MailboxSettings;

beforeAll(async () => {
  imap = await startImapServer();
  t = await createTestApp({
    MAILBOX_IMAP_HOST: imap.host,
    MAILBOX_IMAP_PORT: imap.port,
    MAILBOX_IMAP_SECURE: false,
    MAILBOX_IMAP_USER: imap.user,
    MAILBOX_IMAP_PASSWORD: imap.password,
    MAILBOX_MAX_MESSAGE_BYTES: 65_536,
    MAILBOX_MAX_MIME_DEPTH: 8,
    MAILBOX_MAX_MIME_PARTS: 50,
  });
  settings = mailboxSettings(t.config);
}, 60_000);

afterAll(async () => {
  await t?.close();
  await imap?.stop();
});

const db = () => t.prepared.database.db;

async function pollOnce(holder = 'test-server-a') {
  const session = new ImapSession(settings.imap!);
  try {
    return await pollImap(db(), settings, holder, session);
  } finally {
    await session.close();
  }
}

async function message(messageKey: string) {
  return db().selectFrom('mailbox_message').selectAll().where('message_key', '=', messageKey).executeTakeFirst();
}

async function signalOf(sourceId: string) {
  return db().selectFrom('signal').selectAll().where('channel', '=', 'mailbox').where('source_id', '=', sourceId).execute();
}

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

describe('reading the mailbox over IMAP', () => {
  it('turns a message into one signal with its sender and photo, also when it is read again', async () => {
    await imap.append(await citizenReport(1, { withPhoto: true }));
    const first = await pollOnce();
    expect(first).toMatchObject({ fetched: 1, created: 1, duplicates: 0 });

    // Forget how far we read (as after a UIDVALIDITY change): the same message comes again.
    await db().updateTable('mailbox_poller').set({ last_uid: 0 }).execute();
    const second = await pollOnce();
    expect(second).toMatchObject({ fetched: 1, created: 0, duplicates: 1 });

    const signals = await signalOf('report-1@burger.example.test');
    expect(signals).toHaveLength(1);
    const signal = signals[0]!;
    expect(signal.reporter_email).toBe('bram.1@burger.example.test');
    expect(signal.reporter_name).toBe('Bram de Vries');
    expect(signal.anonymous).toBe(false);
    expect(signal.received_at.toISOString()).toBe('2026-03-02T09:15:00.000Z'); // the Date header
    expect(signal.summary).toContain('Melding over een nagelstudio in Huizen (1)');
    expect(signal.summary).toContain('worden met een busje gebracht');

    const attachments = await db().selectFrom('signal_attachment').select(['file_name', 'media_type', 'sha256', 'size_bytes']).where('signal_id', '=', signal.id).execute();
    expect(attachments).toEqual([{ file_name: 'foto-1.png', media_type: 'image/png', sha256: sha256(tinyPng), size_bytes: tinyPng.byteLength }]);

    const stored = await message('report-1@burger.example.test');
    expect(stored).toMatchObject({ status: 'recorded', signal_id: signal.id, source: 'imap', imap_uid: 1 });
    expect(Buffer.from(stored!.raw).toString()).toContain('Subject: Melding over een nagelstudio');
  });

  it('keeps the original sender of a forwarded message and records the forwarder', async () => {
    const inline = await compose({
      from: 'Wijkteam Huizen <wijkteam@gemeente.example.test>',
      subject: 'Fwd: Zorgen over de buren',
      messageId: '<fwd-inline@gemeente.example.test>',
      text: 'Graag oppakken, zie hieronder.\n\n---------- Forwarded message ---------\nFrom: Mila Mulder <mila.mulder@burger.example.test>\nDate: Mon, 2 Mar 2026 at 10:01\nSubject: Zorgen over de buren\nTo: <wijkteam@gemeente.example.test>\n\nBij de buren wonen acht mannen in één kamer.',
    });
    const original = await compose({
      from: 'Ruben Smit <ruben.smit@burger.example.test>',
      subject: 'Busje bij de kas',
      messageId: '<original@burger.example.test>',
      text: 'Elke ochtend om vijf uur een busje vol mensen.',
      attachments: [{ filename: 'busje.png', content: tinyPng }],
    });
    const asAttachment = await compose({
      from: 'Balie Laren <balie@gemeente.example.test>',
      subject: 'Doorst: Busje bij de kas',
      messageId: '<fwd-attached@gemeente.example.test>',
      text: 'Doorgestuurd als bijlage.',
      attachments: [{ filename: 'melding.eml', content: original, contentType: 'message/rfc822' }],
    });
    await imap.append(inline);
    await imap.append(asAttachment);
    expect(await pollOnce()).toMatchObject({ created: 2 });

    const [fromInline] = await signalOf('fwd-inline@gemeente.example.test');
    expect(fromInline).toMatchObject({ reporter_email: 'mila.mulder@burger.example.test', reporter_name: 'Mila Mulder' });
    expect(fromInline!.summary).toContain('Bij de buren wonen acht mannen');
    expect(fromInline!.summary).toContain('Doorgestuurd door Wijkteam Huizen <wijkteam@gemeente.example.test>');

    const [fromAttached] = await signalOf('fwd-attached@gemeente.example.test');
    expect(fromAttached).toMatchObject({ reporter_email: 'ruben.smit@burger.example.test', reporter_name: 'Ruben Smit' });
    expect(fromAttached!.summary).toContain('Onderwerp: Busje bij de kas');
    expect(fromAttached!.summary).toContain('Elke ochtend om vijf uur');
    const photo = await db().selectFrom('signal_attachment').select(['file_name', 'sha256']).where('signal_id', '=', fromAttached!.id).execute();
    expect(photo).toEqual([{ file_name: 'busje.png', sha256: sha256(tinyPng) }]);

    for (const [signal, forwarder] of [
      [fromInline!, 'wijkteam@gemeente.example.test'],
      [fromAttached!, 'balie@gemeente.example.test'],
    ] as const) {
      const event = await db().selectFrom('signal_event').select('detail').where('signal_id', '=', signal.id).where('kind', '=', 'received').executeTakeFirstOrThrow();
      expect(event.detail).toMatchObject({ via: 'imap', forwardedBy: { email: forwarder } });
    }
    expect(await message('fwd-attached@gemeente.example.test')).toMatchObject({ forwarded: true });
  });

  it('takes only allowed attachments into the signal, by content, and notes the others', async () => {
    await imap.append(
      await compose({
        from: 'Sara Bos <sara.bos@burger.example.test>',
        subject: 'Foto’s van het pand',
        messageId: '<attachments@burger.example.test>',
        text: 'Zie de bijlagen.',
        attachments: [
          { filename: 'pand.png', content: tinyPng },
          { filename: 'vakantie.jpg', content: disguisedExecutable, contentType: 'image/jpeg' },
        ],
      }),
    );
    await pollOnce();
    const [signal] = await signalOf('attachments@burger.example.test');
    const attachments = await db().selectFrom('signal_attachment').select('file_name').where('signal_id', '=', signal!.id).execute();
    expect(attachments.map((a) => a.file_name)).toEqual(['pand.png']);
    expect(signal!.summary).toContain('vakantie.jpg (soort bestand niet toegestaan)');
    const stored = await message('attachments@burger.example.test');
    expect(stored!.skipped_attachments).toBe(1);
    // The disguised file is still in the raw message (base64), for whoever must look at it.
    expect(Buffer.from(stored!.raw).toString()).toContain(disguisedExecutable.subarray(0, 12).toString('base64').slice(0, 12));
  });

  it('keeps a message that cannot be parsed raw, with a parse error, and records no signal', async () => {
    // Binary without NUL bytes: IMAP cannot carry those (and the server turns bare LF into CRLF).
    const garbage = Buffer.from('\x89PNG\r\n\xff\xfe\x01 geen e-mail\r\n', 'latin1');
    await imap.append(garbage);
    expect(await pollOnce()).toMatchObject({ parseErrors: 1 });
    const stored = await db().selectFrom('mailbox_message').selectAll().where('parse_error', '=', 'mime.no-headers').executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ status: 'parse-error', signal_id: null, message_id: null, message_key: `sha256:${sha256(garbage)}` });
    expect(Buffer.from(stored.raw).equals(garbage)).toBe(true);
  });

  it('records MIME bombs (deep, wide, too large) as parse errors and keeps going', async () => {
    const started = Date.now();
    await imap.append(deepMessage(200));
    await imap.append(wideMessage(60));
    await imap.append(await compose({ from: 'a@burger.example.test', subject: 'Heel groot', messageId: '<huge@burger.example.test>', text: 'x'.repeat(100_000) }));
    await imap.append(await citizenReport(2));
    const result = await pollOnce();
    expect(result).toMatchObject({ fetched: 4, created: 1, parseErrors: 3 });
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(await message('deep-200@afzender.example.test')).toMatchObject({ status: 'parse-error', parse_error: 'mime.too-deep' });
    expect(await message('wide-60@afzender.example.test')).toMatchObject({ status: 'parse-error', parse_error: 'mime.too-many-parts' });
    const huge = await message('huge@burger.example.test');
    expect(huge).toMatchObject({ status: 'parse-error', parse_error: 'mime.too-large', raw_truncated: true, subject: 'Heel groot' });
    expect(huge!.size_bytes).toBeGreaterThan(100_000);
    expect(huge!.raw.byteLength).toBeLessThanOrEqual(65_536);
    expect(await signalOf('report-2@burger.example.test')).toHaveLength(1);
  });

  it('lets one app server at a time read the folder (lease)', async () => {
    const a = new ImapSession(settings.imap!);
    const b = new ImapSession(settings.imap!);
    try {
      await db().updateTable('mailbox_poller').set({ holder: null, lease_until: null }).execute();
      expect((await pollImap(db(), settings, 'server-a', a)).notLeaseHolder).toBeUndefined();
      expect((await pollImap(db(), settings, 'server-b', b)).notLeaseHolder).toBe(true);
      // The holder stops renewing: after the lease ends the other takes over.
      await db().updateTable('mailbox_poller').set({ lease_until: new Date(Date.now() - 1000) }).execute();
      expect((await pollImap(db(), settings, 'server-b', b)).notLeaseHolder).toBeUndefined();
      expect((await pollImap(db(), settings, 'server-a', a)).notLeaseHolder).toBe(true);
    } finally {
      await a.close();
      await b.close();
      await db().updateTable('mailbox_poller').set({ holder: null, lease_until: null }).execute();
    }
  });

  it('picks up new mail at once through IDLE, long before the next poll', async () => {
    const poller = startMailboxPoller(db(), { ...settings, pollSeconds: 600 }, { error: (error) => console.error(error) });
    try {
      await poller.poll(); // connected, the folder open, nothing new
      await imap.append(await citizenReport(3));
      const deadline = Date.now() + 10_000;
      while ((await signalOf('report-3@burger.example.test')).length === 0) {
        if (Date.now() > deadline) throw new Error('no signal within 10 s: IDLE did not start a round');
        await new Promise((r) => setTimeout(r, 100));
      }
    } finally {
      await poller.stop();
    }
    const state = await db().selectFrom('mailbox_poller').selectAll().executeTakeFirstOrThrow();
    expect(state.holder).toBeNull(); // released at stop
    expect(state.last_success_at).not.toBeNull();
  });
});
