import type { FastifyRequest } from 'fastify';
import { writeAccessLog } from '@server/core/access/access-log';
import type { Db } from '@server/core/db/database';
import { localDate } from '@server/core/working-days';
import { settingsOf } from '@server/modules/cases';
import { type CaseView, caseViews, type LoadedSession, logCaseViews } from './weegtafel.access';
import { PURPOSE } from './weegtafel.policy';
import * as repository from './weegtafel.repository';

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
