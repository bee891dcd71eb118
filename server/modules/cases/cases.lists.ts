import type { FastifyRequest } from 'fastify';
import { writeAccessLog } from '@server/core/access/access-log';
import type { Actor } from '@server/core/auth/actor';
import type { Db } from '@server/core/db/database';
import { offsetOf, type PageQuery } from '@server/core/http/pagination';
import { localDate } from '@server/core/working-days';
import { settingsOf } from './cases.access';
import { type CaseFilter, listCases } from './cases.list.repository';
import { caseVisibilityOf } from './cases.policy';
import { isOverdue, presentAction } from './cases.presenter';
import * as repository from './cases.repository';
import type { CaseQuery, CaseSearch } from './cases.schema';
import { CASE_PURPOSE } from './cases.service';

type SummaryRow = Awaited<ReturnType<typeof listCases>>['rows'][number];

/** Whether the actor sees this case on their own account (role and municipality) or only through a grant. */
function viaOf(actor: Actor, municipalities: string[]): 'role' | 'grant' {
  if (actor.roles.includes('ketenregisseur')) return 'role';
  if (actor.roles.includes('aandachtsfunctionaris') && (actor.allMunicipalities || municipalities.some((m) => actor.municipalities.includes(m)))) return 'role';
  return 'grant';
}

function summary(row: SummaryRow, actor: Actor, today: string) {
  const via = viaOf(actor, row.municipalities);
  return {
    id: row.id,
    reference: row.reference,
    // The title is a fact of the case: a partner sees it only when the region shares the facts with it (list shows the reference always).
    title: row.title,
    status: row.status,
    acute: row.acute,
    forms: row.forms as never[],
    leadMunicipality: row.lead_municipality_code,
    municipalities: row.municipalities,
    assignedTo: row.assigned_to ? { id: row.assigned_to, displayName: row.assigned_name ?? '' } : null,
    nextDue: row.next_due,
    overdue: isOverdue(row.next_due, today, row.status === 'closed'),
    openTracks: row.open_tracks,
    updatedAt: new Date(row.updated_at).toISOString(),
    via,
  };
}

/** A list of cases is a read of (case) data: logged once per page with the ids shown. */
async function run(db: Db, request: FastifyRequest, filter: Omit<CaseFilter, 'today'>, what: string) {
  const actor = request.actor!;
  const settings = await settingsOf(db, actor.regionCode);
  const today = localDate(new Date(), settings.timezone);
  const { rows, total, capped } = await listCases(db, caseVisibilityOf(actor), { ...filter, today });
  await writeAccessLog(db, request, { action: 'read', outcome: 'success', recordType: 'case-list', purpose: CASE_PURPOSE, reason: `${what}: ${rows.map((r) => r.reference).join(',').slice(0, 900)}` });
  return { items: rows.map((r) => summary(r, actor, today)), total, capped };
}

export function workList(db: Db, request: FastifyRequest, query: CaseQuery) {
  return run(
    db,
    request,
    { status: query.status, municipality: query.municipality, assigned: query.assigned, overdue: query.overdue === 'true', sort: query.sort, limit: query.pageSize, offset: offsetOf(query) },
    'work list',
  );
}

export function searchCases(db: Db, request: FastifyRequest, body: CaseSearch, page: PageQuery) {
  return run(
    db,
    request,
    { status: body.status, municipality: body.municipality, overdue: body.overdue, text: body.text, form: body.form, trackKind: body.trackKind, sort: 'updated', limit: page.pageSize, offset: offsetOf(page) },
    'search',
  );
}

/**
 * What waits for the actor: a page of their open cases (none for the counts), how many of all of
 * them are open and overdue, their actions (or their organisation's) and the hand-overs waiting
 * for their municipalities.
 */
async function gatherWork(db: Db, request: FastifyRequest, caseLimit: number) {
  const actor = request.actor!;
  const settings = await settingsOf(db, actor.regionCode);
  const today = localDate(new Date(), settings.timezone);
  const visibility = caseVisibilityOf(actor);
  const receives = actor.roles.includes('aandachtsfunctionaris') || actor.roles.includes('ketenregisseur');
  const mine = { status: 'open' as const, assigned: 'me' as const, sort: 'due' as const, offset: 0, today };
  const [cases, overdueCases, actions, handovers] = await Promise.all([
    listCases(db, visibility, { ...mine, limit: caseLimit }),
    listCases(db, visibility, { ...mine, overdue: true, limit: 0 }),
    repository.myActions(db, actor.userId, actor.organisationId, 100),
    receives ? repository.pendingHandoversTo(db, actor.regionCode, actor.allMunicipalities || actor.roles.includes('ketenregisseur') ? 'all' : actor.municipalities, 50) : Promise.resolve([]),
  ]);
  const overdue = overdueCases.total + actions.filter((a) => a.due_on < today).length + handovers.filter((h) => h.due_on < today).length;
  return { actor, today, cases, actions, handovers, counts: { cases: cases.total, actions: actions.length, handovers: handovers.length, overdue } };
}

/** My work: cases assigned to me, actions for me or my organisation, hand-overs waiting for my municipalities. */
export async function myWork(db: Db, request: FastifyRequest) {
  const { actor, today, cases, actions, handovers, counts } = await gatherWork(db, request, 50);
  const caseItems = cases.rows.map((r) => summary(r, actor, today));
  const actionItems = actions.map((a) => ({ ...presentAction(a, today, actor), caseId: a.case_id, caseReference: a.case_reference, trackKind: a.track_kind }));
  const handoverItems = handovers.map((h) => ({ id: h.id, caseId: h.case_id, caseReference: h.reference, from: h.from_municipality_code, to: h.to_municipality_code, dueOn: h.due_on, overdue: h.due_on < today }));
  await writeAccessLog(db, request, { action: 'read', outcome: 'success', recordType: 'my-work', purpose: CASE_PURPOSE, reason: `${caseItems.length} cases, ${actionItems.length} actions, ${handoverItems.length} hand-overs` });
  return { cases: caseItems, actions: actionItems, handovers: handoverItems, counts };
}

/**
 * Counts for the navigation badge, polled every minute: no case rows are loaded, and only numbers
 * leave (no one's data), so no access-log line.
 */
export async function myWorkCounts(db: Db, request: FastifyRequest) {
  const { cases, actions, handovers, overdue } = (await gatherWork(db, request, 0)).counts;
  return { cases, actions, handovers, overdue, total: cases + actions + handovers };
}
