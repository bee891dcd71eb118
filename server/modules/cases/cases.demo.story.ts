import type { Faker } from '@faker-js/faker';
import { addWorkingDays, localDate } from '@server/core/working-days';
import type { RegionSettings } from './cases.access';
import { type closeReasonCodes, eventGroups, type trackKinds } from './cases.catalogue';
import { addSessions, completeSessions, type DemoSession, sessionForDecision } from './cases.demo.table';

/** What the demo story of one region is made from (loaded by cases.demo.ts). */
export interface DemoOrganisation {
  id: string;
  name: string;
  type: string;
  municipality_code: string | null;
}
export interface DemoContext {
  region: string;
  faker: Faker;
  now: Date;
  settings: RegionSettings;
  municipalities: string[];
  signals: { id: string; reference: string; received_at: Date; forms: string[]; acute: boolean; municipalities: string[] }[];
  organisations: {
    zvh: DemoOrganisation;
    care: DemoOrganisation;
    police: DemoOrganisation;
    om: DemoOrganisation;
    riec: DemoOrganisation;
    veiligThuis: DemoOrganisation;
    municipality: (code: string) => DemoOrganisation;
    core: DemoOrganisation[];
  };
  users: { af: { id: string; municipality: string }; af2: { id: string; municipality: string } | undefined; kr: string; tafellid: string; tafellidRiec: string; zorgcoordinator: string; procesregisseur: string };
  caseNumbers: number[];
  sessionNumbers: number[];
  legalBasesDone: Set<string>;
}

const tables = [
  'partner_legal_basis', 'case_file', 'case_municipality', 'case_signal', 'case_source_check', 'case_consultation', 'case_handover', 'table_session', 'table_agenda_item',
  'table_decision', 'case_track', 'track_action', 'acute_intervention', 'table_invitation', 'table_attendance', 'table_minutes_amendment', 'access_grant',
  'urgent_consultation', 'urgent_consultation_invitee', 'urgent_consultation_contribution', 'case_event',
] as const;
export type DemoRows = Record<(typeof tables)[number], Record<string, unknown>[]>;
export const emptyRows = (): DemoRows => Object.fromEntries(tables.map((t) => [t, []])) as unknown as DemoRows;

type Status = 'enrichment' | 'put-forward' | 'monitoring' | 'closed';
type TrackKind = (typeof trackKinds)[number];
const DAY = 86_400_000;
const HOUR = 3_600_000;

const titlesByForm: Record<string, string[]> = {
  labour: ['Uitzendbureau Industrieweg', 'Autowasstraat Havenweg', 'Loods bedrijventerrein De Vaart', 'Schoonmaakbedrijf Kerkstraat', 'Kassencomplex Polderweg', 'Pakketbezorging Stationsplein'],
  sexual: ['Woning Dorpsstraat', 'Massagesalon Marktstraat', 'Advertenties met één telefoonnummer', 'Nagelstudio Stationsstraat', 'Jonge vrouw opvang'],
  criminal: ['Jongeren bij het station', 'Bankrekening kwetsbare man', 'Hennepkwekerij Weideweg'],
  begging: ['Bedelen bij de supermarkt'],
  'forced-marriage': ['Leerling huwelijksdwang'],
};
const findings = [
  'Acht personen ingeschreven op één adres (fictief).',
  'Geen lopende voorzieningen bekend.',
  'Bekend bij het wijkteam: schulden, geen vast werk.',
  'Vergunning aangevraagd voor een ander bedrijf op hetzelfde adres.',
  'Eerdere handhavingsmelding over overbewoning.',
  'Niet ingeschreven; verblijft volgens buren al maanden op het adres.',
];
const trackNotes: Record<TrackKind, string> = {
  care: 'Opvang, medische zorg en begeleiding regelen.',
  'care-criminal': 'Zorg en strafrechtelijk onderzoek samen regisseren.',
  undermining: 'Informatie bundelen in het RIEC-casusoverleg.',
  administrative: 'Bestuurlijke maatregel voorbereiden.',
  'local-help': 'Reguliere hulp via het wijkteam.',
};
const legalBasisByType: Record<string, string> = {
  police: 'wpg',
  'public-prosecution': 'wjsg',
  riec: 'wgs',
  'veilig-thuis': 'wmo-meldcode',
  'care-coordination': 'avg-6-1-e',
  'zorg-en-veiligheidshuis': 'convenant',
  municipality: 'avg-6-1-e',
};

