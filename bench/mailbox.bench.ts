/**
 * mailbox: messages from a local IMAP server (dovecot on loopback, started here) into signals, on
 * PostgreSQL. Goal (issue #5): ≥ 50 messages per second. The figure is the whole path of one
 * poller round: connect, list the new UIDs, fetch the sources, store each raw message, parse it
 * (mailparser, limits), check attachments by content and record the signal. A second round reads
 * the same messages again (as after a UIDVALIDITY change) and must record nothing new.
 *
 *   npm run bench -- mailbox [--messages 1000]
 * PostgreSQL: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres); a fresh database is created and dropped.
 */
import { sql } from 'kysely';
import { parseArgs } from 'node:util';
import { testConfig } from '@server/core/config';
import { migrate, openDatabase } from '@server/core/db/database';
import { startImapServer } from '@server/core/testing-imap';
import '@server/modules';
import { citizenReport, compose } from '@server/modules/mailbox/mailbox.fixtures';
import { ImapSession, mailboxSettings, pollImap } from '@server/modules/mailbox';
import { loadRegions, readRegionFiles } from '@server/modules/regions';
import { machine, withBenchDatabase } from './support';

const { values } = parseArgs({ options: { messages: { type: 'string', default: '1000' } } });
const total = Number(values.messages);

/** The mix: most plain reports, every fifth with a photo, every tenth forwarded by staff. */
async function message(n: number): Promise<Buffer> {
  if (n % 10 === 9) {
    return compose({
      from: 'Wijkteam <wijkteam@gemeente.example.test>',
      subject: `Fwd: Zorgen over de buren (${n})`,
      messageId: `<forward-${n}@gemeente.example.test>`,
      text: `Graag oppakken.\n\n---------- Forwarded message ---------\nFrom: Buurvrouw ${n} <buur.${n}@burger.example.test>\nSubject: Zorgen over de buren\n\nEr wonen veel mannen in één kamer.`,
    });
  }
  return citizenReport(n, { withPhoto: n % 5 === 0 });
}

const imap = await startImapServer();
try {
  const appendStarted = performance.now();
  let bytes = 0;
  for (let n = 0; n < total; n++) {
    const raw = await message(n);
    bytes += raw.byteLength;
    await imap.append(raw);
  }
  const appendSeconds = (performance.now() - appendStarted) / 1000;

  await withBenchDatabase(async (databaseUrl) => {
    const config = testConfig({
      DATABASE_URL: databaseUrl,
      MAILBOX_IMAP_HOST: imap.host,
      MAILBOX_IMAP_PORT: imap.port,
      MAILBOX_IMAP_SECURE: false,
      MAILBOX_IMAP_USER: imap.user,
      MAILBOX_IMAP_PASSWORD: imap.password,
    });
    const database = await openDatabase(config);
    try {
      await migrate(database.db);
      await loadRegions(database.db, readRegionFiles('./config/regions'));
      const settings = mailboxSettings(config);
      const round = async () => {
        const session = new ImapSession(settings.imap!);
        const started = performance.now();
        try {
          const result = await pollImap(database.db, settings, 'bench', session);
          return { seconds: (performance.now() - started) / 1000, result };
        } finally {
          await session.close();
        }
      };
      const counts = async () => {
        const { rows } = await sql<{ t: string; n: number }>`
          select 'signal' as t, count(*)::int as n from signal union all select 'signal_attachment', count(*)::int from signal_attachment
          union all select 'mailbox_message', count(*)::int from mailbox_message`.execute(database.db);
        return Object.fromEntries(rows.map((r) => [r.t, r.n]));
      };

      const first = await round();
      const afterFirst = await counts();
      await database.db.updateTable('mailbox_poller').set({ last_uid: 0 }).execute();
      const second = await round();
      const afterSecond = await counts();
      const rate = first.result.fetched / first.seconds;

      console.log(`mailbox · ${new Date().toISOString()} · ${machine()} · PostgreSQL · dovecot on loopback`);
      console.log(`${total} messages (${(bytes / 1_048_576).toFixed(1)} MB; every 5th with a photo, every 10th forwarded inline), appended in ${appendSeconds.toFixed(1)} s (not counted)`);
      console.log(`  first round   ${first.seconds.toFixed(2).padStart(6)} s  ${rate.toFixed(0).padStart(5)} messages/s  ${JSON.stringify(first.result)}`);
      console.log(`  read again    ${second.seconds.toFixed(2).padStart(6)} s  ${(second.result.fetched / second.seconds).toFixed(0).padStart(5)} messages/s  ${JSON.stringify(second.result)}`);
      console.log(`  rows after the first round: ${JSON.stringify(afterFirst)}; after reading again: ${JSON.stringify(afterSecond)}`);
      const unchanged = JSON.stringify(afterFirst) === JSON.stringify(afterSecond);
      console.log(`goal ≥ 50 messages/s: ${rate >= 50 ? 'met' : 'NOT met'} · every message a signal: ${afterFirst.signal === total ? 'yes' : 'NO'} · reading again changed nothing: ${unchanged ? 'yes' : 'NO'}`);
    } finally {
      await database.close();
      // Let the pool's sockets close before the database is dropped.
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  });
} finally {
  await imap.stop();
}
