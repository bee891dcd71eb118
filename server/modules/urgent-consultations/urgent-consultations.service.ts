import type { FastifyRequest } from 'fastify';
import { writeAccessLog } from '@server/core/access/access-log';
import type { Config } from '@server/core/config';
import type { Db } from '@server/core/db/database';
import { AppError, type InvalidParam } from '@server/core/errors';
import { authorizedCase, caseRoles, grantCaseAccess, recordCaseEvent, type RegionSettings, revokeCaseAccess, settingsOf } from '@server/modules/cases';
import { notify } from '@server/modules/notifications';
import { authorizedConsultation, mayAdvise, PURPOSE } from './urgent-consultations.policy';
import * as repository from './urgent-consultations.repository';
import type { AdviceCreate, ConsultationCreate, ContributionCreate } from './urgent-consultations.schema';

const HOUR = 3_600_000;

interface ResolvedInvitee {
  organisationId: string;
  name: string;
  legalBasis: string;
}

/**
 * Every invited organisation must be one of the case's region, asked once, and shared with on a
 * legal basis: the one given with the invitation (from the region's list) or the one the
 * organisation recorded for itself. Field errors come first (400); a missing basis is 422.
 */
async function resolveInvitees(db: Db, regionCode: string, settings: RegionSettings, invitees: ConsultationCreate['invitees']): Promise<ResolvedInvitee[]> {
  const ids = invitees.map((i) => i.organisationId);
  const [organisations, recorded] = await Promise.all([repository.organisationsOf(db, ids), repository.recordedLegalBases(db, regionCode, ids)]);
  const known = new Map(organisations.filter((o) => o.region_code === regionCode).map((o) => [o.id, o]));
  const recordedBasis = new Map(recorded.map((r) => [r.organisation_id, r.legal_basis]));
  const allowedBases = new Set(settings.legalBases.map((b) => b.code));
  const invalid: InvalidParam[] = [];
  const missing: InvalidParam[] = [];
  const seen = new Set<string>();
  const resolved: ResolvedInvitee[] = [];
  invitees.forEach((invitee, index) => {
    const at = `body.invitees.${index}`;
    const organisation = known.get(invitee.organisationId);
    if (!organisation) return void invalid.push({ name: `${at}.organisationId`, code: 'unknown', reason: 'No organisation of this region' });
    if (seen.has(organisation.id)) return void invalid.push({ name: `${at}.organisationId`, code: 'duplicate', reason: `${organisation.name} is already invited` });
    seen.add(organisation.id);
    if (invitee.legalBasis !== undefined && !allowedBases.has(invitee.legalBasis)) {
      return void invalid.push({ name: `${at}.legalBasis`, code: 'unknown', reason: `Not one of the region's legal bases: ${[...allowedBases].join(', ')}` });
    }
    const legalBasis = invitee.legalBasis ?? recordedBasis.get(organisation.id);
    if (!legalBasis) {
      return void missing.push({ name: `${at}.legalBasis`, code: 'missing', reason: `${organisation.name} has recorded no legal basis for sharing; give one with the invitation` });
    }
    resolved.push({ organisationId: organisation.id, name: organisation.name, legalBasis });
  });
  if (invalid.length) throw new AppError('request.invalid', { invalidParams: invalid });
  if (missing.length) throw new AppError('table.no-legal-basis', { invalidParams: missing });
  return resolved;
}

/**
 * Opens a spoed-MDO: the consultation, its invitees, a grant on the case for each invited
 * organisation until `grant_until`, the case timeline, and a notice in the app and by e-mail to
 * the invited partners' accounts (reference and link only) — all in one transaction.
 */
export async function openConsultation(db: Db, config: Config, request: FastifyRequest, caseId: string, input: ConsultationCreate): Promise<string> {
  const { row, decision } = await authorizedCase(db, request, caseId, 'read');
  if (row.status === 'closed') throw new AppError('case.closed');
  const actor = request.actor!;
  const settings = await settingsOf(db, row.region_code);
  const invitees = await resolveInvitees(db, row.region_code, settings, input.invitees);
  const grantUntil = new Date(Date.now() + settings.urgentConsultationGrantHours * HOUR);
  let id = '';
  const grants: { grantId: string; invitee: ResolvedInvitee }[] = [];
  await db.transaction().execute(async (trx) => {
    id = (await repository.insertConsultation(trx, { case_id: caseId, region_code: row.region_code, question: input.question, grant_until: grantUntil, opened_by: actor.userId })).id;
    await repository.insertInvitees(
      trx,
      invitees.map((i) => ({ consultation_id: id, organisation_id: i.organisationId, legal_basis: i.legalBasis })),
    );
    for (const invitee of invitees) {
      const grantId = await grantCaseAccess(trx, {
        regionCode: row.region_code,
        caseId,
        organisationId: invitee.organisationId,
        purpose: PURPOSE,
        legalBasis: invitee.legalBasis,
        validUntil: grantUntil,
        grantedBy: actor.userId,
        sourceType: 'urgent-consultation',
        sourceId: id,
      });
      grants.push({ grantId, invitee });
    }
    await recordCaseEvent(trx, {
      caseId,
      regionCode: row.region_code,
      actorUserId: actor.userId,
      kind: 'urgent-consultation-opened',
      group: 'table',
      detail: { consultationId: id, invitees: invitees.map((i) => i.name), grantUntil: grantUntil.toISOString() },
    });
    const audience = (await repository.inviteeAudience(trx, invitees.map((i) => i.organisationId), caseRoles)).filter((u) => u.id !== actor.userId);
    await notify(trx, { regionCode: row.region_code, recipients: audience, kind: 'urgent-consultation', recordType: 'urgent-consultation', recordId: id, reference: row.reference, mail: { config, highPriority: true } });
  });
  await writeAccessLog(db, request, { action: 'create', outcome: 'success', recordType: 'urgent-consultation', recordId: id, purpose: PURPOSE, ...(decision.grantId ? { grantId: decision.grantId } : {}), reason: `on case ${caseId}` });
  for (const { grantId, invitee } of grants) {
    await writeAccessLog(db, request, {
      action: 'grant-created',
      outcome: 'success',
      recordType: 'case',
      recordId: caseId,
      grantId,
      purpose: PURPOSE,
      reason: `spoed-MDO ${id}: organisation ${invitee.organisationId} until ${grantUntil.toISOString()}, legal basis ${invitee.legalBasis}`,
    });
  }
  return id;
}