/** One region's demo story: who did what, with which dates, as rows for cases.demo.ts to write. */
export class Story {
  readonly rows: DemoRows;
  readonly today: string;
  private readonly versions = new Map<string, { version: number; updated: Date }>();
  constructor(
    readonly ctx: DemoContext,
    rows: DemoRows,
  ) {
    this.rows = rows;
    this.today = localDate(ctx.now, ctx.settings.timezone);
  }
  get faker() {
    return this.ctx.faker;
  }
  id(): string {
    return this.faker.string.uuid();
  }
  at(daysFromNow: number): Date {
    return new Date(this.ctx.now.getTime() + daysFromNow * DAY);
  }
  /** Never in the future: a demo records what happened. */
  past(at: Date, latest = this.ctx.now.getTime() - HOUR): Date {
    return new Date(Math.min(at.getTime(), latest));
  }
  workingDays(from: Date, days: number): string {
    return addWorkingDays(from, days, this.ctx.settings.timezone);
  }
  legalBasis(organisation: DemoOrganisation): string {
    const wanted = legalBasisByType[organisation.type] ?? 'convenant';
    const codes = this.ctx.settings.legalBases.map((b) => b.code);
    return codes.includes(wanted) ? wanted : codes.includes('convenant') ? 'convenant' : codes[0]!;
  }
  event(caseId: string, at: Date, actor: string | null, kind: string, detail: Record<string, unknown> = {}): void {
    this.rows.case_event.push({ case_id: caseId, region_code: this.ctx.region, at, actor_user_id: actor, kind, field_group: eventGroups[kind] ?? 'facts', detail: JSON.stringify(detail) });
    const v = this.versions.get(caseId) ?? { version: 0, updated: at };
    v.version += 1;
    if (at > v.updated) v.updated = at;
    this.versions.set(caseId, v);
  }
  grant(caseId: string, organisation: DemoOrganisation, input: { purpose: string; from: Date; until: Date; by: string; sourceType: string; sourceId: string; revokedAt?: Date | null }): void {
    this.rows.access_grant.push({
      region_code: this.ctx.region,
      record_type: 'case',
      record_id: caseId,
      grantee_user_id: null,
      grantee_organisation_id: organisation.id,
      purpose: input.purpose,
      legal_basis: this.legalBasis(organisation),
      valid_from: input.from,
      valid_until: input.until,
      granted_by: input.by,
      created_at: input.from,
      revoked_at: input.revokedAt ?? null,
      revoked_by: input.revokedAt ? input.by : null,
      source_type: input.sourceType,
      source_id: input.sourceId,
    });
  }
  /** A track with its owner's grant and actions; closed with a reason when `closedAt` is given. */
  track(c: DemoCase, input: { kind: TrackKind; openedAt: Date; by: string; decisionId?: string | null; closedAt?: Date | null; measure?: string }): string {
    const o = this.ctx.organisations;
    const owner = { care: o.care, 'care-criminal': o.zvh, undermining: o.riec, administrative: o.municipality(c.lead), 'local-help': o.municipality(c.lead) }[input.kind];
    const id = this.id();
    const closedAt = input.closedAt ?? null;
    const measure = input.kind === 'administrative' ? (input.measure ?? 'closure') : null;
    this.rows.case_track.push({
      id,
      case_id: c.id,
      region_code: this.ctx.region,
      kind: input.kind,
      measure,
      owner_organisation_id: owner.id,
      status: closedAt ? 'closed' : 'open',
      note: trackNotes[input.kind],
      decision_id: input.decisionId ?? null,
      opened_by: input.by,
      opened_at: input.openedAt,
      closed_reason: closedAt ? this.faker.helpers.arrayElement(['Doel bereikt; overgedragen aan reguliere hulp.', 'Maatregel uitgevoerd.', 'Onderzoek afgerond.', 'Cliënt is veilig gehuisvest.']) : null,
      closed_by: closedAt ? input.by : null,
      closed_at: closedAt,
      version: closedAt ? 3 : 2,
    });
    this.grant(c.id, owner, { purpose: `spoor ${input.kind}`, from: input.openedAt, until: new Date(Math.max(input.openedAt.getTime() + 366 * DAY, this.ctx.now.getTime() + 30 * DAY)), by: input.by, sourceType: 'track', sourceId: id, revokedAt: closedAt });
    this.event(c.id, input.openedAt, input.by, 'track-opened', { trackId: id, kind: input.kind, measure, owner: owner.name, decisionId: input.decisionId ?? null });
    const u = this.ctx.users;
    const personal = { care: u.zorgcoordinator, 'care-criminal': u.procesregisseur, undermining: u.tafellidRiec, administrative: c.assigned, 'local-help': c.assigned }[input.kind];
    const actions = closedAt ? 2 : this.faker.number.int({ min: 1, max: 3 });
    for (let i = 0; i < actions; i++) {
      const ownerUser = i % 2 === 0 && personal ? personal : null;
      const created = new Date(input.openedAt.getTime() + (i + 1) * HOUR);
      let due: Date;
      let status: 'open' | 'done' = 'open';
      if (closedAt || i === 0) {
        status = 'done';
        due = new Date(input.openedAt.getTime() + 14 * DAY);
      } else if (c.plan % 3 === 0 && i === 1) due = this.at(-this.faker.number.int({ min: 2, max: 20 }));
      else due = this.at(this.faker.number.int({ min: 3, max: 45 }));
      const completed = status === 'done' ? this.past(new Date(Math.min(due.getTime() - DAY, (closedAt ?? this.ctx.now).getTime() - HOUR))) : null;
      const actionId = this.id();
      this.rows.track_action.push({
        id: actionId,
        track_id: id,
        case_id: c.id,
        region_code: this.ctx.region,
        description: this.faker.helpers.arrayElement(['Opvangplek regelen', 'Gesprek met cliënt voeren', 'Adrescontrole uitvoeren', 'Dossier voorbereiden voor het casusoverleg', 'Bibob-advies aanvragen', 'Huisbezoek met wijkteam', 'Terugkoppeling aan de tafel']),
        owner_user_id: ownerUser,
        owner_organisation_id: ownerUser ? null : owner.id,
        due_on: localDate(due, this.ctx.settings.timezone),
        status,
        created_by: input.by,
        created_at: created,
        completed_by: completed ? (ownerUser ?? input.by) : null,
        completed_at: completed,
        version: completed ? 2 : 1,
      });
      this.event(c.id, created, input.by, 'action-added', { trackId: id, actionId, dueOn: localDate(due, this.ctx.settings.timezone) });
      if (completed) this.event(c.id, completed, ownerUser ?? input.by, 'action-changed', { trackId: id, actionId, status: 'done' });
    }
    if (closedAt) this.event(c.id, closedAt, input.by, 'track-closed', { trackId: id, kind: input.kind });
    return id;
  }
  finish(): void {
    for (const row of this.rows.case_file) {
      const v = this.versions.get(row.id as string);
      if (v) Object.assign(row, { version: v.version, updated_at: v.updated });
    }
  }
}

