import { randomUUID } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import { AppError } from '@server/core/errors';
import type { Database } from '@server/db/schema';
import { municipalityOfPlace, type NewSignal, type RecordedSignal, type RoutingTable, routingTable, runSignalRecordedHooks } from './signals.intake';
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
  /**
   * 'time-ordered' gives the new signals UUIDv7 ids, so the many rows of an import go to the end of
   * every index on a signal id instead of all over it (~10 % less PostgreSQL work for 100,000 rows).
   * An id then tells when its signal was created to the millisecond, which is why the intake of
   * one report (a public form, a mail) keeps the default: random ids (v4).
   */
  ids?: 'random' | 'time-ordered';
}

interface Prepared {
  input: NewSignal;
  id: string;
  receivedAt: Date;
  locations: (NonNullable<NewSignal['locations']>[number] & { municipalityCode: string | null })[];
  municipalities: { code: string; derived: boolean }[];
}

const json = (rows: unknown[]) => JSON.stringify(rows);
/**
 * Lets the event loop run while the next chunk is prepared: the statement in flight (megabytes of
 * JSON) reaches PostgreSQL only as fast as the socket takes it, so preparing for long without a
 * pause would keep the database waiting for the rest of its statement. Nothing in flight, no pause.
 */
type Pause = () => Promise<void>;
const letSocketDrain: Pause = () => new Promise<void>((resolve) => setImmediate(resolve));
const noPause: Pause = async () => undefined;
/** Left out of the JSON (JSON.stringify drops undefined); json_to_recordset reads a missing key as null. */
const u = <T>(value: T | null | undefined) => value ?? undefined;

export async function recordSignalsBulk(trx: Transaction<Database>, inputs: NewSignal[], options: BulkOptions = {}): Promise<RecordedSignal[]> {
  const chunkSize = options.chunkSize ?? 2_000;
  const newId = options.ids === 'time-ordered' ? timeOrderedIds() : randomUUID;
  // Every input is checked before anything is written.
  const tables = new Map<string, RoutingTable>();
  for (const input of inputs) {
    if (input.attachments?.length || input.attachmentIds?.length) throw new Error('recordSignalsBulk does not take attachments; use recordSignal');
    let table = tables.get(input.regionCode);
    if (!table) tables.set(input.regionCode, (table = await routingTable(trx, input.regionCode)));
    const unknown = [...new Set(input.municipalities ?? [])].filter((c) => !table.codes.has(c));
    if (unknown.length > 0) {
      throw new AppError('request.invalid', {
        invalidParams: unknown.map((code) => ({ name: 'municipalities', code: 'signal.unknown-municipality', reason: `${code} is not a municipality of this region` })),
      });
    }
  }

  // A pipeline of two: while PostgreSQL executes the statement of one chunk, Node prepares the next.
  const results: RecordedSignal[] = [];
  let running: Promise<RecordedSignal[]> | undefined;
  const finish = async () => {
    if (!running) return;
    results.push(...(await running));
    await options.onProgress?.(results.length);
  };
  for (let start = 0; start < inputs.length; start += chunkSize) {
    const chunk = inputs.slice(start, start + chunkSize).map((input) => prepare(input, tables.get(input.regionCode)!, newId()));
    const statement = await chunkStatement(chunk, running ? letSocketDrain : noPause);
    await finish();
    running = insertChunk(trx, chunk, statement);
    // Awaited in the next round; until then a failure must not count as unhandled.
    running.catch(() => undefined);
  }
  await finish();
  for (const [i, recorded] of results.entries()) if (recorded.created && inputs[i]!.runHooks !== false) await runSignalRecordedHooks(trx, recorded);
  return results;
}

function prepare(input: NewSignal, table: RoutingTable, id: string): Prepared {
  const chosen = [...new Set(input.municipalities ?? [])];
  const locations = (input.locations ?? []).map((l) => ({ ...l, municipalityCode: municipalityOfPlace(table, l.place) ?? null }));
  const derived = [...new Set(locations.map((l) => l.municipalityCode).filter((c): c is string => Boolean(c)))];
  const municipalities = chosen.length > 0 ? chosen.map((code) => ({ code, derived: false })) : derived.map((code) => ({ code, derived: true }));
  return { input, id, receivedAt: input.receivedAt ?? new Date(), locations, municipalities };
}

