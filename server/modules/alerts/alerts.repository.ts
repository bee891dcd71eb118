import { type Kysely, sql, type Transaction } from 'kysely';
import type { Role } from '@server/core/auth/roles';
import type { Database } from '@server/db/schema';

/** SQL for the reachability roster and the acute alerts. */
type Executor = Kysely<Database> | Transaction<Database>;

// --- Roster --------------------------------------------------------------------------------------

function shiftBase(db: Executor) {
  return db
    .selectFrom('on_call_shift as s')
    .innerJoin('app_user as u', 'u.id', 's.user_id')
    .innerJoin('organisation as o', 'o.id', 'u.organisation_id')
    .select([
      's.id',
      's.region_code',
      's.user_id',
      's.channel',
      's.address',
      's.note',
      's.starts_at',
      's.ends_at',
      's.created_at',
      's.updated_at',
      'u.display_name',
      'u.email as user_email',
      'u.active as user_active',
      'o.id as organisation_id',
      'o.name as organisation_name',
    ]);
}
export type ShiftRow = Awaited<ReturnType<ReturnType<typeof shiftBase>['executeTakeFirstOrThrow']>>;

export interface ShiftFilter {
  from?: Date;
  until?: Date;
  personId?: string;
}

function filtered<Q extends ReturnType<typeof shiftBase>>(query: Q, region: string, filter: ShiftFilter): Q {
  let q = query.where('s.region_code', '=', region) as Q;
  if (filter.from) q = q.where('s.ends_at', '>', filter.from) as Q;
  if (filter.until) q = q.where('s.starts_at', '<', filter.until) as Q;
  if (filter.personId) q = q.where('s.user_id', '=', filter.personId) as Q;
  return q;
}

