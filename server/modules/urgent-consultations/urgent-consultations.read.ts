import type { FastifyRequest } from 'fastify';
import { readPersonalData } from '@server/core/access/access-log';
import type { Actor } from '@server/core/auth/actor';
import type { Db } from '@server/core/db/database';
import { authorizedCase } from '@server/modules/cases';
import { authorizedConsultation, permissionsOf, PURPOSE } from './urgent-consultations.policy';
import { presentCaseConsultation, presentConsultation, presentMine } from './urgent-consultations.presenter';
import * as repository from './urgent-consultations.repository';
import type { Consultation } from './urgent-consultations.schema';

/** One consultation with its thread: a logged personal-data read, on the grant it rests on. */
export async function consultationDetail(db: Db, request: FastifyRequest, id: string): Promise<Consultation> {
  const consultation = await authorizedConsultation(db, request, id);
  return readPersonalData(
    db,
    request,
    { recordType: 'urgent-consultation', purpose: PURPOSE, ...(consultation.grantId ? { grantId: consultation.grantId } : {}) },
    async () => {
      const [invitees, contributions, permissions] = await Promise.all([
        repository.inviteesOf(db, [id]),
        repository.contributionsOf(db, id),
        permissionsOf(db, request, consultation),
      ]);
      return presentConsultation(consultation.row, consultation.caseRow.reference, invitees, contributions, permissions);
    },
    () => ({ recordId: id, subjects: [] }),
  );
}

/**
 * The consultations of a case: all of them for whoever works the case on their own account; for
 * someone who sees the case through a grant, only those they opened or whose grant to their
 * organisation still runs (the same need to know as the consultation itself).
 */
export async function consultationsOfCase(db: Db, request: FastifyRequest, caseId: string) {
  const { decision } = await authorizedCase(db, request, caseId, 'read');
  const actor = request.actor!;
  return readPersonalData(
    db,
    request,
    { recordType: 'case', purpose: PURPOSE, ...(decision.grantId ? { grantId: decision.grantId } : {}) },
    async () => {
      let rows = await repository.consultationsOfCase(db, caseId);
      if (decision.reason === 'grant') {
        const live = await repository.withLiveGrant(db, rows.map((r) => r.id), actor.organisationId);
        rows = rows.filter((r) => r.opened_by === actor.userId || live.has(r.id));
      }
      const invitees = await repository.inviteesOf(db, rows.map((r) => r.id));
      return { _embedded: { consultations: rows.map((r) => presentCaseConsultation(r, invitees)) } };
    },
    () => ({ recordId: caseId, subjects: [] }),
  );
}

/** My spoed-MDOs (opened by me, or my organisation invited while its grant runs): references only. */
export async function myConsultations(db: Db, actor: Actor, limit: number, offset: number) {
  const { rows, total } = await repository.myConsultations(db, actor, limit, offset);
  return { items: rows.map((r) => presentMine(r, actor.userId)), total };
}
