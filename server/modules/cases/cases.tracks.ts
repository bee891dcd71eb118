import type { FastifyRequest } from 'fastify';
import type { Transaction } from 'kysely';
import { writeAccessLog } from '@server/core/access/access-log';
import type { Config } from '@server/core/config';
import type { Db } from '@server/core/db/database';
import { AppError, type InvalidParam } from '@server/core/errors';
import { localDate } from '@server/core/working-days';
import type { Database } from '@server/db/schema';
import type { TrackKind, TrackMeasure } from '@server/db/schema.cases';
import { notify } from '@server/modules/notifications';
import { authorizedCase, mayUpdate, settingsOf } from './cases.access';
import { eventGroups } from './cases.catalogue';
import { interventionRoles } from './cases.policy';
import * as repository from './cases.repository';
import type { ActionCreate, InterventionCreate, TrackCreate } from './cases.schema';
import * as tracks from './cases.tracks.repository';

const PURPOSE = 'case coordination (weeg- en monitortafel)';
/** How a track is named in a grant's purpose (shown to whoever holds it). */
const trackNames: Record<TrackKind, string> = { care: 'zorg', 'care-criminal': 'zorg en strafrecht', undermining: 'ondermijning (RIEC)', administrative: 'bestuurlijke maatregel', 'local-help': 'lokale hulp' };
/** A track's owner keeps access while the track runs; the grant is revoked when it closes. */
const TRACK_GRANT_DAYS = 366;

export interface OpenTrackInput {
  caseId: string;
  regionCode: string;
  kind: TrackKind;
  ownerOrganisationId: string;
  measure?: TrackMeasure | null;
  note?: string;
  /** The table decision that opened it, if any. */
  decisionId?: string | null;
  actorUserId: string;
}

/**
 * Opens a track in the caller's transaction: the track, a grant for its owning organisation on
 * the case (on the legal basis that organisation recorded, or the region's covenant), the case
 * under monitoring, the deadlines and the timeline. The caller has authorized the change.
 */
export async function openTrack(trx: Transaction<Database>, input: OpenTrackInput): Promise<string> {
  const owner = await repository.organisationOf(trx, input.ownerOrganisationId);
  if (!owner || owner.region_code !== input.regionCode) {
    throw new AppError('request.invalid', { invalidParams: [{ name: 'body.ownerOrganisationId', code: 'unknown', reason: 'No organisation of this region' }] });
  }
  if (input.kind === 'administrative' && !input.measure) {
    throw new AppError('request.invalid', { invalidParams: [{ name: 'body.measure', code: 'required', reason: 'An administrative track names its measure (closure, bibob, permit, other)' }] });
  }
  const track = await tracks.insertTrack(trx, {
    case_id: input.caseId,
    region_code: input.regionCode,
    kind: input.kind,
    measure: input.kind === 'administrative' ? (input.measure ?? null) : null,
    owner_organisation_id: owner.id,
    note: input.note ?? '',
    decision_id: input.decisionId ?? null,
    opened_by: input.actorUserId,
  });
  const settings = await settingsOf(trx, input.regionCode);
  const basis = (await tracks.partnerLegalBasis(trx, input.regionCode, owner.id))?.legal_basis ?? settings.legalBases.find((b) => b.code === 'convenant')?.code ?? settings.legalBases[0]!.code;
  await tracks.insertSourceGrant(trx, {
    region_code: input.regionCode,
    case_id: input.caseId,
    organisation_id: owner.id,
    purpose: `regie over het spoor ${trackNames[input.kind]}`,
    legal_basis: basis,
    valid_until: new Date(Date.now() + TRACK_GRANT_DAYS * 86_400_000),
    granted_by: input.actorUserId,
    source_type: 'track',
    source_id: track.id,
  });
  await repository.touchCase(trx, input.caseId, { status: 'monitoring' });
  await repository.refreshDeadlines(trx, input.caseId);
  await repository.insertEvent(trx, {
    case_id: input.caseId,
    region_code: input.regionCode,
    actor_user_id: input.actorUserId,
    kind: 'track-opened',
    field_group: eventGroups['track-opened']!,
    detail: { trackId: track.id, kind: input.kind, measure: input.measure ?? null, owner: owner.name, decisionId: input.decisionId ?? null },
  });
  const recipients = await trx.selectFrom('app_user').select(['id']).where('organisation_id', '=', owner.id).where('active', '=', true).execute();
  const reference = (await repository.findCaseRef(trx, input.caseId))!.reference;
  await notify(trx, { regionCode: input.regionCode, recipients, kind: 'track-assigned', recordType: 'case', recordId: input.caseId, reference });
  return track.id;
}

