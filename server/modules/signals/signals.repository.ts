import { sql, type Transaction, type Updateable } from 'kysely';
import type { Db } from '@server/core/db/database';
import type { Database, SignalTable } from '@server/db/schema';

type Executor = Db | Transaction<Database>;

export async function regionRouting(db: Executor, regionCode: string) {
  const [region, municipalities] = await Promise.all([
    db.selectFrom('region').select('settings').where('code', '=', regionCode).executeTakeFirst(),
    db.selectFrom('municipality').select(['code', 'name']).where('region_code', '=', regionCode).execute(),
  ]);
  return { settings: region?.settings ?? { timezone: 'Europe/Amsterdam', defaultLocale: 'nl' as const, smallCellThreshold: 5 }, municipalities };
}

export async function claimAttachments(db: Executor, signalId: string, submissionKey: string, ids: string[]): Promise<number> {
  const result = await db
    .updateTable('signal_attachment')
    .set({ signal_id: signalId })
    .where('id', 'in', ids)
    .where('submission_key', '=', submissionKey)
    .where('signal_id', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function insertAttachments(
  db: Executor,
  regionCode: string,
  signalId: string | null,
  files: { fileName: string; mediaType: string; content: Uint8Array; sha256: string }[],
  submissionKey: string | null = null,
) {
  return db
    .insertInto('signal_attachment')
    .values(
      files.map((f) => ({
        region_code: regionCode,
        submission_key: submissionKey,
        signal_id: signalId,
        file_name: f.fileName,
        media_type: f.mediaType,
        size_bytes: f.content.byteLength,
        sha256: f.sha256,
        content: f.content,
      })),
    )
    .returning(['id', 'file_name', 'media_type', 'size_bytes', 'sha256'])
    .execute();
}

export async function countPendingAttachments(db: Executor, submissionKey: string): Promise<number> {
  const row = await db
    .selectFrom('signal_attachment')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('submission_key', '=', submissionKey)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function insertEvent(
  db: Executor,
  values: { signal_id: string; region_code: string; actor_user_id: string | null; kind: string; detail: string },
): Promise<void> {
  await db.insertInto('signal_event').values(values).execute();
}

export function findSubmissionOrChallenge(db: Executor, submissionKey: string, challengeHash: string) {
  return db
    .selectFrom('signal')
    .select(['id', 'reference', 'received_at', 'follow_up_sealed', 'submission_key', 'challenge_hash'])
    .where((eb) => eb.or([eb('submission_key', '=', submissionKey), eb('challenge_hash', '=', challengeHash)]))
    .limit(2)
    .execute();
}

export async function installationSecret(db: Executor, name: string, fresh: string): Promise<string> {
  await db.insertInto('installation_secret').values({ name, value: fresh }).onConflict((oc) => oc.column('name').doNothing()).execute();
  const row = await db.selectFrom('installation_secret').select('value').where('name', '=', name).executeTakeFirstOrThrow();
  return row.value;
}

export function findByFollowUp(db: Executor, reference: string, followUpHash: string) {
  return db
    .selectFrom('signal as s')
    .select(['s.id', 's.reference', 's.region_code', 's.status', 's.received_at', 's.updated_at', 's.merged_into'])
    .select(sql<number>`(select count(*)::int from signal_addition a where a.signal_id = s.id)`.as('additions'))
    .where('s.reference', '=', reference)
    .where('s.follow_up_hash', '=', followUpHash)
    .executeTakeFirst();
}

export async function findBySubmissionKey(db: Executor, submissionKey: string) {
  return db.selectFrom('signal').select(['id', 'reference', 'received_at', 'follow_up_sealed']).where('submission_key', '=', submissionKey).executeTakeFirst();
}

export async function insertAddition(db: Db, signalId: string, regionCode: string, text: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('signal_addition').values({ signal_id: signalId, text }).execute();
    await trx.updateTable('signal').set({ updated_at: new Date() }).where('id', '=', signalId).execute();
    await trx.insertInto('signal_event').values({ signal_id: signalId, region_code: regionCode, actor_user_id: null, kind: 'addition', detail: '{}' }).execute();
  });
}

// --- the triage queue and the record ----------------------------------------------------------

export interface Visibility {
  regionCode: string;
  userId: string;
  organisationId: string;
  /** Sees every signal of the region (ketenregisseur). */
  regionWide: boolean;
  /** Municipalities whose signals the user sees (aandachtsfunctionaris); 'all' for all of them. */
  municipalities: string[] | 'all';
}

export interface QueueFilter {
  statuses: string[] | null;
  municipality?: string;
  channel?: string;
  form?: string;
  acute?: boolean;
  mine?: boolean;
  windowDays: number;
  limit: number;
  offset: number;
}

/** The queue a user may see: acute first, then oldest; each item says whether it has likely duplicates. */
export async function listSignals(db: Db, visibility: Visibility, filter: QueueFilter) {
  let query = db.selectFrom('signal as s').where('s.region_code', '=', visibility.regionCode);
  if (!visibility.regionWide) {
    const now = new Date();
    query = query.where((eb) => {
      const ors = [
        eb('s.submitted_by', '=', visibility.userId),
        eb.exists(
          eb
            .selectFrom('access_grant as g')
            .select(sql`1`.as('x'))
            .where('g.record_type', '=', 'signal')
            .whereRef('g.record_id', '=', sql`s.id::text`)
            .where('g.revoked_at', 'is', null)
            .where('g.valid_from', '<=', now)
            .where('g.valid_until', '>', now)
            .where((g) => g.or([g('g.grantee_user_id', '=', visibility.userId), g('g.grantee_organisation_id', '=', visibility.organisationId)])),
        ),
      ];
      if (visibility.municipalities === 'all') ors.push(eb.exists(eb.selectFrom('signal_municipality as vm').select(sql`1`.as('x')).whereRef('vm.signal_id', '=', 's.id')));
      else if (visibility.municipalities.length > 0)
        ors.push(
          eb.exists(
            eb.selectFrom('signal_municipality as vm').select(sql`1`.as('x')).whereRef('vm.signal_id', '=', 's.id').where('vm.municipality_code', 'in', visibility.municipalities),
          ),
        );
      return eb.or(ors);
    });
  }
  if (filter.statuses) query = query.where('s.status', 'in', filter.statuses as never[]);
  if (filter.channel) query = query.where('s.channel', '=', filter.channel as never);
  if (filter.form) query = query.where(sql<boolean>`${filter.form} = any(s.forms)`);
  if (filter.acute !== undefined) query = query.where('s.acute', '=', filter.acute);
  if (filter.mine) query = query.where('s.submitted_by', '=', visibility.userId);
  if (filter.municipality) {
    const code = filter.municipality;
    query = query.where((eb) => eb.exists(eb.selectFrom('signal_municipality as fm').select(sql`1`.as('x')).whereRef('fm.signal_id', '=', 's.id').where('fm.municipality_code', '=', code)));
  }
  const [rows, total] = await Promise.all([
    query
      .select(['s.id', 's.reference', 's.channel', 's.status', 's.acute', 's.forms', 's.received_at', 's.submitted_by'])
      .select(sql<string[]>`coalesce((select array_agg(m.municipality_code order by m.municipality_code) from signal_municipality m where m.signal_id = s.id), '{}')`.as('municipalities'))
      .select(
        sql<boolean>`exists (select 1 from signal_key k1 join signal_key k2 on k2.region_code = k1.region_code and k2.kind = k1.kind and k2.value = k1.value and k2.signal_id <> k1.signal_id
          where k1.signal_id = s.id and k2.received_at between k1.received_at - make_interval(days => ${filter.windowDays}) and k1.received_at + make_interval(days => ${filter.windowDays}))`.as(
          'likely_duplicates',
        ),
      )
      .orderBy('s.acute', 'desc')
      .orderBy('s.received_at', 'asc')
      .orderBy('s.id')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

/** Who the policy needs to know about: region, municipalities, owner. */
export function findSignalRef(db: Executor, id: string) {
  return db
    .selectFrom('signal as s')
    .select(['s.id', 's.region_code', 's.submitted_by', 's.status', 's.version', 's.acute', 's.reference', 's.received_at', 's.channel'])
    .select(sql<string[]>`coalesce((select array_agg(m.municipality_code) from signal_municipality m where m.signal_id = s.id), '{}')`.as('municipalities'))
    .where('s.id', '=', id)
    .executeTakeFirst();
}

export async function loadSignal(db: Db, id: string) {
  const signal = await db
    .selectFrom('signal as s')
    .leftJoin('app_user as u', 'u.id', 's.submitted_by')
    .leftJoin('signal as target', 'target.id', 's.merged_into')
    .selectAll('s')
    .select(['u.display_name as submitted_by_name', 'target.reference as merged_into_reference'])
    .where('s.id', '=', id)
    .executeTakeFirst();
  if (!signal) return undefined;
  const [municipalities, persons, businesses, locations, vehicles, attachments, additions, links] = await Promise.all([
    db
      .selectFrom('signal_municipality as sm')
      .innerJoin('municipality as m', (j) => j.onRef('m.code', '=', 'sm.municipality_code'))
      .select(['sm.municipality_code as code', 'm.name', 'sm.derived'])
      .where('sm.signal_id', '=', id)
      .orderBy('m.name')
      .execute(),
    db.selectFrom('signal_person').selectAll().where('signal_id', '=', id).orderBy('role').orderBy('id').execute(),
    db.selectFrom('signal_business').selectAll().where('signal_id', '=', id).orderBy('id').execute(),
    db.selectFrom('signal_location').selectAll().where('signal_id', '=', id).orderBy('id').execute(),
    db.selectFrom('signal_vehicle').selectAll().where('signal_id', '=', id).orderBy('id').execute(),
    db.selectFrom('signal_attachment').select(['id', 'file_name', 'media_type', 'size_bytes', 'sha256']).where('signal_id', '=', id).orderBy('created_at').execute(),
    db.selectFrom('signal_addition').select(['id', 'text', 'created_at']).where('signal_id', '=', id).orderBy('created_at').execute(),
    db
      .selectFrom('signal_link as l')
      .innerJoin('signal as o', (j) => j.on(sql<boolean>`o.id = case when l.signal_id = ${id} then l.other_signal_id else l.signal_id end`))
      .select(['o.id as other_id', 'o.reference as other_reference', 'l.kind', 'l.reason', 'l.created_at', 'l.signal_id'])
      .where((eb) => eb.or([eb('l.signal_id', '=', id), eb('l.other_signal_id', '=', id)]))
      .orderBy('l.created_at')
      .execute(),
  ]);
  return { signal, municipalities, persons, businesses, locations, vehicles, attachments, additions, links };
}
export type LoadedSignal = NonNullable<Awaited<ReturnType<typeof loadSignal>>>;

export function findDuplicates(db: Db, id: string, windowDays: number) {
  return db
    .selectFrom('signal_key as k1')
    .innerJoin('signal_key as k2', (j) => j.onRef('k2.region_code', '=', 'k1.region_code').onRef('k2.kind', '=', 'k1.kind').onRef('k2.value', '=', 'k1.value').onRef('k2.signal_id', '<>', 'k1.signal_id'))
    .innerJoin('signal as s', 's.id', 'k2.signal_id')
    .select(['s.id', 's.reference', 's.status', 's.received_at', 's.region_code', 's.submitted_by'])
    .select(sql<string[]>`array_agg(distinct k2.kind order by k2.kind)`.as('matches'))
    .select(sql<string[]>`coalesce((select array_agg(m.municipality_code) from signal_municipality m where m.signal_id = s.id), '{}')`.as('municipalities'))
    .where('k1.signal_id', '=', id)
    .where(sql<boolean>`k2.received_at between k1.received_at - make_interval(days => ${windowDays}) and k1.received_at + make_interval(days => ${windowDays})`)
    .groupBy(['s.id', 's.reference', 's.status', 's.received_at', 's.region_code', 's.submitted_by'])
    .orderBy('s.received_at', 'desc')
    .limit(50)
    .execute();
}

/** Optimistic concurrency: changes only when the version is the one the user read. */
export async function updateSignal(
  trx: Transaction<Database>,
  id: string,
  version: number,
  changes: Updateable<SignalTable>,
): Promise<boolean> {
  const result = await trx
    .updateTable('signal')
    .set({ ...changes, updated_at: new Date(), version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function replaceMunicipalities(trx: Transaction<Database>, id: string, codes: string[]): Promise<void> {
  await trx.deleteFrom('signal_municipality').where('signal_id', '=', id).execute();
  if (codes.length) await trx.insertInto('signal_municipality').values(codes.map((code) => ({ signal_id: id, municipality_code: code, derived: false }))).execute();
}

export async function insertLink(
  trx: Transaction<Database>,
  values: { region_code: string; signal_id: string; other_signal_id: string; kind: 'related' | 'merged'; reason: string; created_by: string },
): Promise<boolean> {
  const existing = await trx
    .selectFrom('signal_link')
    .select('id')
    .where((eb) =>
      eb.or([
        eb.and([eb('signal_id', '=', values.signal_id), eb('other_signal_id', '=', values.other_signal_id)]),
        eb.and([eb('signal_id', '=', values.other_signal_id), eb('other_signal_id', '=', values.signal_id)]),
      ]),
    )
    .executeTakeFirst();
  if (existing) return false;
  await trx.insertInto('signal_link').values(values).execute();
  return true;
}

export function findAttachment(db: Db, signalId: string, attachmentId: string) {
  return db.selectFrom('signal_attachment').select(['id', 'file_name', 'media_type', 'content', 'sha256']).where('signal_id', '=', signalId).where('id', '=', attachmentId).executeTakeFirst();
}

export function signalEvents(db: Db, id: string) {
  return db
    .selectFrom('signal_event as e')
    .leftJoin('app_user as u', 'u.id', 'e.actor_user_id')
    .select(['e.id', 'e.at', 'e.kind', 'e.detail', 'u.display_name'])
    .where('e.signal_id', '=', id)
    .orderBy('e.at')
    .orderBy('e.id')
    .execute();
}
