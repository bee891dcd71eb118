import { sql } from 'kysely';
import type { Db } from '@server/core/db/database';
import type { DemoContributor } from '@server/core/module';
import { localDate } from '@server/core/working-days';
import { settingsOf } from './cases.access';
import { bulkAccessLog, bulkCases } from './cases.demo.bulk';
import { type DemoContext, type DemoRows, emptyRows, tellStories } from './cases.demo.story';

/**
 * Demo cases (issue #6, acceptance 8): per region a living work load made from the demo signals
 * that are not in a case yet — cases in every state, enrichment with source checks and
 * consultations, hand-overs, tracks of every kind with actions, acute interventions, table
 * sessions (confirmed, held, planned) with agendas, invitations and their grants, a spoed-MDO —
 * each with its timeline. Everything is built in memory from the seeded faker and written with a
 * few multi-row statements per table, so the default demo stays fast.
 *
 * From BULK_FROM cases up (`npx schakel demo --cases 1000000 --access-log 5000000`), the story
 * cases are made as usual and the rest in bulk with set-based SQL, for the case-list benchmark.
 */
export const BULK_FROM = 1000;
const STORY_CASES_WITH_BULK = 40;

const demoRoleEmails = ['aandachtsfunctionaris', 'aandachtsfunctionaris-2', 'ketenregisseur', 'tafellid', 'tafellid-riec', 'tafellid-om', 'zorgcoordinator', 'procesregisseur'] as const;

async function contextOf(db: Db, region: string, options: Parameters<DemoContributor>[1], wanted: number): Promise<DemoContext | undefined> {
  const settings = await settingsOf(db, region);
  const organisations = await db.selectFrom('organisation').select(['id', 'name', 'type', 'municipality_code']).where('region_code', '=', region).where('origin', '=', 'config').orderBy('name').execute();
  const municipalities = await db.selectFrom('municipality').select(['code', 'name']).where('region_code', '=', region).orderBy('name').execute();
  const users = await db
    .selectFrom('app_user as u')
    .leftJoin('user_municipality as m', 'm.user_id', 'u.id')
    .select(['u.id', 'u.email', 'u.organisation_id', 'm.municipality_code'])
    .where('u.email', 'in', demoRoleEmails.map((r) => `${r}@${region}.demo.test`))
    .execute();
  const user = (role: (typeof demoRoleEmails)[number]) => users.find((u) => u.email === `${role}@${region}.demo.test`);
  const kr = user('ketenregisseur');
  const af = user('aandachtsfunctionaris');
  if (!kr || !af || municipalities.length === 0) return undefined;
  const signals = await db
    .selectFrom('signal as s')
    .leftJoin('case_signal as cs', 'cs.signal_id', 's.id')
    .select(['s.id', 's.reference', 's.received_at', 's.forms', 's.acute'])
    .select(sql<string[]>`coalesce((select array_agg(sm.municipality_code order by sm.derived, sm.municipality_code) from signal_municipality sm where sm.signal_id = s.id), '{}')`.as('municipalities'))
    .where('s.region_code', '=', region)
    .where('cs.case_id', 'is', null)
    .where('s.status', 'not in', ['merged'])
    .orderBy('s.received_at', 'desc')
    .execute();
  const byType = (...types: string[]) => types.map((t) => organisations.find((o) => o.type === t)).find((o) => o !== undefined);
  const zvh = byType('zorg-en-veiligheidshuis', 'regional-body') ?? organisations[0]!;
  const fallbackMunicipality = municipalities.find((m) => m.code === af.municipality_code)?.code ?? municipalities[0]!.code;
  const second = user('aandachtsfunctionaris-2');
  const numbers = async (sequence: string, count: number) =>
    (await sql<{ n: string }>`select nextval(${sequence}::regclass) as n from generate_series(1, ${count})`.execute(db)).rows.map((r) => Number(r.n));
  const legalBases = await db.selectFrom('partner_legal_basis').select('organisation_id').where('region_code', '=', region).execute();
  return {
    caseNumbers: await numbers('case_number_seq', Math.min(wanted, signals.length)),
    sessionNumbers: await numbers('table_session_number_seq', 9),
    legalBasesDone: new Set(legalBases.map((r) => r.organisation_id)),
    region,
    faker: options.faker,
    now: new Date(),
    settings,
    municipalities: municipalities.map((m) => m.code),
    signals: signals.map((s) => ({ ...s, received_at: new Date(s.received_at) })),
    organisations: {
      zvh,
      care: byType('care-coordination', 'veilig-thuis') ?? zvh,
      police: byType('police') ?? zvh,
      om: byType('public-prosecution', 'police') ?? zvh,
      // Gooi en Vechtstreek has no RIEC in its configuration: the undermining track goes to the police there.
      riec: byType('riec', 'police') ?? zvh,
      veiligThuis: byType('veilig-thuis', 'care-coordination') ?? zvh,
      municipality: (code) => organisations.find((o) => o.type === 'municipality' && o.municipality_code === code) ?? zvh,
      core: ['police', 'public-prosecution', 'riec', 'veilig-thuis', 'care-coordination', 'zorg-en-veiligheidshuis'].map((t) => organisations.find((o) => o.type === t)).filter((o) => o !== undefined),
    },
    users: {
      af: { id: af.id, municipality: af.municipality_code ?? fallbackMunicipality },
      af2: second ? { id: second.id, municipality: second.municipality_code ?? fallbackMunicipality } : undefined,
      kr: kr.id,
      tafellid: user('tafellid')?.id ?? kr.id,
      tafellidRiec: user('tafellid-riec')?.id ?? kr.id,
      zorgcoordinator: user('zorgcoordinator')?.id ?? kr.id,
      procesregisseur: user('procesregisseur')?.id ?? kr.id,
    },
  };
}

