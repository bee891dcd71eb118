import { sql } from 'kysely';
import type { Db } from '@server/core/db/database';
import type { Role } from '@server/core/auth/roles';
import type { UserFilter } from './users.schema';

/** SQL for account administration. */

function userBase(db: Db) {
  return db
    .selectFrom('app_user as u')
    .innerJoin('organisation as o', 'o.id', 'u.organisation_id')
    .select([
      'u.id',
      'u.email',
      'u.display_name',
      'u.region_code',
      'u.all_municipalities',
      'u.active',
      'u.totp_enabled_at',
      'u.locked_until',
      'u.last_login_at',
      'o.id as organisation_id',
      'o.name as organisation_name',
    ])
    .select((eb) => [
      eb.fn.coalesce(eb.selectFrom('user_role as r').select(sql<string[]>`array_agg(r.role order by r.role)`.as('x')).whereRef('r.user_id', '=', 'u.id'), sql<string[]>`'{}'::text[]`).as('roles'),
      eb
        .fn.coalesce(
          eb.selectFrom('user_municipality as m').select(sql<string[]>`array_agg(m.municipality_code order by m.municipality_code)`.as('x')).whereRef('m.user_id', '=', 'u.id'),
          sql<string[]>`'{}'::text[]`,
        )
        .as('municipalities'),
    ]);
}
export type UserRow = Awaited<ReturnType<ReturnType<typeof userBase>['executeTakeFirstOrThrow']>>;

/** Ids of the region's accounts that match the filter; the list and its count both start here. */
function matchingIds(db: Db, region: string, filter: UserFilter) {
  let query = db.selectFrom('app_user as u').select('u.id').where('u.region_code', '=', region);
  if (filter.search) {
    const pattern = `%${filter.search.toLowerCase().replace(/[\\%_]/g, '\\$&')}%`;
    query = query.where((eb) => eb.or([eb(eb.fn('lower', ['u.display_name']), 'like', pattern), eb('u.email', 'like', pattern)]));
  }
  if (filter.role) {
    const role = filter.role;
    query = query.where((eb) => eb.exists(eb.selectFrom('user_role as r').select('r.user_id').whereRef('r.user_id', '=', 'u.id').where('r.role', '=', role)));
  }
  if (filter.municipality) {
    const code = filter.municipality;
    query = query.where((eb) =>
      eb.or([
        eb('u.all_municipalities', '=', true),
        eb.exists(eb.selectFrom('user_municipality as m').select('m.user_id').whereRef('m.user_id', '=', 'u.id').where('m.municipality_code', '=', code)),
      ]),
    );
  }
  if (filter.active !== undefined) query = query.where('u.active', '=', filter.active);
  return query;
}

