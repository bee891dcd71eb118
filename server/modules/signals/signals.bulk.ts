import { randomUUID } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import { AppError } from '@server/core/errors';
import type { Database } from '@server/db/schema';
import { municipalityOfPlace, type NewSignal, type RecordedSignal, routingTable, runSignalRecordedHooks } from './signals.intake';
import { keysOf } from './signals.keys';

/**
 * The bulk path of recordSignal for imports: the same rows (signal, municipalities, locations,
 * persons, businesses, vehicles, duplicate keys, the 'received' event), the same routing and the
 * same duplicate keys, but as multi-row inserts inside the caller's transaction, so a file of
 * 100,000 rows commits (or rolls back) as one. A signal whose (region, channel, source id) or
 * submission key is already recorded is skipped (on conflict do nothing) and returned with
 * created: false. The onSignalRecorded hooks run for every created signal, inside the transaction,
 * as recordSignal runs them. Attachments are not supported here.
 */
export interface BulkOptions {
  /** Rows per insert statement (one JSON parameter per table and chunk). */
  chunkSize?: number;
  /** Called after each chunk with the number of inputs handled so far. */
  onProgress?: (done: number) => void | Promise<void>;
}

interface Prepared {
  input: NewSignal;
  id: string;
  receivedAt: Date;
  locations: (NonNullable<NewSignal['locations']>[number] & { municipalityCode: string | null })[];
  municipalities: { code: string; derived: boolean }[];
}

const json = (rows: unknown[]) => JSON.stringify(rows);
const n = <T>(value: T | undefined) => value ?? null;

export async function recordSignalsBulk(trx: Transaction<Database>, inputs: NewSignal[], options: BulkOptions = {}): Promise<RecordedSignal[]> {
  const chunkSize = options.chunkSize ?? 5_000;
  const prepared: Prepared[] = [];
  const tables = new Map<string, Awaited<ReturnType<typeof routingTable>>>();
  for (const input of inputs) {
    if (input.attachments?.length || input.attachmentIds?.length) throw new Error('recordSignalsBulk does not take attachments; use recordSignal');
    let table = tables.get(input.regionCode);
    if (!table) tables.set(input.regionCode, (table = await routingTable(trx, input.regionCode)));
    const chosen = [...new Set(input.municipalities ?? [])];
    const unknown = chosen.filter((c) => !table.codes.has(c));
    if (unknown.length > 0) {
      throw new AppError('request.invalid', {
        invalidParams: unknown.map((code) => ({ name: 'municipalities', code: 'signal.unknown-municipality', reason: `${code} is not a municipality of this region` })),
      });
    }
    const locations = (input.locations ?? []).map((l) => ({ ...l, municipalityCode: municipalityOfPlace(table, l.place) ?? null }));
    const derived = [...new Set(locations.map((l) => l.municipalityCode).filter((c): c is string => Boolean(c)))];
    const municipalities = chosen.length > 0 ? chosen.map((code) => ({ code, derived: false })) : derived.map((code) => ({ code, derived: true }));
    prepared.push({ input, id: randomUUID(), receivedAt: input.receivedAt ?? new Date(), locations, municipalities });
  }

  const results: RecordedSignal[] = [];
  for (let start = 0; start < prepared.length; start += chunkSize) {
    const chunk = prepared.slice(start, start + chunkSize);
    results.push(...(await insertChunk(trx, chunk)));
    await options.onProgress?.(Math.min(start + chunkSize, prepared.length));
  }
  for (const [i, recorded] of results.entries()) if (recorded.created && inputs[i]!.runHooks !== false) await runSignalRecordedHooks(trx, recorded);
  return results;
}

/**
 * One statement per chunk: the signals (references from the sequence, skipped on conflict) and,
 * for the ones inserted, their municipalities, locations, persons, businesses, vehicles, duplicate
 * keys and 'received' event. One round trip whether the chunk holds one signal or thousands.
 */