/**
 * One statement per chunk: the signals (references from the sequence, skipped on conflict) and,
 * for the ones inserted, their municipalities, locations, persons, businesses, vehicles, duplicate
 * keys and 'received' event. One round trip whether the chunk holds one signal or thousands.
 * The rows travel as JSON text read with json_to_recordset (no jsonb to build), empty fields are
 * left out (a missing key reads as null), and what a child row shares with its signal (region,
 * received_at, submitter) is taken from the inserted signal rather than repeated per row.
 */
async function chunkStatement(chunk: Prepared[], pause: Pause) {
  const signals = json(
    chunk.map((p) => {
      const input = p.input;
      return {
        id: p.id,
        region_code: input.regionCode,
        channel: input.channel,
        submission_key: u(input.submissionKey),
        source_id: u(input.sourceId),
        acute: input.acute ?? false,
        forms: input.forms?.length ? input.forms : undefined,
        indicators: input.indicators?.length ? input.indicators : undefined,
        summary: input.summary,
        period_from: u(input.periodFrom),
        period_until: u(input.periodUntil),
        meldcode_applies: u(input.meldcodeApplies),
        anonymous: input.anonymous ?? !input.reporter,
        reporter_name: u(input.reporter?.name),
        reporter_email: u(input.reporter?.email),
        reporter_phone: u(input.reporter?.phone),
        reporter_organisation: u(input.reporter?.organisation),
        language: u(input.language),
        submitted_by: u(input.submittedBy),
        follow_up_hash: u(input.followUpHash),
        follow_up_sealed: u(input.followUpSealed),
        challenge_hash: u(input.challengeHash),
        received_at: p.receivedAt.toISOString(),
      };
    }),
  );
  await pause();
  const children = await childRows(chunk, pause);
  return sql<{ id: string; reference: string }>`
    with input as (
      select r.*, nextval('signal_number_seq') as n
      from json_to_recordset(${signals}::json) as r(id uuid, region_code text, channel text, submission_key text,
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
        channel, submission_key, source_id, acute, coalesce(forms, '{}'), coalesce(indicators, '{}'), summary,
        period_from, period_until, meldcode_applies, anonymous, reporter_name, reporter_email, reporter_phone, reporter_organisation,
        coalesce(language, 'nl'), submitted_by, follow_up_hash, follow_up_sealed, challenge_hash, received_at, received_at
      from input
      on conflict do nothing
      returning id, reference, region_code, submitted_by, received_at
    ),
    m as (
      insert into signal_municipality (signal_id, municipality_code, derived)
      select r.* from json_to_recordset(${children.municipalities}::json) as r(signal_id uuid, municipality_code text, derived boolean)
      where r.signal_id in (select id from ins)
    ),
    p as (
      insert into signal_person (signal_id, role, name, alias, phone, email, approximate_age, nationality, bsn, description)
      select r.* from json_to_recordset(${children.persons}::json) as r(signal_id uuid, role text, name text, alias text, phone text,
        email text, approximate_age integer, nationality text, bsn text, description text)
      where r.signal_id in (select id from ins)
    ),
    b as (
      insert into signal_business (signal_id, name, kvk_number, address, sector)
      select r.* from json_to_recordset(${children.businesses}::json) as r(signal_id uuid, name text, kvk_number text, address text, sector text)
      where r.signal_id in (select id from ins)
    ),
    l as (
      insert into signal_location (signal_id, description, street, house_number, postcode, place, municipality_code)
      select r.* from json_to_recordset(${children.locations}::json) as r(signal_id uuid, description text, street text, house_number text,
        postcode text, place text, municipality_code text)
      where r.signal_id in (select id from ins)
    ),
    v as (
      insert into signal_vehicle (signal_id, license_plate, description)
      select r.* from json_to_recordset(${children.vehicles}::json) as r(signal_id uuid, license_plate text, description text)
      where r.signal_id in (select id from ins)
    ),
    k as (
      insert into signal_key (signal_id, region_code, kind, value, received_at)
      select r.signal_id, i.region_code, r.kind, r.value, i.received_at
      from json_to_recordset(${children.keys}::json) as r(signal_id uuid, kind text, value text) join ins i on i.id = r.signal_id
    ),
    e as (
      insert into signal_event (signal_id, region_code, actor_user_id, kind, detail)
      select r.signal_id, i.region_code, i.submitted_by, 'received', r.detail
      from json_to_recordset(${children.events}::json) as r(signal_id uuid, detail jsonb) join ins i on i.id = r.signal_id
    )
    select id, reference from ins`;
}