export interface DemoCase {
  id: string;
  reference: string;
  plan: number;
  status: Status;
  lead: string;
  municipalities: string[];
  assigned: string | null;
  actor: string;
  created: Date;
  row: Record<string, unknown>;
}

function plans(count: number): { status: Status; k: number }[] {
  const enrichment = Math.max(3, Math.round(count * 0.22));
  const putForward = Math.max(2, Math.round(count * 0.12));
  const monitoring = Math.max(5, Math.round(count * 0.33));
  const closed = Math.max(3, count - enrichment - putForward - monitoring);
  return [
    ...Array.from({ length: enrichment }, (_, k) => ({ status: 'enrichment' as const, k })),
    ...Array.from({ length: putForward }, (_, k) => ({ status: 'put-forward' as const, k })),
    ...Array.from({ length: monitoring }, (_, k) => ({ status: 'monitoring' as const, k })),
    ...Array.from({ length: closed }, (_, k) => ({ status: 'closed' as const, k })),
  ].slice(0, count);
}

function intendedAge(story: Story, status: Status, k: number, of: number): number {
  const f = story.faker;
  if (status === 'enrichment') return k % 2 === 0 ? f.number.float({ min: 9, max: 25 }) : f.number.float({ min: 0.2, max: 3 });
  if (status === 'put-forward') return f.number.float({ min: 12, max: 40 });
  if (status === 'monitoring') return 45 + (235 * k) / Math.max(1, of) + f.number.float({ min: 0, max: 10 });
  return 100 + (620 * k) / Math.max(1, of) + f.number.float({ min: 0, max: 10 });
}

