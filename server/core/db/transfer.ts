import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { type Kysely, sql } from 'kysely';
import type { Database } from '@server/db/schema';
import type { Db } from './database';

/**
 * Logical export and import of all data, to move an installation between PGlite and
 * PostgreSQL (either way). Format: NDJSON; a header line, then one line per row.
 * Import needs a database migrated to the same version, with empty tables, and is
 * all-or-nothing (one transaction).
 */
const FORMAT = 'schakel-export';
// The tally of cases per set of municipalities (migration 0015) and the search words (0018) are
// derived: the triggers on case_file and case_track rebuild them as the cases are imported, so they
// are neither exported nor imported.
const SKIP = new Set(['kysely_migration', 'kysely_migration_lock', 'case_scope_tally', 'case_search_term']);

interface Header {
  format: typeof FORMAT;
  version: 1;
  exportedAt: string;
  migrations: string[];
  tables: Record<string, number>;
  /** Sequences that belong to no column (e.g. signal references): their position, so numbering continues. */
  sequences?: Record<string, { lastValue: string; isCalled: boolean }>;
}

async function standaloneSequences(db: Db): Promise<Record<string, { lastValue: string; isCalled: boolean }>> {
  const { rows } = await sql<{ name: string }>`
    select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where c.relkind = 'S' and n.nspname = 'public'
      and not exists (select 1 from pg_depend d where d.objid = c.oid and d.deptype in ('a', 'i'))
    order by c.relname`.execute(db);
  const result: Record<string, { lastValue: string; isCalled: boolean }> = {};
  for (const { name } of rows) {
    const { rows: state } = await sql<{ last_value: string; is_called: boolean }>`select last_value::text, is_called from ${sql.table(name)}`.execute(db);
    result[name] = { lastValue: state[0]!.last_value, isCalled: state[0]!.is_called };
  }
  return result;
}

async function migrationNames(db: Kysely<Database>): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
  return rows.map((r) => r.name);
}

/** Tables of the public schema, parents before children (foreign keys). */
export async function tablesInDependencyOrder(db: Db): Promise<string[]> {
  const { rows: tables } = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(db);
  const { rows: edges } = await sql<{ child: string; parent: string }>`
    select distinct tc.table_name as child, ccu.table_name as parent
    from information_schema.table_constraints tc
    join information_schema.constraint_column_usage ccu on ccu.constraint_name = tc.constraint_name and ccu.table_schema = tc.table_schema
    where tc.constraint_type = 'FOREIGN KEY' and tc.table_schema = 'public'`.execute(db);
  const names = tables.map((t) => t.name).filter((n) => !SKIP.has(n));
  const ordered: string[] = [];
  const visiting = new Set<string>();
  const visit = (name: string) => {
    if (ordered.includes(name) || visiting.has(name)) return;
    visiting.add(name);
    for (const e of edges) if (e.child === name && e.parent !== name) visit(e.parent);
    visiting.delete(name);
    ordered.push(name);
  };
  names.forEach(visit);
  return ordered;
}

export async function exportData(db: Db, path: string): Promise<Record<string, number>> {
  const tables = await tablesInDependencyOrder(db);
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(db);
    counts[table] = Number(rows[0]?.n ?? 0);
  }
  const out = createWriteStream(path, { encoding: 'utf8' });
  const write = async (line: string) => {
    if (!out.write(`${line}\n`)) await once(out, 'drain');
  };
  const header: Header = {
    format: FORMAT,
    version: 1,
    exportedAt: new Date().toISOString(),
    migrations: await migrationNames(db),
    tables: counts,
    sequences: await standaloneSequences(db),
  };
  await write(JSON.stringify(header));
  for (const table of tables) {
    // Keyset over ctid: constant memory, no ordering column needed.
    let last = '(0,0)';
    for (;;) {
      const { rows } = await sql<{ ctid: string; row: string }>`
        select ctid::text as ctid, row_to_json(t)::text as row from ${sql.table(table)} t
        where ctid > ${last}::tid order by ctid limit 5000`.execute(db);
      for (const r of rows) await write(`{"table":${JSON.stringify(table)},"row":${r.row}}`);
      if (rows.length < 5000) break;
      last = rows[rows.length - 1]!.ctid;
    }
  }
  out.end();
  await once(out, 'finish');
  return counts;
}

export class ImportError extends Error {
  override name = 'ImportError';
}

export async function importData(db: Db, path: string): Promise<Record<string, number>> {
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  const iterator = lines[Symbol.asyncIterator]();
  const first = await iterator.next();
  const header = (first.done ? undefined : JSON.parse(first.value)) as Header | undefined;
  if (header?.format !== FORMAT || header.version !== 1) throw new ImportError(`${path} is not a Schakel export`);

  return db.transaction().execute(async (trx) => {
    const migrations = await migrationNames(trx);
    if (JSON.stringify(migrations) !== JSON.stringify(header.migrations)) {
      throw new ImportError(
        `The export was made at migration ${header.migrations.at(-1)}, this database is at ${migrations.at(-1)}; migrate both to the same version first.`,
      );
    }
    for (const table of Object.keys(header.tables)) {
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(trx);
      if (Number(rows[0]?.n) > 0) throw new ImportError(`Table ${table} is not empty; import into a fresh database.`);
    }
    const counts: Record<string, number> = {};
    let table = '';
    let batch: string[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      await sql`insert into ${sql.table(table)} select * from json_populate_recordset(null::${sql.table(table)}, ${`[${batch.join(',')}]`}::json)`.execute(trx);
      counts[table] = (counts[table] ?? 0) + batch.length;
      batch = [];
    };
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      if (!next.value) continue;
      const line = JSON.parse(next.value) as { table: string; row: unknown };
      if (!(line.table in header.tables)) throw new ImportError(`Unknown table ${line.table} in export`);
      if (line.table !== table) {
        await flush();
        table = line.table;
      }
      batch.push(JSON.stringify(line.row));
      if (batch.length >= 1000) await flush();
    }
    await flush();
    // Serial columns continue after the imported ids.
    const { rows: serials } = await sql<{ table_name: string; column_name: string }>`
      select table_name, column_name from information_schema.columns
      where table_schema = 'public' and column_default like 'nextval(%'`.execute(trx);
    for (const s of serials) {
      if (!(s.table_name in header.tables)) continue;
      await sql`select setval(pg_get_serial_sequence(${s.table_name}, ${s.column_name}), coalesce(max(${sql.ref(s.column_name)}), 0) + 1, false) from ${sql.table(s.table_name)}`.execute(trx);
    }
    const known = await standaloneSequences(trx);
    for (const [name, state] of Object.entries(header.sequences ?? {})) {
      if (!(name in known)) throw new ImportError(`Unknown sequence ${name} in export`);
      await sql`select setval(${name}::regclass, ${state.lastValue}::bigint, ${state.isCalled})`.execute(trx);
    }
    for (const [name, expected] of Object.entries(header.tables)) {
      if ((counts[name] ?? 0) !== expected) throw new ImportError(`Table ${name}: expected ${expected} rows, read ${counts[name] ?? 0}; the file is incomplete.`);
    }
    return counts;
  });
}
