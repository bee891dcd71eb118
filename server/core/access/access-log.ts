import type { FastifyRequest } from 'fastify';
import { sql } from 'kysely';
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
}

/** Writes one entry, with who and from where taken from the request. */
export async function writeAccessLog(db: Db, request: FastifyRequest, entry: AccessLogEntry): Promise<void> {
  const actor = request.actor;
  await db
    .insertInto('access_log')
    .values({
      region_code: actor?.regionCode ?? null,
      user_id: actor?.userId ?? entry.userId ?? null,
      role: actor ? actor.roles.join(',') : null,
      organisation_id: actor?.organisationId ?? null,
      action: entry.action,
      record_type: entry.recordType ?? null,
      record_id: entry.recordId ?? null,
      subjects: entry.subjects ?? [],
      purpose: entry.purpose ?? null,
      grant_id: entry.grantId ?? null,
      client_address: request.ip,
      user_agent: request.headers['user-agent']?.slice(0, 300) ?? null,
      request_id: request.id,
      outcome: entry.outcome,
      reason: entry.reason ?? null,
    })
    .execute();
  if (entry.outcome !== 'success') request.failureLogged = true;
  // A logged read, export or change about named persons covers returning their data in this response.
  if (entry.outcome === 'success' && (entry.action === 'read' || entry.action === 'export' || (entry.subjects?.length ?? 0) > 0)) {
    request.personalDataLogged = true;
  }
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
}

/** Recomputes the hash chain in the database; reports the first row that does not fit. */
export async function verifyAccessLog(db: Db): Promise<ChainCheck> {
  const { rows } = await sql<{ rows: number; first_broken: number | null }>`
    with chain as (
      select id, prev_hash, hash,
        coalesce(lag(hash) over (order by id), '') as expected_prev,
        encode(sha256(convert_to(prev_hash || '|' || access_log_payload(l), 'UTF8')), 'hex') as expected_hash
      from access_log l
    )
    select count(*)::int as rows,
      min(id) filter (where prev_hash <> expected_prev or hash <> expected_hash) as first_broken
    from chain`.execute(db);
  const row = rows[0]!;
  return { rows: Number(row.rows), ...(row.first_broken !== null ? { firstBrokenId: Number(row.first_broken) } : {}) };
}