/** Builds the cases (with signals, municipalities, enrichment) and hands them to the steps of their state. */
export function tellStories(ctx: DemoContext, rows: DemoRows, wanted: number): { cases: number; sessions: number; tracks: number } {
  const story = new Story(ctx, rows);
  const f = story.faker;
  const { users, organisations } = ctx;
  for (const organisation of [...organisations.core, ...ctx.municipalities.map((m) => organisations.municipality(m))]) {
    if (ctx.legalBasesDone.has(organisation.id)) continue;
    ctx.legalBasesDone.add(organisation.id);
    rows.partner_legal_basis.push({ region_code: ctx.region, organisation_id: organisation.id, legal_basis: story.legalBasis(organisation), note: 'Vastgelegd in het regionale privacyconvenant (demo).', recorded_by: users.kr, recorded_at: story.at(-400) });
  }
  const sessions = addSessions(story);
  const list = plans(Math.min(wanted, ctx.signals.length, ctx.caseNumbers.length));
  const counts = Object.fromEntries((['enrichment', 'put-forward', 'monitoring', 'closed'] as const).map((s) => [s, list.filter((p) => p.status === s).length]));
  const aged = list.map((p) => ({ ...p, age: intendedAge(story, p.status, p.k, counts[p.status]!) })).sort((a, b) => a.age - b.age);
  const spare = ctx.signals.slice(aged.length);
  const cases: DemoCase[] = [];
  aged.forEach((p, i) => {
    const signal = ctx.signals[i]!;
    const created = story.past(new Date(Math.max(story.at(-p.age).getTime(), signal.received_at.getTime() + DAY)), ctx.now.getTime() - 10 * 60_000);
    const af2 = users.af2 ?? users.af;
    let lead: string;
    if (p.status === 'enrichment') lead = p.k === 1 && af2.municipality !== users.af.municipality ? af2.municipality : p.k % 3 !== 2 ? users.af.municipality : af2.municipality;
    else lead = i % 4 === 0 ? users.af.municipality : i % 4 === 1 ? af2.municipality : (signal.municipalities[0] ?? f.helpers.arrayElement(ctx.municipalities));
    const involved = new Set(signal.municipalities.filter((m) => m !== lead && ctx.municipalities.includes(m)));
    if (p.status === 'monitoring' && p.k === 1) involved.add(lead === users.af.municipality ? af2.municipality : users.af.municipality);
    involved.delete(lead);
    const assigned = lead === users.af.municipality ? (p.status === 'enrichment' && p.k % 5 === 4 ? null : users.af.id) : lead === af2.municipality && users.af2 ? users.af2.id : i % 2 === 0 ? users.kr : null;
    const form = signal.forms[0] ?? 'labour';
    const n = ctx.caseNumbers[i]!;
    const reference = `CS-${localDate(created, ctx.settings.timezone).slice(0, 4)}-${n > 999_999 ? n : String(n).padStart(6, '0')}`;
    const c: DemoCase = { id: story.id(), reference, plan: p.k, status: p.status, lead, municipalities: [lead, ...involved], assigned, actor: assigned ?? users.kr, created, row: {} };
    c.row = {
      id: c.id,
      region_code: ctx.region,
      reference,
      title: f.helpers.arrayElement(titlesByForm[form] ?? titlesByForm.labour!),
      summary: 'Signalen gebundeld tot een casus; verrijking met gemeentelijke informatie (fictieve demodata).',
      forms: signal.forms,
      acute: signal.acute,
      status: p.status,
      lead_municipality_code: lead,
      municipalities: c.municipalities,
      assigned_to: assigned,
      assessment_due: story.workingDays(created, ctx.settings.caseDeadlines.assessmentWorkingDays),
      created_by: c.actor,
      created_at: created,
      updated_at: created,
    };
    rows.case_file.push(c.row);
    for (const m of c.municipalities) rows.case_municipality.push({ case_id: c.id, municipality_code: m, region_code: ctx.region, lead: m === lead, open: p.status !== 'closed', created_at: created });
    const joined = [signal, ...(i % 6 === 3 ? spare.splice(0, 1).filter((s) => s.received_at < created) : [])];
    for (const s of joined) rows.case_signal.push({ case_id: c.id, signal_id: s.id, joined_by: c.actor, joined_at: created });
    story.event(c.id, created, c.actor, 'created', { signals: joined.map((s) => s.reference) });
    if (assigned) story.event(c.id, new Date(created.getTime() + 10 * 60_000), users.kr, 'assigned', { to: assigned });
    cases.push(c);
  });
  for (const c of cases) {
    enrich(story, c);
    if (c.status === 'put-forward') putForward(story, c, sessions);
    if (c.status === 'monitoring') monitor(story, c, sessions);
    if (c.status === 'closed') close(story, c, sessions);
  }
  completeSessions(story, sessions);
  handOvers(story, cases);
  story.finish();
  return { cases: cases.length, sessions: sessions.length, tracks: rows.case_track.length };
}

