import type { FastifyRequest } from 'fastify';
import { readPersonalData, writeAccessLog } from '@server/core/access/access-log';
import { decide } from '@server/core/access/policy';
import type { Db } from '@server/core/db/database';
import { AppError, type InvalidParam } from '@server/core/errors';
import { addWorkingDays, localDate } from '@server/core/working-days';
import { markSignalsForwarded, signalRef, signalRules, signalsForCase } from '@server/modules/signals';
import { authorizedCase, decideOnCase, groupsFor, settingsOf } from './cases.access';
import { eventGroups } from './cases.catalogue';
import { caseRef, caseRules, interventionRoles, sharedGroups } from './cases.policy';
import { type CaseView, presentCase } from './cases.presenter';
import * as repository from './cases.repository';
import type { AssessmentCreate, CaseCreate, CaseUpdate, ClosureCreate } from './cases.schema';
import { openTrack } from './cases.tracks';
import * as tracks from './cases.tracks.repository';

export const CASE_PURPOSE = 'case coordination (weeg- en monitortafel)';

function invalid(params: InvalidParam[]): never {
  throw new AppError('request.invalid', { invalidParams: params });
}

async function checkMunicipalities(db: Db, regionCode: string, codes: string[], field: string) {
  const known = new Set((await repository.municipalitiesOf(db, regionCode)).map((m) => m.code));
  const unknown = codes.filter((c) => !known.has(c));
  if (unknown.length) invalid(unknown.map((code) => ({ name: field, code: 'case.unknown-municipality', reason: `${code} is not a municipality of this region` })));
}

/** A case starts from one or more signals the user may triage; they are marked forwarded and keep their own record. */
export async function createCase(db: Db, request: FastifyRequest, input: CaseCreate) {
  const actor = request.actor!;
  const involved = [...new Set(input.municipalities.filter((m) => m !== input.leadMunicipality))];
  await checkMunicipalities(db, actor.regionCode, [input.leadMunicipality, ...involved], 'body.municipalities');
  const signalIds = [...new Set(input.signalIds)];
  const signals = await usableSignals(db, request, signalIds);
  const all = [input.leadMunicipality, ...involved];
  if (!caseScopeAllows(actor, all)) {
    await writeAccessLog(db, request, { action: 'denied', outcome: 'denied', recordType: 'case', reason: 'create: lead municipality outside scope' });
    throw new AppError('access.denied');
  }
  const settings = await settingsOf(db, actor.regionCode);
  const forms = input.forms ?? [...new Set(signals.flatMap((s) => s.forms))];
  const created = await db.transaction().execute(async (trx) => {
    const row = await repository.insertCase(trx, {
      region_code: actor.regionCode,
      title: input.title,
      summary: input.summary,
      forms,
      acute: signals.some((s) => s.acute),
      lead: input.leadMunicipality,
      municipalities: all,
      assessment_due: addWorkingDays(new Date(), settings.caseDeadlines.assessmentWorkingDays, settings.timezone),
      created_by: actor.userId,
      assigned_to: actor.roles.includes('aandachtsfunctionaris') ? actor.userId : null,
    });
    await repository.replaceMunicipalities(trx, row.id, actor.regionCode, input.leadMunicipality, involved);
    await repository.joinSignals(trx, row.id, signalIds, actor.userId);
    await markSignalsForwarded(trx, signalIds, actor.userId, row.reference);
    await repository.insertEvent(trx, { case_id: row.id, region_code: actor.regionCode, actor_user_id: actor.userId, kind: 'created', field_group: 'facts', detail: { signals: signals.map((s) => s.reference), lead: input.leadMunicipality } });
    return row;
  });
  await writeAccessLog(db, request, { action: 'create', outcome: 'success', recordType: 'case', recordId: created.id, purpose: CASE_PURPOSE, reason: `from ${signalIds.length} signal(s)` });
  return created;
}

function caseScopeAllows(actor: NonNullable<FastifyRequest['actor']>, municipalities: string[]): boolean {
  if (actor.roles.includes('ketenregisseur')) return true;
  return actor.roles.includes('aandachtsfunctionaris') && (actor.allMunicipalities || municipalities.some((m) => actor.municipalities.includes(m)));
}

