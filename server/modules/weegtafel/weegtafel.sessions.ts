import type { FastifyRequest } from 'fastify';
import type { Transaction } from 'kysely';
import { writeAccessLog } from '@server/core/access/access-log';
import type { Db } from '@server/core/db/database';
import { AppError, type InvalidParam } from '@server/core/errors';
import { offsetOf, type PageQuery } from '@server/core/http/pagination';
import type { Database } from '@server/db/schema';
import { extendCaseAccess, recordCaseEvent, revokeCaseAccess, settingsOf } from '@server/modules/cases';
import { notify } from '@server/modules/notifications';
import { loadSession } from './weegtafel.access';
import { chairRoles, grantsUntil, isChair, isClosed, PURPOSE } from './weegtafel.policy';
import * as repository from './weegtafel.repository';
import type { SessionCreate, SessionUpdate } from './weegtafel.schema';

/** The database refuses changes to the agenda and attendance of confirmed minutes (migration 0009); that is a 409, never a 500. */
export async function refusedOnceConfirmed<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if ((error as { code?: string }).code === '55000') throw new AppError('table.session-closed', { cause: error });
    throw error;
  }
}

/** Locks the session and refuses a change once the minutes are confirmed or the session is cancelled. */
export async function openSessionFor(trx: Transaction<Database>, id: string) {
  const locked = await repository.lockSession(trx, id);
  if (isClosed(locked.status)) throw new AppError('table.session-closed');
  return locked;
}

export async function listSessions(db: Db, request: FastifyRequest, query: PageQuery) {
  const actor = request.actor!;
  return repository.listSessions(db, { regionCode: actor.regionCode, organisationId: actor.organisationId, chair: isChair(actor, actor.regionCode), limit: query.pageSize, offset: offsetOf(query) });
}

export async function createSession(db: Db, request: FastifyRequest, input: SessionCreate) {
  const actor = request.actor!;
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  const invalid: InvalidParam[] = [];
  if (endsAt <= startsAt) invalid.push({ name: 'body.endsAt', code: 'too_small', reason: 'A session ends after it starts' });
  const chairUserId = input.chairUserId ?? actor.userId;
  if (input.chairUserId && !(await repository.chairCandidate(db, input.chairUserId, actor.regionCode, chairRoles))) {
    invalid.push({ name: 'body.chairUserId', code: 'unknown', reason: 'No active ketenregisseur or procesregisseur of this region' });
  }
  if (invalid.length) throw new AppError('request.invalid', { invalidParams: invalid });
  const settings = await settingsOf(db, actor.regionCode);
  const created = await db.transaction().execute((trx) =>
    repository.insertSession(trx, {
      region_code: actor.regionCode,
      timezone: settings.timezone,
      starts_at: startsAt,
      ends_at: endsAt,
      location: input.location,
      chair_user_id: chairUserId,
      grant_hours_after: settings.tableGrantHoursAfterSession,
      created_by: actor.userId,
    }),
  );
  await writeAccessLog(db, request, { action: 'create', outcome: 'success', recordType: 'table-session', recordId: created.id, purpose: PURPOSE });
  return created;
}

/**
 * Moves, renames or closes a session. Moving the end moves every invited partner's grant with it
 * (they keep `grant_hours_after` hours after the new end); cancelling revokes those grants.
 */
export async function updateSession(db: Db, request: FastifyRequest, id: string, input: SessionUpdate): Promise<void> {
  await loadSession(db, request, id, 'chair');
  const actor = request.actor!;
  await db.transaction().execute(async (trx) => {
    const current = await openSessionFor(trx, id);
    const startsAt = input.startsAt ? new Date(input.startsAt) : new Date(current.starts_at);
    const endsAt = input.endsAt ? new Date(input.endsAt) : new Date(current.ends_at);
    const invalid: InvalidParam[] = [];
    if (endsAt <= startsAt) invalid.push({ name: input.endsAt ? 'body.endsAt' : 'body.startsAt', code: 'too_small', reason: 'A session ends after it starts' });
    if (input.status === 'held' && startsAt > new Date()) invalid.push({ name: 'body.status', code: 'not-started', reason: 'A session is held once it has started' });
    if (invalid.length) throw new AppError('request.invalid', { invalidParams: invalid });
    const changed = await repository.updateSession(trx, id, input.version, {
      ...(input.startsAt ? { starts_at: startsAt } : {}),
      ...(input.endsAt ? { ends_at: endsAt } : {}),
      ...(input.location !== undefined ? { location: input.location } : {}),
      ...(input.status ? { status: input.status } : {}),
    });
    if (!changed) throw new AppError('table.session-version-conflict');
    const invitations = await repository.invitationsOf(trx, id);
    // The invited partners hear of a cancelled or moved session (a reference and a link, no content).
    const endMoved = endsAt.getTime() !== new Date(current.ends_at).getTime();
    const moved = endMoved || startsAt.getTime() !== new Date(current.starts_at).getTime();
    if (input.status === 'cancelled' || (moved && input.status !== 'held')) {
      const recipients = await repository.activeUsersOf(trx, invitations.map((invitation) => invitation.organisation_id));
      await notify(trx, { regionCode: current.region_code, recipients, kind: input.status === 'cancelled' ? 'table-session-cancelled' : 'table-session-moved', recordType: 'table-session', recordId: id, reference: current.reference });
    }
    if (input.status === 'cancelled') {
      for (const invitation of invitations) await revokeCaseAccess(trx, 'table-invitation', invitation.id, actor.userId);
    } else if (endMoved) {
      const until = grantsUntil({ ends_at: endsAt, grant_hours_after: current.grant_hours_after });
      // A session moved so far back that its grant period is over ends the grants now.
      for (const invitation of invitations) {
        if (until > new Date()) await extendCaseAccess(trx, 'table-invitation', invitation.id, until);
        else await revokeCaseAccess(trx, 'table-invitation', invitation.id, actor.userId);
      }
    }
  });
  await writeAccessLog(db, request, { action: 'update', outcome: 'success', recordType: 'table-session', recordId: id, purpose: PURPOSE, reason: input.status ?? 'changed' });
}