async function insertChunk(trx: Transaction<Database>, chunk: Prepared[], statement: Awaited<ReturnType<typeof chunkStatement>>): Promise<RecordedSignal[]> {
  const { rows: inserted } = await statement.execute(trx);
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

async function childRows(chunk: Prepared[], pause: Pause) {
  const municipalities: unknown[] = [];
  const persons: unknown[] = [];
  const businesses: unknown[] = [];
  const locations: unknown[] = [];
  const vehicles: unknown[] = [];
  const keys: unknown[] = [];
  const events: unknown[] = [];
  for (const [i, p] of chunk.entries()) {
    if (i % 1_000 === 999) await pause();
    const signal_id = p.id;
    const input = p.input;
    for (const m of p.municipalities) municipalities.push({ signal_id, municipality_code: m.code, derived: m.derived });
    for (const person of input.persons ?? []) {
      persons.push({
        signal_id,
        role: person.role,
        name: u(person.name),
        alias: u(person.alias),
        phone: u(person.phone),
        email: u(person.email),
        approximate_age: u(person.approximateAge),
        nationality: u(person.nationality),
        bsn: u(person.bsn),
        description: u(person.description),
      });
    }
    for (const b of input.businesses ?? []) businesses.push({ signal_id, name: u(b.name), kvk_number: u(b.kvkNumber), address: u(b.address), sector: u(b.sector) });
    for (const l of p.locations) {
      locations.push({
        signal_id,
        description: u(l.description),
        street: u(l.street),
        house_number: u(l.houseNumber),
        postcode: l.postcode ? l.postcode.replace(/\s/g, '').toUpperCase() : undefined,
        place: u(l.place),
        municipality_code: u(l.municipalityCode),
      });
    }
    for (const v of input.vehicles ?? []) vehicles.push({ signal_id, license_plate: u(v.licensePlate), description: u(v.description) });
    // The same duplicate keys for every channel (keysOf over persons, businesses, locations, vehicles).
    for (const k of keysOf({ persons: input.persons, businesses: input.businesses, locations: input.locations, vehicles: input.vehicles })) keys.push({ signal_id, kind: k.kind, value: k.value });
    events.push({ signal_id, detail: { channel: input.channel, ...input.eventDetail } });
  }
  await pause();
  return {
    municipalities: json(municipalities),
    persons: json(persons),
    businesses: json(businesses),
    locations: json(locations),
    vehicles: json(vehicles),
    keys: json(keys),
    events: json(events),
  };
}

/** The signals that won over skipped inputs: by submission key, else by (region, channel, source id). */
async function findExisting(trx: Transaction<Database>, skipped: Prepared[]): Promise<Map<Prepared, Omit<RecordedSignal, 'created'>>> {
  const found = new Map<Prepared, Omit<RecordedSignal, 'created'>>();
  if (!skipped.length) return found;
  const wanted = skipped.map((p, i) => ({ i, submission_key: u(p.input.submissionKey), region_code: p.input.regionCode, channel: p.input.channel, source_id: u(p.input.sourceId) }));
  const { rows } = await sql<{ i: number; id: string; reference: string; region_code: string; channel: RecordedSignal['channel']; acute: boolean; received_at: Date; municipalities: string[] }>`
    select w.i, s.id, s.reference, s.region_code, s.channel, s.acute, s.received_at,
      coalesce((select array_agg(m.municipality_code) from signal_municipality m where m.signal_id = s.id), '{}') as municipalities
    from json_to_recordset(${json(wanted)}::json) as w(i integer, submission_key text, region_code text, channel text, source_id text)
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

/**
 * UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, then a 12-bit counter so ids made within one
 * millisecond still ascend (past 4,096 the clock is borrowed ahead), then random bits.
 */
function timeOrderedIds(): () => string {
  let last = 0;
  let counter = 0;
  return () => {
    const now = Date.now();
    if (now > last) {
      last = now;
      counter = 0;
    } else if (++counter > 0xfff) {
      last += 1;
      counter = 0;
    }
    const time = last.toString(16).padStart(12, '0');
    // randomUUID() is 8-4-4-4-12 hex; from its fourth group on (variant bits included) it is random.
    return `${time.slice(0, 8)}-${time.slice(8)}-7${counter.toString(16).padStart(3, '0')}${randomUUID().slice(18)}`;
  }
}