/** The signals must be of the region, open, not in a case yet, and triageable by this user. */
async function usableSignals(db: Db, request: FastifyRequest, ids: string[]) {
  const [signals, inCase] = await Promise.all([signalsForCase(db, ids), repository.casesOfSignals(db, ids)]);
  const taken = new Set(inCase.map((c) => c.signal_id));
  const problems: InvalidParam[] = [];
  for (const id of ids) {
    const signal = signals.find((s) => s.id === id);
    const allowed = signal ? (await decide(db, request.actor, 'update', signalRef(signal), signalRules)).allowed : false;
    if (!signal || !allowed) problems.push({ name: 'body.signalIds', code: 'case.signal-not-found', reason: `${id}: no signal you may triage` });
    else if (taken.has(id)) problems.push({ name: 'body.signalIds', code: 'case.signal-in-case', reason: `${signal.reference} already belongs to a case` });
    else if (signal.status === 'merged' || signal.status === 'closed') problems.push({ name: 'body.signalIds', code: 'case.signal-not-open', reason: `${signal.reference} is ${signal.status}` });
  }
  if (problems.length) {
    await writeAccessLog(db, request, { action: 'denied', outcome: 'failure', recordType: 'signal', reason: `case from signals refused: ${problems.map((p) => p.code).join(',')}` });
    throw new AppError('case.signal-unavailable', { invalidParams: problems });
  }
  return signals;
}

export async function joinSignal(db: Db, request: FastifyRequest, id: string, input: { signalId: string; version: number }) {
  const { row } = await authorizedCase(db, request, id, 'update');
  if (row.status === 'closed') throw new AppError('case.closed');
  const [signal] = await usableSignals(db, request, [input.signalId]);
  const actor = request.actor!;
  await db.transaction().execute(async (trx) => {
    if (!(await repository.updateCase(trx, id, input.version, signal!.acute ? { acute: true } : {}))) throw new AppError('case.version-conflict');
    await repository.joinSignals(trx, id, [input.signalId], actor.userId);
    await markSignalsForwarded(trx, [input.signalId], actor.userId, row.reference);
    await repository.insertEvent(trx, { case_id: id, region_code: row.region_code, actor_user_id: actor.userId, kind: 'signal-joined', field_group: 'facts', detail: { signal: signal!.reference } });
  });
  await writeAccessLog(db, request, { action: 'update', outcome: 'success', recordType: 'case', recordId: id, purpose: CASE_PURPOSE, reason: `signal ${input.signalId} joined` });
}

/** One case as its reader may see it; the read is in the access log with the persons as subjects, and the grant that allowed it. */
export async function getCase(db: Db, request: FastifyRequest, id: string, purpose = CASE_PURPOSE) {
  const actor = request.actor;
  if (!actor) throw new AppError('auth.required'); // the route's guard lets no one without an account through
  // One statement: the case, its parts, and the reader's grant; nothing of it is shown before the decision.
  const page = await repository.loadCasePage(db, id, actor);
  const decision = await decideOnCase(db, request, id, 'read', page?.core, { grantId: page?.viewer.grant?.id });
  const { core: row, viewer, ...loaded } = page!;
  const settings = await settingsOf(db, row.region_code);
  const groups = sharedGroups(decision, viewer.organisationType ?? undefined, settings.caseSharing);
  const view = await readPersonalData(
    db,
    request,
    { recordType: 'case', purpose, ...(decision.grantId ? { grantId: decision.grantId } : {}) },
    async (): Promise<CaseView> => ({ core: row, ...loaded, sourceLabels: new Map(settings.caseSources.map((s) => [s.code, s.label.nl])) }),
    (v) => ({ recordId: id, subjects: groups.includes('persons') ? v.signalParts.persons.map((p) => p.id) : [] }),
  );
  const [update, exportAllowed] = await Promise.all([decide(db, actor, 'update', caseRef(row), caseRules), decide(db, actor, 'export', caseRef(row), caseRules)]);
  const grant = decision.grantId ? viewer.grant : null;
  return presentCase(view, {
    groups,
    today: localDate(new Date(), settings.timezone),
    actor: { userId: actor.userId, organisationId: actor.organisationId, municipalities: actor.allMunicipalities ? 'all' : actor.municipalities },
    canUpdate: update.allowed,
    canExport: exportAllowed.allowed,
    canRecordIntervention: actor.roles.some((r) => interventionRoles.includes(r)),
    access: {
      via: decision.reason === 'grant' ? 'grant' : 'role',
      grant: grant
        ? {
            id: grant.id,
            validUntil: new Date(grant.valid_until).toISOString(),
            legalBasis: grant.legal_basis,
            legalBasisLabel: settings.legalBases.find((b) => b.code === grant.legal_basis)?.label ?? { nl: grant.legal_basis, en: grant.legal_basis },
            purpose: grant.purpose,
          }
        : null,
    },
  });
}

/** The roles that may change a case (caseRules.update): whom a case can be assigned to. */
const workerRoles = { regionWide: caseRules.update?.regionWide ?? [], ownMunicipality: caseRules.update?.ownMunicipality ?? [] };

