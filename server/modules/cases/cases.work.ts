import type { FastifyRequest } from 'fastify';
import { writeAccessLog } from '@server/core/access/access-log';
import type { Config } from '@server/core/config';
import type { Db } from '@server/core/db/database';
import { AppError } from '@server/core/errors';
import { addWorkingDays, localDate } from '@server/core/working-days';
import { notify } from '@server/modules/notifications';
import { authorizedCase, settingsOf } from './cases.access';
import * as repository from './cases.repository';
import { CASE_PURPOSE } from './cases.service';

/**
 * Enrichment by the aandachtsfunctionaris (seed 002, §2.1: "verrijkt het vermoeden met
 * gemeentelijke informatie … beoordeelt in samenwerking met partners"): which sources were
 * consulted and what was found, which partners were consulted; and hand-overs between
 * municipalities, recorded and accepted by the receiving one.
 */
export async function addSourceCheck(db: Db, request: FastifyRequest, id: string, input: { source: string; consultedOn: string; finding: string }) {
  const { row } = await authorizedCase(db, request, id, 'update');
  if (row.status === 'closed') throw new AppError('case.closed');
  const settings = await settingsOf(db, row.region_code);
  if (!settings.caseSources.some((s) => s.code === input.source)) {
    throw new AppError('request.invalid', { invalidParams: [{ name: 'body.source', code: 'unknown', reason: `Not a source of this region: ${settings.caseSources.map((s) => s.code).join(', ')}` }] });
  }
  if (input.consultedOn > localDate(new Date(), settings.timezone)) {
    throw new AppError('request.invalid', { invalidParams: [{ name: 'body.consultedOn', code: 'too_big', reason: 'A source is consulted today or earlier' }] });
  }
  const actor = request.actor!;
  const created = await db.transaction().execute(async (trx) => {
    const check = await repository.insertSourceCheck(trx, { case_id: id, region_code: row.region_code, source_code: input.source, consulted_on: input.consultedOn, finding: input.finding, recorded_by: actor.userId });
    await repository.touchCase(trx, id);
    await repository.insertEvent(trx, { case_id: id, region_code: row.region_code, actor_user_id: actor.userId, kind: 'source-checked', field_group: 'enrichment', detail: { source: input.source } });
    return check;
  });
  await writeAccessLog(db, request, { action: 'update', outcome: 'success', recordType: 'case', recordId: id, purpose: CASE_PURPOSE, reason: `source ${input.source} checked` });
  return created.id;
}

export async function addConsultation(db: Db, request: FastifyRequest, id: string, input: { organisationId: string; consultedOn: string; summary: string }) {
  const { row } = await authorizedCase(db, request, id, 'update');
  if (row.status === 'closed') throw new AppError('case.closed');
  const [organisation, settings] = await Promise.all([repository.organisationOf(db, input.organisationId), settingsOf(db, row.region_code)]);
  const problems = [];
  if (!organisation || organisation.region_code !== row.region_code) problems.push({ name: 'body.organisationId', code: 'unknown', reason: 'No organisation of this region' });
  if (input.consultedOn > localDate(new Date(), settings.timezone)) problems.push({ name: 'body.consultedOn', code: 'too_big', reason: 'A consultation took place today or earlier' });
  if (problems.length) throw new AppError('request.invalid', { invalidParams: problems });
  const actor = request.actor!;
  const created = await db.transaction().execute(async (trx) => {
    const consultation = await repository.insertConsultation(trx, { case_id: id, region_code: row.region_code, organisation_id: input.organisationId, consulted_on: input.consultedOn, summary: input.summary, recorded_by: actor.userId });
    await repository.touchCase(trx, id);
    await repository.insertEvent(trx, { case_id: id, region_code: row.region_code, actor_user_id: actor.userId, kind: 'consulted', field_group: 'consultations', detail: { organisation: organisation!.name } });
    return consultation;
  });
  await writeAccessLog(db, request, { action: 'update', outcome: 'success', recordType: 'case', recordId: id, purpose: CASE_PURPOSE, reason: `consulted ${input.organisationId}` });
  return created.id;
}

/**
 * A hand-over moves the lead to another municipality once that municipality accepts. Until then
 * the receiving municipality is involved, so its aandachtsfunctionaris can read the case to decide;
 * a decline takes that away again unless it was involved before.
 */
