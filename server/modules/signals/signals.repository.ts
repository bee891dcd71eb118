import { sql, type Insertable, type Transaction } from 'kysely';
import type { Db } from '@server/core/db/database';
import type { Database, SignalKeyKind, SignalMunicipalityTable, SignalTable } from '@server/db/schema';
import type { NewPerson, RecordedSignal } from './signals.intake';

type Executor = Db | Transaction<Database>;

export async function regionRouting(db: Executor, regionCode: string) {
  const [region, municipalities] = await Promise.all([
    db.selectFrom('region').select('settings').where('code', '=', regionCode).executeTakeFirst(),
    db.selectFrom('municipality').select(['code', 'name']).where('region_code', '=', regionCode).execute(),
  ]);
  return { settings: region?.settings ?? { timezone: 'Europe/Amsterdam', defaultLocale: 'nl' as const, smallCellThreshold: 5 }, municipalities };
}

export async function findExistingSubmission(
  db: Executor,
  regionCode: string,
  channel: string,
  submissionKey: string | null | undefined,
  sourceId: string | null | undefined,
): Promise<Omit<RecordedSignal, 'created'> | undefined> {
  if (!submissionKey && !sourceId) return undefined;
  let query = db
    .selectFrom('signal as s')
    .select(['s.id', 's.reference', 's.region_code', 's.channel', 's.acute', 's.received_at'])
    .select(sql<string[]>`coalesce((select array_agg(m.municipality_code) from signal_municipality m where m.signal_id = s.id), '{}')`.as('municipalities'));
  query = submissionKey
    ? query.where('s.submission_key', '=', submissionKey)
    : query.where('s.region_code', '=', regionCode).where('s.channel', '=', channel as SignalTable['channel']).where('s.source_id', '=', sourceId!);
  const row = await query.executeTakeFirst();
  if (!row) return undefined;
  return { id: row.id, reference: row.reference, regionCode: row.region_code, channel: row.channel, acute: row.acute, receivedAt: row.received_at, municipalities: row.municipalities };
}

/** MH-2026-000123: readable on the phone, unique across regions. */
export async function nextReference(db: Executor, at: Date): Promise<string> {
  const { rows } = await sql<{ n: string }>`select nextval('signal_number_seq')::text as n`.execute(db);
  return `MH-${at.getUTCFullYear()}-${rows[0]!.n.padStart(6, '0')}`;
}

export async function insertSignal(db: Executor, values: Insertable<SignalTable>) {
  let query = db.insertInto('signal').values(values);
  query = values.submission_key
    ? query.onConflict((oc) => oc.column('submission_key').doNothing())
    : query.onConflict((oc) => oc.columns(['region_code', 'channel', 'source_id']).doNothing());
  return query.returning('id').executeTakeFirst();
}

export async function insertChildren(
  db: Executor,
  signalId: string,
  children: {
    persons: NewPerson[];
    businesses: { name?: string | null; kvkNumber?: string | null; address?: string | null; sector?: string | null }[];
    locations: { description?: string | null; street?: string | null; houseNumber?: string | null; postcode?: string | null; place?: string | null; municipalityCode: string | null }[];
    vehicles: { licensePlate?: string | null; description?: string | null }[];
    municipalities: { code: string; derived: boolean }[];
    keys: { kind: SignalKeyKind; value: string }[];
    regionCode: string;
    receivedAt: Date;
  },
): Promise<void> {
  const n = <T>(value: T | undefined) => value ?? null;
  if (children.persons.length)
    await db
      .insertInto('signal_person')
      .values(
        children.persons.map((p) => ({
          signal_id: signalId,
          role: p.role,
          name: n(p.name),
          alias: n(p.alias),
          phone: n(p.phone),
          email: n(p.email),
          approximate_age: n(p.approximateAge),
          nationality: n(p.nationality),
          bsn: n(p.bsn),
          description: n(p.description),
        })),
      )
      .execute();
  if (children.businesses.length)
    await db
      .insertInto('signal_business')
      .values(children.businesses.map((b) => ({ signal_id: signalId, name: n(b.name), kvk_number: n(b.kvkNumber), address: n(b.address), sector: n(b.sector) })))
      .execute();
  if (children.locations.length)
    await db
      .insertInto('signal_location')
      .values(
        children.locations.map((l) => ({
          signal_id: signalId,
          description: n(l.description),
          street: n(l.street),
          house_number: n(l.houseNumber),
          postcode: l.postcode ? l.postcode.replace(/\s/g, '').toUpperCase() : null,
          place: n(l.place),
          municipality_code: l.municipalityCode,
        })),
      )
      .execute();
  if (children.vehicles.length)
    await db
      .insertInto('signal_vehicle')
      .values(children.vehicles.map((v) => ({ signal_id: signalId, license_plate: n(v.licensePlate), description: n(v.description) })))
      .execute();
  if (children.municipalities.length)
    await db
      .insertInto('signal_municipality')
      .values(children.municipalities.map((m): Insertable<SignalMunicipalityTable> => ({ signal_id: signalId, municipality_code: m.code, derived: m.derived })))
      .execute();
  if (children.keys.length)
    await db
      .insertInto('signal_key')
      .values(children.keys.map((k) => ({ signal_id: signalId, region_code: children.regionCode, kind: k.kind, value: k.value, received_at: children.receivedAt })))
      .execute();
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

export function challengeUsed(db: Executor, challengeHash: string) {
  return db.selectFrom('signal').select('id').where('challenge_hash', '=', challengeHash).executeTakeFirst();
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
