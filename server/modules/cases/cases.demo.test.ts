import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDemo } from '@server/core/demo';
import { createTestApp, type TestApp } from '@server/core/testing';
import { modules } from '@server/modules';
import { caseStatuses, trackKinds } from './cases.catalogue';

const regions = ['gooi-en-vechtstreek', 'ijsselland'];
let t: TestApp;
let seconds = 0;
beforeAll(async () => {
  t = await createTestApp();
  const started = performance.now();
  await runDemo(t.prepared.database.db, modules, { seed: 7, sizes: { organisations: 0, signals: 80, mailboxMessages: 0, cases: 40 }, regions, log: (line) => console.log(`${((performance.now() - started) / 1000).toFixed(2)} ${line}`) });
  seconds = (performance.now() - started) / 1000;
});
afterAll(async () => {
  await t.close();
});

const rows = async <T,>(query: ReturnType<typeof sql<T>>) => (await query.execute(t.prepared.database.db)).rows;

describe('demo cases (issue #6, acceptance 8)', () => {
  it('has cases in every state for both regions, made from signals that are now forwarded', async () => {
    const counts = await rows<{ region_code: string; status: string; n: number }>(sql`select region_code, status, count(*)::int as n from case_file group by 1, 2`);
    for (const region of regions) for (const status of caseStatuses) expect(counts.find((c) => c.region_code === region && c.status === status)?.n ?? 0, `${region} ${status}`).toBeGreaterThan(0);
    expect(counts.filter((c) => c.region_code === 'ijsselland').reduce((s, c) => s + c.n, 0)).toBe(40);
    const [signals] = await rows<{ linked: number; forwarded: number; orphans: number }>(sql`
      select count(*)::int as linked, count(*) filter (where s.status = 'forwarded')::int as forwarded,
        (select count(*)::int from case_file c where not exists (select 1 from case_signal x where x.case_id = c.id)) as orphans
      from case_signal cs join signal s on s.id = cs.signal_id`);
    expect(signals!.linked).toBeGreaterThanOrEqual(80);
    expect(signals!.forwarded).toBe(signals!.linked);
    expect(signals!.orphans).toBe(0);
  });

  it('has every track kind, actions overdue and done, overdue assessments, hand-overs, an acute intervention and a spoed-MDO in each region', async () => {
    for (const region of regions) {
      const kinds = await rows<{ kind: string }>(sql`select distinct kind from case_track where region_code = ${region}`);
      expect(kinds.map((k) => k.kind).sort(), region).toEqual([...trackKinds].sort());
      const [x] = await rows<Record<string, number>>(sql`select
        (select count(*)::int from track_action a join case_track t on t.id = a.track_id where a.region_code = ${region} and a.status = 'open' and t.status = 'open' and a.due_on < current_date) as overdue_actions,
        (select count(*)::int from track_action where region_code = ${region} and status = 'done') as done_actions,
        (select count(*)::int from case_file where region_code = ${region} and status = 'enrichment' and assessment_due < current_date) as overdue_assessments,
        (select count(*)::int from case_handover where region_code = ${region} and status = 'pending') as pending,
        (select count(*)::int from case_handover where region_code = ${region} and status = 'accepted') as accepted,
        (select count(*)::int from acute_intervention where region_code = ${region}) as interventions,
        (select count(*)::int from urgent_consultation where region_code = ${region} and status = 'open' and grant_until > now()) as open_mdo,
        (select count(*)::int from urgent_consultation where region_code = ${region} and status = 'advised') as advised_mdo,
        (select count(*)::int from case_source_check where region_code = ${region}) as source_checks,
        (select count(*)::int from case_consultation where region_code = ${region}) as consultations,
        (select count(*)::int from case_file where region_code = ${region} and cardinality(municipalities) > 1) as cross_municipality,
        (select count(*)::int from case_file where region_code = ${region} and status = 'closed' and closed_reason_code is null) as closed_without_reason,
        (select count(*)::int from track_action where region_code = ${region} and owner_user_id is null and owner_organisation_id is null) as ownerless`);
      expect(x, region).toMatchObject({ pending: 1, accepted: 1, closed_without_reason: 0, ownerless: 0 });
      for (const key of ['overdue_actions', 'done_actions', 'overdue_assessments', 'interventions', 'open_mdo', 'advised_mdo', 'source_checks', 'consultations', 'cross_municipality']) expect(x![key], `${region} ${key}`).toBeGreaterThan(0);
    }
  });

  it('has table sessions in every state, with decisions that opened tracks, an amendment, and invitations whose grants let the police see the upcoming agenda', async () => {
    for (const region of regions) {
      const sessions = await rows<{ status: string; n: number }>(sql`select status, count(*)::int as n from table_session where region_code = ${region} group by 1`);
      expect(Object.fromEntries(sessions.map((s) => [s.status, s.n])), region).toEqual({ confirmed: 6, held: 1, planned: 2 });
      const [x] = await rows<Record<string, number>>(sql`select
        (select count(*)::int from case_track t join table_decision d on d.id = t.decision_id where t.region_code = ${region} and t.id = any(d.track_ids)) as decided_tracks,
        (select count(*)::int from table_minutes_amendment where region_code = ${region}) as amendments,
        (select count(*)::int from table_attendance a join table_session s on s.id = a.session_id where s.region_code = ${region}) as attendance,
        (select count(*)::int from table_agenda_item i join table_session s on s.id = i.session_id where s.region_code = ${region} and s.status = 'planned') as upcoming_items,
        (select count(*)::int from table_agenda_item i join table_session s on s.id = i.session_id join case_file c on c.id = i.case_id where s.region_code = ${region} and s.status = 'planned' and c.status = 'closed') as closed_on_upcoming,
        (select count(*)::int from partner_legal_basis where region_code = ${region}) as legal_bases,
        (select count(*)::int from table_agenda_item i join table_session s on s.id = i.session_id
          join app_user u on u.email = 'tafellid@' || ${region} || '.demo.test'
          where s.region_code = ${region} and s.status = 'planned' and not exists (
            select 1 from access_grant g join table_invitation inv on inv.id = g.source_id
            where g.source_type = 'table-invitation' and inv.session_id = s.id and g.record_id = i.case_id::text
              and g.grantee_organisation_id = u.organisation_id and g.revoked_at is null and g.valid_from <= now()
              and g.valid_until = s.ends_at + make_interval(hours => s.grant_hours_after))) as unseen_by_police`);
      expect(x, region).toMatchObject({ amendments: 1, closed_on_upcoming: 0, unseen_by_police: 0 });
      for (const key of ['decided_tracks', 'attendance', 'upcoming_items', 'legal_bases']) expect(x![key], `${region} ${key}`).toBeGreaterThan(0);
    }
  });

  it('keeps the invariants: work-list rows match the case, deadlines follow the rule, open tracks have a live grant, closed cases have no open track', async () => {
    const [x] = await rows<Record<string, number>>(sql`select
      (select count(*)::int from case_file c where c.municipalities[1] <> c.lead_municipality_code
        or array(select m.municipality_code from case_municipality m where m.case_id = c.id order by 1) <> array(select unnest(c.municipalities) order by 1)) as municipality_mismatch,
      (select count(*)::int from case_municipality m join case_file c on c.id = m.case_id
        where m.open <> (c.status <> 'closed') or m.next_due is distinct from c.next_due or m.lead <> (m.municipality_code = c.lead_municipality_code)) as worklist_mismatch,
      (select count(*)::int from case_file c where c.next_due is distinct from (select min(d) from (values
          (case when c.status in ('enrichment', 'put-forward') then c.assessment_due end),
          ((select min(a.due_on) from track_action a where a.case_id = c.id and a.status = 'open')),
          ((select min(h.due_on) from case_handover h where h.case_id = c.id and h.status = 'pending'))) v(d))) as deadline_mismatch,
      (select count(*)::int from case_track t where t.status = 'open' and not exists (select 1 from access_grant g where g.source_type = 'track' and g.source_id = t.id
        and g.grantee_organisation_id = t.owner_organisation_id and g.record_id = t.case_id::text and g.revoked_at is null and g.valid_from <= now() and g.valid_until > now())) as open_without_grant,
      (select count(*)::int from case_track t where t.status = 'closed' and exists (select 1 from access_grant g where g.source_type = 'track' and g.source_id = t.id and g.revoked_at is null)) as closed_with_grant,
      (select count(*)::int from case_track t join case_file c on c.id = t.case_id where c.status = 'closed' and t.status = 'open') as closed_with_open_track,
      (select count(*)::int from case_file c where c.status = 'monitoring' and not exists (select 1 from case_track t where t.case_id = c.id and t.status = 'open')) as monitoring_without_track,
      (select count(*)::int from case_event e join case_file c on c.id = e.case_id where e.at < c.created_at - interval '1 day' or e.at > now()) as events_out_of_time,
      (select count(*)::int from case_file c where c.created_at > now()) as future_cases`);
    expect(x).toEqual({ municipality_mismatch: 0, worklist_mismatch: 0, deadline_mismatch: 0, open_without_grant: 0, closed_with_grant: 0, closed_with_open_track: 0, monitoring_without_track: 0, events_out_of_time: 0, future_cases: 0 });
  });

  it('gives the demo aandachtsfunctionaris work: assigned enrichment cases and the pending hand-over, and stays fast', async () => {
    for (const region of regions) {
      const [x] = await rows<{ assigned: number; handovers: number }>(sql`
        select (select count(*)::int from case_file c where c.assigned_to = u.id and c.status = 'enrichment') as assigned,
          (select count(*)::int from case_handover h join user_municipality um on um.municipality_code = h.to_municipality_code and um.user_id = u.id where h.status = 'pending') as handovers
        from app_user u where u.email = ${`aandachtsfunctionaris@${region}.demo.test`}`);
      expect(x!.assigned, region).toBeGreaterThanOrEqual(3);
      expect(x!.handovers, region).toBe(1);
      const extra = await rows<{ email: string }>(sql`select email from app_user where region_code = ${region} and email like 'tafellid-%' or email like 'aandachtsfunctionaris-2@%'`);
      expect(extra.length).toBeGreaterThanOrEqual(2);
    }
    expect(seconds).toBeLessThan(30);
  });
});
