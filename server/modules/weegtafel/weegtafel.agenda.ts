import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { writeAccessLog } from '@server/core/access/access-log';
import { authorize } from '@server/core/access/policy';
import type { Db } from '@server/core/db/database';
import { AppError } from '@server/core/errors';
import { localDate } from '@server/core/working-days';
import type { AgendaItemKind } from '@server/db/schema.cases';
import { caseRef, findCaseRefs, grantCaseAccess, openTrack, recordCaseEvent, revokeCaseAccess, settingsOf, touchCaseFromTable } from '@server/modules/cases';
import { caseViews, type LoadedSession, loadSession } from './weegtafel.access';
import { agendaCaseRules, grantsUntil, PURPOSE } from './weegtafel.policy';
import * as repository from './weegtafel.repository';
import type { DecisionCreate } from './weegtafel.schema';
import { openSessionFor, refusedOnceConfirmed } from './weegtafel.sessions';

/** Cases to choose from: put forward (for discussion) or under monitoring with open tracks, not on this agenda yet. */
export async function agendaCandidates(db: Db, request: FastifyRequest, id: string) {
  const { session } = await loadSession(db, request, id, 'chair');
  const settings = await settingsOf(db, session.region_code);
  const rows = await repository.candidatesOf(db, session.region_code, id, localDate(new Date(), settings.timezone));
  const views = await caseViews(db, request, rows.map((r) => r.id));
  await writeAccessLog(db, request, { action: 'read', outcome: 'success', recordType: 'table-session', recordId: id, purpose: PURPOSE, reason: 'agenda candidates' });
  const candidates = [];
  for (const row of rows) {
    const view = views.get(row.id);
    const title = view?.decision.allowed && view.groups.includes('facts') ? row.title : null;
    if (title !== null) await writeAccessLog(db, request, { action: 'read', outcome: 'success', recordType: 'case', recordId: row.id, purpose: PURPOSE, grantId: view?.decision.grantId, reason: 'agenda candidate' });
    candidates.push({
      caseId: row.id,
      reference: row.reference,
      status: row.status,
      kind: (row.status === 'put-forward' ? 'discussion' : 'monitoring') as AgendaItemKind,
      title,
      leadMunicipality: row.lead_municipality_code,
      municipalities: row.municipalities,
      openTracks: Number(row.open_tracks ?? 0),
      overdueActions: Number(row.overdue_actions ?? 0),
      nextDue: row.next_due,
    });
  }
  return { _embedded: { candidates } };
}

/**
 * Puts one case on the agenda: authorized on its own, and every invited organisation (unless its
 * invitation is limited to other cases) gets a grant on it until the invitations' end.
 */