async function insertChunk(trx: Transaction<Database>, chunk: Prepared[]): Promise<RecordedSignal[]> {
  const signalRows = chunk.map((p) => {
    const input = p.input;
    return {
      id: p.id,
      region_code: input.regionCode,
      channel: input.channel,
      submission_key: n(input.submissionKey),
      source_id: n(input.sourceId),
      acute: input.acute ?? false,
      forms: input.forms ?? [],
      indicators: input.indicators ?? [],
      summary: input.summary,
      period_from: n(input.periodFrom),
      period_until: n(input.periodUntil),
      meldcode_applies: n(input.meldcodeApplies),
      anonymous: input.anonymous ?? !input.reporter,
      reporter_name: input.reporter?.name ?? null,
      reporter_email: input.reporter?.email ?? null,
      reporter_phone: input.reporter?.phone ?? null,
      reporter_organisation: input.reporter?.organisation ?? null,
      language: input.language ?? 'nl',
      submitted_by: n(input.submittedBy),
      follow_up_hash: n(input.followUpHash),
      follow_up_sealed: n(input.followUpSealed),
      challenge_hash: n(input.challengeHash),
      received_at: p.receivedAt.toISOString(),
    };
  });
  const children = childRows(chunk);
  const { rows: inserted } = await sql<{ id: string; reference: string }>`
    with input as (
      select r.*, nextval('signal_number_seq') as n
      from jsonb_to_recordset(${json(signalRows)}::jsonb) as r(id uuid, region_code text, channel text, submission_key text,
        source_id text, acute boolean, forms text[], indicators text[], summary text, period_from date, period_until date,
        meldcode_applies boolean, anonymous boolean, reporter_name text, reporter_email text, reporter_phone text,
        reporter_organisation text, language text, submitted_by uuid, follow_up_hash text, follow_up_sealed text,
        challenge_hash text, received_at timestamptz)
    ),
    ins as (
      insert into signal (id, region_code, reference, channel, submission_key, source_id, acute, forms, indicators, summary,
        period_from, period_until, meldcode_applies, anonymous, reporter_name, reporter_email, reporter_phone, reporter_organisation,
        language, submitted_by, follow_up_hash, follow_up_sealed, challenge_hash, received_at, updated_at)
      select id, region_code,
        'MH-' || extract(year from received_at at time zone 'UTC')::int || '-' || lpad(n::text, greatest(6, length(n::text)), '0'),
        channel, submission_key, source_id, acute, forms, indicators, summary,
        period_from, period_until, meldcode_applies, anonymous, reporter_name, reporter_email, reporter_phone, reporter_organisation,
        language, submitted_by, follow_up_hash, follow_up_sealed, challenge_hash, received_at, received_at
      from input
      on conflict do nothing
      returning id, reference
    ),
    m as (
      insert into signal_municipality (signal_id, municipality_code, derived)
      select r.* from jsonb_to_recordset(${json(children.municipalities)}::jsonb) as r(signal_id uuid, municipality_code text, derived boolean)
      where r.signal_id in (select id from ins)
    ),
    p as (
      insert into signal_person (signal_id, role, name, alias, phone, email, approximate_age, nationality, bsn, description)
      select r.* from jsonb_to_recordset(${json(children.persons)}::jsonb) as r(signal_id uuid, role text, name text, alias text, phone text,
        email text, approximate_age integer, nationality text, bsn text, description text)
      where r.signal_id in (select id from ins)
    ),
    b as (
      insert into signal_business (signal_id, name, kvk_number, address, sector)
      select r.* from jsonb_to_recordset(${json(children.businesses)}::jsonb) as r(signal_id uuid, name text, kvk_number text, address text, sector text)
      where r.signal_id in (select id from ins)
    ),
    l as (
      insert into signal_location (signal_id, description, street, house_number, postcode, place, municipality_code)
      select r.* from jsonb_to_recordset(${json(children.locations)}::jsonb) as r(signal_id uuid, description text, street text, house_number text,
        postcode text, place text, municipality_code text)
      where r.signal_id in (select id from ins)
    ),
    v as (
      insert into signal_vehicle (signal_id, license_plate, description)
      select r.* from jsonb_to_recordset(${json(children.vehicles)}::jsonb) as r(signal_id uuid, license_plate text, description text)
      where r.signal_id in (select id from ins)
    ),
    k as (
      insert into signal_key (signal_id, region_code, kind, value, received_at)
      select r.* from jsonb_to_recordset(${json(children.keys)}::jsonb) as r(signal_id uuid, region_code text, kind text, value text, received_at timestamptz)
      where r.signal_id in (select id from ins)
    ),
    e as (
      insert into signal_event (signal_id, region_code, actor_user_id, kind, detail)
      select r.* from jsonb_to_recordset(${json(children.events)}::jsonb) as r(signal_id uuid, region_code text, actor_user_id uuid, kind text, detail jsonb)
      where r.signal_id in (select id from ins)
    )
    select id, reference from ins`.execute(trx);
  const createdIds = new Map(inserted.map((r) => [r.id, r.reference]));
  const existing = await findExisting(
    trx,
    chunk.filter((p) => !createdIds.has(p.id)),
  );
  return chunk.map((p): RecordedSignal => {
    const reference = createdIds.get(p.id);
    if (reference) {
      return {
        id: p.id,
        reference,
        regionCode: p.input.regionCode,
        channel: p.input.channel,
        acute: p.input.acute ?? false,
        receivedAt: p.receivedAt,
        municipalities: p.municipalities.map((m) => m.code),
        created: true,
      };
    }
    const found = existing.get(p);
    if (!found) throw new AppError('service.unavailable');
    return { ...found, created: false };
  });
}

