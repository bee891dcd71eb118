import type { CaseFieldGroup } from '@server/modules/regions';
import { caseFieldGroups } from '@server/modules/regions';
import type { CasePage } from './cases.repository';
import type { Case } from './cases.schema';

const iso = (d: Date | string) => new Date(d).toISOString();
const who = (id: string | null, name: string | null | undefined) => (id ? { id, displayName: name ?? '' } : null);

export function isOverdue(due: string | null, today: string, closed: boolean): boolean {
  return !closed && due !== null && due < today;
}

/** A case page as loaded (repository.loadCasePage), with the labels of the region's sources. */
export interface CaseView extends Omit<CasePage, 'viewer'> {
  sourceLabels: Map<string, string>;
}

export interface PresentContext {
  groups: CaseFieldGroup[];
  today: string;
  actor: { userId: string; organisationId: string; municipalities: string[] | 'all' };
  canUpdate: boolean;
  canExport: boolean;
  canRecordIntervention: boolean;
  access: Case['access'];
}

const join = (parts: (string | null | undefined)[], separator = ' ') => parts.filter((p) => p && p.trim()).join(separator);

/** Record → API shape. A part not shared with the reader's organisation is null and named in `withheld`. */
export function presentCase(view: CaseView, context: PresentContext): Case {
  const { core, parts } = view;
  const has = new Set(context.groups);
  const show = <T>(group: CaseFieldGroup, value: () => T): T | null => (has.has(group) ? value() : null);
  const closed = core.status === 'closed';
  const mayDecideFor = (municipality: string) => context.canUpdate && (context.actor.municipalities === 'all' || context.actor.municipalities.includes(municipality));
  return {
    id: core.id,
    reference: core.reference,
    status: core.status,
    acute: core.acute,
    title: show('facts', () => core.title),
    summary: show('facts', () => core.summary),
    forms: show('facts', () => core.forms as Case['forms'] & object),
    leadMunicipality: core.lead_municipality_code,
    municipalities: parts.municipalities.map((m) => ({ code: m.code, name: m.name, lead: m.lead })),
    assignedTo: who(core.assigned_to, core.assigned_name),
    assessment: core.assessment && core.assessed_at ? { decision: core.assessment, reason: core.assessment_reason ?? '', at: iso(core.assessed_at), by: who(core.assessed_by, core.assessed_by_name) } : null,
    stepDue: core.status === 'enrichment' || core.status === 'put-forward' ? core.assessment_due : null,
    nextDue: core.next_due,
    overdue: isOverdue(core.next_due, context.today, closed),
    closed: closed && core.closed_at ? { reasonCode: (core.closed_reason_code ?? 'other') as NonNullable<Case['closed']>['reasonCode'], reason: core.closed_reason ?? '', at: iso(core.closed_at), by: who(core.closed_by, core.closed_by_name) } : null,
    signals: show('facts', () => parts.signals.map((s) => ({ id: s.id, reference: s.reference, receivedAt: iso(s.received_at), channel: s.channel }))),
    persons: show('persons', () =>
      view.signalParts.persons.map((p) => ({ id: p.id, signalId: p.signal_id, role: p.role, name: p.name, alias: p.alias, phone: p.phone, approximateAge: p.approximate_age, nationality: p.nationality, hasBsn: p.bsn !== null })),
    ),
    places: show('places', () => [
      ...view.signalParts.locations.map((l) => ({ kind: 'location' as const, signalId: l.signal_id, label: join([l.description, join([l.street, l.house_number]), join([l.postcode, l.place])], ', ') || '—', municipalityCode: l.municipality_code })),
      ...view.signalParts.businesses.map((b) => ({ kind: 'business' as const, signalId: b.signal_id, label: join([b.name, b.kvk_number ? `KvK ${b.kvk_number}` : null, b.address, b.sector], ', ') || '—', municipalityCode: null })),
      ...view.signalParts.vehicles.map((v) => ({ kind: 'vehicle' as const, signalId: v.signal_id, label: join([v.license_plate, v.description], ', ') || '—', municipalityCode: null })),
    ]),
    sourceChecks: show('enrichment', () =>
      parts.sourceChecks.map((k) => ({ id: k.id, source: k.source_code, sourceLabel: view.sourceLabels.get(k.source_code) ?? k.source_code, consultedOn: k.consulted_on, finding: k.finding, recordedBy: who(k.recorded_by, k.recorded_by_name), recordedAt: iso(k.recorded_at) })),
    ),
    consultations: show('consultations', () =>
      parts.consultations.map((k) => ({ id: k.id, organisation: { id: k.organisation_id, name: k.organisation_name, type: k.organisation_type }, consultedOn: k.consulted_on, summary: k.summary, recordedBy: who(k.recorded_by, k.recorded_by_name), recordedAt: iso(k.recorded_at) })),
    ),
    handovers: parts.handovers.map((h) => ({
      id: h.id,
      from: h.from_municipality_code,
      to: h.to_municipality_code,
      reason: has.has('facts') ? h.reason : '',
      status: h.status,
      dueOn: h.due_on,
      requestedBy: who(h.requested_by, h.requested_by_name),
      requestedAt: iso(h.requested_at),
      decidedAt: h.decided_at ? iso(h.decided_at) : null,
      decisionNote: h.decision_note,
      canDecide: h.status === 'pending' && (mayDecideFor(h.to_municipality_code) || mayDecideFor(h.from_municipality_code)),
    })),
    tracks: show('tracks', () =>
      view.tracks.tracks.map((t) => ({
        id: t.id,
        kind: t.kind,
        measure: t.measure,
        owner: { id: t.owner_organisation_id, name: t.owner_name, type: t.owner_type },
        status: t.status,
        note: t.note,
        openedAt: iso(t.opened_at),
        closedAt: t.closed_at ? iso(t.closed_at) : null,
        closedReason: t.closed_reason,
        fromDecision: t.decision_id && t.decision_session_id ? { id: t.decision_id, sessionId: t.decision_session_id } : null,
        actions: view.tracks.actions.filter((a) => a.track_id === t.id).map((a) => presentAction(a, context.today, context.actor)),
        version: t.version,
        canUpdate: !closed && t.status === 'open' && (context.canUpdate || t.owner_organisation_id === context.actor.organisationId),
      })),
    ),
    interventions: show('tracks', () =>
      view.interventions.map((i) => ({ id: i.id, authority: i.authority, organisation: { id: i.organisation_id, name: i.organisation_name, type: i.organisation_type }, actedAt: iso(i.acted_at), description: i.description, recordedBy: who(i.recorded_by, i.recorded_by_name), recordedAt: iso(i.recorded_at) })),
    ),
    withheld: caseFieldGroups.filter((g) => !has.has(g)),
    access: context.access,
    createdAt: iso(core.created_at),
    updatedAt: iso(core.updated_at),
    version: core.version,
    permissions: { read: true, update: context.canUpdate && !closed, export: context.canExport, recordIntervention: context.canRecordIntervention && !closed },
  };
}

type ActionRow = CasePage['tracks']['actions'][number];

export function presentAction(
  // From the case page's JSON (dates as strings) or from a row (dates as Date).
  a: Pick<ActionRow, 'id' | 'description' | 'owner_user_id' | 'owner_organisation_id' | 'due_on' | 'status' | 'version'> & { completed_at: Date | string | null; owner_user_name: string | null; owner_organisation_name: string | null; owner_organisation_type: string | null },
  today: string,
  actor: { userId: string; organisationId: string },
) {
  return {
    id: a.id,
    description: a.description,
    ownerUser: who(a.owner_user_id, a.owner_user_name),
    ownerOrganisation: a.owner_organisation_id ? { id: a.owner_organisation_id, name: a.owner_organisation_name ?? '', type: a.owner_organisation_type ?? 'other' } : null,
    dueOn: a.due_on,
    status: a.status,
    overdue: a.status === 'open' && a.due_on < today,
    completedAt: a.completed_at ? iso(a.completed_at) : null,
    version: a.version,
    mine: a.owner_user_id === actor.userId || a.owner_organisation_id === actor.organisationId,
  };
}
