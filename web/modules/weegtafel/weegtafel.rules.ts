import type { Role } from '@server/core/auth/roles';
import type { Me } from '@server/modules/identity/identity.schema';
import type { ApiError } from '@web/core/api/client';
import type { AgendaItem, Candidate, LegalBasisEntry, Session, SessionSummary } from './weegtafel.api';

export const sessionsPath = '/weegtafel';
export const newSessionPath = '/weegtafel/nieuw';
export const legalBasesPath = '/weegtafel/grondslagen';
export const sessionPath = (id: string) => `/weegtafel/${encodeURIComponent(id)}`;
/** The case screens belong to the cases module; the table only links to them. */
export const casePath = (id: string) => `/casussen/${encodeURIComponent(id)}`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
export const isUuid = (value: string) => UUID.test(value);

// --- Who sees what (the server decides again on every request) -----------------------------

/** The ketenregisseur and procesregisseur of the Zorg- en Veiligheidshuis chair the table. */
const chairRoles: Role[] = ['ketenregisseur', 'procesregisseur'];
/** Roles whose organisation can be invited: they see a session while the invitation runs. */
const tableRoles: Role[] = [...chairRoles, 'tafellid', 'zorgcoordinator', 'aandachtsfunctionaris'];
/** Partners record the legal basis of their own organisation; the ketenregisseur that of any. */
const legalBasisRoles: Role[] = ['ketenregisseur', 'procesregisseur', 'tafellid', 'zorgcoordinator'];

export const canUseTable = (me: Me | undefined) => Boolean(me?.roles.some((role) => tableRoles.includes(role)));
export const isChair = (me: Me | undefined) => Boolean(me?.roles.some((role) => chairRoles.includes(role)));
export const canSeeLegalBases = (me: Me | undefined) => Boolean(me?.roles.some((role) => legalBasisRoles.includes(role)));

/** The organisations whose legal basis this person may record: their own, or (ketenregisseur) any of the region. */
export function mayRecordLegalBasisFor(me: Me | undefined, organisationId: string): boolean {
  if (!canSeeLegalBases(me)) return false;
  return me!.roles.includes('ketenregisseur') || me!.organisation.id === organisationId;
}

// --- The list --------------------------------------------------------------------------------

/** A session is upcoming until it ends (and not cancelled); then it is past. */
export function isUpcoming(session: Pick<SessionSummary, 'endsAt' | 'status'>, now: Date): boolean {
  return session.status !== 'cancelled' && new Date(session.endsAt).getTime() >= now.getTime();
}

/** Upcoming sessions first, soonest first; then past ones, most recent first. */
export function orderSessions<S extends Pick<SessionSummary, 'startsAt' | 'endsAt' | 'status'>>(sessions: readonly S[], now: Date): { upcoming: S[]; past: S[] } {
  const start = (s: S) => new Date(s.startsAt).getTime();
  const upcoming = sessions.filter((s) => isUpcoming(s, now)).sort((a, b) => start(a) - start(b));
  const past = sessions.filter((s) => !isUpcoming(s, now)).sort((a, b) => start(b) - start(a));
  return { upcoming, past };
}

// --- Planning a session ----------------------------------------------------------------------

export interface SessionDraft {
  date: string;
  startTime: string;
  endTime: string;
  location: string;
}
export type SessionField = 'date' | 'startTime' | 'endTime' | 'location';
export type SessionErrorKind = 'required' | 'invalid' | 'endBeforeStart' | 'tooLong';

export const emptySessionDraft = (): SessionDraft => ({ date: '', startTime: '09:00', endTime: '12:00', location: '' });

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export function sessionDraftErrors(draft: SessionDraft): Partial<Record<SessionField, SessionErrorKind>> {
  const errors: Partial<Record<SessionField, SessionErrorKind>> = {};
  if (!draft.date) errors.date = 'required';
  else if (!DATE.test(draft.date) || Number.isNaN(Date.parse(`${draft.date}T00:00:00Z`))) errors.date = 'invalid';
  if (!draft.startTime) errors.startTime = 'required';
  else if (!TIME.test(draft.startTime)) errors.startTime = 'invalid';
  if (!draft.endTime) errors.endTime = 'required';
  else if (!TIME.test(draft.endTime)) errors.endTime = 'invalid';
  else if (!errors.startTime && draft.endTime <= draft.startTime) errors.endTime = 'endBeforeStart';
  if (draft.location.trim().length > 200) errors.location = 'tooLong';
  return errors;
}

