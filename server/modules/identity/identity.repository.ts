import type { Db } from '@server/core/db/database';

/** SQL for accounts as the identity module uses them (log-in, second factor, my account). */

export function findUserByEmail(db: Db, email: string) {
  return db
    .selectFrom('app_user')
    .select(['id', 'region_code', 'password_hash', 'active', 'is_demo', 'locked_until', 'failed_attempts', 'totp_enabled_at'])
    .where('email', '=', email)
    .executeTakeFirst();
}

export function findUserSecrets(db: Db, userId: string) {
  return db
    .selectFrom('app_user')
    .select(['id', 'email', 'password_hash', 'totp_secret', 'totp_enabled_at', 'totp_last_step', 'failed_attempts', 'locked_until'])
    .where('id', '=', userId)
    .where('active', '=', true)
    .executeTakeFirst();
}

export async function recordFailure(db: Db, userId: string, lockAfter: number, lockMinutes: number): Promise<boolean> {
  const row = await db
    .updateTable('app_user')
    .set((eb) => ({ failed_attempts: eb('failed_attempts', '+', 1) }))
    .where('id', '=', userId)
    .returning('failed_attempts')
    .executeTakeFirstOrThrow();
  if (row.failed_attempts < lockAfter) return false;
  await db
    .updateTable('app_user')
    .set({ failed_attempts: 0, locked_until: new Date(Date.now() + lockMinutes * 60_000) })
    .where('id', '=', userId)
    .execute();
  return true;
}

export function recordLogin(db: Db, userId: string) {
  return db.updateTable('app_user').set({ failed_attempts: 0, locked_until: null, last_login_at: new Date() }).where('id', '=', userId).execute();
}

export function setTotp(db: Db, userId: string, values: { totp_secret?: string | null; totp_enabled_at?: Date | null; totp_last_step?: number | null }) {
  return db.updateTable('app_user').set({ ...values, updated_at: new Date() }).where('id', '=', userId).execute();
}

export function setPasswordHash(db: Db, userId: string, passwordHash: string) {
  return db.updateTable('app_user').set({ password_hash: passwordHash, updated_at: new Date() }).where('id', '=', userId).execute();
}

export async function replaceRecoveryCodes(db: Db, userId: string, hashes: string[]) {
  await db.deleteFrom('recovery_code').where('user_id', '=', userId).execute();
  await db.insertInto('recovery_code').values(hashes.map((code_hash) => ({ user_id: userId, code_hash }))).execute();
}

/** Marks a recovery code used; true when it existed and was unused. */
export async function useRecoveryCode(db: Db, userId: string, hash: string): Promise<boolean> {
  const result = await db
    .updateTable('recovery_code')
    .set({ used_at: new Date() })
    .where('user_id', '=', userId)
    .where('code_hash', '=', hash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export function findProfile(db: Db, userId: string) {
  return db
    .selectFrom('app_user as u')
    .innerJoin('organisation as o', 'o.id', 'u.organisation_id')
    .select(['u.id', 'u.email', 'u.display_name', 'u.region_code', 'u.all_municipalities', 'u.totp_enabled_at', 'o.id as organisation_id', 'o.name as organisation_name'])
    .select((eb) =>
      eb
        .selectFrom('recovery_code as r')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('r.user_id', '=', 'u.id')
        .where('r.used_at', 'is', null)
        .as('recovery_codes_left'),
    )
    .where('u.id', '=', userId)
    .executeTakeFirst();
}

export function listSessions(db: Db, userId: string) {
  return db
    .selectFrom('user_session')
    .select(['id', 'created_at', 'last_seen_at', 'client_address', 'user_agent'])
    .where('user_id', '=', userId)
    .where('ended_at', 'is', null)
    .where('expires_at', '>', new Date())
    .orderBy('last_seen_at', 'desc')
    .execute();
}
