import type { Db } from '@server/core/db/database';

export function insertGrant(
  db: Db,
  values: { region: string; recordType: string; recordId: string; granteeUserId: string | null; granteeOrganisationId: string | null; purpose: string; legalBasis: string; validFrom: Date; validUntil: Date; grantedBy: string },
) {
  return db
    .insertInto('access_grant')
    .values({
      region_code: values.region,
      record_type: values.recordType,
      record_id: values.recordId,
      grantee_user_id: values.granteeUserId,
      grantee_organisation_id: values.granteeOrganisationId,
      purpose: values.purpose,
      legal_basis: values.legalBasis,
      valid_from: values.validFrom,
      valid_until: values.validUntil,
      granted_by: values.grantedBy,
      revoked_at: null,
      revoked_by: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function listGrants(db: Db, region: string, recordType: string, recordId: string) {
  return db
    .selectFrom('access_grant')
    .selectAll()
    .where('region_code', '=', region)
    .where('record_type', '=', recordType)
    .where('record_id', '=', recordId)
    .orderBy('created_at', 'desc')
    .execute();
}

export async function revokeGrant(db: Db, region: string, id: string, by: string) {
  return db
    .updateTable('access_grant')
    .set({ revoked_at: new Date(), revoked_by: by })
    .where('id', '=', id)
    .where('region_code', '=', region)
    .where('revoked_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

export function userInRegion(db: Db, region: string, id: string) {
  return db.selectFrom('app_user').select('id').where('id', '=', id).where('region_code', '=', region).executeTakeFirst();
}

export function organisationInRegion(db: Db, region: string, id: string) {
  return db.selectFrom('organisation').select('id').where('id', '=', id).where('region_code', '=', region).executeTakeFirst();
}

export function regionSettings(db: Db, region: string) {
  return db.selectFrom('region').select('settings').where('code', '=', region).executeTakeFirstOrThrow();
}
