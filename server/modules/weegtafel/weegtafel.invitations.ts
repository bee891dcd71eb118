import type { FastifyRequest } from 'fastify';
import { writeAccessLog } from '@server/core/access/access-log';
import type { Db } from '@server/core/db/database';
import { AppError } from '@server/core/errors';
import { grantCaseAccess, revokeCaseAccess, settingsOf } from '@server/modules/cases';
import { notify } from '@server/modules/notifications';
import { loadSession } from './weegtafel.access';
import { grantsUntil, PURPOSE } from './weegtafel.policy';
import * as repository from './weegtafel.repository';
import type { InvitationCreate } from './weegtafel.schema';
import { openSessionFor } from './weegtafel.sessions';

/**
 * Invites an organisation: a time-boxed grant on exactly the agenda's cases (or the cases named,
 * for the municipality that joins for its own case), from now — partners prepare — until
 * `grant_hours_after` hours after the session, on the legal basis the organisation recorded
 * (or the one given). Without a legal basis nobody is invited.
 */
export async function invite(db: Db, request: FastifyRequest, id: string, input: InvitationCreate): Promise<string> {
  const { session } = await loadSession(db, request, id, 'chair');
  const actor = request.actor!;
  const organisation = await repository.organisationOf(db, input.organisationId);
  if (!organisation || organisation.region_code !== session.region_code) {
    throw new AppError('request.invalid', { invalidParams: [{ name: 'body.organisationId', code: 'unknown', reason: 'No organisation of this region' }] });
  }
  const settings = await settingsOf(db, session.region_code);
  const legalBasis = input.legalBasis ?? (await repository.partnerLegalBasisOf(db, session.region_code, organisation.id))?.legal_basis;
  if (!legalBasis) throw new AppError('table.no-legal-basis');
  if (!settings.legalBases.some((b) => b.code === legalBasis)) {
    throw new AppError('request.invalid', { invalidParams: [{ name: 'body.legalBasis', code: 'unknown', reason: `One of: ${settings.legalBases.map((b) => b.code).join(', ')}` }] });
  }
  const grants: { id: string; caseId: string }[] = [];
  const invitationId = await db.transaction().execute(async (trx) => {
    const current = await openSessionFor(trx, id);
    const validUntil = grantsUntil(current);
    if (validUntil <= new Date()) {
      throw new AppError('request.invalid', { invalidParams: [{ name: 'path.id', code: 'session-over', reason: 'The session and the time after it are over: there is nothing to prepare' }] });
    }
    if (await repository.findInvitationOf(trx, id, organisation.id)) {
      throw new AppError('request.invalid', { invalidParams: [{ name: 'body.organisationId', code: 'duplicate', reason: 'This organisation is already invited' }] });
    }
    const agendaCases = (await repository.agendaOf(trx, id)).map((a) => a.case_id);
    const limited = input.caseIds ? [...new Set(input.caseIds)] : null;
    const missing = (limited ?? []).filter((c) => !agendaCases.includes(c));
    if (missing.length) {
      throw new AppError('table.case-not-on-agenda', { invalidParams: missing.map((c) => ({ name: `body.caseIds.${input.caseIds!.indexOf(c)}`, code: 'not-on-agenda', reason: 'Put the case on the agenda first' })) });
    }
    const invitation = await repository.insertInvitation(trx, { session_id: id, region_code: current.region_code, organisation_id: organisation.id, legal_basis: legalBasis, case_ids: limited, invited_by: actor.userId });
    for (const caseId of limited ?? agendaCases) {
      const grantId = await grantCaseAccess(trx, {
        regionCode: current.region_code,
        caseId,
        organisationId: organisation.id,
        purpose: PURPOSE,
        legalBasis,
        validUntil,
        grantedBy: actor.userId,
        sourceType: 'table-invitation',
        sourceId: invitation.id,
      });
      grants.push({ id: grantId, caseId });
    }
    const recipients = await repository.activeUsersOf(trx, [organisation.id]);
    await notify(trx, { regionCode: current.region_code, recipients, kind: 'table-invitation', recordType: 'table-session', recordId: id, reference: current.reference });
    await repository.touchSession(trx, id);
    return invitation.id;
  });
  await writeAccessLog(db, request, { action: 'create', outcome: 'success', recordType: 'table-session', recordId: id, purpose: PURPOSE, reason: `invitation ${invitationId} of ${organisation.id} (${legalBasis})` });
  for (const grant of grants) {
    await writeAccessLog(db, request, { action: 'grant-created', outcome: 'success', recordType: 'case', recordId: grant.caseId, grantId: grant.id, purpose: PURPOSE, reason: `legal basis ${legalBasis}` });
  }
  return invitationId;
}

