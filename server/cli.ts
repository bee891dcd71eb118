import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { prepare } from '@server/core/bootstrap';
import { type Config, ConfigError, loadConfig } from '@server/core/config';
import { migrate, openDatabase } from '@server/core/db/database';
import { DataDirLockedError } from '@server/core/db/lock';
import { exportData, ImportError, importData } from '@server/core/db/transfer';
import { sealAccessLog, sealedEntry, startSealer, verifyAccessLog } from '@server/core/access/access-log';
import { mailSettings, startMailer } from '@server/core/mail/mailer';
import { apiTokenScopes } from '@server/modules/users/users.schema';
import { createToken } from '@server/modules/users';
import { demoAccounts } from '@server/modules/identity/identity.demo';
import { isDemoMode } from '@server/core/module';
import { demoSizes, runDemo } from '@server/core/demo';
import { buildApp } from '@server/core/http/app';
import { modules } from '@server/modules';
import { checkMailboxRegion, mailboxEnabled, mailboxSettings, startMailboxPoller } from '@server/modules/mailbox';
import { loadRegions, readRegionFiles, RegionConfigError } from '@server/modules/regions';
import { importCommand, ImportMappingError, ImportUsageError } from '@server/modules/imports';

const USAGE = `Usage: npx schakel <command> [options]

Commands:
  start                  migrate, load regions, (demo data on an empty embedded database) and serve
  migrate                run pending database migrations
  demo [--seed N] [--<size> N ...]
                         add fictional demo data (deterministic per seed)
  export --out FILE      write all data to FILE (NDJSON), e.g. to move from PGlite to PostgreSQL
  import --in FILE       read an export into a freshly migrated, empty database
  import mma|watch FILE [--dry-run] [--region CODE]
                         import a Meld Misdaad Anoniem or Watch Nederland export (docs/imports.md):
                         exit 0 done, 6 file refused (nothing imported), 7 done with rejected lines
  openapi [--out FILE]   print or write the OpenAPI document
  verify-access-log [--anchor SEQ:HASH]
                         check the hash chain of the access log and print its latest anchor;
                         with --anchor also check an anchor recorded earlier (exit 5 when broken)
  token create --email ADDRESS --name NAME --scopes a,b [--days 90]
                         create an API token for an account (printed once)

Settings come from environment variables; see README.md.`;