export async function listUsers(db: Db, region: string, filter: UserFilter, limit: number, offset: number) {
  const ids = matchingIds(db, region, filter);
  const [rows, total] = await Promise.all([
    userBase(db).where('u.id', 'in', ids).orderBy('u.display_name').orderBy('u.id').limit(limit).offset(offset).execute(),
    db.selectFrom(ids.as('f')).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

export function findUser(db: Db, region: string, id: string) {
  return userBase(db).where('u.region_code', '=', region).where('u.id', '=', id).executeTakeFirst();
}

export function findOrganisationInRegion(db: Db, region: string, id: string) {
  return db.selectFrom('organisation').select('id').where('region_code', '=', region).where('id', '=', id).executeTakeFirst();
}

export async function countMunicipalitiesInRegion(db: Db, region: string, codes: string[]): Promise<number> {
  if (codes.length === 0) return 0;
  const row = await db.selectFrom('municipality').select((eb) => eb.fn.countAll<number>().as('n')).where('region_code', '=', region).where('code', 'in', codes).executeTakeFirstOrThrow();
  return Number(row.n);
}

export function emailTaken(db: Db, email: string) {
  return db.selectFrom('app_user').select('id').where('email', '=', email).executeTakeFirst();
}

export async function insertUser(
  db: Db,
  values: { region: string; organisationId: string; email: string; displayName: string; passwordHash: string; allMunicipalities: boolean; roles: Role[]; municipalities: string[] },
): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('app_user')
      .values({
        region_code: values.region,
        organisation_id: values.organisationId,
        email: values.email,
        display_name: values.displayName,
        password_hash: values.passwordHash,
        all_municipalities: values.allMunicipalities,
        totp_secret: null,
        totp_enabled_at: null,
        totp_last_step: null,
        oidc_subject: null,
        locked_until: null,
        last_login_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (values.roles.length) await trx.insertInto('user_role').values(values.roles.map((role) => ({ user_id: id, role }))).execute();
    if (values.municipalities.length) {
      await trx.insertInto('user_municipality').values(values.municipalities.map((code) => ({ user_id: id, region_code: values.region, municipality_code: code }))).execute();
    }
    return id;
  });
}

export async function updateUser(
  db: Db,
  region: string,
  id: string,
  changes: { displayName?: string; organisationId?: string; allMunicipalities?: boolean; active?: boolean; roles?: Role[]; municipalities?: string[] },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('app_user')
      .set({
        ...(changes.displayName !== undefined ? { display_name: changes.displayName } : {}),
        ...(changes.organisationId !== undefined ? { organisation_id: changes.organisationId } : {}),
        ...(changes.allMunicipalities !== undefined ? { all_municipalities: changes.allMunicipalities } : {}),
        ...(changes.active !== undefined ? { active: changes.active } : {}),
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .where('region_code', '=', region)
      .execute();
    if (changes.roles) {
      await trx.deleteFrom('user_role').where('user_id', '=', id).execute();
      if (changes.roles.length) await trx.insertInto('user_role').values(changes.roles.map((role) => ({ user_id: id, role }))).execute();
    }
    if (changes.municipalities) {
      await trx.deleteFrom('user_municipality').where('user_id', '=', id).execute();
      if (changes.municipalities.length) {
        await trx.insertInto('user_municipality').values(changes.municipalities.map((code) => ({ user_id: id, region_code: region, municipality_code: code }))).execute();
      }
    }
    if (changes.active === false) await trx.updateTable('user_session').set({ ended_at: new Date() }).where('user_id', '=', id).where('ended_at', 'is', null).execute();
  });
}

export async function resetSecondFactor(db: Db, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('app_user').set({ totp_secret: null, totp_enabled_at: null, totp_last_step: null, updated_at: new Date() }).where('id', '=', id).execute();
    await trx.deleteFrom('recovery_code').where('user_id', '=', id).execute();
    await trx.updateTable('user_session').set({ ended_at: new Date() }).where('user_id', '=', id).where('ended_at', 'is', null).execute();
  });
}

export function listTokens(db: Db, region: string) {
  return db
    .selectFrom('api_token as t')
    .innerJoin('app_user as u', 'u.id', 't.user_id')
    .select(['t.id', 't.user_id', 't.name', 't.scopes', 't.expires_at', 't.created_at', 't.last_used_at', 't.revoked_at'])
    .where('u.region_code', '=', region)
    .orderBy('t.created_at', 'desc')
    .execute();
}

export function insertToken(db: Db, values: { userId: string; name: string; tokenHash: string; scopes: string[]; expiresAt: Date; createdBy: string | null }) {
  return db
    .insertInto('api_token')
    .values({ user_id: values.userId, name: values.name, token_hash: values.tokenHash, scopes: values.scopes, expires_at: values.expiresAt, created_by: values.createdBy, revoked_at: null, last_used_at: null })
    .returning(['id', 'user_id', 'name', 'scopes', 'expires_at', 'created_at', 'last_used_at', 'revoked_at'])
    .executeTakeFirstOrThrow();
}

export async function revokeToken(db: Db, region: string, id: string): Promise<boolean> {
  const result = await db
    .updateTable('api_token')
    .set({ revoked_at: new Date() })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .where('user_id', 'in', (eb) => eb.selectFrom('app_user').select('id').where('region_code', '=', region))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
