import { localDate } from '@server/core/working-days';
import type { DemoCase, DemoOrganisation, Story } from './cases.demo.story';

/**
 * The weighing-and-monitoring table of the demo: six confirmed sessions over the past nine
 * months (one with an amendment), one held last week whose minutes wait for confirmation, and two
 * planned ones. The cases put their agenda entries on them; `completeSessions` then writes the
 * agenda, attendance, decisions (which open the tracks) and the invitations with their grants.
 */
export interface AgendaEntry {
  c: DemoCase;
  kind: 'discussion' | 'monitoring';
  addedAt: Date;
  /** Opens the tracks the table decided; returns their ids. */
  decide?: (decisionId: string, at: Date) => string[];
}
export interface DemoSession {
  id: string;
  reference: string;
  status: 'confirmed' | 'held' | 'planned';
  starts: Date;
  ends: Date;
  agenda: AgendaEntry[];
}

const DAY = 86_400_000;
const HOUR = 3_600_000;
const schedule: { days: number; status: DemoSession['status'] }[] = [
  ...[-270, -225, -180, -135, -90, -45].map((days) => ({ days, status: 'confirmed' as const })),
  { days: -8, status: 'held' },
  { days: 7, status: 'planned' },
  { days: 35, status: 'planned' },
];

export function addSessions(story: Story): DemoSession[] {
  const { ctx } = story;
  return schedule.map(({ days, status }, i) => {
    const starts = story.at(days);
    starts.setUTCHours(12, 30, 0, 0);
    const ends = new Date(starts.getTime() + 2.5 * HOUR);
    const n = ctx.sessionNumbers[i]!;
    const session: DemoSession = { id: story.id(), reference: `WT-${localDate(starts, ctx.settings.timezone).slice(0, 4)}-${String(n).padStart(3, '0')}`, status, starts, ends, agenda: [] };
    const confirmedAt = status === 'confirmed' ? new Date(ends.getTime() + 3 * DAY) : null;
    story.rows.table_session.push({
      id: session.id,
      region_code: ctx.region,
      reference: session.reference,
      starts_at: starts,
      ends_at: ends,
      location: 'Zorg- en Veiligheidshuis, vergaderzaal 2',
      chair_user_id: ctx.users.kr,
      status,
      grant_hours_after: ctx.settings.tableGrantHoursAfterSession,
      minutes_confirmed_at: confirmedAt,
      minutes_confirmed_by: confirmedAt ? ctx.users.kr : null,
      created_by: ctx.users.kr,
      created_at: story.past(new Date(starts.getTime() - 21 * DAY)),
      updated_at: confirmedAt ?? story.past(ends),
      version: status === 'confirmed' ? 4 : status === 'held' ? 3 : 1,
    });
    return session;
  });
}

/** The first session that has taken place after a case was put forward (only confirmed ones when asked). */
export function sessionForDecision(sessions: DemoSession[], after: Date, status?: 'confirmed'): DemoSession | undefined {
  return sessions.find((s) => s.status !== 'planned' && (!status || s.status === status) && s.starts.getTime() > after.getTime() + DAY);
}

export function completeSessions(story: Story, sessions: DemoSession[]): void {
  const { ctx, faker: f } = story;
  const kr = ctx.users.kr;
  let confirmed = 0;
  for (const session of sessions) {
    if (session.agenda.length === 0) continue;
    const past = session.status !== 'planned';
    const invitedAt = story.past(new Date(session.starts.getTime() - 10 * DAY));
    session.agenda.forEach((entry, i) => {
      const itemId = story.id();
      const addedAt = new Date(Math.min(entry.addedAt.getTime(), session.starts.getTime() - HOUR, ctx.now.getTime() - HOUR));
      story.rows.table_agenda_item.push({
        id: itemId,
        session_id: session.id,
        case_id: entry.c.id,
        region_code: ctx.region,
        position: i + 1,
        kind: entry.kind,
        added_by: kr,
        added_at: addedAt,
        summary: past ? (entry.kind === 'discussion' ? 'Besproken met de ketenpartners; besluit over de sporen genomen.' : 'Voortgang van de sporen besproken; acties lopen volgens plan.') : '',
        summary_by: past ? kr : null,
        summary_at: past ? session.ends : null,
      });
      story.event(entry.c.id, addedAt, kr, 'put-on-agenda', { sessionId: session.id, reference: session.reference, kind: entry.kind });
      if (!past) return;
      story.event(entry.c.id, session.ends, kr, 'discussed', { sessionId: session.id, reference: session.reference });
      if (!entry.decide) return;
      const decisionId = story.id();
      const trackIds = entry.decide(decisionId, session.ends);
      story.rows.table_decision.push({ id: decisionId, session_id: session.id, agenda_item_id: itemId, case_id: entry.c.id, region_code: ctx.region, text: `De tafel besluit tot ${trackIds.length === 1 ? 'één spoor' : `${trackIds.length} sporen`}; regie en acties zoals vastgelegd.`, track_ids: trackIds, recorded_by: kr, recorded_at: new Date(session.ends.getTime() - 15 * 60_000) });
      story.event(entry.c.id, new Date(session.ends.getTime() - 15 * 60_000), kr, 'decision', { sessionId: session.id, decisionId, trackIds });
    });
    // The core partners, and the municipality of each case on the agenda.
    const invited = new Map<string, DemoOrganisation>();
    for (const o of ctx.organisations.core) invited.set(o.id, o);
    for (const entry of session.agenda) {
      const m = ctx.organisations.municipality(entry.c.lead);
      invited.set(m.id, m);
    }
    const until = new Date(session.ends.getTime() + ctx.settings.tableGrantHoursAfterSession * HOUR);
    for (const organisation of invited.values()) {
      const invitationId = story.id();
      story.rows.table_invitation.push({ id: invitationId, session_id: session.id, region_code: ctx.region, organisation_id: organisation.id, legal_basis: story.legalBasis(organisation), case_ids: null, invited_by: kr, invited_at: invitedAt });
      for (const entry of session.agenda) story.grant(entry.c.id, organisation, { purpose: `weeg- en monitortafel ${session.reference}`, from: invitedAt, until, by: kr, sourceType: 'table-invitation', sourceId: invitationId });
      if (past) story.rows.table_attendance.push({ session_id: session.id, organisation_id: organisation.id, present: f.datatype.boolean({ probability: 0.85 }), recorded_by: kr, recorded_at: session.starts });
    }
    if (session.status === 'confirmed' && ++confirmed === 4) {
      story.rows.table_minutes_amendment.push({ id: story.id(), session_id: session.id, region_code: ctx.region, text: 'Aanvulling: de gemeente sluit ook aan bij het bestuurlijke spoor (na vaststelling van het verslag).', amended_by: kr, amended_at: new Date(session.ends.getTime() + 5 * DAY) });
    }
  }
}