/** Withdraws an invitation: its grants end now. */
export async function uninvite(db: Db, request: FastifyRequest, id: string, invitationId: string): Promise<void> {
  await loadSession(db, request, id, 'chair');
  const invitation = await repository.findInvitation(db, id, invitationId);
  if (!invitation) throw new AppError('route.not-found');
  const revoked = await db.transaction().execute(async (trx) => {
    await openSessionFor(trx, id);
    const count = await revokeCaseAccess(trx, 'table-invitation', invitationId, request.actor!.userId);
    await repository.deleteInvitation(trx, invitationId);
    await repository.touchSession(trx, id);
    return count;
  });
  await writeAccessLog(db, request, { action: 'grant-revoked', outcome: 'success', recordType: 'table-session', recordId: id, purpose: PURPOSE, reason: `invitation ${invitationId} of ${invitation.organisation_id}: ${revoked} grants revoked` });
}

export async function listLegalBases(db: Db, request: FastifyRequest) {
  const regionCode = request.actor!.regionCode;
  const [rows, settings] = await Promise.all([repository.legalBasesOf(db, regionCode), settingsOf(db, regionCode)]);
  return {
    _embedded: {
      legalBases: rows.map((r) => ({
        organisation: { id: r.organisation_id, name: r.organisation_name, type: r.organisation_type },
        legalBasis: r.legal_basis,
        note: r.note,
        recordedBy: r.recorded_by ? { id: r.recorded_by, name: r.recorded_by_name ?? '' } : null,
        recordedAt: new Date(r.recorded_at).toISOString(),
      })),
    },
    options: settings.legalBases,
  };
}

/** A partner records its own legal basis for sharing at the table; the ketenregisseur may do so for any organisation of the region. */
export async function recordLegalBasis(db: Db, request: FastifyRequest, organisationId: string, input: { legalBasis: string; note: string }): Promise<void> {
  const actor = request.actor!;
  const organisation = await repository.organisationOf(db, organisationId);
  if (!organisation || organisation.region_code !== actor.regionCode) throw new AppError('organisation.not-found');
  if (organisationId !== actor.organisationId && !actor.roles.includes('ketenregisseur')) {
    await writeAccessLog(db, request, { action: 'denied', outcome: 'denied', recordType: 'partner-legal-basis', recordId: organisationId, reason: 'update: not your organisation' });
    throw new AppError('access.denied');
  }
  const settings = await settingsOf(db, actor.regionCode);
  if (!settings.legalBases.some((b) => b.code === input.legalBasis)) {
    throw new AppError('request.invalid', { invalidParams: [{ name: 'body.legalBasis', code: 'unknown', reason: `One of: ${settings.legalBases.map((b) => b.code).join(', ')}` }] });
  }
  await db.transaction().execute((trx) => repository.upsertLegalBasis(trx, { region_code: actor.regionCode, organisation_id: organisationId, legal_basis: input.legalBasis, note: input.note, recorded_by: actor.userId }));
  await writeAccessLog(db, request, { action: 'update', outcome: 'success', recordType: 'partner-legal-basis', recordId: organisationId, purpose: PURPOSE, reason: `legal basis ${input.legalBasis}` });
}