export async function requestHandover(db: Db, config: Config, request: FastifyRequest, id: string, input: { toMunicipality: string; reason: string }) {
  const { row } = await authorizedCase(db, request, id, 'update');
  if (row.status === 'closed') throw new AppError('case.closed');
  if (input.toMunicipality === row.lead_municipality_code) {
    throw new AppError('request.invalid', { invalidParams: [{ name: 'body.toMunicipality', code: 'case.same-municipality', reason: 'The case is already led by this municipality' }] });
  }
  const municipalities = await repository.municipalitiesOf(db, row.region_code);
  if (!municipalities.some((m) => m.code === input.toMunicipality)) {
    throw new AppError('request.invalid', { invalidParams: [{ name: 'body.toMunicipality', code: 'case.unknown-municipality', reason: 'Not a municipality of this region' }] });
  }
  const settings = await settingsOf(db, row.region_code);
  const actor = request.actor!;
  const wasInvolved = row.municipalities.includes(input.toMunicipality);
  const created = await db.transaction().execute(async (trx) => {
    const handover = await repository
      .insertHandover(trx, {
        case_id: id,
        region_code: row.region_code,
        from_municipality_code: row.lead_municipality_code,
        to_municipality_code: input.toMunicipality,
        reason: input.reason,
        due_on: addWorkingDays(new Date(), settings.caseDeadlines.handoverWorkingDays, settings.timezone),
        requested_by: actor.userId,
        to_was_involved: wasInvolved,
      })
      .catch((error: unknown) => {
        if (String((error as { code?: string }).code) === '23505') throw new AppError('case.handover-pending');
        throw error;
      });
    if (!wasInvolved) await repository.replaceMunicipalities(trx, id, row.region_code, row.lead_municipality_code, [...row.municipalities, input.toMunicipality]);
    await repository.touchCase(trx, id);
    await repository.refreshDeadlines(trx, id);
    await repository.insertEvent(trx, { case_id: id, region_code: row.region_code, actor_user_id: actor.userId, kind: 'handover-requested', field_group: 'facts', detail: { from: row.lead_municipality_code, to: input.toMunicipality } });
    const officers = await repository.municipalOfficers(trx, row.region_code, input.toMunicipality);
    await notify(trx, { regionCode: row.region_code, recipients: officers, kind: 'handover-requested', recordType: 'case', recordId: id, reference: row.reference, mail: { config } });
    return handover;
  });
  await writeAccessLog(db, request, { action: 'update', outcome: 'success', recordType: 'case', recordId: id, purpose: CASE_PURPOSE, reason: `hand-over to ${input.toMunicipality} requested` });
  return created.id;
}

export async function decideHandover(db: Db, config: Config, request: FastifyRequest, id: string, handoverId: string, input: { decision: 'accepted' | 'declined' | 'withdrawn'; note: string }) {
  const { row } = await authorizedCase(db, request, id, 'read');
  const handover = await repository.findHandover(db, id, handoverId);
  if (!handover) throw new AppError('route.not-found');
  if (handover.status !== 'pending') throw new AppError('case.handover-not-pending');
  const actor = request.actor!;
  // The receiving municipality accepts or declines; the sending side withdraws; the ketenregisseur may do either.
  const side = input.decision === 'withdrawn' ? handover.from_municipality_code : handover.to_municipality_code;
  const allowed = actor.roles.includes('ketenregisseur') || (actor.roles.includes('aandachtsfunctionaris') && (actor.allMunicipalities || actor.municipalities.includes(side)));
  if (!allowed) {
    await writeAccessLog(db, request, { action: 'denied', outcome: 'denied', recordType: 'case', recordId: id, reason: `hand-over ${input.decision}: not the ${input.decision === 'withdrawn' ? 'sending' : 'receiving'} municipality` });
    throw new AppError('access.denied');
  }
  await db.transaction().execute(async (trx) => {
    if (!(await repository.decideHandover(trx, handoverId, input.decision, actor.userId, input.note))) throw new AppError('case.handover-not-pending');
    if (input.decision === 'accepted') {
      // The old lead stays involved: the case keeps playing there.
      await repository.replaceMunicipalities(trx, id, row.region_code, handover.to_municipality_code, row.municipalities);
      await repository.touchCase(trx, id, { assigned_to: actor.roles.includes('aandachtsfunctionaris') ? actor.userId : null });
    } else {
      if (!handover.to_was_involved) await repository.replaceMunicipalities(trx, id, row.region_code, row.lead_municipality_code, row.municipalities.filter((m) => m !== handover.to_municipality_code));
      await repository.touchCase(trx, id);
    }
    await repository.refreshDeadlines(trx, id);
    await repository.insertEvent(trx, { case_id: id, region_code: row.region_code, actor_user_id: actor.userId, kind: 'handover-decided', field_group: 'facts', detail: { decision: input.decision, from: handover.from_municipality_code, to: handover.to_municipality_code } });
    if (handover.requested_by && handover.requested_by !== actor.userId) {
      await notify(trx, { regionCode: row.region_code, recipients: [{ id: handover.requested_by }], kind: 'handover-decided', recordType: 'case', recordId: id, reference: row.reference, mail: { config } });
    }
  });
  await writeAccessLog(db, request, { action: 'update', outcome: 'success', recordType: 'case', recordId: id, purpose: CASE_PURPOSE, reason: `hand-over ${input.decision}` });
}
