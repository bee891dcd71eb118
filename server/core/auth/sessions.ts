import { CompiledQuery, sql } from 'kysely';
import type { Config } from '@server/core/config';
import type { Db } from '@server/core/db/database';
import type { Actor } from './actor';
import type { Role } from './roles';
import { newSecret, sha256 } from './secrets';
import { sessionCache } from './session-cache';

/** Server-side sessions in the database (app servers keep no state). The cookie holds a random token; we store its hash. */
export const SESSION_COOKIE = 'schakel_session';
const TOUCH_AFTER_MS = 60_000;

export interface SessionRow {
  id: string;
  userId: string;
  csrfToken: string;
  secondFactorDone: boolean;
}

export async function createSession(
  db: Db,
  config: Pick<Config, 'SESSION_ABSOLUTE_HOURS'>,
  user: { userId: string; secondFactorDone: boolean; clientAddress: string; userAgent?: string },
): Promise<{ token: string; session: SessionRow }> {
  const token = newSecret();
  const csrfToken = newSecret();
  const row = await db
    .insertInto('user_session')
    .values({
      token_hash: sha256(token),
      user_id: user.userId,
      csrf_token: csrfToken,
      second_factor_done: user.secondFactorDone,
      expires_at: new Date(Date.now() + config.SESSION_ABSOLUTE_HOURS * 3_600_000),
      client_address: user.clientAddress,
      user_agent: user.userAgent?.slice(0, 300) ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { token, session: { id: row.id, userId: user.userId, csrfToken, secondFactorDone: user.secondFactorDone } };
}

export interface SessionWithActor {
  session: SessionRow;
  /** The actor, when the second factor is done. */
  actor?: Actor;
}

/**
 * A live session for a cookie token (not ended, within the absolute and the idle limit).
 * The hot path of every request with a session: session, account, roles and municipalities in
 * one round trip (static SQL, no query building per request), or none while the session is in
 * the in-process cache (SESSION_CACHE_SECONDS; see session-cache.ts for the bound).
 */
export async function findSessionWithActor(
  db: Db,
  config: Pick<Config, 'SESSION_IDLE_MINUTES' | 'SESSION_CACHE_SECONDS'>,
  token: string,
  /** False for a request the page makes by itself (a poll): it must not keep an unattended session alive. */
  touch = true,
): Promise<SessionWithActor | undefined> {
  const now = Date.now();
  const tokenHash = sha256(token);
  const idleMs = config.SESSION_IDLE_MINUTES * 60_000;
  const cached = config.SESSION_CACHE_SECONDS > 0 ? sessionCache.get(tokenHash, now, idleMs) : undefined;
  if (cached) {
    if (touch && now - cached.lastSeenAt > TOUCH_AFTER_MS) {
      // The touch also notices a session ended elsewhere (another app server) before the cache runs out.
      if (!(await touchSession(db, cached.sessionId, now))) {
        sessionCache.forgetSession(cached.sessionId);
        return undefined;
      }
      cached.lastSeenAt = now;
    }
    return { session: { id: cached.sessionId, userId: cached.userId, csrfToken: cached.csrfToken, secondFactorDone: true }, actor: cached.actor };
  }

  const readAt = sessionCache.generation();
  const { rows } = await db.executeQuery<SessionActorRow>(CompiledQuery.raw(SESSION_ACTOR_SQL, [tokenHash, new Date(now), new Date(now - idleMs)]));
  const row = rows[0];
  if (!row) return undefined;
  let lastSeenAt = new Date(row.last_seen_at).getTime();
  if (touch && now - lastSeenAt > TOUCH_AFTER_MS) {
    await touchSession(db, row.session_id, now);
    lastSeenAt = now;
  }
  const session = { id: row.session_id, userId: row.user_id, csrfToken: row.csrf_token, secondFactorDone: row.second_factor_done };
  if (!row.second_factor_done) return { session };
  // Frozen: a cached actor is shared by the requests of its session, so nobody may change it.
  const actor: Actor = Object.freeze({
    userId: row.user_id,
    regionCode: row.region_code,
    organisationId: row.organisation_id,
    displayName: row.display_name,
    roles: Object.freeze(row.roles ?? []) as Role[],
    allMunicipalities: row.all_municipalities,
    municipalities: Object.freeze(row.municipalities ?? []) as string[],
    via: 'session' as const,
    sessionId: row.session_id,
  });
  sessionCache.set(
    { tokenHash, sessionId: row.session_id, userId: row.user_id, csrfToken: row.csrf_token, actor, expiresAt: new Date(row.expires_at).getTime(), lastSeenAt },
    config.SESSION_CACHE_SECONDS,
    now,
    readAt,
  );
  return { session, actor };
}

/** Moves last_seen_at (the idle limit) forward; false when the session has ended meanwhile. */
async function touchSession(db: Db, sessionId: string, now: number): Promise<boolean> {
  const result = await db.updateTable('user_session').set({ last_seen_at: new Date(now) }).where('id', '=', sessionId).where('ended_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

interface SessionActorRow {
  session_id: string;
  user_id: string;
  csrf_token: string;
  second_factor_done: boolean;
  last_seen_at: Date;
  expires_at: Date;
  region_code: string;
  organisation_id: string;
  display_name: string;
  all_municipalities: boolean;
  roles: string[] | null;
  municipalities: string[] | null;
}

const SESSION_ACTOR_SQL = `
  select s.id as session_id, s.user_id, s.csrf_token, s.second_factor_done, s.last_seen_at, s.expires_at,
    u.region_code, u.organisation_id, u.display_name, u.all_municipalities,
    (select array_agg(r.role order by r.role) from user_role r where r.user_id = u.id) as roles,
    (select array_agg(m.municipality_code order by m.municipality_code) from user_municipality m where m.user_id = u.id) as municipalities
  from user_session s join app_user u on u.id = s.user_id
  where s.token_hash = $1 and s.ended_at is null and s.expires_at > $2 and s.last_seen_at > $3 and u.active`;

/** After the second factor: a new token (the session id rotates on every change of privilege). */
export async function completeSecondFactor(db: Db, sessionId: string): Promise<string> {
  sessionCache.forgetSession(sessionId);
  const token = newSecret();
  await db
    .updateTable('user_session')
    .set({ token_hash: sha256(token), second_factor_done: true, last_seen_at: new Date() })
    .where('id', '=', sessionId)
    .execute();
  return token;
}

export async function endSession(db: Db, userId: string, sessionId: string): Promise<boolean> {
  const result = await db
    .updateTable('user_session')
    .set({ ended_at: new Date() })
    .where('id', '=', sessionId)
    .where('user_id', '=', userId)
    .where('ended_at', 'is', null)
    .executeTakeFirst();
  sessionCache.forgetSession(sessionId);
  return Number(result.numUpdatedRows) > 0;
}

export async function endAllSessions(db: Db, userId: string): Promise<number> {
  const result = await db.updateTable('user_session').set({ ended_at: new Date() }).where('user_id', '=', userId).where('ended_at', 'is', null).executeTakeFirst();
  sessionCache.forgetUser(userId);
  return Number(result.numUpdatedRows);
}

/** The actor of a user: roles and municipality scope. */
export async function loadActor(db: Db, userId: string, via: Pick<Actor, 'via' | 'sessionId' | 'tokenId' | 'scopes'>): Promise<Actor | undefined> {
  // One round trip: the account with its roles and municipalities aggregated.
  const user = await db
    .selectFrom('app_user as u')
    .select(['u.id', 'u.region_code', 'u.organisation_id', 'u.display_name', 'u.all_municipalities'])
    .select((eb) => [
      eb.fn.coalesce(eb.selectFrom('user_role as r').select(sql<string[]>`array_agg(r.role order by r.role)`.as('x')).whereRef('r.user_id', '=', 'u.id'), sql<string[]>`'{}'::text[]`).as('roles'),
      eb.fn
        .coalesce(
          eb.selectFrom('user_municipality as m').select(sql<string[]>`array_agg(m.municipality_code order by m.municipality_code)`.as('x')).whereRef('m.user_id', '=', 'u.id'),
          sql<string[]>`'{}'::text[]`,
        )
        .as('municipalities'),
    ])
    .where('u.id', '=', userId)
    .where('u.active', '=', true)
    .executeTakeFirst();
  if (!user) return undefined;
  return {
    userId: user.id,
    regionCode: user.region_code,
    organisationId: user.organisation_id,
    displayName: user.display_name,
    roles: (user.roles ?? []) as Role[],
    allMunicipalities: user.all_municipalities,
    municipalities: user.municipalities ?? [],
    ...via,
  };
}