/** Adds to the thread while the consultation is open; a contribution is never changed (the table refuses it). */
export async function contribute(db: Db, request: FastifyRequest, id: string, input: ContributionCreate): Promise<void> {
  const consultation = await authorizedConsultation(db, request, id);
  if (consultation.row.status !== 'open') throw new AppError('consultation.closed');
  const actor = request.actor!;
  let contributionId = '';
  await db.transaction().execute(async (trx) => {
    // The advice and a late contribution do not cross: both take the consultation's row lock.
    const current = await repository.lockConsultation(trx, id);
    if (current?.status !== 'open') throw new AppError('consultation.closed');
    contributionId = await repository.insertContribution(trx, { consultation_id: id, region_code: consultation.row.region_code, author_user_id: actor.userId, organisation_id: actor.organisationId, text: input.text });
  });
  await writeAccessLog(db, request, {
    action: 'create',
    outcome: 'success',
    recordType: 'urgent-consultation',
    recordId: id,
    purpose: PURPOSE,
    ...(consultation.grantId ? { grantId: consultation.grantId } : {}),
    reason: `contribution ${contributionId}`,
  });
}

/**
 * Records the advice, once. The invitees' grants are not ended here: they run out at
 * `grant_until`, so the partners can still read the advice they gave for a while — or earlier,
 * when the one who opened it ends the sharing (`closeSharing`).
 */
async function mayDecide(db: Db, request: FastifyRequest, id: string, what: string) {
  const consultation = await authorizedConsultation(db, request, id);
  if (!(await mayAdvise(db, request, consultation))) {
    await writeAccessLog(db, request, { action: 'denied', outcome: 'denied', recordType: 'urgent-consultation', recordId: id, reason: `${what}: neither the opener nor allowed to update the case` });
    throw new AppError('access.denied');
  }
  return consultation;
}

export async function advise(db: Db, request: FastifyRequest, id: string, input: AdviceCreate): Promise<void> {
  const consultation = await mayDecide(db, request, id, 'advise');
  if (consultation.row.status !== 'open') throw new AppError('consultation.closed');
  const actor = request.actor!;
  await db.transaction().execute(async (trx) => {
    await repository.lockConsultation(trx, id);
    if (!(await repository.recordAdvice(trx, id, input.version, input.advice, actor.userId))) {
      const current = await repository.lockConsultation(trx, id);
      if (current?.status !== 'open') throw new AppError('consultation.closed');
      // Only the advice moves the version, so an open consultation on another version was never read at it.
      throw new AppError('request.invalid', { invalidParams: [{ name: 'body.version', code: 'stale', reason: `The consultation is at version ${current.version}` }] });
    }
    await recordCaseEvent(trx, { caseId: consultation.row.case_id, regionCode: consultation.row.region_code, actorUserId: actor.userId, kind: 'urgent-consultation-advised', group: 'table', detail: { consultationId: id } });
  });
  await writeAccessLog(db, request, {
    action: 'update',
    outcome: 'success',
    recordType: 'urgent-consultation',
    recordId: id,
    purpose: PURPOSE,
    ...(consultation.grantId ? { grantId: consultation.grantId } : {}),
    reason: 'advice recorded',
  });
}

/**
 * Ends the invited partners' access now instead of at `grant_until` (need to know: once the
 * advice is in, they may no longer need the case). Whoever may record the advice may do this, at
 * any time; the thread stays readable for those who work the case. Repeating it changes nothing.
 */
export async function closeSharing(db: Db, request: FastifyRequest, id: string): Promise<void> {
  const consultation = await mayDecide(db, request, id, 'close sharing');
  const actor = request.actor!;
  const now = new Date();
  let revoked = 0;
  await db.transaction().execute(async (trx) => {
    await repository.lockConsultation(trx, id);
    revoked = await revokeCaseAccess(trx, 'urgent-consultation', id, actor.userId, consultation.row.case_id);
    await repository.endSharing(trx, id, now);
    if (revoked > 0) {
      await recordCaseEvent(trx, { caseId: consultation.row.case_id, regionCode: consultation.row.region_code, actorUserId: actor.userId, kind: 'urgent-consultation-closed', group: 'table', detail: { consultationId: id, grantsEnded: revoked } });
    }
  });
  await writeAccessLog(db, request, {
    action: 'grant-revoked',
    outcome: 'success',
    recordType: 'case',
    recordId: consultation.row.case_id,
    purpose: PURPOSE,
    reason: `spoed-MDO ${id}: ${revoked} grant(s) ended early`,
  });
}
