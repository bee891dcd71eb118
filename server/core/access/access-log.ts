import type { FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import { sessionCache } from '@server/core/auth/session-cache';
import { insertAccessLogRow } from './access-log-writer';
import type { Db } from '@server/core/db/database';

/**
 * The access log (NEN 7513): who did what with which record about whom, when, from where,
 * why and on which grant. Append-only and hash-chained by the database (migration 0003).
 */
export const accessActions = [
  'read',
  'create',
  'update',
  'delete',
  'export',
  'print',
  'denied',
  'login',
  'login-failed',
  'lockout',
  'logout',
  'session-ended',
  'second-factor-enrolled',
  'second-factor-failed',
  'second-factor-reset',
  'recovery-code-used',
  'password-changed',
  'role-changed',
  'token-used',
  'grant-created',
  'grant-revoked',
  'rejected',
] as const;
export type AccessAction = (typeof accessActions)[number];
export type AccessOutcome = 'success' | 'failure' | 'denied';

export interface AccessLogEntry {
  action: AccessAction;
  outcome: AccessOutcome;
  recordType?: string;
  recordId?: string;
  /** Ids of the persons the record is about. */
  subjects?: string[];
  purpose?: string;
  grantId?: string;
  reason?: string;
  /** For events before anyone is logged in (a failed log-in): the account concerned, if known. */
  userId?: string;
  /**
   * For events before anyone is logged in: the region whose privacy officer must see the entry
   * (the account's region, or the installation's region when no account matched).
   */
  regionCode?: string;
}

/** Writes one entry, with who and from where taken from the request. */
export async function writeAccessLog(db: Db, request: FastifyRequest, entry: AccessLogEntry): Promise<void> {
  forgetChangedAccounts(entry);
  const actor = request.actor;
  // In the order of ACCESS_LOG_COLUMNS; committed together with concurrent entries (access-log-writer.ts).
  await insertAccessLogRow(db, [
    actor?.regionCode ?? entry.regionCode ?? null,
    actor?.userId ?? entry.userId ?? null,
    actor ? actor.roles.join(',') : null,
    actor?.organisationId ?? null,
    entry.action,
    entry.recordType ?? null,
    entry.recordId ?? null,
    entry.subjects ?? [],
    entry.purpose ?? null,
    entry.grantId ?? null,
    request.ip,
    request.headers['user-agent']?.slice(0, 300) ?? null,
    request.id,
    entry.outcome,
    entry.reason ?? null,
  ]);
  if (entry.outcome !== 'success') request.failureLogged = true;
  // A logged read, export or change about named persons covers returning their data in this response.
  if (entry.outcome === 'success' && (entry.action === 'read' || entry.action === 'export' || (entry.subjects?.length ?? 0) > 0)) {
    request.personalDataLogged = true;
  }
}

/**
 * Every change to an account (roles, scope, organisation, status, second factor, password) is a
 * logged security event, written after the change, so this is where the session cache forgets the
 * account: no module has to remember it, and the next request reads the account afresh.
 */
function forgetChangedAccounts(entry: AccessLogEntry): void {
  if (entry.recordType !== 'user' || entry.outcome !== 'success' || entry.action === 'read' || entry.action === 'export') return;
  if (entry.recordId) sessionCache.forgetUser(entry.recordId);
  for (const subject of entry.subjects ?? []) sessionCache.forgetUser(subject);
}

/**
 * The one way to return personal data: loads it and logs the read in the same request.
 * Routes whose response schema is marked personal fail with a 500 when nothing was logged.
 */
export async function readPersonalData<T>(
  db: Db,
  request: FastifyRequest,
  what: { recordType: string; purpose: string; grantId?: string; action?: 'read' | 'export' },
  load: () => Promise<T>,
  describe: (result: T) => { recordId?: string; subjects: string[] },
): Promise<T> {
  const result = await load();
  const { recordId, subjects } = describe(result);
  await writeAccessLog(db, request, { action: what.action ?? 'read', outcome: 'success', recordType: what.recordType, recordId, subjects, purpose: what.purpose, grantId: what.grantId });
  return result;
}

export interface ChainCheck {
  rows: number;
  firstBrokenId?: number;
  /**
   * The newest sealed entry. Its seq and hash, recorded outside the database, are an external
   * anchor: whoever rewrites the table and recomputes the whole chain cannot keep that hash.
   */
  latest?: ChainAnchor;
}

export interface ChainAnchor {
  seq: number;
  hash: string;
  at: Date;
}

/** Seals pending entries into the hash chain (one sealer at a time across app servers). */
export async function sealAccessLog(db: Db, maxRows = 10_000): Promise<number> {
  const { rows } = await sql<{ sealed: number }>`select seal_access_log(${maxRows}) as sealed`.execute(db);
  return Number(rows[0]?.sealed ?? 0);
}

/** Runs the sealer every second until stopped; entries are chained within about a second. */
export function startSealer(db: Db, onError: (error: unknown) => void): () => Promise<void> {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = sealAccessLog(db).catch(onError);
  }, 1000);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}

/** Seals what is pending, then recomputes the chain in the database and reports the first row that does not fit. */
export async function verifyAccessLog(db: Db): Promise<ChainCheck> {
  while ((await sealAccessLog(db)) > 0);
  const { rows } = await sql<{ rows: number; first_broken: number | null }>`
    with chain as (
      select id, seq, prev_hash, hash,
        coalesce(lag(hash) over (order by seq), '') as expected_prev,
        lag(seq) over (order by seq) as previous_seq,
        encode(sha256(convert_to(prev_hash || '|' || access_log_payload(l), 'UTF8')), 'hex') as expected_hash
      from access_log l
    )
    select count(*)::int as rows,
      min(id) filter (where hash is null or prev_hash <> expected_prev or hash <> expected_hash
        or seq <> coalesce(previous_seq, 0) + 1) as first_broken
    from chain`.execute(db);
  const row = rows[0]!;
  const latest = await sealedEntry(db);
  return {
    rows: Number(row.rows),
    ...(row.first_broken !== null ? { firstBrokenId: Number(row.first_broken) } : {}),
    ...(latest ? { latest } : {}),
  };
}

/** The sealed entry with this seq (an anchor recorded earlier), or the newest one without it. */
export async function sealedEntry(db: Db, seq?: number): Promise<ChainAnchor | undefined> {
  let query = db.selectFrom('access_log').select(['seq', 'hash', 'at']).where('seq', 'is not', null).where('hash', 'is not', null);
  query = seq === undefined ? query.orderBy('seq', 'desc').limit(1) : query.where('seq', '=', seq);
  const row = await query.executeTakeFirst();
  return row ? { seq: Number(row.seq), hash: row.hash!, at: new Date(row.at) } : undefined;
}