export async function addTrack(db: Db, request: FastifyRequest, caseId: string, input: TrackCreate): Promise<void> {
  const { row } = await authorizedCase(db, request, caseId, 'update');
  if (row.status === 'closed') throw new AppError('case.closed');
  const actor = request.actor!;
  let trackId = '';
  await db.transaction().execute(async (trx) => {
    trackId = await openTrack(trx, { caseId, regionCode: row.region_code, kind: input.kind, ownerOrganisationId: input.ownerOrganisationId, measure: input.measure ?? null, note: input.note, actorUserId: actor.userId });
  });
  await writeAccessLog(db, request, { action: 'update', outcome: 'success', recordType: 'case', recordId: caseId, purpose: PURPOSE, reason: `track ${trackId} opened` });
}

/** A track's owner organisation works its track; the case's own workers may too. */
async function authorizedTrack(db: Db, request: FastifyRequest, caseId: string, trackId: string) {
  const { row, decision } = await authorizedCase(db, request, caseId, 'read');
  const track = await tracks.findTrack(db, caseId, trackId);
  if (!track) throw new AppError('track.not-found');
  const allowed = (await mayUpdate(db, request, row)) || track.owner_organisation_id === request.actor!.organisationId;
  if (!allowed) {
    await writeAccessLog(db, request, { action: 'denied', outcome: 'denied', recordType: 'case', recordId: caseId, reason: `update track ${trackId}: not the owner` });
    throw new AppError('access.denied');
  }
  return { row, decision, track };
}

function trackCanUpdate(ownerOrganisationId: string, actorOrganisationId: string, caseUpdate: boolean): boolean {
  return caseUpdate || ownerOrganisationId === actorOrganisationId;
}

export async function closeTrack(db: Db, request: FastifyRequest, caseId: string, trackId: string, input: { version: number; closedReason: string }): Promise<void> {
  const { row, track } = await authorizedTrack(db, request, caseId, trackId);
  if (track.status === 'closed') throw new AppError('track.closed');
  const actor = request.actor!;
  await db.transaction().execute(async (trx) => {
    if (!(await tracks.closeTrack(trx, trackId, input.version, input.closedReason, actor.userId))) throw new AppError('track.version-conflict');
    await tracks.revokeSourceGrants(trx, 'track', trackId, actor.userId);
    await repository.touchCase(trx, caseId);
    await repository.refreshDeadlines(trx, caseId);
    await repository.insertEvent(trx, { case_id: caseId, region_code: row.region_code, actor_user_id: actor.userId, kind: 'track-closed', field_group: 'tracks', detail: { trackId, kind: track.kind, reason: input.closedReason } });
  });
  await writeAccessLog(db, request, { action: 'update', outcome: 'success', recordType: 'case', recordId: caseId, purpose: PURPOSE, reason: `track ${trackId} closed` });
}

