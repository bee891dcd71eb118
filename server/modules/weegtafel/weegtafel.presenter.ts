import { grantsUntil, isClosed } from './weegtafel.policy';
import type * as repository from './weegtafel.repository';
import type { Session } from './weegtafel.schema';
import type { SessionView } from './weegtafel.view';

/** Rows and views to the API's shapes; never a raw row out of the API. */
const iso = (d: Date | string) => new Date(d).toISOString();
const person = (id: string | null, name: string | null) => (id ? { id, name: name ?? '' } : null);

export function presentSession(view: SessionView): Session {
  const { session, via } = view.loaded;
  const chair = via === 'chair';
  const started = new Date(session.starts_at) <= new Date();
  return {
    id: session.id,
    reference: session.reference,
    startsAt: iso(session.starts_at),
    endsAt: iso(session.ends_at),
    location: session.location,
    status: session.status,
    chair: person(session.chair_user_id, session.chair_name),
    grantHoursAfter: session.grant_hours_after,
    grantsUntil: iso(grantsUntil(session)),
    minutesConfirmedAt: session.minutes_confirmed_at ? iso(session.minutes_confirmed_at) : null,
    minutesConfirmedBy: person(session.minutes_confirmed_by, session.confirmed_by_name),
    agenda: view.items.map(({ item, view: caseView, tracks, decisions }) => {
      const groups = caseView?.groups ?? [];
      const visible = Boolean(caseView?.decision.allowed);
      return {
        id: item.id,
        position: item.position,
        kind: item.kind,
        caseId: item.case_id,
        caseReference: item.reference,
        withheld: !visible,
        case: visible
          ? { status: item.status, title: groups.includes('facts') ? item.title : null, leadMunicipality: item.lead_municipality_code, municipalities: item.municipalities, groups }
          : null,
        openTracks: tracks
          ? tracks.map((t) => ({ id: t.id, kind: t.kind, measure: t.measure, owner: t.owner, actions: Number(t.actions), done: Number(t.done), overdue: Number(t.overdue) }))
          : null,
        summary: groups.includes('table') ? item.summary : null,
        decisions: decisions
          ? decisions.map((d) => ({ id: d.id, agendaItemId: d.agenda_item_id, text: d.text, trackIds: d.track_ids, recordedBy: person(d.recorded_by, d.recorded_by_name), recordedAt: iso(d.recorded_at) }))
          : null,
      };
    }),
    invitations: view.invitations.map((i) => ({
      id: i.id,
      organisation: { id: i.organisation_id, name: i.organisation_name, type: i.organisation_type },
      legalBasis: i.legal_basis,
      caseIds: i.case_ids,
      invitedAt: iso(i.invited_at),
      invitedBy: person(i.invited_by, i.invited_by_name),
    })),
    attendance: view.attendance.map((a) => ({ organisation: { id: a.organisation_id, name: a.organisation_name, type: a.organisation_type }, present: a.present, recordedAt: iso(a.recorded_at) })),
    amendments: view.amendments.map((m) => ({ id: m.id, text: m.text, amendedBy: person(m.amended_by, m.amended_by_name), amendedAt: iso(m.amended_at) })),
    version: session.version,
    permissions: {
      update: chair && !isClosed(session.status),
      confirmMinutes: chair && !isClosed(session.status) && started,
      amend: chair && session.status === 'confirmed',
      downloadAgenda: true,
      downloadMinutes: true,
    },
  };
}

type ListRow = Awaited<ReturnType<typeof repository.listSessions>>['rows'][number];

export function presentSessionSummary(r: ListRow) {
  return {
    id: r.id,
    reference: r.reference,
    startsAt: iso(r.starts_at),
    endsAt: iso(r.ends_at),
    location: r.location,
    status: r.status,
    chair: person(r.chair_user_id, r.chair_name),
    agendaItems: Number(r.agenda_items ?? 0),
    invited: Boolean(r.invited),
    version: r.version,
  };
}