/** The UTC offset of `timeZone` at `instant`, in minutes (Amsterdam: 60 in winter, 120 in summer). */
export function offsetMinutes(instant: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/** A wall-clock date and time in the region's time zone as an ISO timestamp with its offset: 2026-12-10T09:00:00+01:00. */
export function zonedIso(date: string, time: string, timeZone = 'Europe/Amsterdam'): string {
  const wall = Date.parse(`${date}T${time}:00Z`);
  // Two passes: the offset at the guessed instant, then at the corrected one (right across a DST change).
  let offset = offsetMinutes(new Date(wall), timeZone);
  offset = offsetMinutes(new Date(wall - offset * 60_000), timeZone);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date}T${time}:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** A session's date, times and place as the form shows them, in the region's time. */
export function sessionDraftOf(session: { startsAt: string; endsAt: string; location: string }, timeZone = 'Europe/Amsterdam'): SessionDraft {
  const wall = (iso: string) => {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).formatToParts(new Date(iso));
    const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
    return { date: `${get('year')}-${get('month')}-${get('day')}`, time: `${get('hour')}:${get('minute')}` };
  };
  const start = wall(session.startsAt);
  return { date: start.date, startTime: start.time, endTime: wall(session.endsAt).time, location: session.location };
}

export function sessionInputOf(draft: SessionDraft, timeZone = 'Europe/Amsterdam') {
  return { startsAt: zonedIso(draft.date, draft.startTime, timeZone), endsAt: zonedIso(draft.date, draft.endTime, timeZone), location: draft.location.trim() };
}

// --- The session page ------------------------------------------------------------------------

export const isVersionConflict = (error: ApiError | undefined) => error?.problem?.code === 'table.session-version-conflict';
export const isSessionClosed = (error: ApiError | undefined) => error?.problem?.code === 'table.session-closed';
export const isNoLegalBasis = (error: ApiError | undefined) => error?.problem?.code === 'table.no-legal-basis';

/** What the page offers: chair actions while the session is open, amendments once the minutes are confirmed. */
export function sessionActions(session: Session) {
  const { permissions, status } = session;
  const open = permissions.update;
  return {
    composeAgenda: open,
    invite: open,
    recordAttendance: open && session.invitations.length > 0,
    recordOutcome: open,
    markHeld: open && status === 'planned' && new Date(session.startsAt).getTime() <= Date.now(),
    /** Moving or cancelling: while it is planned (the minutes of a session held are its record). */
    reschedule: open && status === 'planned',
    confirmMinutes: permissions.confirmMinutes,
    amend: permissions.amend,
    minutesReadOnly: status === 'confirmed',
  };
}

/** The legal basis an invitation starts from: the one the partner recorded for itself, else none (the chair chooses). */
export function defaultLegalBasis(organisationId: string, recorded: readonly LegalBasisEntry[]): string {
  return recorded.find((entry) => entry.organisation.id === organisationId)?.legalBasis ?? '';
}

/**
 * Which of the agenda's cases an invitation starts with: a municipality's organisation only the
 * cases it plays in (it joins for its own case, seed 002 §2.1); any other partner, and anyone
 * invited to an empty agenda, the whole agenda, cases added later included.
 */
export function defaultInviteScope(organisation: { municipality: string | null } | undefined, agenda: readonly { caseId: string; case: { municipalities: string[] } | null }[]): { scope: 'all' | 'some'; caseIds: string[] } {
  // Without cases on the agenda there is nothing to choose yet (cases added later reach every invited partner).
  if (!organisation?.municipality || agenda.length === 0) return { scope: 'all', caseIds: [] };
  const own = agenda.filter((item) => item.case?.municipalities.includes(organisation.municipality!)).map((item) => item.caseId);
  return { scope: 'some', caseIds: own };
}

/** Organisations not invited yet, so the choice offers no duplicates. */
export function invitableOrganisations<O extends { id: string }>(organisations: readonly O[], session: Pick<Session, 'invitations'>): O[] {
  const invited = new Set(session.invitations.map((i) => i.organisation.id));
  return organisations.filter((o) => !invited.has(o.id));
}

/** Per invited organisation: present, absent, or not recorded yet (''). */
export type Presence = 'present' | 'absent' | '';
export function attendanceDraftOf(session: Pick<Session, 'invitations' | 'attendance'>): Record<string, Presence> {
  const recorded = new Map(session.attendance.map((a) => [a.organisation.id, a.present]));
  return Object.fromEntries(
    session.invitations.map((i) => {
      const present = recorded.get(i.organisation.id);
      return [i.organisation.id, present === undefined ? '' : present ? 'present' : 'absent'];
    }),
  );
}

