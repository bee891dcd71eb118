import type { FastifyRequest } from 'fastify';
import { writeAccessLog } from '@server/core/access/access-log';
import type { Db } from '@server/core/db/database';
import { localDate } from '@server/core/working-days';
import { settingsOf } from '@server/modules/cases';
import { type CaseView, caseViews, type LoadedSession, logCaseViews } from './weegtafel.access';
import { grantsUntil, isClosed, PURPOSE } from './weegtafel.policy';
import * as repository from './weegtafel.repository';
import type { Session } from './weegtafel.schema';

type OpenTrackRow = Awaited<ReturnType<typeof repository.openTracksOf>>[number];
type DecisionRow = Awaited<ReturnType<typeof repository.decisionsOf>>[number];

export interface ItemView {
  item: repository.AgendaRow;
  view: CaseView | undefined;
  tracks: OpenTrackRow[] | null;
  decisions: DecisionRow[] | null;
}

export interface SessionView {
  loaded: LoadedSession;
  items: ItemView[];
  invitations: Awaited<ReturnType<typeof repository.invitationsOf>>;
  attendance: Awaited<ReturnType<typeof repository.attendanceOf>>;
  amendments: Awaited<ReturnType<typeof repository.amendmentsOf>>;
  timezone: string;
}

/**
 * Everything of a session this reader may see, logged: the session itself, and per case a read
 * (or print) with the grant that decided, or a refusal where the case is withheld. The JSON
 * detail and both PDF documents are made from this one view, so they cannot disagree.
 */
export async function sessionView(db: Db, request: FastifyRequest, loaded: LoadedSession, action: 'read' | 'print'): Promise<SessionView> {
  const { session } = loaded;
  const settings = await settingsOf(db, session.region_code);
  const today = localDate(new Date(), settings.timezone);
  const [agenda, invitations, attendance, amendments, decisions] = await Promise.all([
    repository.agendaOf(db, session.id),
    repository.invitationsOf(db, session.id),
    repository.attendanceOf(db, session.id),
    repository.amendmentsOf(db, session.id),
    repository.decisionsOf(db, session.id),
  ]);
  const views = await caseViews(db, request, agenda.map((a) => a.case_id));
  const tracked = agenda.filter((a) => views.get(a.case_id)?.groups.includes('tracks')).map((a) => a.case_id);
  const tracks = await repository.openTracksOf(db, tracked, today);
  await writeAccessLog(db, request, { action, outcome: 'success', recordType: 'table-session', recordId: session.id, purpose: PURPOSE, reason: loaded.via });
  await logCaseViews(db, request, views, action, session.reference);
  const items = agenda.map((item) => {
    const view = views.get(item.case_id);
    const groups = view?.groups ?? [];
    return {
      item,
      view,
      tracks: groups.includes('tracks') ? tracks.filter((t) => t.case_id === item.case_id) : null,
      decisions: groups.includes('table') ? decisions.filter((d) => d.agenda_item_id === item.id) : null,
    };
  });
  return { loaded, items, invitations, attendance, amendments, timezone: settings.timezone };
}

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
