import { sql } from 'kysely';
import type { Db } from '@server/core/db/database';

/**
 * Bulk demo data for the case-list benchmark (issue #6, acceptance 6): a million cases and
 * millions of access-log rows, made with set-based SQL (generate_series, insert … select) in
 * seconds rather than hours. Values come from hashes of the row number, so they are spread without
 * a random generator: municipalities by their number of inhabitants, most cases closed (about
 * 13 % open), some with two municipalities, assignments to the demo aandachtsfunctionarissen,
 * tracks with an action and the owner's grant, and table grants for the police on the cases put
 * forward. Deadlines are approximated in calendar days here (the story cases use working days).
 */

const HASH = (g: string, k: number) => sql.raw(`abs(hashint8(${g} * 7 + ${k}))`);
/** A version-4-shaped uuid from a text (the API accepts only RFC 9562 uuids in paths). */
const UUID = (text: ReturnType<typeof sql>) => sql`overlay(overlay(md5(${text}) placing '4' from 13) placing '8' from 17)::uuid`;

export async function bulkCases(db: Db, input: { total: number; regions: string[]; seed: number; log: (line: string) => void }): Promise<number> {
  if (input.total <= 0) return 0;
  const started = performance.now();
  const existing = Number((await sql<{ n: string }>`select count(*) as n from case_file`.execute(db)).rows[0]!.n);
  const salt = `${input.seed}:${existing}`;
  await db.transaction().execute(async (trx) => {
    await sql`set local work_mem = '256MB'`.execute(trx);
    // About a thousand slots, shared by the municipalities in proportion to their inhabitants.
    await sql`create temp table demo_slot on commit drop as
      select (row_number() over (order by region_code, code) - 1)::int as slot, region_code, code from (
        select m.region_code, m.code, generate_series(1, greatest(1, round(1000.0 * m.inhabitants / sum(m.inhabitants) over ()))::int)
        from municipality m where m.region_code = any(${input.regions}::text[])) x`.execute(trx);
    await sql`create temp table demo_assignee on commit drop as
      select u.region_code, um.municipality_code, u.id as user_id from app_user u join user_municipality um on um.user_id = u.id
      join user_role r on r.user_id = u.id and r.role = 'aandachtsfunctionaris' where u.is_demo`.execute(trx);
    await sql`create temp table demo_owner on commit drop as
      select r.code as region_code, k.kind,
        (select o.id from organisation o where o.region_code = r.code and o.origin = 'config' and o.type = any(k.types) order by array_position(k.types, o.type), o.name limit 1) as organisation_id
      from region r cross join (values ('care', array['care-coordination', 'veilig-thuis']), ('care-criminal', array['zorg-en-veiligheidshuis']),
        ('undermining', array['riec', 'police'])) k(kind, types) where r.code = any(${input.regions}::text[])`.execute(trx);
    const slots = Number((await sql<{ n: string }>`select count(*) as n from demo_slot`.execute(trx)).rows[0]!.n);
    // One row per case with everything derived from it; the tables are filled from here.
    await sql`create temp table demo_case on commit drop as
      with base as (
        select g, ${HASH('g', 1)} as h1, ${HASH('g', 2)} as h2, ${HASH('g', 3)} as h3 from generate_series(1, ${input.total}::bigint) g
      ), shaped as (
        select b.*, s.region_code, s.code as lead, s2.code as second,
          case when h1 % 100 < 87 then 'closed' when h1 % 100 < 92 then 'monitoring' when h1 % 100 < 95 then 'put-forward' else 'enrichment' end as status,
          case when h2 % 100 < 36 then 'labour' when h2 % 100 < 70 then 'sexual' when h2 % 100 < 90 then 'criminal' when h2 % 100 < 95 then 'begging' else 'forced-marriage' end as form
        from base b
        join demo_slot s on s.slot = (b.h1 / 100) % ${slots}
        left join demo_slot s2 on b.h2 % 10 = 0 and s2.slot = (b.h2 / 10) % ${slots} and s2.region_code = s.region_code and s2.code <> s.code
      ), dated as (
        select sh.*, now() - make_interval(mins => (case status
            when 'closed' then h3 % (730 * 1440) when 'monitoring' then 30 * 1440 + h3 % (300 * 1440)
            when 'put-forward' then 5 * 1440 + h3 % (40 * 1440) else h3 % (25 * 1440) end)::int) as created_at
        from shaped sh
      )
      select g, ${UUID(sql`${salt} || ':' || g`)} as id, d.region_code, d.lead, d.second, d.status, d.form, d.created_at, h1, h2, h3,
        case d.status when 'enrichment' then d.created_at::date + 7 when 'put-forward' then d.created_at::date + 26 end as assessment_due,
        case when d.status = 'monitoring' then current_date + (h3 % 90)::int - 30 end as action_due,
        case when d.status = 'monitoring' then (array['care', 'care-criminal', 'undermining', 'administrative', 'local-help'])[1 + h2 % 5]
             when d.status = 'closed' and h3 % 10 = 0 then (array['care', 'care-criminal', 'undermining', 'administrative', 'local-help'])[1 + h2 % 5] end as track_kind,
        case when d.status = 'closed' then greatest(d.created_at + interval '1 hour', least(d.created_at + make_interval(days => 30 + (h2 % 170)::int), now() - interval '1 day')) end as closed_at,
        coalesce((select a.user_id from demo_assignee a where a.region_code = d.region_code and a.municipality_code = d.lead limit 1),
          case when h3 % 3 = 0 then (select u.id from app_user u join user_role r on r.user_id = u.id and r.role = 'ketenregisseur' where u.region_code = d.region_code and u.is_demo limit 1) end) as assigned_to,
        nextval('case_number_seq') as number
      from dated d`.execute(trx);
    await sql`insert into case_file (id, region_code, reference, title, summary, forms, acute, status, lead_municipality_code, municipalities, assigned_to,
        assessment, assessment_reason, assessed_at, assessment_due, next_due, closed_reason_code, closed_reason, closed_at, created_at, updated_at, version)
      select id, region_code,
        'CS-' || to_char(created_at at time zone 'Europe/Amsterdam', 'YYYY') || '-' || case when number > 999999 then number::text else lpad(number::text, 6, '0') end,
        (case form when 'labour' then array['Uitzendbureau', 'Autowasstraat', 'Loods', 'Schoonmaakbedrijf', 'Kassencomplex', 'Pakketbezorging']
          when 'sexual' then array['Woning', 'Massagesalon', 'Nagelstudio', 'Hotelkamer', 'Advertentie'] when 'criminal' then array['Hennepkwekerij', 'Station', 'Bankrekening']
          when 'begging' then array['Supermarkt', 'Winkelcentrum'] else array['Leerling', 'Gezin'] end)[1 + (h3 / 7) % (case form when 'labour' then 6 when 'sexual' then 5 when 'criminal' then 3 else 2 end)]
          || ' ' || (array['Kerkstraat', 'Stationsstraat', 'Dorpsstraat', 'Industrieweg', 'Havenweg', 'Marktstraat', 'Molenweg', 'Schoolstraat', 'Beukenlaan', 'Eikenlaan',
            'Julianastraat', 'Wilhelminastraat', 'Nieuwstraat', 'Parallelweg', 'Sportlaan', 'Kanaalweg', 'Polderweg', 'Vaartweg', 'Weideweg', 'Brinkweg',
            'Emmastraat', 'Oranjestraat', 'Prins Bernhardlaan', 'Koningsweg', 'Zuiderzeestraat', 'Veldweg', 'Bosweg', 'Esdoornlaan', 'Lindenlaan', 'Hoofdstraat'])[1 + (h1 / 1000) % 30]
          || ' ' || (1 + (h2 / 100) % 240)::text,
        'Fictieve benchmarkcasus (demodata).', array[form], h3 % 50 = 0, status, lead,
        case when second is null then array[lead] else array[lead, second] end, assigned_to,
        case when status = 'enrichment' then null when status = 'closed' and track_kind is null then 'close' when track_kind = 'local-help' then 'local-help' else 'table' end,
        case when status = 'enrichment' then null else 'Beoordeeld na verrijking (demodata).' end,
        case when status <> 'enrichment' then least(created_at + interval '5 days', now() - interval '1 hour') end,
        assessment_due,
        case when status in ('enrichment', 'put-forward') then assessment_due when status = 'monitoring' then action_due end,
        case when status = 'closed' then (array['no-exploitation', 'handled-locally', 'tracks-completed', 'moved-away', 'declined-help', 'referred-elsewhere', 'other'])[1 + h2 % 7] end,
        case when status = 'closed' then 'Afgesloten (demodata).' end,
        closed_at, created_at, coalesce(closed_at, created_at + interval '6 days'), 1 + (h1 % 7)::int
      from demo_case`.execute(trx);
    await sql`insert into case_municipality (case_id, municipality_code, region_code, lead, open, next_due, created_at)
      select id, lead, region_code, true, status <> 'closed', case when status in ('enrichment', 'put-forward') then assessment_due when status = 'monitoring' then action_due end, created_at from demo_case
      union all
      select id, second, region_code, false, status <> 'closed', case when status in ('enrichment', 'put-forward') then assessment_due when status = 'monitoring' then action_due end, created_at from demo_case where second is not null`.execute(trx);
    await sql`create temp table demo_track on commit drop as
      select ${UUID(sql`${salt} || ':track:' || c.g`)} as id, c.id as case_id, c.region_code, c.track_kind as kind, c.status, c.action_due, c.closed_at,
        least(c.created_at + interval '12 days', now() - interval '1 hour') as opened_at,
        coalesce(o.organisation_id, (select m.id from organisation m where m.region_code = c.region_code and m.type = 'municipality' and m.municipality_code = c.lead limit 1)) as owner
      from demo_case c left join demo_owner o on o.region_code = c.region_code and o.kind = c.track_kind
      where c.track_kind is not null`.execute(trx);
    await sql`insert into case_track (id, case_id, region_code, kind, measure, owner_organisation_id, status, note, opened_at, closed_reason, closed_at)
      select id, case_id, region_code, kind, case when kind = 'administrative' then 'closure' end, owner, case when status = 'closed' then 'closed' else 'open' end,
        'Spoor uit de benchmarkdata.', opened_at, case when status = 'closed' then 'Afgerond (demodata).' end, case when status = 'closed' then greatest(closed_at, opened_at) end
      from demo_track where owner is not null`.execute(trx);
    await sql`insert into track_action (track_id, case_id, region_code, description, owner_organisation_id, due_on, status, created_at, completed_at)
      select id, case_id, region_code, 'Actie uit de benchmarkdata', owner, coalesce(action_due, opened_at::date + 14), case when status = 'closed' then 'done' else 'open' end,
        opened_at, case when status = 'closed' then greatest(closed_at, opened_at) end
      from demo_track where owner is not null`.execute(trx);
    await sql`insert into access_grant (region_code, record_type, record_id, grantee_organisation_id, purpose, legal_basis, valid_from, valid_until, created_at, revoked_at, source_type, source_id)
      select region_code, 'case', case_id::text, owner, 'spoor ' || kind, 'convenant', opened_at, greatest(opened_at + interval '366 days', now() + interval '30 days'), opened_at,
        case when status = 'closed' then greatest(closed_at, opened_at + interval '1 minute') end, 'track', id
      from demo_track where owner is not null`.execute(trx);
    // The police are invited to the table for the cases put forward.
    await sql`insert into access_grant (region_code, record_type, record_id, grantee_organisation_id, purpose, legal_basis, valid_from, valid_until, created_at)
      select c.region_code, 'case', c.id::text, p.id, 'weeg- en monitortafel (demodata)', 'wpg', now() - interval '3 days', now() + interval '10 days', now() - interval '3 days'
      from demo_case c join lateral (select o.id from organisation o where o.region_code = c.region_code and o.type = 'police' and o.origin = 'config' limit 1) p on true
      where c.status = 'put-forward'`.execute(trx);
  });
  await sql`vacuum (analyze) case_file, case_municipality, case_search_term, case_track, track_action, access_grant`.execute(db);
  input.log(`  ${input.total} bulk cases over ${input.regions.length} regions in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return input.total;
}

/**
 * Access-log rows for the benchmark, sealed as they are written: the hash chain
 * (seal_access_log, migration 0003) is computed by a running aggregate over the new rows in
 * sequence order, continuing from the last sealed row, under the sealer's advisory lock — so no
 * sealer has millions of rows to catch up on while the benchmark measures.
 */
export async function bulkAccessLog(db: Db, input: { rows: number; regions: string[]; seed: number; log: (line: string) => void }): Promise<number> {
  const started = performance.now();
  const chunk = 250_000;
  await db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(7513)`.execute(trx);
    while (Number((await sql<{ n: number }>`select seal_access_log(100000) as n`.execute(trx)).rows[0]!.n) > 0);
    await sql`set local work_mem = '256MB'`.execute(trx);
    await sql`create function pg_temp.demo_chain_step(state text, payload text, start text) returns text language sql immutable as
      $$ select encode(sha256(convert_to(coalesce(state, start) || '|' || payload, 'UTF8')), 'hex') $$`.execute(trx);
    await sql`create aggregate pg_temp.demo_chain(text, text) (sfunc = pg_temp.demo_chain_step, stype = text)`.execute(trx);
    await sql`create temp table demo_actor on commit drop as
      select (row_number() over (order by u.email) - 1)::int as n, u.id, u.region_code, u.organisation_id, (select string_agg(r.role, ',') from user_role r where r.user_id = u.id) as role
      from app_user u where u.region_code = any(${input.regions}::text[])`.execute(trx);
    await sql`create temp table demo_log_case on commit drop as select (row_number() over () - 1)::int as n, id::text as id from (select id from case_file order by id limit 200000) x`.execute(trx);
    const logCases = Math.max(1, Number((await sql<{ n: string }>`select count(*) as n from demo_log_case`.execute(trx)).rows[0]!.n));
    const actors = Number((await sql<{ n: string }>`select count(*) as n from demo_actor`.execute(trx)).rows[0]!.n);
    if (actors === 0) return;
    const last = (await sql<{ seq: string; hash: string }>`select seq, hash from access_log where seq is not null order by seq desc limit 1`.execute(trx)).rows[0];
    let seq = Number(last?.seq ?? 0);
    let previous = last?.hash ?? '';
    for (let from = 1; from <= input.rows; from += chunk) {
      const to = Math.min(input.rows, from + chunk - 1);
      const result = await sql<{ hash: string }>`
        with base as (
          select g, nextval('access_log_id_seq') as id, ${HASH('g', 11)} as h1, ${HASH('g', 12)} as h2
          from generate_series(${from}::bigint, ${to}::bigint) g
        ), shaped as (
          select b.g, b.id, now() - make_interval(secs => (730 * 86400.0 * (1 - b.g::float8 / ${input.rows}))) as at, a.region_code, a.id as user_id, a.role, a.organisation_id,
            case when h2 % 100 < 70 then 'read' when h2 % 100 < 80 then 'update' when h2 % 100 < 85 then 'create' when h2 % 100 < 95 then 'login' when h2 % 100 < 98 then 'denied' else 'export' end as action,
            h1, h2, ${seq}::bigint + b.g - ${from - 1} as seq
          from base b join demo_actor a on a.n = b.h1 % ${actors}
        ), rows as (
          select s.*, case when action = 'login' then null when h1 % 10 = 0 then 'case-list' else 'case' end as record_type,
            case when action = 'login' or h1 % 10 = 0 then null else k.id end as record_id
          from shaped s left join demo_log_case k on k.n = (s.h2 / 100) % ${logCases}
        ), payloads as (
          select r.*, access_log_payload(row(r.id, r.at, r.region_code, r.user_id, r.role, r.organisation_id, r.action, r.record_type, r.record_id, '{}'::text[],
              case when r.record_type is not null then 'case coordination (weeg- en monitortafel)' end, null::uuid, '192.0.2.' || (r.h1 % 250)::text, 'Mozilla/5.0 (demo)',
              'demo-' || r.g::text, case when r.action = 'denied' then 'denied' else 'success' end, null::text, r.seq, null::text, null::text)::access_log) as payload
          from rows r
        ), chained as (
          select p.*, pg_temp.demo_chain(p.payload, ${previous}) over (order by p.seq rows between unbounded preceding and current row) as hash from payloads p
        ), inserted as (
          insert into access_log (id, at, region_code, user_id, role, organisation_id, action, record_type, record_id, subjects, purpose, grant_id, client_address, user_agent, request_id, outcome, reason, seq, prev_hash, hash)
          select id, at, region_code, user_id, role, organisation_id, action, record_type, record_id, '{}',
            case when record_type is not null then 'case coordination (weeg- en monitortafel)' end, null, '192.0.2.' || (h1 % 250)::text, 'Mozilla/5.0 (demo)',
            'demo-' || g::text, case when action = 'denied' then 'denied' else 'success' end, null, seq, coalesce(lag(hash) over (order by seq), ${previous}), hash
          from chained
          returning seq, hash
        )
        select hash from inserted order by seq desc limit 1`.execute(trx);
      seq += to - from + 1;
      previous = result.rows[0]!.hash;
      input.log(`  access log: ${to} of ${input.rows} rows sealed`);
    }
  });
  await sql`vacuum (analyze) access_log`.execute(db);
  input.log(`  ${input.rows} access-log rows (sealed) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return input.rows;
}