/** The colleagues a case can be assigned to (for those who may change it), by name. */
export async function assigneesOf(db: Db, request: FastifyRequest, id: string) {
  // A GET: whoever may not change the case gets the answer of a case that does not exist (the refusal is logged).
  const { row } = await authorizedCase(db, request, id, 'update').catch((error: unknown) => {
    throw error instanceof AppError && error.code === 'access.denied' ? new AppError('case.not-found') : error;
  });
  const workers = await repository.caseWorkers(db, row.region_code, row.municipalities, workerRoles);
  return { _embedded: { assignees: workers.map((w) => ({ id: w.id, displayName: w.display_name })) } };
}

export async function changeCase(db: Db, request: FastifyRequest, id: string, input: CaseUpdate) {
  const { row } = await authorizedCase(db, request, id, 'update');
  if (row.status === 'closed') throw new AppError('case.closed');
  if (input.municipalities) await checkMunicipalities(db, row.region_code, input.municipalities, 'body.municipalities');
  if (input.assignedTo) {
    const user = await repository.userOf(db, input.assignedTo);
    if (!user || user.region_code !== row.region_code || !user.active) invalid([{ name: 'body.assignedTo', code: 'unknown', reason: 'No active account of this region' }]);
    // Only someone who may work on the case: being assigned gives no access, so anyone else could not open it.
    // `municipalities` in the body are the involved ones; the lead stays.
    const municipalities = input.municipalities ? [row.lead_municipality_code, ...input.municipalities] : row.municipalities;
    const [worker] = await repository.caseWorkers(db, row.region_code, municipalities, workerRoles, input.assignedTo);
    if (!worker) invalid([{ name: 'body.assignedTo', code: 'case.assignee-not-allowed', reason: 'This account may not work on this case: a ketenregisseur of the region, or an aandachtsfunctionaris of one of its municipalities' }]);
  }
  const actor = request.actor!;
  await db.transaction().execute(async (trx) => {
    const changes = {
      ...(input.title !== undefined ? { title: input.title } : {}),
      ...(input.summary !== undefined ? { summary: input.summary } : {}),
      ...(input.forms !== undefined ? { forms: input.forms } : {}),
      ...(input.acute !== undefined ? { acute: input.acute } : {}),
      ...(input.assignedTo !== undefined ? { assigned_to: input.assignedTo } : {}),
    };
    if (!(await repository.updateCase(trx, id, input.version, changes))) throw new AppError('case.version-conflict');
    if (input.municipalities) await repository.replaceMunicipalities(trx, id, row.region_code, row.lead_municipality_code, input.municipalities);
    const kind = Object.keys(input).every((k) => k === 'version' || k === 'assignedTo') ? 'assigned' : 'changed';
    const fields = Object.keys(input).filter((k) => k !== 'version');
    await repository.insertEvent(trx, { case_id: id, region_code: row.region_code, actor_user_id: actor.userId, kind, field_group: eventGroups[kind]!, detail: { fields, ...(input.municipalities ? { municipalities: input.municipalities } : {}), ...(input.assignedTo !== undefined ? { assignedTo: input.assignedTo } : {}) } });
  });
  await writeAccessLog(db, request, { action: 'update', outcome: 'success', recordType: 'case', recordId: id, purpose: CASE_PURPOSE, reason: Object.keys(input).filter((k) => k !== 'version').join(',') });
}

/** The organisation a decision hands a track to: the lead municipality's own, or the region's care coordination. */
async function defaultOwner(db: Db, regionCode: string, kind: 'local-help' | 'care', municipality: string): Promise<string> {
  const types = kind === 'care' ? ['care-coordination', 'veilig-thuis'] : ['municipality'];
  const candidates = await repository.organisationsOfType(db, regionCode, types);
  const owner = kind === 'care' ? (candidates.find((o) => o.type === 'care-coordination') ?? candidates[0]) : candidates.find((o) => o.municipality_code === municipality);
  if (!owner) throw new AppError('case.assessment-invalid', { invalidParams: [{ name: 'body.decision', code: 'case.no-owner', reason: `The region has no ${types.join(' or ')} organisation to take this track` }] });
  return owner.id;
}

/**
 * The aandachtsfunctionaris decides after enrichment (seed 002, §2.1): regular local help (a
 * local-help track for the municipality), acute care (a care track for the zorgcoördinator),
 * the regional table (put forward, with its own deadline), or close with a reason.
 */
