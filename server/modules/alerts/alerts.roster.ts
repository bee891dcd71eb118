import type { FastifyRequest } from 'fastify';
import { readPersonalData, writeAccessLog } from '@server/core/access/access-log';
import type { Actor } from '@server/core/auth/actor';
import type { Db } from '@server/core/db/database';
import { AppError, type InvalidParam } from '@server/core/errors';
import { offsetOf, type PageQuery } from '@server/core/http/pagination';
import { dutyRoles } from './alerts.policy';
import { presentShift } from './alerts.presenter';
import * as repository from './alerts.repository';
import type { OnCallShift, OnCallShiftCreate, OnCallShiftQuery, OnCallShiftUpdate } from './alerts.schema';

/**
 * The 24/7 reachability roster. Rules:
 * - a shift runs from `from` to `until` (until after from, at most 92 days);
 * - the person is an active account of the region with a duty role;
 * - shifts of different people may overlap (a back-up, a hand-over hour): allowed, and every
 *   shift says which others it overlaps so the screen can warn; one person cannot have two
 *   shifts at the same time (that is always a mistake);
 * - periods in which nobody is on call are listed by `gaps()`.
 */
const MAX_SHIFT_MS = 92 * 86_400_000;
const PURPOSE = 'reachability roster';

async function presentMany(db: Db, rows: repository.ShiftRow[]): Promise<OnCallShift[]> {
  const overlaps = await repository.overlapsOf(db, rows.map((r) => r.id));
  return rows.map((row) => presentShift(row, overlaps.get(row.id) ?? []));
}

async function presentOne(db: Db, region: string, id: string): Promise<OnCallShift> {
  const row = await repository.findShift(db, region, id);
  if (!row) throw new AppError('route.not-found');
  const [shift] = await presentMany(db, [row]);
  return shift!;
}

export async function listShifts(db: Db, request: FastifyRequest, actor: Actor, query: OnCallShiftQuery) {
  const filter = {
    ...(query.from ? { from: new Date(query.from) } : {}),
    ...(query.until ? { until: new Date(query.until) } : {}),
    ...(query.personId ? { personId: query.personId } : {}),
  };
  const { rows, total } = await readPersonalData(
    db,
    request,
    { recordType: 'on-call-shift', purpose: PURPOSE },
    () => repository.listShifts(db, actor.regionCode, filter, query.pageSize, offsetOf(query)),
    (result) => ({ subjects: [...new Set(result.rows.map((r) => r.user_id))] }),
  );
  return { shifts: await presentMany(db, rows), total };
}

export async function getShift(db: Db, request: FastifyRequest, actor: Actor, id: string): Promise<OnCallShift> {
  return readPersonalData(
    db,
    request,
    { recordType: 'on-call-shift', purpose: PURPOSE },
    () => presentOne(db, actor.regionCode, id),
    (shift) => ({ recordId: shift.id, subjects: [shift.person.id] }),
  );
}

/** Who is on call now: for every staff role of the region. */
export async function onCallNow(db: Db, request: FastifyRequest, actor: Actor, at = new Date()) {
  const rows = await readPersonalData(
    db,
    request,
    { recordType: 'on-call-shift', purpose: PURPOSE },
    () => repository.shiftsAt(db, actor.regionCode, at),
    (result) => ({ subjects: [...new Set(result.map((r) => r.user_id))] }),
  );
  const shifts = await presentMany(db, rows);
  return { at: at.toISOString(), nobodyOnCall: shifts.length === 0, _embedded: { onCallShifts: shifts } };
}

interface ShiftValues {
  userId: string;
  channel: 'email';
  address: string | null;
  note: string | null;
  from: Date;
  until: Date;
}

async function validate(db: Db, region: string, values: ShiftValues, exceptId?: string): Promise<void> {
  const invalid: InvalidParam[] = [];
  if (Number.isNaN(values.from.getTime()) || Number.isNaN(values.until.getTime())) {
    invalid.push({ name: 'body.from', code: 'invalid_format', reason: 'Not a date and time' });
  } else if (values.until <= values.from) {
    invalid.push({ name: 'body.until', code: 'too_small', reason: 'Must be after from' });
  } else if (values.until.getTime() - values.from.getTime() > MAX_SHIFT_MS) {
    invalid.push({ name: 'body.until', code: 'too_big', reason: 'A shift lasts at most 92 days' });
  }
  if (!(await repository.isCandidate(db, region, dutyRoles, values.userId))) {
    invalid.push({ name: 'body.personId', code: 'unknown', reason: 'No active account of this region with a duty role' });
  } else if (invalid.length === 0 && (await repository.personHasShiftIn(db, values.userId, values.from, values.until, exceptId))) {
    invalid.push({ name: 'body.from', code: 'overlap', reason: 'This person already has a shift in this period' });
  }
  if (invalid.length) throw new AppError('request.invalid', { invalidParams: invalid });
}

