import type { Db } from '@server/core/db/database';

/** SQL for OIDC log-in: flows in progress, and finding or binding the account. */

export function insertFlow(db: Db, flow: { id: string; code_verifier: string; nonce: string; return_to: string; expires_at: Date }) {
  return db.insertInto('oidc_flow').values(flow).execute();
}

/** Removes flows that expired before `before` (they are kept a while so a late callback gets a precise reason). */
export function deleteFlowsExpiredBefore(db: Db, before: Date) {
  return db.deleteFrom('oidc_flow').where('expires_at', '<', before).execute();
}

/** Marks a flow used and returns it, only when it was unused and not expired: a state works once. */
export function consumeFlow(db: Db, id: string, now: Date) {
  return db
    .updateTable('oidc_flow')
    .set({ used_at: now })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning(['code_verifier', 'nonce', 'return_to'])
    .executeTakeFirst();
}

export function findFlow(db: Db, id: string) {
  return db.selectFrom('oidc_flow').select(['used_at', 'expires_at']).where('id', '=', id).executeTakeFirst();
}

const accountColumns = ['id', 'active', 'oidc_subject'] as const;

export function findUserBySubject(db: Db, subject: string) {
  return db.selectFrom('app_user').select(accountColumns).where('oidc_subject', '=', subject).executeTakeFirst();
}

export function findUserByEmail(db: Db, email: string) {
  return db.selectFrom('app_user').select(accountColumns).where('email', '=', email).executeTakeFirst();
}

/** Binds the provider's subject to an account that has none yet; false when another log-in got there first. */
export async function bindSubject(db: Db, userId: string, subject: string): Promise<boolean> {
  const result = await db
    .updateTable('app_user')
    .set({ oidc_subject: subject, updated_at: new Date() })
    .where('id', '=', userId)
    .where('oidc_subject', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export function recordLogin(db: Db, userId: string) {
  return db.updateTable('app_user').set({ last_login_at: new Date() }).where('id', '=', userId).execute();
}

/** The organisation new accounts start in: the first (by name) of the region. */
export function firstOrganisation(db: Db, regionCode: string) {
  return db.selectFrom('organisation').select('id').where('region_code', '=', regionCode).orderBy('name').limit(1).executeTakeFirst();
}

/** An account without password, second factor or roles: it can log in through the provider and see nothing yet. */
export async function createUser(db: Db, user: { regionCode: string; organisationId: string; email: string; displayName: string; subject: string }) {
  const row = await db
    .insertInto('app_user')
    .values({
      region_code: user.regionCode,
      organisation_id: user.organisationId,
      email: user.email,
      display_name: user.displayName,
      password_hash: null,
      totp_secret: null,
      totp_enabled_at: null,
      totp_last_step: null,
      oidc_subject: user.subject,
      locked_until: null,
      last_login_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