async function validateOwner(db: Db, regionCode: string, input: { ownerUserId?: string | undefined; ownerOrganisationId?: string | undefined }, invalid: InvalidParam[]) {
  if (!input.ownerUserId && !input.ownerOrganisationId) {
    invalid.push({ name: 'body.ownerUserId', code: 'required', reason: 'An action has an owner: a person (ownerUserId) or an organisation (ownerOrganisationId)' });
    return;
  }
  if (input.ownerUserId) {
    const user = await repository.userOf(db, input.ownerUserId);
    if (!user || user.region_code !== regionCode || !user.active) invalid.push({ name: 'body.ownerUserId', code: 'unknown', reason: 'No active account of this region' });
  }
  if (input.ownerOrganisationId) {
    const organisation = await repository.organisationOf(db, input.ownerOrganisationId);
    if (!organisation || organisation.region_code !== regionCode) invalid.push({ name: 'body.ownerOrganisationId', code: 'unknown', reason: 'No organisation of this region' });
  }
}

function checkDue(dueOn: string | undefined, timeZone: string, invalid: InvalidParam[]) {
  if (dueOn && dueOn < localDate(new Date(), timeZone)) invalid.push({ name: 'body.dueOn', code: 'too_small', reason: 'A due date is today or later' });
}

export async function addAction(db: Db, request: FastifyRequest, caseId: string, trackId: string, input: ActionCreate): Promise<string> {
  const { row, track } = await authorizedTrack(db, request, caseId, trackId);
  if (row.status === 'closed') throw new AppError('case.closed');
  if (track.status === 'closed') throw new AppError('track.closed');
  const settings = await settingsOf(db, row.region_code);
  const invalid: InvalidParam[] = [];
  await validateOwner(db, row.region_code, input, invalid);
  checkDue(input.dueOn, settings.timezone, invalid);
  if (invalid.length) throw new AppError('request.invalid', { invalidParams: invalid });
  const actor = request.actor!;
  let id = '';
  await db.transaction().execute(async (trx) => {
    id = (
      await tracks.insertAction(trx, {
        track_id: trackId,
        case_id: caseId,
        region_code: row.region_code,
        description: input.description,
        owner_user_id: input.ownerUserId ?? null,
        owner_organisation_id: input.ownerOrganisationId ?? null,
        due_on: input.dueOn,
        created_by: actor.userId,
      })
    ).id;
    await repository.touchCase(trx, caseId);
    await repository.refreshDeadlines(trx, caseId);
    await repository.insertEvent(trx, { case_id: caseId, region_code: row.region_code, actor_user_id: actor.userId, kind: 'action-added', field_group: 'tracks', detail: { trackId, actionId: id, dueOn: input.dueOn } });
    if (input.ownerUserId && input.ownerUserId !== actor.userId) {
      await notify(trx, { regionCode: row.region_code, recipients: [{ id: input.ownerUserId }], kind: 'action-assigned', recordType: 'case', recordId: caseId, reference: row.reference });
    }
  });
  await writeAccessLog(db, request, { action: 'update', outcome: 'success', recordType: 'case', recordId: caseId, purpose: PURPOSE, reason: `action ${id} added` });
  return id;
}