export async function assessCase(db: Db, request: FastifyRequest, id: string, input: AssessmentCreate) {
  const { row } = await authorizedCase(db, request, id, 'update');
  if (row.status === 'closed') throw new AppError('case.closed');
  const allowedFrom: Record<AssessmentCreate['decision'], string[]> = { 'local-help': ['enrichment', 'put-forward'], 'acute-care': ['enrichment', 'put-forward', 'monitoring'], table: ['enrichment', 'monitoring'], close: ['enrichment', 'put-forward', 'monitoring'] };
  if (!allowedFrom[input.decision].includes(row.status)) {
    throw new AppError('case.assessment-invalid', { invalidParams: [{ name: 'body.decision', code: 'case.wrong-stage', reason: `${input.decision} is not possible while the case is ${row.status}` }] });
  }
  if (input.decision === 'close') {
    if (!input.closeReasonCode) invalid([{ name: 'body.closeReasonCode', code: 'required', reason: 'Closing needs a reason code' }]);
    return closeCase(db, request, id, { version: input.version, reasonCode: input.closeReasonCode, reason: input.reason }, { assessment: true });
  }
  const actor = request.actor!;
  const settings = await settingsOf(db, row.region_code);
  const owner = input.decision === 'local-help' || input.decision === 'acute-care' ? await defaultOwner(db, row.region_code, input.decision === 'acute-care' ? 'care' : 'local-help', row.lead_municipality_code) : null;
  await db.transaction().execute(async (trx) => {
    const base = { assessment: input.decision, assessment_reason: input.reason, assessed_at: new Date(), assessed_by: actor.userId };
    const changes = input.decision === 'table' ? { ...base, status: 'put-forward' as const, assessment_due: addWorkingDays(new Date(), settings.caseDeadlines.tableWorkingDays, settings.timezone) } : base;
    if (!(await repository.updateCase(trx, id, input.version, changes))) throw new AppError('case.version-conflict');
    await repository.insertEvent(trx, { case_id: id, region_code: row.region_code, actor_user_id: actor.userId, kind: 'assessed', field_group: 'facts', detail: { decision: input.decision, reason: input.reason } });
    if (owner) await openTrack(trx, { caseId: id, regionCode: row.region_code, kind: input.decision === 'acute-care' ? 'care' : 'local-help', ownerOrganisationId: owner, note: input.reason, actorUserId: actor.userId });
    await repository.refreshDeadlines(trx, id);
  });
  await writeAccessLog(db, request, { action: 'update', outcome: 'success', recordType: 'case', recordId: id, purpose: CASE_PURPOSE, reason: `assessed: ${input.decision}` });
}

/** A case closes only when every track is closed with a reason (issue #6). */
export async function closeCase(db: Db, request: FastifyRequest, id: string, input: ClosureCreate, options: { assessment?: boolean } = {}) {
  const { row } = await authorizedCase(db, request, id, 'update');
  if (row.status === 'closed') throw new AppError('case.closed');
  const open = await tracks.openTracksOf(db, id);
  if (open.length) {
    throw new AppError('case.open-tracks', { invalidParams: open.map((t) => ({ name: 'tracks', code: 'case.track-open', reason: `track ${t.id} (${t.kind}) is still open` })) });
  }
  const actor = request.actor!;
  await db.transaction().execute(async (trx) => {
    const closing = { status: 'closed' as const, closed_reason_code: input.reasonCode, closed_reason: input.reason, closed_at: new Date(), closed_by: actor.userId };
    const changes = options.assessment ? { ...closing, assessment: 'close' as const, assessment_reason: input.reason, assessed_at: new Date(), assessed_by: actor.userId } : closing;
    if (!(await repository.updateCase(trx, id, input.version, changes))) throw new AppError('case.version-conflict');
    // A track may have been opened after the check: the case must not close over it.
    if ((await tracks.openTracksOf(trx, id)).length) throw new AppError('case.open-tracks');
    await repository.refreshDeadlines(trx, id);
    await repository.insertEvent(trx, { case_id: id, region_code: row.region_code, actor_user_id: actor.userId, kind: 'closed', field_group: 'facts', detail: { reasonCode: input.reasonCode, reason: input.reason } });
  });
  await writeAccessLog(db, request, { action: 'update', outcome: 'success', recordType: 'case', recordId: id, purpose: CASE_PURPOSE, reason: `closed: ${input.reasonCode}` });
}

export async function timelineOf(db: Db, request: FastifyRequest, id: string) {
  const { row, decision } = await authorizedCase(db, request, id, 'read');
  const groups = await groupsFor(db, request, decision, row.region_code);
  const events = await readPersonalData(
    db,
    request,
    { recordType: 'case-timeline', purpose: CASE_PURPOSE, ...(decision.grantId ? { grantId: decision.grantId } : {}) },
    () => repository.caseEvents(db, id, groups),
    () => ({ recordId: id, subjects: [] }),
  );
  return {
    _embedded: {
      events: events.map((e) => ({ id: String(e.id), at: new Date(e.at).toISOString(), kind: e.kind, group: e.field_group as (typeof groups)[number], actor: e.display_name ?? null, detail: e.detail })),
    },
  };
}