export async function createShift(db: Db, request: FastifyRequest, actor: Actor, input: OnCallShiftCreate): Promise<OnCallShift> {
  const values: ShiftValues = {
    userId: input.personId,
    channel: input.channel,
    address: input.address ?? null,
    note: input.note || null,
    from: new Date(input.from),
    until: new Date(input.until),
  };
  const id = await db.transaction().execute(async (trx) => {
    await repository.lockPerson(trx, values.userId);
    await validate(trx, actor.regionCode, values);
    return (await repository.insertShift(trx, { ...values, region: actor.regionCode, by: actor.userId })).id;
  });
  await writeAccessLog(db, request, { action: 'create', outcome: 'success', recordType: 'on-call-shift', recordId: id, subjects: [values.userId], purpose: PURPOSE });
  return presentOne(db, actor.regionCode, id);
}

export async function updateShift(db: Db, request: FastifyRequest, actor: Actor, id: string, input: OnCallShiftUpdate): Promise<OnCallShift> {
  const before = await db.transaction().execute(async (trx) => {
    const current = await repository.findShift(trx, actor.regionCode, id);
    if (!current) throw new AppError('route.not-found');
    const values: ShiftValues = {
      userId: input.personId ?? current.user_id,
      channel: input.channel ?? current.channel,
      address: input.address === undefined ? current.address : input.address,
      note: input.note === undefined ? current.note : input.note || null,
      from: input.from ? new Date(input.from) : new Date(current.starts_at),
      until: input.until ? new Date(input.until) : new Date(current.ends_at),
    };
    await repository.lockPerson(trx, values.userId);
    await validate(trx, actor.regionCode, values, id);
    await repository.updateShift(trx, actor.regionCode, id, { ...values, by: actor.userId });
    return current;
  });
  const shift = await presentOne(db, actor.regionCode, id);
  const subjects = [...new Set([before.user_id, shift.person.id])];
  await writeAccessLog(db, request, { action: 'update', outcome: 'success', recordType: 'on-call-shift', recordId: id, subjects, purpose: PURPOSE });
  return shift;
}

export async function deleteShift(db: Db, request: FastifyRequest, actor: Actor, id: string): Promise<void> {
  const deleted = await repository.deleteShift(db, actor.regionCode, id);
  if (!deleted) throw new AppError('route.not-found');
  await writeAccessLog(db, request, { action: 'delete', outcome: 'success', recordType: 'on-call-shift', recordId: id, subjects: [deleted.user_id], purpose: PURPOSE });
}

/** The periods between `from` and `until` in which nobody (with an active account) is on call. */
export async function gaps(db: Db, actor: Actor, from: Date, until: Date): Promise<{ from: string; until: string }[]> {
  const periods = await repository.periodsIn(db, actor.regionCode, from, until);
  return gapsIn(
    periods.map((p) => ({ from: new Date(p.starts_at), until: new Date(p.ends_at) })),
    from,
    until,
  ).map((g) => ({ from: g.from.toISOString(), until: g.until.toISOString() }));
}

/** Pure: the uncovered parts of [from, until) given covered periods (in any order, overlapping or not). */
export function gapsIn(periods: { from: Date; until: Date }[], from: Date, until: Date): { from: Date; until: Date }[] {
  const sorted = [...periods].sort((a, b) => a.from.getTime() - b.from.getTime());
  const result: { from: Date; until: Date }[] = [];
  let cursor = from.getTime();
  for (const period of sorted) {
    const start = period.from.getTime();
    const end = period.until.getTime();
    if (end <= cursor) continue;
    if (start > cursor) result.push({ from: new Date(cursor), until: new Date(Math.min(start, until.getTime())) });
    cursor = Math.max(cursor, end);
    if (cursor >= until.getTime()) break;
  }
  if (cursor < until.getTime()) result.push({ from: new Date(cursor), until });
  return result.filter((g) => g.until > g.from);
}

export async function candidates(db: Db, request: FastifyRequest, actor: Actor, query: PageQuery & { search?: string | undefined }) {
  return readPersonalData(
    db,
    request,
    { recordType: 'user', purpose: PURPOSE },
    () => repository.listCandidates(db, actor.regionCode, dutyRoles, query.search, query.pageSize, offsetOf(query)),
    (result) => ({ subjects: result.rows.map((r) => r.id) }),
  );
}
