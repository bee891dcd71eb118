import type { Transaction } from 'kysely';
import type { Database } from '@server/db/schema';
import { caseRef, caseRules } from './cases.policy';
import * as repository from './cases.repository';
import * as tracks from './cases.tracks.repository';

/**
 * Need-to-know access to cases for other modules (the table, the spoed-MDO): a grant for an
 * organisation on one case, tied to what caused it (`sourceType`/`sourceId`), so it is extended
 * or revoked with it. Grants end by themselves at `validUntil`; the policy checks every request.
 */
export interface CaseGrantInput {
  regionCode: string;
  caseId: string;
  organisationId: string;
  purpose: string;
  legalBasis: string;
  validUntil: Date;
  grantedBy: string;
  sourceType: 'table-invitation' | 'urgent-consultation' | 'track';
  sourceId: string;
}

export function grantCaseAccess(trx: Transaction<Database>, input: CaseGrantInput): Promise<string> {
  return tracks.insertSourceGrant(trx, {
    region_code: input.regionCode,
    case_id: input.caseId,
    organisation_id: input.organisationId,
    purpose: input.purpose,
    legal_basis: input.legalBasis,
    valid_until: input.validUntil,
    granted_by: input.grantedBy,
    source_type: input.sourceType,
    source_id: input.sourceId,
  });
}

/** Revokes the grants of one source (for one case only when caseId is given); returns how many. */
export function revokeCaseAccess(trx: Transaction<Database>, sourceType: CaseGrantInput['sourceType'], sourceId: string, by: string, caseId?: string): Promise<number> {
  return tracks.revokeSourceGrants(trx, sourceType, sourceId, by, caseId);
}

/** Moves the end of a source's live grants (a session moved to another date). */
export async function extendCaseAccess(trx: Transaction<Database>, sourceType: CaseGrantInput['sourceType'], sourceId: string, validUntil: Date): Promise<void> {
  await trx.updateTable('access_grant').set({ valid_until: validUntil }).where('source_type', '=', sourceType).where('source_id', '=', sourceId).where('revoked_at', 'is', null).execute();
}

/** A line on a case's timeline, in the caller's transaction (the group decides who sees it). */
export async function recordCaseEvent(
  trx: Transaction<Database>,
  event: { caseId: string; regionCode: string; actorUserId: string | null; kind: string; group: 'facts' | 'tracks' | 'table' | 'enrichment' | 'consultations'; detail: Record<string, unknown> },
): Promise<void> {
  await repository.insertEvent(trx, { case_id: event.caseId, region_code: event.regionCode, actor_user_id: event.actorUserId, kind: event.kind, field_group: event.group, detail: event.detail });
}

/** The reference data of cases for other modules: ref rows (for authorize()), in one query. */
export const findCaseRefs = repository.findCaseRefs;
export { caseRef, caseRules };

/** Marks a case put forward to the table (or back under monitoring) from the table module, moving its version. */
export async function touchCaseFromTable(trx: Transaction<Database>, caseId: string): Promise<void> {
  await repository.touchCase(trx, caseId);
  await repository.refreshDeadlines(trx, caseId);
}