function exitWith(code: number, message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

async function start(config: Config): Promise<void> {
  mailSettings(config); // SMTP settings fail fast, before the database opens
  const mailbox = mailboxEnabled(config) ? mailboxSettings(config) : undefined;
  const prepared = await prepare(config, { log: (line) => console.log(line) });
  if (mailbox) await checkMailboxRegion(prepared.database.db, mailbox);
  const app = await buildApp({ config, database: prepared.database }, modules);
  const stopSealer = startSealer(prepared.database.db, (error) => app.log.error({ err: error }, 'sealing the access log failed'));
  // The mail outbox worker (acute alerts); every app server runs one, they share the outbox.
  const stopMailer = startMailer(prepared.database.db, config, app.log);
  // The regional mailbox (IMAP, drop folder); every app server runs a poller, a lease lets one read IMAP at a time.
  const mailboxPoller = mailbox ? startMailboxPoller(prepared.database.db, mailbox, { error: (error, message) => app.log.error({ err: error }, message) }) : undefined;
  const stop = async (signal: string) => {
    app.log.info({ signal }, 'stopping');
    await app.close();
    await stopMailer();
    await mailboxPoller?.stop();
    await stopSealer();
    await sealAccessLog(prepared.database.db);
    await prepared.database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  await app.listen({ port: config.PORT, host: config.HOST });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const host = config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST;
  const base = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
  console.log(
    [
      '',
      `Schakel runs at ${base}/`,
      `  API ${base}/api/v1 · documentation ${base}/api/v1/docs`,
      `  database: ${prepared.database.kind} (${prepared.database.location}) · default region: ${config.SCHAKEL_REGION}`,
      prepared.demo ? `  demo data added: ${JSON.stringify(prepared.demo)}` : '',
      ...demoBanner(config, prepared),
      '',
    ]
      .filter((line) => line !== '')
      .join('\n'),
  );
}

function demoBanner(config: Config, prepared: Awaited<ReturnType<typeof prepare>>): string[] {
  if (!isDemoMode({ config, database: prepared.database })) return ['  demo mode off: log in with your own account (second factor required).'];
  const accounts = demoAccounts([config.SCHAKEL_REGION]);
  return [
    `  DEMO MODE — fictional data; demo accounts skip the second factor. Password of every demo account: ${accounts[0]?.password}`,
    ...accounts.map((a) => `    ${a.role.padEnd(22)} ${a.email}`),
    '    (the same roles exist for the other region: replace the region in the address)',
  ];
}

/** `SEQ:HASH` as printed by verify-access-log ("Latest anchor: …"). */
function parseAnchor(value: string): { seq: number; hash: string } {
  const match = /^(\d{1,18}):([0-9a-f]{64})$/i.exec(value.trim());
  if (!match) exitWith(2, '--anchor must be SEQ:HASH as verify-access-log prints it, e.g. 1234:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08');
  return { seq: Number(match[1]), hash: match[2]!.toLowerCase() };
}

export async function main(argv: string[]): Promise<void> {
  const [command = 'start', ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    options: {
      seed: { type: 'string' },
      out: { type: 'string' },
      in: { type: 'string' },
      help: { type: 'boolean' },
      email: { type: 'string' },
      name: { type: 'string' },
      scopes: { type: 'string' },
      days: { type: 'string' },
      anchor: { type: 'string' },
      'dry-run': { type: 'boolean' },
      region: { type: 'string' },
      ...Object.fromEntries(Object.keys(demoSizes(modules)).map((name) => [name, { type: 'string' as const }])),
    },
    strict: true,
    allowPositionals: true,
  });
  if (positionals.length > (command === 'token' ? 1 : command === 'import' ? 2 : 0)) exitWith(2, `Unexpected argument "${positionals.at(-1)}".\n\n${USAGE}`);
  if (values.help || command === 'help') return void console.log(USAGE);
  const config = loadConfig();

  switch (command) {
    case 'start':
      return start(config);
    case 'migrate': {
      const { database } = { database: await openDatabase(config) };
      const done = await migrate(database.db);
      await database.close();
      return void console.log(done.length ? `Migrated: ${done.join(', ')}` : 'Database is up to date.');
    }
    case 'demo': {
      const database = await openDatabase(config);
      try {
        await migrate(database.db);
        const files = readRegionFiles(config.SCHAKEL_REGIONS_DIR);
        await loadRegions(database.db, files);
        const sizes: Record<string, number> = {};
        for (const name of Object.keys(demoSizes(modules))) {
          const value = (values as Record<string, string | undefined>)[name];
          if (value === undefined) continue;
          if (!/^\d+$/.test(value)) exitWith(2, `--${name} must be a whole number`);
          sizes[name] = Number(value);
        }
        if (values.seed !== undefined && !/^\d+$/.test(values.seed)) exitWith(2, '--seed must be a whole number');
        const started = performance.now();
        const counts = await runDemo(database.db, modules, {
          seed: Number(values.seed ?? 2026),
          sizes,
          regions: files.map((f) => f.file.code),
          log: (line) => console.log(line),
        });
        console.log(`Demo data added in ${((performance.now() - started) / 1000).toFixed(1)} s: ${JSON.stringify(counts)}`);
      } finally {
        await database.close();
      }
      return;
    }
    case 'export':
    case 'import': {
      if (command === 'import' && positionals.length > 0) {
        const code = await importCommand(config, positionals, { dryRun: values['dry-run'], region: values.region });
        if (code !== 0) process.exit(code);
        return;
      }
      const file = command === 'export' ? values.out : values.in;
      if (!file) exitWith(2, `${command} needs --${command === 'export' ? 'out' : 'in'} FILE`);
      const database = await openDatabase(config);
      try {
        await migrate(database.db);
        const counts = command === 'export' ? await exportData(database.db, file) : await importData(database.db, file);
        console.log(`${command === 'export' ? 'Exported' : 'Imported'}: ${JSON.stringify(counts)}`);
      } finally {
        await database.close();
      }
      return;
    }
    case 'openapi': {
      const app = await buildApp({ config, database: await openDatabase(config, { memory: !config.DATABASE_URL }) }, modules);
      await app.ready();
      const json = JSON.stringify(app.swagger(), null, 2);
      await app.close();
      if (values.out) writeFileSync(values.out, `${json}\n`);
      else console.log(json);
      return;
    }
    case 'verify-access-log': {
      const anchor = values.anchor === undefined ? undefined : parseAnchor(values.anchor);
      const database = await openDatabase(config);
      try {
        await migrate(database.db);
        const check = await verifyAccessLog(database.db);
        if (check.firstBrokenId !== undefined) exitWith(5, `Access log BROKEN at entry ${check.firstBrokenId} (of ${check.rows}): changed or removed after it was written.`);
        if (anchor) {
          const entry = await sealedEntry(database.db, anchor.seq);
          if (entry?.hash !== anchor.hash) {
            exitWith(5, `Access log does NOT match the anchor ${anchor.seq}:${anchor.hash}: ${entry ? `seq ${anchor.seq} now has hash ${entry.hash}` : `there is no sealed entry ${anchor.seq}`}. The log was rewritten after the anchor was recorded.`);
          }
        }
        console.log(`Access log intact: ${check.rows} entries, hash chain verified${anchor ? `, anchor ${anchor.seq} matches` : ''}.`);
        // One line to record outside the database (see README, "Anchoring the access log").
        console.log(check.latest ? `Latest anchor: ${check.latest.seq}:${check.latest.hash} (entry of ${check.latest.at.toISOString()})` : 'Latest anchor: none (nothing sealed yet)');
      } finally {
        await database.close();
      }
      return;
    }
    case 'token': {
      if (rest[0] !== 'create') exitWith(2, 'Usage: npx schakel token create --email ADDRESS --name NAME --scopes a,b [--days 90]');
      const scopes = (values.scopes ?? '').split(',').filter(Boolean);
      const days = Number(values.days ?? 90);
      if (!values.email || !values.name || scopes.length === 0 || !scopes.every((s) => (apiTokenScopes as readonly string[]).includes(s)) || !Number.isInteger(days) || days < 1 || days > 366) {
        exitWith(2, `token create needs --email, --name, --scopes (of: ${apiTokenScopes.join(', ')}) and optionally --days 1..366`);
      }
      const database = await openDatabase(config);
      try {
        await migrate(database.db);
        const user = await database.db.selectFrom('app_user').select('id').where('email', '=', values.email.toLowerCase()).where('active', '=', true).executeTakeFirst();
        if (!user) exitWith(2, `No active account with e-mail address ${values.email}`);
        const { token, apiToken } = await createToken(database.db, { userId: user.id, name: values.name, scopes, validDays: days, createdBy: null });
        console.log(`API token "${apiToken.name}" (${apiToken.id}), scopes ${scopes.join(',')}, valid until ${apiToken.expiresAt}:\n${token}\nIt is shown only now; send it as Authorization: Bearer <token>.`);
      } finally {
        await database.close();
      }
      return;
    }
    default:
      exitWith(2, `Unknown command "${command}".\n\n${USAGE}`);
  }
}

/** Runs a command; known failures exit with their own code and a message, never a stack trace. */
export function run(argv: string[]): void {
  main(argv).catch((error: unknown) => {
    if (error instanceof ConfigError || error instanceof RegionConfigError) exitWith(2, error.message);
    if (error instanceof DataDirLockedError) exitWith(3, error.message);
    if (error instanceof ImportError) exitWith(4, error.message);
    if (error instanceof ImportUsageError || error instanceof ImportMappingError) exitWith(2, error.message);
    if ((error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) exitWith(2, `${(error as Error).message}\n\n${USAGE}`);
    console.error(error);
    process.exit(1);
  });
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) run(process.argv.slice(2));