async function addOne(db: Db, request: FastifyRequest, loaded: LoadedSession, caseId: string, kind: AgendaItemKind): Promise<string> {
  const actor = request.actor!;
  const [row] = await findCaseRefs(db, [caseId]);
  if (!row) {
    await writeAccessLog(db, request, { action: 'denied', outcome: 'denied', recordType: 'case', recordId: caseId, reason: 'put on agenda: not-found' });
    throw new AppError('case.not-found');
  }
  await authorize(db, request, 'update', caseRef(row), agendaCaseRules);
  if (row.status === 'closed') throw new AppError('case.closed');
  const grants: { id: string; organisationId: string }[] = [];
  const itemId = await db.transaction().execute(async (trx) => {
    const session = await openSessionFor(trx, loaded.session.id);
    if (await repository.findAgendaItemByCase(trx, session.id, caseId)) {
      throw new AppError('request.invalid', { invalidParams: [{ name: 'body.caseId', code: 'duplicate', reason: 'This case is already on the agenda' }] });
    }
    const item = await repository.insertAgendaItem(trx, { session_id: session.id, case_id: caseId, region_code: session.region_code, kind, added_by: actor.userId });
    const validUntil = grantsUntil(session);
    for (const invitation of await repository.invitationsOf(trx, session.id)) {
      if (invitation.case_ids && !invitation.case_ids.includes(caseId)) continue;
      if (validUntil <= new Date()) continue;
      const grantId = await grantCaseAccess(trx, {
        regionCode: session.region_code,
        caseId,
        organisationId: invitation.organisation_id,
        purpose: PURPOSE,
        legalBasis: invitation.legal_basis,
        validUntil,
        grantedBy: actor.userId,
        sourceType: 'table-invitation',
        sourceId: invitation.id,
      });
      grants.push({ id: grantId, organisationId: invitation.organisation_id });
    }
    await recordCaseEvent(trx, { caseId, regionCode: session.region_code, actorUserId: actor.userId, kind: 'put-on-agenda', group: 'table', detail: { sessionId: session.id, reference: session.reference, kind } });
    await touchCaseFromTable(trx, caseId);
    await repository.touchSession(trx, session.id);
    return item.id;
  });
  await writeAccessLog(db, request, { action: 'update', outcome: 'success', recordType: 'case', recordId: caseId, purpose: PURPOSE, reason: `put on agenda ${loaded.session.reference}` });
  for (const grant of grants) {
    await writeAccessLog(db, request, { action: 'grant-created', outcome: 'success', recordType: 'case', recordId: caseId, grantId: grant.id, purpose: PURPOSE, reason: `table invitation of ${grant.organisationId}` });
  }
  return itemId;
}

export async function addAgendaItem(db: Db, request: FastifyRequest, id: string, caseId: string, kind: AgendaItemKind): Promise<string> {
  const loaded = await loadSession(db, request, id, 'chair');
  return addOne(db, request, loaded, caseId, kind);
}

/** Many cases at once; each is authorized and logged on its own, and one refusal does not stop the others. */
export async function addAgendaItems(db: Db, request: FastifyRequest, id: string, caseIds: string[], kind: AgendaItemKind) {
  const loaded = await loadSession(db, request, id, 'chair');
  const results: { caseId: string; outcome: 'done' | 'refused' | 'invalid'; code: string | null; itemId: string | null }[] = [];
  for (const caseId of [...new Set(caseIds)]) {
    try {
      results.push({ caseId, outcome: 'done', code: null, itemId: await addOne(db, request, loaded, caseId, kind) });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      const refused = error.status === 403 || error.status === 404;
      // A refusal is logged by the policy; other failures are logged here, item by item.
      if (!refused) await writeAccessLog(db, request, { action: 'rejected', outcome: 'failure', recordType: 'case', recordId: caseId, purpose: PURPOSE, reason: `put on agenda: ${error.code}` });
      results.push({ caseId, outcome: refused ? 'refused' : 'invalid', code: error.code, itemId: null });
    }
  }
  const done = results.filter((r) => r.outcome === 'done').length;
  return { _embedded: { results }, done, failed: results.length - done };
}

async function itemOf(db: Db, sessionId: string, itemId: string) {
  const item = await repository.findAgendaItem(db, sessionId, itemId);
  if (!item) throw new AppError('route.not-found');
  return item;
}

/** Takes a case off the agenda; the grants the invitations gave on it are revoked. A case with decisions stays (they are part of the minutes). */
export async function removeAgendaItem(db: Db, request: FastifyRequest, id: string, itemId: string): Promise<void> {
  const loaded = await loadSession(db, request, id, 'chair');
  const item = await itemOf(db, id, itemId);
  const actor = request.actor!;
  await db.transaction().execute(async (trx) => {
    const session = await openSessionFor(trx, id);
    if (await repository.hasDecisions(trx, itemId)) {
      throw new AppError('request.invalid', { invalidParams: [{ name: 'path.itemId', code: 'has-decisions', reason: 'A case with decisions stays on the agenda; decisions are part of the minutes' }] });
    }
    for (const invitation of await repository.invitationsOf(trx, id)) await revokeCaseAccess(trx, 'table-invitation', invitation.id, actor.userId, item.case_id);
    await refusedOnceConfirmed(() => repository.deleteAgendaItem(trx, itemId));
    await recordCaseEvent(trx, { caseId: item.case_id, regionCode: session.region_code, actorUserId: actor.userId, kind: 'removed-from-agenda', group: 'table', detail: { sessionId: id, reference: session.reference } });
    await touchCaseFromTable(trx, item.case_id);
    await repository.touchSession(trx, id);
  });
  await writeAccessLog(db, request, { action: 'update', outcome: 'success', recordType: 'case', recordId: item.case_id, purpose: PURPOSE, reason: `removed from agenda ${loaded.session.reference}` });
}

