import type { FastifyRequest } from 'fastify';
import type { Transaction } from 'kysely';
import { authorize, type Decision, decide, type RecordAction } from '@server/core/access/policy';
import type { Db } from '@server/core/db/database';
import { AppError } from '@server/core/errors';
import type { Database } from '@server/db/schema';
import { type CaseFieldGroup, regionSettingsSchema } from '@server/modules/regions';
import { caseRef, caseRules, sharedGroups } from './cases.policy';
import * as repository from './cases.repository';

export type RegionSettings = ReturnType<typeof regionSettingsSchema.parse>;

/** The region's settings, parsed with their defaults (deadlines, sources, sharing, grant lengths). */
export async function settingsOf(db: Db | Transaction<Database>, regionCode: string): Promise<RegionSettings> {
  const row = await repository.regionSettingsOf(db, regionCode);
  return regionSettingsSchema.parse(row?.settings ?? {});
}

export interface AuthorizedCase {
  row: repository.CaseRefRow;
  decision: Decision;
}

/**
 * Loads a case and decides; a refusal is logged and answered like a case that does not exist
 * (reads) or 403 (changes), so nobody learns that a case exists by asking for it.
 */
export async function authorizedCase(db: Db, request: FastifyRequest, id: string, action: RecordAction): Promise<AuthorizedCase> {
  const row = await repository.findCaseRef(db, id);
  if (!row) {
    if (request.actor) await authorize(db, request, action, { type: 'case', id, regionCode: '', municipalities: [] }, caseRules).catch(() => undefined);
    throw new AppError('case.not-found');
  }
  const decision = await authorize(db, request, action, caseRef(row), caseRules).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'route.not-found') throw new AppError('case.not-found');
    throw error;
  });
  return { row, decision };
}

/** What the reader of a case sees: every part on their own account, the region's sharing for their organisation type through a grant. */
export async function groupsFor(db: Db, request: FastifyRequest, decision: Decision, regionCode: string): Promise<CaseFieldGroup[]> {
  if (decision.reason !== 'grant') return sharedGroups(decision, undefined, {});
  const [settings, organisation] = await Promise.all([settingsOf(db, regionCode), repository.organisationOf(db, request.actor!.organisationId)]);
  return sharedGroups(decision, organisation?.type, settings.caseSharing);
}

export async function mayUpdate(db: Db, request: FastifyRequest, row: repository.CaseRefRow): Promise<boolean> {
  return (await decide(db, request.actor, 'update', caseRef(row), caseRules)).allowed;
}