function enrich(story: Story, c: DemoCase): void {
  const { ctx, faker: f } = story;
  const newest = c.status === 'enrichment' && c.created.getTime() > ctx.now.getTime() - 2 * DAY && c.plan % 2 === 1;
  if (newest) return;
  const sources = f.helpers.arrayElements(ctx.settings.caseSources.map((s) => s.code), { min: 1, max: 3 });
  sources.forEach((source, i) => {
    const at = story.past(new Date(c.created.getTime() + (i + 1) * 5 * HOUR));
    story.rows.case_source_check.push({ id: story.id(), case_id: c.id, region_code: ctx.region, source_code: source, consulted_on: localDate(at, ctx.settings.timezone), finding: f.helpers.arrayElement(findings), recorded_by: c.actor, recorded_at: at });
    story.event(c.id, at, c.actor, 'source-checked', { source });
  });
  if (c.plan % 2 === 0) {
    const at = story.past(new Date(c.created.getTime() + 30 * HOUR));
    const organisation = f.helpers.arrayElement([ctx.organisations.police, ctx.organisations.veiligThuis, ctx.organisations.care]);
    story.rows.case_consultation.push({ id: story.id(), case_id: c.id, region_code: ctx.region, organisation_id: organisation.id, consulted_on: localDate(at, ctx.settings.timezone), summary: f.helpers.arrayElement(['Wijkagent bevestigt wisselende bewoners.', 'Bekend bij Veilig Thuis; geen lopende melding.', 'Zorgcoördinator kent cliënt niet; wil aansluiten bij het overleg.']), recorded_by: c.actor, recorded_at: at });
    story.event(c.id, at, c.actor, 'consulted', { organisation: organisation.name });
  }
}

function assess(story: Story, c: DemoCase, decision: 'local-help' | 'acute-care' | 'table' | 'close', days: number): Date {
  const at = story.past(new Date(c.created.getTime() + days * DAY), story.ctx.now.getTime() - DAY);
  const reason = { 'local-help': 'Passende hulp in de eigen gemeente.', 'acute-care': 'Acute zorg nodig: doorverwezen naar de zorgcoördinator.', table: 'Vermoeden versterkt na verrijking; meerdere partners nodig.', close: 'Na verrijking geen aanwijzingen voor uitbuiting.' }[decision];
  Object.assign(c.row, { assessment: decision, assessment_reason: reason, assessed_at: at, assessed_by: c.actor });
  story.event(c.id, at, c.actor, 'assessed', { decision });
  return at;
}

function putForward(story: Story, c: DemoCase, sessions: DemoSession[]): void {
  const assessed = assess(story, c, 'table', 4);
  c.row.assessment_due = story.workingDays(assessed, story.ctx.settings.caseDeadlines.tableWorkingDays);
  const planned = sessions.filter((s) => s.status === 'planned');
  const session = planned[c.plan % 3 === 2 ? planned.length - 1 : 0];
  if (session) session.agenda.push({ c, kind: 'discussion', addedAt: new Date(assessed.getTime() + HOUR) });
}

const tableKinds: TrackKind[][] = [['care-criminal', 'undermining'], ['administrative'], ['care', 'administrative'], ['undermining'], ['care-criminal'], ['care', 'undermining']];
const measures = ['closure', 'bibob', 'permit'];

