import type { Config } from '@server/core/config';
import type { Db } from '@server/core/db/database';
import type { Actor } from './actor';
import type { Role } from './roles';
import { newSecret, sha256 } from './secrets';

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

/** A live session for a cookie token: not ended, within the absolute and the idle limit. */
export async function findSession(db: Db, config: Pick<Config, 'SESSION_IDLE_MINUTES'>, token: string): Promise<SessionRow | undefined> {
  const now = Date.now();
  const row = await db
    .selectFrom('user_session as s')
    .innerJoin('app_user as u', 'u.id', 's.user_id')
    .select(['s.id', 's.user_id', 's.csrf_token', 's.second_factor_done', 's.last_seen_at'])
    .where('s.token_hash', '=', sha256(token))
    .where('s.ended_at', 'is', null)
    .where('s.expires_at', '>', new Date(now))
    .where('s.last_seen_at', '>', new Date(now - config.SESSION_IDLE_MINUTES * 60_000))
    .where('u.active', '=', true)
    .executeTakeFirst();
  if (!row) return undefined;
  if (now - new Date(row.last_seen_at).getTime() > TOUCH_AFTER_MS) {
    await db.updateTable('user_session').set({ last_seen_at: new Date(now) }).where('id', '=', row.id).execute();
  }
  return { id: row.id, userId: row.user_id, csrfToken: row.csrf_token, secondFactorDone: row.second_factor_done };
}

/** After the second factor: a new token (the session id rotates on every change of privilege). */
export async function completeSecondFactor(db: Db, sessionId: string): Promise<string> {
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
  return Number(result.numUpdatedRows) > 0;
}

export async function endAllSessions(db: Db, userId: string): Promise<number> {
  const result = await db.updateTable('user_session').set({ ended_at: new Date() }).where('user_id', '=', userId).where('ended_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The actor of a user: roles and municipality scope. */
export async function loadActor(db: Db, userId: string, via: Pick<Actor, 'via' | 'sessionId' | 'tokenId' | 'scopes'>): Promise<Actor | undefined> {
  const user = await db
    .selectFrom('app_user')
    .select(['id', 'region_code', 'organisation_id', 'display_name', 'all_municipalities'])
    .where('id', '=', userId)
    .where('active', '=', true)
    .executeTakeFirst();
  if (!user) return undefined;
  const [roleRows, municipalityRows] = await Promise.all([
    db.selectFrom('user_role').select('role').where('user_id', '=', userId).orderBy('role').execute(),
    db.selectFrom('user_municipality').select('municipality_code').where('user_id', '=', userId).orderBy('municipality_code').execute(),
  ]);
  return {
    userId: user.id,
    regionCode: user.region_code,
    organisationId: user.organisation_id,
    displayName: user.display_name,
    roles: roleRows.map((r) => r.role as Role),
    allMunicipalities: user.all_municipalities,
    municipalities: municipalityRows.map((m) => m.municipality_code),
    ...via,
  };
}
