import type { FastifyRequest } from 'fastify';
import type { Selectable } from 'kysely';
import { writeAccessLog } from '@server/core/access/access-log';
import type { Actor } from '@server/core/auth/actor';
import type { Db } from '@server/core/db/database';
import { AppError, type InvalidParam } from '@server/core/errors';
import type { AccessGrantTable } from '@server/db/schema';
import { regionSettingsSchema } from '@server/modules/regions/regions.schema';
import * as repository from './grants.repository';
import type { Grant, GrantCreate } from './grants.schema';

export async function legalBases(db: Db, region: string) {
  const { settings } = await repository.regionSettings(db, region);
  return regionSettingsSchema.parse(settings).legalBases;
}

export function presentGrant(row: Selectable<AccessGrantTable>, now = Date.now()): Grant {
  const from = new Date(row.valid_from).getTime();
  const until = new Date(row.valid_until).getTime();
  const status = row.revoked_at ? 'revoked' : now < from ? 'pending' : now >= until ? 'expired' : 'valid';
  return {
    id: row.id,
    recordType: row.record_type,
    recordId: row.record_id,
    granteeUserId: row.grantee_user_id,
    granteeOrganisationId: row.grantee_organisation_id,
    purpose: row.purpose,
    legalBasis: row.legal_basis,
    validFrom: new Date(row.valid_from).toISOString(),
    validUntil: new Date(row.valid_until).toISOString(),
    grantedBy: row.granted_by,
    revokedAt: row.revoked_at ? new Date(row.revoked_at).toISOString() : null,
    status,
  };
}

/** Gives a user or an organisation need-to-know access to one record, for a purpose, on a legal basis, for a period. */
export async function createGrant(db: Db, request: FastifyRequest, actor: Actor, input: GrantCreate): Promise<Grant> {
  const invalid: InvalidParam[] = [];
  const bases = await legalBases(db, actor.regionCode);
  if (!bases.some((b) => b.code === input.legalBasis)) invalid.push({ name: 'body.legalBasis', code: 'unknown', reason: 'Not a legal basis of this region' });
  const validFrom = input.validFrom ? new Date(input.validFrom) : new Date();
  const validUntil = new Date(input.validUntil);
  if (validUntil <= validFrom) invalid.push({ name: 'body.validUntil', code: 'too_small', reason: 'Must be after validFrom' });
  if (validUntil.getTime() - validFrom.getTime() > 366 * 86_400_000) invalid.push({ name: 'body.validUntil', code: 'too_big', reason: 'A grant lasts at most a year' });
  if (input.granteeUserId && !(await repository.userInRegion(db, actor.regionCode, input.granteeUserId))) {
    invalid.push({ name: 'body.granteeUserId', code: 'unknown', reason: 'No account of this region' });
  }
  if (input.granteeOrganisationId && !(await repository.organisationInRegion(db, actor.regionCode, input.granteeOrganisationId))) {
    invalid.push({ name: 'body.granteeOrganisationId', code: 'unknown', reason: 'No organisation of this region' });
  }
  if (invalid.length) throw new AppError('request.invalid', { invalidParams: invalid });
  const row = await repository.insertGrant(db, {
    region: actor.regionCode,
    recordType: input.recordType,
    recordId: input.recordId,
    granteeUserId: input.granteeUserId ?? null,
    granteeOrganisationId: input.granteeOrganisationId ?? null,
    purpose: input.purpose,
    legalBasis: input.legalBasis,
    validFrom,
    validUntil,
    grantedBy: actor.userId,
  });
  await writeAccessLog(db, request, { action: 'grant-created', outcome: 'success', recordType: input.recordType, recordId: input.recordId, grantId: row.id, purpose: input.purpose, reason: `legal basis ${input.legalBasis}` });
  return presentGrant(row);
}

export async function revokeGrant(db: Db, request: FastifyRequest, actor: Actor, id: string): Promise<Grant> {
  const row = await repository.revokeGrant(db, actor.regionCode, id, actor.userId);
  if (!row) throw new AppError('route.not-found');
  await writeAccessLog(db, request, { action: 'grant-revoked', outcome: 'success', recordType: row.record_type, recordId: row.record_id, grantId: row.id });
  return presentGrant(row);
}