function monitor(story: Story, c: DemoCase, sessions: DemoSession[]): void {
  const { ctx } = story;
  if (c.plan === 0) {
    // The acute case: the police acted first, the zorgcoördinator took over, a spoed-MDO is open.
    Object.assign(c.row, { acute: true });
    const acted = new Date(c.created.getTime() - 6 * HOUR);
    const id = story.id();
    story.rows.acute_intervention.push({ id, case_id: c.id, region_code: ctx.region, authority: 'police-om', organisation_id: ctx.organisations.police.id, acted_at: acted, description: 'Controle op het adres; twee personen naar veilige opvang gebracht (fictief).', recorded_by: ctx.users.tafellid, recorded_at: c.created });
    story.event(c.id, new Date(c.created.getTime() + 5 * 60_000), ctx.users.tafellid, 'intervention', { interventionId: id, authority: 'police-om', organisation: ctx.organisations.police.name });
    const assessed = assess(story, c, 'acute-care', 1);
    story.track(c, { kind: 'care', openedAt: assessed, by: c.actor });
    urgentConsultation(story, c, story.at(-20 / 24), 'open');
  } else if (c.plan % 5 === 3) {
    story.track(c, { kind: 'local-help', openedAt: assess(story, c, 'local-help', 5), by: c.actor });
  } else {
    const assessed = assess(story, c, 'table', 4);
    const session = sessionForDecision(sessions, assessed);
    const kinds = tableKinds[c.plan % tableKinds.length]!;
    if (!session) {
      story.track(c, { kind: 'local-help', openedAt: assessed, by: c.actor });
    } else {
      session.agenda.push({ c, kind: 'discussion', addedAt: new Date(assessed.getTime() + HOUR), decide: (decisionId, at) => kinds.map((kind, i) => story.track(c, { kind, openedAt: at, by: ctx.users.kr, decisionId, measure: measures[(c.plan + i) % measures.length]! })) });
      // Later sessions follow the tracks' progress.
      for (const later of sessions.filter((s) => s.starts > session.starts).slice(0, 2)) later.agenda.push({ c, kind: 'monitoring', addedAt: new Date(later.starts.getTime() - 7 * DAY) });
    }
    if (c.plan === 2) urgentConsultation(story, c, new Date(assessed.getTime() + 2 * DAY), 'advised');
  }
  const planned = sessions.filter((s) => s.status === 'planned');
  const upcoming = planned[c.plan % 2];
  if (upcoming && !upcoming.agenda.some((a) => a.c.id === c.id)) upcoming.agenda.push({ c, kind: 'monitoring', addedAt: story.at(-2) });
}

function close(story: Story, c: DemoCase, sessions: DemoSession[]): void {
  const { ctx, faker: f } = story;
  const variant = c.plan % 4;
  let closedAt: Date;
  let reasonCode: (typeof closeReasonCodes)[number];
  if (variant === 0) {
    closedAt = assess(story, c, 'close', 6);
    reasonCode = f.helpers.arrayElement(['no-exploitation', 'moved-away', 'referred-elsewhere'] as const);
  } else if (variant === 1) {
    const opened = assess(story, c, 'local-help', 5);
    closedAt = story.past(new Date(opened.getTime() + f.number.int({ min: 30, max: 90 }) * DAY), ctx.now.getTime() - 3 * DAY);
    story.track(c, { kind: 'local-help', openedAt: opened, by: c.actor, closedAt });
    reasonCode = 'handled-locally';
  } else {
    const assessed = assess(story, c, 'table', 4);
    const session = sessionForDecision(sessions, assessed, 'confirmed');
    const kinds = tableKinds[(c.plan + 1) % tableKinds.length]!;
    const opened = session ? session.ends : new Date(assessed.getTime() + 14 * DAY);
    closedAt = story.past(new Date(opened.getTime() + f.number.int({ min: 40, max: 160 }) * DAY), ctx.now.getTime() - 3 * DAY);
    if (closedAt <= opened) closedAt = new Date(opened.getTime() + DAY);
    const open = (decisionId: string | null, at: Date) => kinds.map((kind, i) => story.track(c, { kind, openedAt: at, by: ctx.users.kr, decisionId, closedAt, measure: measures[i % measures.length]! }));
    if (session) session.agenda.push({ c, kind: 'discussion', addedAt: new Date(assessed.getTime() + HOUR), decide: open });
    else open(null, opened);
    reasonCode = variant === 2 ? 'tracks-completed' : 'declined-help';
  }
  Object.assign(c.row, { closed_reason_code: reasonCode, closed_reason: 'Afgesloten na bespreking; zie de sporen en de tijdlijn (fictief).', closed_at: closedAt, closed_by: c.actor });
  story.event(c.id, closedAt, c.actor, 'closed', { reasonCode });
}