export async function listShifts(db: Executor, region: string, filter: ShiftFilter, limit: number, offset: number) {
  const [rows, count] = await Promise.all([
    filtered(shiftBase(db), region, filter).orderBy('s.starts_at').orderBy('s.id').limit(limit).offset(offset).execute(),
    filtered(shiftBase(db), region, filter)
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export function findShift(db: Executor, region: string, id: string) {
  return shiftBase(db).where('s.region_code', '=', region).where('s.id', '=', id).executeTakeFirst();
}

/** Shifts covering the moment `at`, of active accounts only (a deactivated account cannot act). */
export function shiftsAt(db: Executor, region: string, at: Date) {
  return shiftBase(db)
    .where('s.region_code', '=', region)
    .where('s.starts_at', '<=', at)
    .where('s.ends_at', '>', at)
    .where('u.active', '=', true)
    .orderBy('s.starts_at')
    .orderBy('s.id')
    .execute();
}

/** For each given shift, the other shifts of its region that overlap it. */
export async function overlapsOf(db: Executor, ids: string[]): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return result;
  const rows = await db
    .selectFrom('on_call_shift as a')
    .innerJoin('on_call_shift as b', (join) =>
      join.onRef('b.region_code', '=', 'a.region_code').onRef('b.id', '<>', 'a.id').onRef('b.starts_at', '<', 'a.ends_at').onRef('b.ends_at', '>', 'a.starts_at'),
    )
    .select(['a.id as id', 'b.id as other'])
    .where('a.id', 'in', ids)
    .orderBy('b.starts_at')
    .execute();
  for (const row of rows) result.get(row.id)?.push(row.other);
  return result;
}

/** Serialises roster changes for one person, so two concurrent edits cannot both pass the overlap check. */
export async function lockPerson(trx: Transaction<Database>, userId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`on_call_shift:${userId}`}))`.execute(trx);
}

export async function personHasShiftIn(db: Executor, userId: string, from: Date, until: Date, exceptId?: string): Promise<boolean> {
  let query = db.selectFrom('on_call_shift').select('id').where('user_id', '=', userId).where('starts_at', '<', until).where('ends_at', '>', from);
  if (exceptId) query = query.where('id', '<>', exceptId);
  return (await query.limit(1).executeTakeFirst()) !== undefined;
}

export function insertShift(
  db: Executor,
  values: { region: string; userId: string; channel: 'email'; address: string | null; note: string | null; from: Date; until: Date; by: string },
) {
  return db
    .insertInto('on_call_shift')
    .values({
      region_code: values.region,
      user_id: values.userId,
      channel: values.channel,
      address: values.address,
      note: values.note,
      starts_at: values.from,
      ends_at: values.until,
      created_by: values.by,
      updated_by: values.by,
      updated_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

export async function updateShift(
  db: Executor,
  region: string,
  id: string,
  values: { userId: string; channel: 'email'; address: string | null; note: string | null; from: Date; until: Date; by: string },
) {
  await db
    .updateTable('on_call_shift')
    .set({ user_id: values.userId, channel: values.channel, address: values.address, note: values.note, starts_at: values.from, ends_at: values.until, updated_by: values.by, updated_at: new Date() })
    .where('region_code', '=', region)
    .where('id', '=', id)
    .execute();
}

export async function deleteShift(db: Executor, region: string, id: string) {
  return db.deleteFrom('on_call_shift').where('region_code', '=', region).where('id', '=', id).returning(['id', 'user_id']).executeTakeFirst();
}

/** Start and end of the shifts of active accounts that touch the period, for the gap calculation. */
export function periodsIn(db: Executor, region: string, from: Date, until: Date) {
  return db
    .selectFrom('on_call_shift as s')
    .innerJoin('app_user as u', 'u.id', 's.user_id')
    .select(['s.starts_at', 's.ends_at'])
    .where('s.region_code', '=', region)
    .where('s.starts_at', '<', until)
    .where('s.ends_at', '>', from)
    .where('u.active', '=', true)
    .orderBy('s.starts_at')
    .execute();
}

function candidateBase(db: Executor, region: string, roles: readonly Role[], search: string | undefined) {
  let query = db
    .selectFrom('app_user as u')
    .innerJoin('organisation as o', 'o.id', 'u.organisation_id')
    .where('u.region_code', '=', region)
    .where('u.active', '=', true)
    .where((eb) => eb.exists(eb.selectFrom('user_role as r').select('r.user_id').whereRef('r.user_id', '=', 'u.id').where('r.role', 'in', [...roles])));
  if (search) {
    const pattern = `%${search.toLowerCase().replace(/[\\%_]/g, '\\$&')}%`;
    query = query.where((eb) => eb.or([eb(eb.fn('lower', ['u.display_name']), 'like', pattern), eb('u.email', 'like', pattern)]));
  }
  return query;
}

/** Active accounts of the region that hold one of `roles`: who can be put on the roster. */
export async function listCandidates(db: Executor, region: string, roles: readonly Role[], search: string | undefined, limit: number, offset: number) {
  const [rows, count] = await Promise.all([
    candidateBase(db, region, roles, search)
      .select(['u.id', 'u.display_name', 'u.email', 'o.id as organisation_id', 'o.name as organisation_name'])
      .select(sql<string[]>`coalesce((select array_agg(r.role order by r.role) from user_role r where r.user_id = u.id), '{}'::text[])`.as('roles'))
      .orderBy('u.display_name')
      .orderBy('u.id')
      .limit(limit)
      .offset(offset)
      .execute(),
    candidateBase(db, region, roles, search)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function isCandidate(db: Executor, region: string, roles: readonly Role[], userId: string): Promise<boolean> {
  const row = await candidateBase(db, region, roles, undefined).select('u.id').where('u.id', '=', userId).executeTakeFirst();
  return row !== undefined;
}

// --- Alerts --------------------------------------------------------------------------------------

export function regionForMail(db: Executor, region: string) {
  return db.selectFrom('region').select(['name', 'settings']).where('code', '=', region).executeTakeFirst();
}

export async function municipalityNames(db: Executor, region: string): Promise<Map<string, string>> {
  const rows = await db.selectFrom('municipality').select(['code', 'name']).where('region_code', '=', region).execute();
  return new Map(rows.map((r) => [r.code, r.name]));
}

export async function insertAlert(
  trx: Transaction<Database>,
  values: { region: string; signalId: string; reference: string; receivedAt: Date; municipalities: string[]; nobodyOnCall: boolean; at: Date },
): Promise<string | undefined> {
  const row = await trx
    .insertInto('alert')
    .values({
      region_code: values.region,
      signal_id: values.signalId,
      signal_reference: values.reference,
      signal_received_at: values.receivedAt,
      municipalities: values.municipalities,
      nobody_on_call: values.nobodyOnCall,
      created_at: values.at,
      acknowledged_at: null,
    })
    .onConflict((oc) => oc.column('signal_id').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

export async function insertRecipient(
  trx: Transaction<Database>,
  values: { alertId: string; userId: string | null; shiftId: string | null; address: string; fallback: boolean; outboxId: string },
): Promise<void> {
  await trx
    .insertInto('alert_recipient')
    .values({ alert_id: values.alertId, user_id: values.userId, shift_id: values.shiftId, address: values.address, fallback: values.fallback, outbox_id: values.outboxId })
    .execute();
}

/** Which alerts an actor sees: the whole region, or those of their municipalities and those sent to them. */
export interface AlertVisibility {
  regionCode: string;
  userId: string;
  regionWide: boolean;
  municipalities: string[];
}

function alertBase(db: Executor, visibility: AlertVisibility, status: 'open' | 'all') {
  let query = db.selectFrom('alert as a').where('a.region_code', '=', visibility.regionCode);
  if (status === 'open') query = query.where('a.acknowledged_at', 'is', null);
  if (!visibility.regionWide) {
    const { municipalities, userId } = visibility;
    query = query.where((eb) =>
      eb.or([
        eb.exists(eb.selectFrom('alert_recipient as r').select('r.id').whereRef('r.alert_id', '=', 'a.id').where('r.user_id', '=', userId)),
        ...(municipalities.length > 0 ? [sql<boolean>`a.municipalities && ${sql.val(municipalities)}::text[]`] : []),
      ]),
    );
  }
  return query;
}

const alertColumns = ['a.id', 'a.region_code', 'a.signal_id', 'a.signal_reference', 'a.signal_received_at', 'a.municipalities', 'a.kind', 'a.nobody_on_call', 'a.created_at', 'a.acknowledged_at'] as const;

export async function listAlerts(db: Executor, visibility: AlertVisibility, status: 'open' | 'all', limit: number, offset: number) {
  const [rows, count] = await Promise.all([
    alertBase(db, visibility, status).select(alertColumns).orderBy('a.created_at', 'desc').orderBy('a.id').limit(limit).offset(offset).execute(),
    alertBase(db, visibility, status)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}
export type AlertRow = Awaited<ReturnType<typeof listAlerts>>['rows'][number];

export function findAlert(db: Executor, region: string, id: string) {
  return db.selectFrom('alert as a').select(alertColumns).where('a.region_code', '=', region).where('a.id', '=', id).executeTakeFirst();
}

export function recipientsOf(db: Executor, alertIds: string[]) {
  return db
    .selectFrom('alert_recipient as r')
    .innerJoin('mail_outbox as m', 'm.id', 'r.outbox_id')
    .leftJoin('app_user as u', 'u.id', 'r.user_id')
    .select([
      'r.id',
      'r.alert_id',
      'r.user_id',
      'u.display_name',
      'r.address',
      'r.fallback',
      'm.attempts',
      'm.last_attempt_at',
      'm.sent_at',
      'm.failed_at',
      'm.next_attempt_at',
      'm.last_error',
    ])
    .where('r.alert_id', 'in', alertIds.length ? alertIds : ['00000000-0000-0000-0000-000000000000'])
    .orderBy('r.fallback')
    .orderBy('u.display_name')
    .execute();
}
export type RecipientRow = Awaited<ReturnType<typeof recipientsOf>>[number];

export function acknowledgementsOf(db: Executor, alertIds: string[]) {
  return db
    .selectFrom('alert_acknowledgement as k')
    .innerJoin('app_user as u', 'u.id', 'k.user_id')
    .select(['k.id', 'k.alert_id', 'k.user_id', 'u.display_name', 'k.at'])
    .where('k.alert_id', 'in', alertIds.length ? alertIds : ['00000000-0000-0000-0000-000000000000'])
    .orderBy('k.at')
    .execute();
}
export type AcknowledgementRow = Awaited<ReturnType<typeof acknowledgementsOf>>[number];

/** Records that `userId` picked the alert up; once per person. Returns the acknowledgement and whether it is new. */
export async function acknowledge(trx: Transaction<Database>, alertId: string, userId: string, at: Date) {
  const inserted = await trx
    .insertInto('alert_acknowledgement')
    .values({ alert_id: alertId, user_id: userId, at })
    .onConflict((oc) => oc.columns(['alert_id', 'user_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) {
    await trx.updateTable('alert').set({ acknowledged_at: at }).where('id', '=', alertId).where('acknowledged_at', 'is', null).execute();
  }
  const row = await acknowledgementsOf(trx, [alertId]).then((rows) => rows.find((r) => r.user_id === userId));
  return { row: row!, created: inserted !== undefined };
}

export function recipientUserIds(db: Executor, alertId: string) {
  return db.selectFrom('alert_recipient').select('user_id').where('alert_id', '=', alertId).where('user_id', 'is not', null).execute();
}

/**
 * A grant per alerted person on the signal (72 hours, purpose "acute alert"), on the region's
 * covenant when it lists one, else its first legal basis. Roles that see the signal anyway lose nothing.
 */
export async function grantRecipients(trx: Transaction<Database>, signal: { id: string; regionCode: string }, userIds: string[], now: Date): Promise<void> {
  if (userIds.length === 0) return;
  const region = await trx.selectFrom('region').select('settings').where('code', '=', signal.regionCode).executeTakeFirst();
  const bases = region?.settings.legalBases?.map((b) => b.code) ?? [];
  const legalBasis = bases.includes('convenant') ? 'convenant' : (bases[0] ?? 'convenant');
  await trx
    .insertInto('access_grant')
    .values(
      userIds.map((userId) => ({
        region_code: signal.regionCode,
        record_type: 'signal',
        record_id: signal.id,
        grantee_user_id: userId,
        grantee_organisation_id: null,
        purpose: 'Acute melding: bereikbaarheidsdienst (acute alert, on call)',
        legal_basis: legalBasis,
        valid_from: now,
        valid_until: new Date(now.getTime() + 72 * 3_600_000),
        granted_by: null,
        revoked_at: null,
        revoked_by: null,
      })),
    )
    .execute();
}