function childRows(chunk: Prepared[]) {
  return {
    municipalities: chunk.flatMap((p) => p.municipalities.map((m) => ({ signal_id: p.id, municipality_code: m.code, derived: m.derived }))),
    persons: chunk.flatMap((p) =>
      (p.input.persons ?? []).map((person) => ({
        signal_id: p.id,
        role: person.role,
        name: n(person.name),
        alias: n(person.alias),
        phone: n(person.phone),
        email: n(person.email),
        approximate_age: n(person.approximateAge),
        nationality: n(person.nationality),
        bsn: n(person.bsn),
        description: n(person.description),
      })),
    ),
    businesses: chunk.flatMap((p) => (p.input.businesses ?? []).map((b) => ({ signal_id: p.id, name: n(b.name), kvk_number: n(b.kvkNumber), address: n(b.address), sector: n(b.sector) }))),
    locations: chunk.flatMap((p) =>
      p.locations.map((l) => ({
        signal_id: p.id,
        description: n(l.description),
        street: n(l.street),
        house_number: n(l.houseNumber),
        postcode: l.postcode ? l.postcode.replace(/\s/g, '').toUpperCase() : null,
        place: n(l.place),
        municipality_code: l.municipalityCode,
      })),
    ),
    vehicles: chunk.flatMap((p) => (p.input.vehicles ?? []).map((v) => ({ signal_id: p.id, license_plate: n(v.licensePlate), description: n(v.description) }))),
    // The same duplicate keys for every channel (keysOf over persons, businesses, locations, vehicles).
    keys: chunk.flatMap((p) =>
      keysOf({ persons: p.input.persons, businesses: p.input.businesses, locations: p.input.locations, vehicles: p.input.vehicles }).map((k) => ({
        signal_id: p.id,
        region_code: p.input.regionCode,
        kind: k.kind,
        value: k.value,
        received_at: p.receivedAt.toISOString(),
      })),
    ),
    events: chunk.map((p) => ({
      signal_id: p.id,
      region_code: p.input.regionCode,
      actor_user_id: n(p.input.submittedBy),
      kind: 'received',
      detail: { channel: p.input.channel, ...p.input.eventDetail },
    })),
  };
}

/** The signals that won over skipped inputs: by submission key, else by (region, channel, source id). */
async function findExisting(trx: Transaction<Database>, skipped: Prepared[]): Promise<Map<Prepared, Omit<RecordedSignal, 'created'>>> {
  const found = new Map<Prepared, Omit<RecordedSignal, 'created'>>();
  if (!skipped.length) return found;
  const wanted = skipped.map((p, i) => ({ i, submission_key: n(p.input.submissionKey), region_code: p.input.regionCode, channel: p.input.channel, source_id: n(p.input.sourceId) }));
  const { rows } = await sql<{ i: number; id: string; reference: string; region_code: string; channel: RecordedSignal['channel']; acute: boolean; received_at: Date; municipalities: string[] }>`
    select w.i, s.id, s.reference, s.region_code, s.channel, s.acute, s.received_at,
      coalesce((select array_agg(m.municipality_code) from signal_municipality m where m.signal_id = s.id), '{}') as municipalities
    from jsonb_to_recordset(${json(wanted)}::jsonb) as w(i integer, submission_key text, region_code text, channel text, source_id text)
    join signal s on (w.submission_key is not null and s.submission_key = w.submission_key)
      or (w.submission_key is null and s.region_code = w.region_code and s.channel = w.channel and s.source_id = w.source_id)`.execute(trx);
  for (const row of rows) {
    found.set(skipped[row.i]!, {
      id: row.id,
      reference: row.reference,
      regionCode: row.region_code,
      channel: row.channel,
      acute: row.acute,
      receivedAt: new Date(row.received_at),
      municipalities: row.municipalities,
    });
  }
  return found;
}