/** A spoed-MDO: two invited partners with 72-hour grants, their contributions, and an advice when advised. */
function urgentConsultation(story: Story, c: DemoCase, opened: Date, status: 'open' | 'advised'): void {
  const { ctx } = story;
  const id = story.id();
  const until = new Date(opened.getTime() + ctx.settings.urgentConsultationGrantHours * HOUR);
  const advisedAt = status === 'advised' ? new Date(opened.getTime() + 30 * HOUR) : null;
  story.rows.urgent_consultation.push({ id, case_id: c.id, region_code: ctx.region, question: 'Is acute opvang nodig en wie neemt de regie?', status, grant_until: until, opened_by: c.actor, opened_at: opened, advice: advisedAt ? 'Opvang via de zorgcoördinator; politie sluit aan bij het eerstvolgende casusoverleg.' : null, advised_by: advisedAt ? ctx.users.kr : null, advised_at: advisedAt, version: advisedAt ? 2 : 1 });
  story.event(c.id, opened, c.actor, 'urgent-consultation-opened', { consultationId: id });
  const invited: [DemoOrganisation, string][] = [[ctx.organisations.care, ctx.users.zorgcoordinator], [ctx.organisations.police, ctx.users.tafellid]];
  invited.forEach(([organisation, author], i) => {
    story.rows.urgent_consultation_invitee.push({ consultation_id: id, organisation_id: organisation.id, legal_basis: story.legalBasis(organisation) });
    story.grant(c.id, organisation, { purpose: 'spoed-MDO', from: opened, until, by: c.actor, sourceType: 'urgent-consultation', sourceId: id });
    story.rows.urgent_consultation_contribution.push({ id: story.id(), consultation_id: id, region_code: ctx.region, author_user_id: author, organisation_id: organisation.id, text: i === 0 ? 'Opvangplek is beschikbaar vanaf vanavond.' : 'Wijkagent kan vanmiddag mee naar het adres.', at: story.past(new Date(opened.getTime() + (i + 2) * HOUR)) });
  });
  if (advisedAt) story.event(c.id, advisedAt, ctx.users.kr, 'urgent-consultation-advised', { consultationId: id });
}

/** A pending hand-over (to the demo aandachtsfunctionaris) and an accepted one. */
function handOvers(story: Story, cases: DemoCase[]): void {
  const { ctx } = story;
  const handover = (c: DemoCase, from: string, to: string, requested: Date, accepted: boolean) => {
    const id = story.id();
    const decided = accepted ? new Date(requested.getTime() + DAY) : null;
    story.rows.case_handover.push({ id, case_id: c.id, region_code: ctx.region, from_municipality_code: from, to_municipality_code: to, reason: 'Het slachtoffer woont inmiddels in de andere gemeente (fictief).', status: accepted ? 'accepted' : 'pending', due_on: story.workingDays(requested, ctx.settings.caseDeadlines.handoverWorkingDays), requested_by: c.actor, requested_at: requested, decided_by: decided ? (to === af ? ctx.users.af.id : ctx.users.kr) : null, decided_at: decided, decision_note: decided ? 'Wij nemen de regie over.' : null });
    story.event(c.id, requested, c.actor, 'handover-requested', { handoverId: id, to });
    if (decided) story.event(c.id, decided, to === af ? ctx.users.af.id : ctx.users.kr, 'handover-decided', { handoverId: id, decision: 'accepted' });
  };
  const af = ctx.users.af.municipality;
  const pending = cases.find((c) => c.status === 'enrichment' && c.lead !== af);
  if (pending) {
    if (!pending.municipalities.includes(af)) {
      pending.municipalities.push(af);
      story.rows.case_municipality.push({ case_id: pending.id, municipality_code: af, region_code: ctx.region, lead: false, open: true, created_at: pending.created });
    }
    handover(pending, pending.lead, af, story.past(new Date(pending.created.getTime() + 2 * HOUR)), false);
  }
  const accepted = cases.find((c) => c.status === 'monitoring' && c.lead === af && c.plan !== 0) ?? cases.find((c) => c.status === 'monitoring' && c.plan !== 0);
  const from = ctx.municipalities.find((m) => accepted && !accepted.municipalities.includes(m));
  if (accepted && from) {
    accepted.municipalities.push(from);
    story.rows.case_municipality.push({ case_id: accepted.id, municipality_code: from, region_code: ctx.region, lead: false, open: true, created_at: accepted.created });
    handover(accepted, from, accepted.lead, new Date(accepted.created.getTime() + DAY), true);
  }
}