export function attendanceEntriesOf(draft: Record<string, Presence>): { organisationId: string; present: boolean }[] {
  return Object.entries(draft).flatMap(([organisationId, presence]) => (presence === '' ? [] : [{ organisationId, present: presence === 'present' }]));
}

/** "3 of 5 actions done" and the overdue count, for the progress line of an open track. */
export function trackProgress(track: NonNullable<AgendaItem['openTracks']>[number]): { done: number; total: number; overdue: number; complete: boolean } {
  return { done: track.done, total: track.actions, overdue: track.overdue, complete: track.actions > 0 && track.done === track.actions };
}

// --- A decision with tracks ------------------------------------------------------------------

export type TrackKind = 'care' | 'care-criminal' | 'undermining' | 'administrative' | 'local-help';
export type TrackMeasure = 'closure' | 'bibob' | 'permit' | 'other';
export interface TrackDraft {
  kind: TrackKind | '';
  ownerOrganisationId: string;
  measure: TrackMeasure | '';
}
export interface DecisionDraft {
  text: string;
  tracks: TrackDraft[];
}
export type DecisionErrorKind = 'required' | 'tooShort' | 'tooLong' | 'invalid';
/** Keys: `text`, `tracks.0.kind`, `tracks.0.ownerOrganisationId`, `tracks.0.measure` (as the server's invalidParams). */
export type DecisionErrors = Record<string, DecisionErrorKind>;

export const emptyTrackDraft = (): TrackDraft => ({ kind: '', ownerOrganisationId: '', measure: '' });

export function decisionDraftErrors(draft: DecisionDraft): DecisionErrors {
  const errors: DecisionErrors = {};
  const text = draft.text.trim();
  if (text.length === 0) errors.text = 'required';
  else if (text.length < 3) errors.text = 'tooShort';
  else if (text.length > 10_000) errors.text = 'tooLong';
  draft.tracks.forEach((track, i) => {
    if (!track.kind) errors[`tracks.${i}.kind`] = 'required';
    if (!track.ownerOrganisationId) errors[`tracks.${i}.ownerOrganisationId`] = 'required';
    if (track.kind === 'administrative' && !track.measure) errors[`tracks.${i}.measure`] = 'required';
  });
  return errors;
}

export function decisionInputOf(agendaItemId: string, draft: DecisionDraft) {
  return {
    agendaItemId,
    text: draft.text.trim(),
    tracks: draft.tracks.map((track) => ({
      kind: track.kind as TrackKind,
      ownerOrganisationId: track.ownerOrganisationId,
      ...(track.kind === 'administrative' && track.measure ? { measure: track.measure } : {}),
    })),
  };
}

/** The server's invalidParams (`body.tracks.0.measure`) as the form's keys; unknown ones are left out. */
export function decisionErrorsFrom(error: ApiError, draft: DecisionDraft): DecisionErrors {
  const known = new Set(['text', ...draft.tracks.flatMap((_, i) => [`tracks.${i}.kind`, `tracks.${i}.ownerOrganisationId`, `tracks.${i}.measure`])]);
  const errors: DecisionErrors = {};
  for (const param of error.invalidParams) {
    const key = param.name.replace(/^body\./, '');
    if (!known.has(key) || errors[key]) continue;
    errors[key] = param.code === 'too_small' ? 'tooShort' : param.code === 'too_big' ? 'tooLong' : param.code === 'required' || param.code === 'invalid_type' ? 'required' : 'invalid';
  }
  return errors;
}

// --- Adding cases from the candidates --------------------------------------------------------

/** The selected candidates in one request per kind (the bulk endpoint takes one kind), in list order. */
export function candidateBatches(candidates: readonly Pick<Candidate, 'caseId' | 'kind'>[], selected: readonly string[]): { kind: Candidate['kind']; caseIds: string[] }[] {
  const chosen = new Set(selected);
  const batches: { kind: Candidate['kind']; caseIds: string[] }[] = [];
  for (const candidate of candidates) {
    if (!chosen.has(candidate.caseId)) continue;
    let batch = batches.find((b) => b.kind === candidate.kind);
    if (!batch) batches.push((batch = { kind: candidate.kind, caseIds: [] }));
    batch.caseIds.push(candidate.caseId);
  }
  return batches;
}