export async function changeAction(db: Db, request: FastifyRequest, caseId: string, trackId: string, actionId: string, input: { version: number; status?: 'open' | 'done' | 'cancelled' | undefined; dueOn?: string | undefined }) {
  const { row } = await authorizedCase(db, request, caseId, 'read');
  const track = await tracks.findTrack(db, caseId, trackId);
  if (!track) throw new AppError('track.not-found');
  const action = await tracks.findAction(db, trackId, actionId);
  if (!action) throw new AppError('action.not-found');
  const actor = request.actor!;
  const owns = action.owner_user_id === actor.userId || action.owner_organisation_id === actor.organisationId;
  if (!(owns || trackCanUpdate(track.owner_organisation_id, actor.organisationId, await mayUpdate(db, request, row)))) {
    await writeAccessLog(db, request, { action: 'denied', outcome: 'denied', recordType: 'case', recordId: caseId, reason: `update action ${actionId}: not the owner` });
    throw new AppError('access.denied');
  }
  if (track.status === 'closed') throw new AppError('track.closed');
  const settings = await settingsOf(db, row.region_code);
  const invalid: InvalidParam[] = [];
  checkDue(input.dueOn, settings.timezone, invalid);
  if (invalid.length) throw new AppError('request.invalid', { invalidParams: invalid });
  await db.transaction().execute(async (trx) => {
    const changes = { ...(input.status ? { status: input.status } : {}), ...(input.dueOn ? { due_on: input.dueOn } : {}) };
    if (!(await tracks.updateAction(trx, actionId, input.version, changes, actor.userId))) throw new AppError('track.version-conflict');
    await repository.touchCase(trx, caseId);
    await repository.refreshDeadlines(trx, caseId);
    // The timeline names a moved due date with the one it replaces.
    const moved = input.dueOn && input.dueOn !== action.due_on ? { dueOn: input.dueOn, previousDueOn: action.due_on } : {};
    await repository.insertEvent(trx, { case_id: caseId, region_code: row.region_code, actor_user_id: actor.userId, kind: 'action-changed', field_group: 'tracks', detail: { trackId, actionId, ...(input.status ? { status: input.status } : {}), ...moved } });
  });
  await writeAccessLog(db, request, { action: 'update', outcome: 'success', recordType: 'case', recordId: caseId, purpose: PURPOSE, reason: `action ${actionId} changed` });
}

/**
 * An acute intervention is reported after the fact by whoever acted (seed 002, §2.2); the
 * municipality concerned and the table members are told at once, in the app and by e-mail.
 */
export async function recordIntervention(db: Db, config: Config, request: FastifyRequest, caseId: string, input: InterventionCreate): Promise<string> {
  const { row } = await authorizedCase(db, request, caseId, 'read');
  const actor = request.actor!;
  if (!actor.roles.some((r) => interventionRoles.includes(r))) {
    await writeAccessLog(db, request, { action: 'denied', outcome: 'denied', recordType: 'case', recordId: caseId, reason: 'record intervention: role' });
    throw new AppError('access.denied');
  }
  const invalid: InvalidParam[] = [];
  const actedAt = new Date(input.actedAt);
  if (actedAt.getTime() > Date.now() + 5 * 60_000) invalid.push({ name: 'body.actedAt', code: 'too_big', reason: 'An intervention is recorded after it was done: not in the future' });
  const organisationId = input.organisationId ?? actor.organisationId;
  const organisation = await repository.organisationOf(db, organisationId);
  if (!organisation || organisation.region_code !== row.region_code) invalid.push({ name: 'body.organisationId', code: 'unknown', reason: 'No organisation of this region' });
  if (invalid.length) throw new AppError('request.invalid', { invalidParams: invalid });
  let id = '';
  await db.transaction().execute(async (trx) => {
    id = (await tracks.insertIntervention(trx, { case_id: caseId, region_code: row.region_code, authority: input.authority, organisation_id: organisationId, acted_at: actedAt, description: input.description, recorded_by: actor.userId })).id;
    await repository.touchCase(trx, caseId, { acute: true });
    await repository.insertEvent(trx, { case_id: caseId, region_code: row.region_code, actor_user_id: actor.userId, kind: 'intervention', field_group: 'tracks', detail: { interventionId: id, authority: input.authority, organisation: organisation!.name } });
    const audience = (await tracks.interventionAudience(trx, row.region_code, row.municipalities)).filter((u) => u.id !== actor.userId);
    await notify(trx, { regionCode: row.region_code, recipients: audience, kind: 'acute-intervention', recordType: 'case', recordId: caseId, reference: row.reference, mail: { config, highPriority: true } });
  });
  await writeAccessLog(db, request, { action: 'create', outcome: 'success', recordType: 'case', recordId: caseId, purpose: PURPOSE, reason: `intervention ${id}` });
  return id;
}