export async function recordAttendance(db: Db, request: FastifyRequest, id: string, entries: { organisationId: string; present: boolean }[]): Promise<void> {
  const { session } = await loadSession(db, request, id, 'chair');
  const known = new Set((await repository.organisationsOf(db, session.region_code, entries.map((e) => e.organisationId))).map((o) => o.id));
  const invalid = entries.flatMap((e, i) => (known.has(e.organisationId) ? [] : [{ name: `body.entries.${i}.organisationId`, code: 'unknown', reason: 'No organisation of this region' }]));
  if (invalid.length) throw new AppError('request.invalid', { invalidParams: invalid });
  await db.transaction().execute(async (trx) => {
    await openSessionFor(trx, id);
    await refusedOnceConfirmed(() => repository.upsertAttendance(trx, id, entries, request.actor!.userId));
    await repository.touchSession(trx, id);
  });
  await writeAccessLog(db, request, { action: 'update', outcome: 'success', recordType: 'table-session', recordId: id, purpose: PURPOSE, reason: `attendance (${entries.length})` });
}

/** Confirms the minutes: after the session started, with attendance recorded. From then on only amendments add to them. */
export async function confirmMinutes(db: Db, request: FastifyRequest, id: string, version: number): Promise<void> {
  await loadSession(db, request, id, 'chair');
  const actor = request.actor!;
  await db.transaction().execute(async (trx) => {
    const current = await openSessionFor(trx, id);
    const invalid: InvalidParam[] = [];
    if (new Date(current.starts_at) > new Date()) invalid.push({ name: 'startsAt', code: 'not-started', reason: 'Minutes are confirmed after the session started' });
    if ((await repository.attendanceCount(trx, id)) === 0) invalid.push({ name: 'attendance', code: 'required', reason: 'Record who attended first' });
    if (invalid.length) throw new AppError('table.minutes-not-confirmable', { invalidParams: invalid });
    const changed = await repository.updateSession(trx, id, version, { status: 'confirmed', minutes_confirmed_at: new Date(), minutes_confirmed_by: actor.userId });
    if (!changed) throw new AppError('table.session-version-conflict');
    for (const item of await repository.agendaOf(trx, id)) {
      await recordCaseEvent(trx, { caseId: item.case_id, regionCode: current.region_code, actorUserId: actor.userId, kind: 'discussed', group: 'table', detail: { sessionId: id, reference: current.reference, kind: item.kind } });
    }
  });
  await writeAccessLog(db, request, { action: 'update', outcome: 'success', recordType: 'table-session', recordId: id, purpose: PURPOSE, reason: 'minutes confirmed' });
}

/** The only change to confirmed minutes: a visible, append-only amendment. */
export async function addAmendment(db: Db, request: FastifyRequest, id: string, text: string): Promise<string> {
  const { session } = await loadSession(db, request, id, 'chair');
  const created = await db.transaction().execute(async (trx) => {
    const current = await repository.lockSession(trx, id);
    if (current.status !== 'confirmed') {
      throw new AppError('request.invalid', { invalidParams: [{ name: 'path.id', code: 'not-confirmed', reason: 'Amend confirmed minutes; before confirmation change the summaries themselves' }] });
    }
    const row = await repository.insertAmendment(trx, { session_id: id, region_code: session.region_code, text, amended_by: request.actor!.userId });
    await repository.touchSession(trx, id);
    return row;
  });
  await writeAccessLog(db, request, { action: 'create', outcome: 'success', recordType: 'table-session', recordId: id, purpose: PURPOSE, reason: `amendment ${created.id}` });
  return created.id;
}
