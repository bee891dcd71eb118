import type { FastifyRequest } from 'fastify';
import { writeAccessLog } from '@server/core/access/access-log';
import { type Decision, decide } from '@server/core/access/policy';
import type { Role } from '@server/core/auth/roles';
import type { Db } from '@server/core/db/database';
import { AppError } from '@server/core/errors';
import { caseRef, caseRules, caseRoles, findCaseRefs } from '@server/modules/cases';
import * as repository from './urgent-consultations.repository';

/**
 * Who may do what with a spoed-MDO (seed 002, §2.2; issue #6).
 *
 * Opening one needs the case in view and a role in the case flow: the ketenregisseur, the
 * aandachtsfunctionaris of its municipality, or the zorgcoördinator, police or procesregisseur who
 * hold a grant on it (they are often the ones who acted and need advice at once).
 *
 * Reading it (and adding to the thread) follows the case, with need to know on top: whoever works
 * the case on their own account sees all its consultations; someone who sees the case only through
 * a grant sees a consultation only while their organisation's grant *from that consultation* runs
 * (or when they opened it themselves) — a table invitation on the same case does not open the
 * thread of a spoed-MDO their organisation was not asked into.
 *
 * The advice is recorded by the one who opened it or by whoever may update the case.
 */
export const consultationRoles: Role[] = [...caseRoles];
export const PURPOSE = 'spoed-MDO';

export interface AuthorizedConsultation {
  row: repository.ConsultationRow;
  caseRow: Awaited<ReturnType<typeof findCaseRefs>>[number];
  decision: Decision;
  /** The grant the read rests on (the consultation's own grant for an invitee). */
  grantId?: string;
}

async function refuse(db: Db, request: FastifyRequest, id: string, reason: string): Promise<never> {
  await writeAccessLog(db, request, { action: 'denied', outcome: 'denied', recordType: 'urgent-consultation', recordId: id, reason });
  throw new AppError('consultation.not-found');
}

/** Loads a consultation the actor may read; a refusal is logged and answered as if it did not exist. */
export async function authorizedConsultation(db: Db, request: FastifyRequest, id: string): Promise<AuthorizedConsultation> {
  const actor = request.actor!;
  const row = await repository.findConsultation(db, id);
  if (!row) return refuse(db, request, id, 'read: not-found');
  const [caseRow] = await findCaseRefs(db, [row.case_id]);
  if (!caseRow) return refuse(db, request, id, 'read: not-found');
  const decision = await decide(db, actor, 'read', caseRef(caseRow), caseRules);
  if (!decision.allowed) return refuse(db, request, id, `read: ${decision.reason}`);
  if (decision.reason !== 'grant' || row.opened_by === actor.userId) return { row, caseRow, decision, ...(decision.grantId ? { grantId: decision.grantId } : {}) };
  const own = await repository.validConsultationGrant(db, id, actor.organisationId);
  if (!own) return refuse(db, request, id, 'read: no-grant (not invited, or the grant of this consultation ended)');
  return { row, caseRow, decision, grantId: own.id };
}

/** Whether the actor may record the advice: the one who opened it, or whoever may update the case. */
export async function mayAdvise(db: Db, request: FastifyRequest, consultation: AuthorizedConsultation): Promise<boolean> {
  if (consultation.row.opened_by === request.actor!.userId) return true;
  return (await decide(db, request.actor, 'update', caseRef(consultation.caseRow), caseRules)).allowed;
}

export async function permissionsOf(db: Db, request: FastifyRequest, consultation: AuthorizedConsultation) {
  const open = consultation.row.status === 'open';
  const decides = await mayAdvise(db, request, consultation);
  return { contribute: open, advise: open && decides, closeSharing: decides && new Date(consultation.row.grant_until).getTime() > Date.now() };
}