export async function updateSummary(db: Db, request: FastifyRequest, id: string, itemId: string, summary: string): Promise<void> {
  await loadSession(db, request, id, 'chair');
  const item = await itemOf(db, id, itemId);
  await db.transaction().execute(async (trx) => {
    await openSessionFor(trx, id);
    await refusedOnceConfirmed(() => repository.updateSummary(trx, itemId, summary, request.actor!.userId));
    await repository.touchSession(trx, id);
  });
  await writeAccessLog(db, request, { action: 'update', outcome: 'success', recordType: 'case', recordId: item.case_id, purpose: PURPOSE, reason: `discussion summary ${itemId}` });
}

/**
 * A decision of the table, append-only, with the tracks it opens — one transaction: the decision
 * id is made first so each track points at it, and the decision lists the tracks.
 */
export async function recordDecision(db: Db, request: FastifyRequest, id: string, input: DecisionCreate): Promise<{ id: string; trackIds: string[] }> {
  const { session } = await loadSession(db, request, id, 'chair');
  const item = await repository.findAgendaItem(db, id, input.agendaItemId);
  if (!item) throw new AppError('table.case-not-on-agenda', { invalidParams: [{ name: 'body.agendaItemId', code: 'unknown', reason: 'No agenda item of this session' }] });
  const [row] = await findCaseRefs(db, [item.case_id]);
  const owners = new Set((await repository.organisationsOf(db, session.region_code, input.tracks.map((t) => t.ownerOrganisationId))).map((o) => o.id));
  const invalid = input.tracks.flatMap((track, i) => [
    ...(owners.has(track.ownerOrganisationId) ? [] : [{ name: `body.tracks.${i}.ownerOrganisationId`, code: 'unknown', reason: 'No organisation of this region' }]),
    ...(track.kind === 'administrative' && !track.measure ? [{ name: `body.tracks.${i}.measure`, code: 'required', reason: 'An administrative track names its measure (closure, bibob, permit, other)' }] : []),
  ]);
  if (invalid.length) throw new AppError('request.invalid', { invalidParams: invalid });
  const actor = request.actor!;
  const decisionId = randomUUID();
  const trackIds = await db.transaction().execute(async (trx) => {
    const current = await openSessionFor(trx, id);
    if (!row || row.status === 'closed') throw new AppError('case.closed');
    const opened: string[] = [];
    for (const track of input.tracks) {
      opened.push(
        await openTrack(trx, { caseId: item.case_id, regionCode: current.region_code, kind: track.kind, ownerOrganisationId: track.ownerOrganisationId, measure: track.measure ?? null, note: track.note, decisionId, actorUserId: actor.userId }),
      );
    }
    await repository.insertDecision(trx, { id: decisionId, session_id: id, agenda_item_id: item.id, case_id: item.case_id, region_code: current.region_code, text: input.text, track_ids: opened, recorded_by: actor.userId });
    await recordCaseEvent(trx, { caseId: item.case_id, regionCode: current.region_code, actorUserId: actor.userId, kind: 'decision', group: 'table', detail: { sessionId: id, reference: current.reference, decisionId, trackIds: opened } });
    await repository.touchSession(trx, id);
    return opened;
  });
  await writeAccessLog(db, request, { action: 'create', outcome: 'success', recordType: 'case', recordId: item.case_id, purpose: PURPOSE, reason: `table decision ${decisionId} (${trackIds.length} tracks)` });
  return { id: decisionId, trackIds };
}