/** Multi-row inserts, in chunks below PostgreSQL's parameter limit. */
async function insertAll(db: Db, table: string, rows: Record<string, unknown>[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!).length;
  const chunk = Math.max(1, Math.floor(30_000 / columns));
  for (let i = 0; i < rows.length; i += chunk) {
    // Table names are this module's own literals; values go as parameters.
    await db
      .insertInto(table as 'case_file')
      .values(rows.slice(i, i + chunk) as never)
      .execute();
  }
}

async function write(db: Db, rows: DemoRows): Promise<void> {
  const order: (keyof DemoRows)[] = [
    'partner_legal_basis',
    'case_file',
    'case_municipality',
    'case_signal',
    'case_source_check',
    'case_consultation',
    'case_handover',
    'table_session',
    'table_agenda_item',
    'table_decision',
    'case_track',
    'track_action',
    'acute_intervention',
    'table_invitation',
    'table_attendance',
    'table_minutes_amendment',
    'access_grant',
    'urgent_consultation',
    'urgent_consultation_invitee',
    'urgent_consultation_contribution',
    'case_event',
  ];
  for (const table of order) await insertAll(db, table, rows[table]);
  const signalIds = rows.case_signal.map((r) => r.signal_id as string);
  if (signalIds.length > 0) {
    await db.updateTable('signal').set({ status: 'forwarded', updated_at: new Date(), version: sql<number>`version + 1` }).where('id', 'in', signalIds).execute();
    await sql`insert into signal_event (signal_id, region_code, actor_user_id, kind, detail, at)
      select s.id, s.region_code, cs.joined_by, 'joined-case', jsonb_build_object('caseReference', c.reference), cs.joined_at
      from case_signal cs join signal s on s.id = cs.signal_id join case_file c on c.id = cs.case_id
      where cs.signal_id = any(${signalIds}::uuid[])`.execute(db);
  }
}

/**
 * The deadline rule of refreshDeadlines (cases.repository.ts), for many cases at once: the step's
 * due date while enriching or put forward, the earliest open action, a pending hand-over; the
 * work-list rows get it and whether the case is open.
 */
export async function refreshAllDeadlines(db: Db, regionCode: string): Promise<void> {
  await sql`
    with due as (
      select c.id, c.status,
        (select min(d) from (values
          (case when c.status in ('enrichment', 'put-forward') then c.assessment_due end),
          ((select min(a.due_on) from track_action a where a.case_id = c.id and a.status = 'open')),
          ((select min(h.due_on) from case_handover h where h.case_id = c.id and h.status = 'pending'))
        ) v(d)) as next_due
      from case_file c where c.region_code = ${regionCode}
    ), updated as (
      update case_file c set next_due = due.next_due from due where c.id = due.id and c.next_due is distinct from due.next_due returning c.id
    )
    update case_municipality m set next_due = due.next_due, open = due.status <> 'closed'
    from due where m.case_id = due.id and (m.next_due is distinct from due.next_due or m.open <> (due.status <> 'closed'))`.execute(db);
}

export const casesDemo: DemoContributor = async (db, options) => {
  const requested = options.sizes.cases ?? 0;
  const bulk = requested >= BULK_FROM;
  const perRegion = bulk ? STORY_CASES_WITH_BULK : requested;
  const counts: Record<string, number> = { cases: 0, tableSessions: 0, tracks: 0 };
  for (const region of options.regions) {
    if (perRegion === 0) break;
    const context = await contextOf(db, region, options, perRegion);
    if (!context) continue;
    const rows = emptyRows();
    const told = tellStories(context, rows, perRegion);
    await write(db, rows);
    await refreshAllDeadlines(db, region);
    counts.cases! += told.cases;
    counts.tableSessions! += told.sessions;
    counts.tracks! += told.tracks;
    options.log(`  ${region}: ${told.cases} demo cases (every state, tracks, actions), ${told.sessions} table sessions, a spoed-MDO · today ${localDate(context.now, context.settings.timezone)}`);
  }
  if (bulk) {
    const made = await bulkCases(db, { total: requested - counts.cases!, regions: options.regions, seed: options.seed, log: options.log });
    counts.cases! += made;
  }
  const accessLog = options.sizes['access-log'] ?? 0;
  if (accessLog > 0) counts.accessLog = await bulkAccessLog(db, { rows: accessLog, regions: options.regions, seed: options.seed, log: options.log });
  return counts;
};
