import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runDemo } from '@server/core/demo';
import { deliverDueMails, type MailSender, smtpSender } from '@server/core/mail/mailer';
import { startTestSmtpServer, type TestSmtpServer } from '@server/core/mail/testing';
import { createTestApp, createTestUser, expectRoleMatrix, logIn, type LoggedIn, type TestApp, type TestUser } from '@server/core/testing';
import { identityModule } from '@server/modules/identity';
import { type NewSignal, recordSignal } from '@server/modules/signals';
import { alertsModule, alertSettingsOf, configureAlerts, raiseAcuteAlert } from '.';
import { dutyRoles } from './alerts.policy';
import { gapsIn } from './alerts.roster';

const HILVERSUM = 'GM0402';
const HUIZEN = 'GM0406';
const FALLBACK = 'meldpunt-terugval@regio.example';
const HOUR = 3_600_000;

let t: TestApp;
let smtp: TestSmtpServer;
let sender: MailSender;
let regisseur: LoggedIn;
let onCallA: TestUser;
let onCallB: TestUser;
const db = () => t.prepared.database.db;
const api = (session: LoggedIn, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, headers: session.headers, ...(payload ? { payload } : {}) });
const iso = (ms: number) => new Date(ms).toISOString();

/** Personal data a fictional acute signal carries; none of it may reach a mail. */
const secrets = {
  summary: 'Fictief: Marijke Zonneveld wordt vastgehouden in de kelder van Bakkerij De Gouden Korst',
  victim: 'Marijke Zonneveld',
  phone: '0612345678',
  business: 'Bakkerij De Gouden Korst',
  street: 'Kerkbrink',
  plate: '12-ABC-3',
};

function acuteSignal(overrides: Partial<NewSignal> = {}): NewSignal {
  return {
    regionCode: 'gooi-en-vechtstreek',
    channel: 'professional',
    acute: true,
    forms: ['sexual'],
    summary: secrets.summary,
    persons: [{ role: 'victim', name: secrets.victim, phone: secrets.phone, approximateAge: 19 }],
    businesses: [{ name: secrets.business, kvkNumber: '12345678' }],
    locations: [{ street: secrets.street, houseNumber: '1', place: 'Hilversum' }],
    vehicles: [{ licensePlate: secrets.plate }],
    reporter: { name: 'Fictieve Melder', email: 'melder@example.test', phone: '0698765432' },
    ...overrides,
  };
}

async function shift(person: TestUser, from: number, until: number, extra: object = {}) {
  const response = await api(regisseur, 'POST', '/on-call-shifts', { personId: person.id, from: iso(from), until: iso(until), ...extra });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

beforeAll(async () => {
  t = await createTestApp({
    LOGIN_RATE_LIMIT_PER_MINUTE: 100_000,
    RATE_LIMIT_PER_MINUTE: 100_000,
    PUBLIC_BASE_URL: 'https://schakel.regio.example',
    ALERT_FALLBACK_EMAIL: FALLBACK,
  });
  smtp = await startTestSmtpServer();
  sender = smtpSender({ host: '127.0.0.1', port: smtp.port, secure: false, from: 'Schakel <schakel@regio.example>' });
  regisseur = await logIn(t, await createTestUser(t, { roles: ['ketenregisseur'], allMunicipalities: true }));
  onCallA = await createTestUser(t, { roles: ['zorgcoordinator'], allMunicipalities: true });
  onCallB = await createTestUser(t, { roles: ['aandachtsfunctionaris'], municipalities: [HUIZEN] });
});
afterAll(async () => {
  sender.close();
  await smtp.stop();
  await t.close();
});

describe('the reachability roster', () => {
  beforeEach(async () => {
    await db().deleteFrom('alert').execute();
    await db().deleteFrom('on_call_shift').execute();
  });

  it('is kept by the ketenregisseur: create, read, change, remove — each logged with the person as subject', async () => {
    const now = Date.now();
    const created = await shift(onCallA, now, now + 24 * HOUR, { note: 'Weekdienst' });
    expect(created).toMatchObject({ person: { id: onCallA.id }, channel: 'email', address: null, effectiveAddress: onCallA.email, note: 'Weekdienst', overlapsWith: [] });
    const read = await api(regisseur, 'GET', `/on-call-shifts/${created.id}`);
    expect(read.json()).toEqual(created);
    const changed = await api(regisseur, 'PATCH', `/on-call-shifts/${created.id}`, { address: 'Dienst-Telefoon@Regio.example', until: iso(now + 48 * HOUR) });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ address: 'dienst-telefoon@regio.example', effectiveAddress: 'dienst-telefoon@regio.example', until: iso(now + 48 * HOUR), note: 'Weekdienst' });
    expect((await api(regisseur, 'DELETE', `/on-call-shifts/${created.id}`)).statusCode).toBe(204);
    expect((await api(regisseur, 'GET', `/on-call-shifts/${created.id}`)).statusCode).toBe(404);
    const logged = await db().selectFrom('access_log').select(['action', 'subjects']).where('record_type', '=', 'on-call-shift').where('record_id', '=', created.id).orderBy('id').execute();
    expect(logged.map((l) => l.action)).toEqual(['create', 'read', 'update', 'delete']);
    expect(logged.every((l) => l.subjects.includes(onCallA.id))).toBe(true);
  });

  it('refuses a shift that ends before it starts, lasts over 92 days, or names someone who cannot be on call', async () => {
    const now = Date.now();
    const backwards = await api(regisseur, 'POST', '/on-call-shifts', { personId: onCallA.id, from: iso(now), until: iso(now - HOUR) });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().invalidParams).toEqual([expect.objectContaining({ name: 'body.until' })]);
    const tooLong = await api(regisseur, 'POST', '/on-call-shifts', { personId: onCallA.id, from: iso(now), until: iso(now + 93 * 24 * HOUR) });
    expect(tooLong.json().invalidParams).toEqual([expect.objectContaining({ name: 'body.until', code: 'too_big' })]);
    const signaleerder = await createTestUser(t, { roles: ['signaleerder'] });
    const otherRegion = await createTestUser(t, { roles: ['ketenregisseur'], allMunicipalities: true, region: 'ijsselland' });
    for (const person of [signaleerder, otherRegion]) {
      const refused = await api(regisseur, 'POST', '/on-call-shifts', { personId: person.id, from: iso(now), until: iso(now + HOUR) });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().invalidParams).toEqual([expect.objectContaining({ name: 'body.personId', code: 'unknown' })]);
    }
    const badAddress = await api(regisseur, 'POST', '/on-call-shifts', { personId: onCallA.id, from: iso(now), until: iso(now + HOUR), address: 'geen adres' });
    expect(badAddress.json().invalidParams[0].name).toBe('body.address');
    expect(await db().selectFrom('on_call_shift').select('id').execute()).toEqual([]);
  });

  it('allows overlapping shifts of different people and says so; one person cannot be on call twice at once', async () => {
    const now = Date.now();
    const a = await shift(onCallA, now, now + 10 * HOUR);
    const b = await shift(onCallB, now + 8 * HOUR, now + 20 * HOUR);
    expect(b.overlapsWith).toEqual([a.id]);
    const again = await api(regisseur, 'POST', '/on-call-shifts', { personId: onCallA.id, from: iso(now + 9 * HOUR), until: iso(now + 12 * HOUR) });
    expect(again.statusCode).toBe(400);
    expect(again.json().invalidParams).toEqual([expect.objectContaining({ name: 'body.from', code: 'overlap' })]);
    // Moving B onto A's own shift is the same mistake; moving it clear of A removes the warning.
    const swap = await api(regisseur, 'PATCH', `/on-call-shifts/${b.id}`, { personId: onCallA.id });
    expect(swap.statusCode).toBe(400);
    const moved = await api(regisseur, 'PATCH', `/on-call-shifts/${b.id}`, { from: iso(now + 10 * HOUR) });
    expect(moved.json().overlapsWith).toEqual([]);
    // Back to back is no overlap.
    expect((await shift(onCallA, now + 10 * HOUR, now + 11 * HOUR)).overlapsWith).toEqual([b.id]);
  });

  it('lists shifts in a period, paged, and shows the gaps in which nobody is on call', async () => {
    const base = Date.UTC(2030, 0, 7, 7);
    await shift(onCallA, base, base + 24 * HOUR);
    await shift(onCallB, base + 12 * HOUR, base + 30 * HOUR);
    await shift(onCallA, base + 40 * HOUR, base + 50 * HOUR);
    await shift(onCallA, base + 24 * 10 * HOUR, base + 24 * 11 * HOUR);
    const page = await api(regisseur, 'GET', `/on-call-shifts?from=${iso(base)}&until=${iso(base + 72 * HOUR)}&pageSize=2`);
    expect(page.statusCode).toBe(200);
    const body = page.json();
    expect(body.page).toEqual({ number: 1, size: 2, totalElements: 3, totalPages: 2 });
    expect(body._links.next.href).toContain('page=2');
    expect(body._embedded.onCallShifts.map((s: { from: string }) => s.from)).toEqual([iso(base), iso(base + 12 * HOUR)]);
    const gaps = await api(regisseur, 'GET', `/on-call-gaps?from=${iso(base - 2 * HOUR)}&until=${iso(base + 72 * HOUR)}`);
    expect(gaps.json()._embedded.gaps).toEqual([
      { from: iso(base - 2 * HOUR), until: iso(base) },
      { from: iso(base + 30 * HOUR), until: iso(base + 40 * HOUR) },
      { from: iso(base + 50 * HOUR), until: iso(base + 72 * HOUR) },
    ]);
    expect((await api(regisseur, 'GET', `/on-call-gaps?from=${iso(base)}&until=${iso(base + 100 * 24 * HOUR)}`)).statusCode).toBe(400);
  });

  it('offers the active accounts with a duty role as candidates', async () => {
    const inactive = await createTestUser(t, { roles: ['ketenregisseur'], allMunicipalities: true });
    await db().updateTable('app_user').set({ active: false }).where('id', '=', inactive.id).execute();
    const response = await api(regisseur, 'GET', '/on-call-candidates?pageSize=100');
    expect(response.statusCode).toBe(200);
    const people = response.json()._embedded.people as { id: string; roles: string[] }[];
    expect(people.map((p) => p.id)).toEqual(expect.arrayContaining([onCallA.id, onCallB.id]));
    expect(people.map((p) => p.id)).not.toContain(inactive.id);
    expect(people.every((p) => p.roles.some((r) => (dutyRoles as string[]).includes(r)))).toBe(true);
  });

  it('tells every staff role who is on call now', async () => {
    const now = Date.now();
    await shift(onCallA, now - HOUR, now + HOUR);
    await shift(onCallB, now + HOUR, now + 2 * HOUR);
    const policy = await logIn(t, await createTestUser(t, { roles: ['beleidsmedewerker'] }));
    const current = await api(policy, 'GET', '/on-call-shifts/current');
    expect(current.statusCode).toBe(200);
    expect(current.json()).toMatchObject({ nobodyOnCall: false, _embedded: { onCallShifts: [{ person: { id: onCallA.id } }] } });
    expect(current.json()._embedded.onCallShifts).toHaveLength(1);
  });

  it('computes gaps from any set of periods', () => {
    const d = (h: number) => new Date(Date.UTC(2030, 0, 1, h));
    expect(gapsIn([], d(0), d(10))).toEqual([{ from: d(0), until: d(10) }]);
    expect(gapsIn([{ from: d(2), until: d(4) }, { from: d(1), until: d(3) }, { from: d(6), until: d(12) }], d(0), d(10))).toEqual([
      { from: d(0), until: d(1) },
      { from: d(4), until: d(6) },
    ]);
    expect(gapsIn([{ from: d(0), until: d(10) }], d(2), d(8))).toEqual([]);
  });
});

describe('the acute alert', () => {
  beforeEach(async () => {
    await db().deleteFrom('alert').execute();
    await db().deleteFrom('on_call_shift').execute();
    await db().deleteFrom('mail_outbox').execute();
    await smtp.start();
    smtp.received.length = 0;
    configureAlerts(alertSettingsOf(t.config));
  });

  it('is raised with the signal, in its transaction: one mail per person on call, with a link and no personal data', async () => {
    const now = Date.now();
    await shift(onCallA, now - HOUR, now + HOUR);
    await shift(onCallB, now - HOUR, now + HOUR, { address: 'dienst-huizen@regio.example' });
    // On call only from the next hour: not alerted now.
    await shift(await createTestUser(t, { roles: ['procesregisseur'], allMunicipalities: true }), now + HOUR, now + 2 * HOUR);
    const signal = await recordSignal(db(), acuteSignal());
    const alert = await db().selectFrom('alert').selectAll().where('signal_id', '=', signal.id).executeTakeFirstOrThrow();
    expect(alert).toMatchObject({ nobody_on_call: false, signal_reference: signal.reference, municipalities: [HILVERSUM], acknowledged_at: null });
    const recipients = await db().selectFrom('alert_recipient').select(['user_id', 'address', 'fallback']).where('alert_id', '=', alert.id).orderBy('address').execute();
    expect(recipients).toEqual([
      { user_id: onCallB.id, address: 'dienst-huizen@regio.example', fallback: false },
      { user_id: onCallA.id, address: onCallA.email, fallback: false },
    ]);

    expect(await deliverDueMails(db(), sender)).toEqual({ sent: 2, failed: 0 });
    const mails = await smtp.waitFor(2);
    expect(mails.flatMap((m) => m.to).sort()).toEqual(['dienst-huizen@regio.example', onCallA.email].sort());
    for (const mail of mails) {
      expect(mail.subject).toBe(`Acuut signaal ${signal.reference} – Gooi en Vechtstreek / Acute signal`);
      expect(mail.text).toContain(`https://schakel.regio.example/signalen/${signal.id}`);
      expect(mail.text).toContain('Gooi en Vechtstreek');
      for (const secret of [...Object.values(secrets), 'Fictieve Melder', 'melder@example.test', '0698765432', 'Hilversum', '12345678']) {
        expect(mail.raw, `mail must not contain "${secret}"`).not.toContain(secret);
      }
    }
  });

  it('is not raised for a signal that is not acute, for a repeat, or for one received long ago', async () => {
    const now = Date.now();
    await shift(onCallA, now - HOUR, now + HOUR);
    await recordSignal(db(), acuteSignal({ acute: false }));
    const first = await recordSignal(db(), acuteSignal({ channel: 'mailbox', sourceId: '<fictief-1@example.test>' }));
    const repeat = await recordSignal(db(), acuteSignal({ channel: 'mailbox', sourceId: '<fictief-1@example.test>' }));
    expect(repeat).toMatchObject({ id: first.id, created: false });
    await recordSignal(db(), acuteSignal({ receivedAt: new Date(now - 25 * HOUR) }));
    const alerts = await db().selectFrom('alert').select('signal_id').execute();
    expect(alerts).toEqual([{ signal_id: first.id }]);
    expect(await db().selectFrom('mail_outbox').select('id').execute()).toHaveLength(1);
  });

  it('leaves no alert and no mail when the transaction does not commit', async () => {
    const now = Date.now();
    await shift(onCallA, now - HOUR, now + HOUR);
    const quiet = await recordSignal(db(), acuteSignal({ acute: false }));
    await expect(
      db()
        .transaction()
        .execute(async (trx) => {
          expect(await raiseAcuteAlert(trx, { ...quiet, acute: true })).toBeTruthy();
          throw new Error('the signal could not be stored');
        }),
    ).rejects.toThrow('could not be stored');
    expect(await db().selectFrom('alert').select('id').execute()).toEqual([]);
    expect(await db().selectFrom('mail_outbox').select('id').execute()).toEqual([]);
  });

  it('when nobody is on call: still an alert, marked so, and a mail to the fallback address', async () => {
    const signal = await recordSignal(db(), acuteSignal());
    const alert = await db().selectFrom('alert').selectAll().where('signal_id', '=', signal.id).executeTakeFirstOrThrow();
    expect(alert.nobody_on_call).toBe(true);
    const recipients = await db().selectFrom('alert_recipient').select(['user_id', 'address', 'fallback']).where('alert_id', '=', alert.id).execute();
    expect(recipients).toEqual([{ user_id: null, address: FALLBACK, fallback: true }]);
    await deliverDueMails(db(), sender);
    const [mail] = await smtp.waitFor(1);
    expect(mail!.to).toEqual([FALLBACK]);
    expect(mail!.text).toContain('niemand dienst');
    expect(mail!.text).toContain('nobody is on call');
    const listed = await api(regisseur, 'GET', '/alerts');
    expect(listed.json()._embedded.alerts[0]).toMatchObject({ nobodyOnCall: true, recipients: [{ person: null, address: FALLBACK, fallback: true }] });

    // Without a fallback address: the alert alone, for the screen.
    configureAlerts({ ...alertSettingsOf(t.config), fallbackEmail: undefined });
    const second = await recordSignal(db(), acuteSignal());
    const bare = await db().selectFrom('alert').select(['id', 'nobody_on_call']).where('signal_id', '=', second.id).executeTakeFirstOrThrow();
    expect(bare.nobody_on_call).toBe(true);
    expect(await db().selectFrom('alert_recipient').select('id').where('alert_id', '=', bare.id).execute()).toEqual([]);
  });

  it('survives an SMTP outage: the mail waits with its attempts and error, and goes out when the server is back', async () => {
    const now = Date.now();
    await shift(onCallA, now - HOUR, now + HOUR);
    const signal = await recordSignal(db(), acuteSignal());
    await smtp.stop();
    expect(await deliverDueMails(db(), sender)).toEqual({ sent: 0, failed: 1 });
    const waiting = (await api(regisseur, 'GET', '/alerts')).json()._embedded.alerts[0];
    expect(waiting.signal.id).toBe(signal.id);
    expect(waiting.recipients[0].delivery).toMatchObject({ status: 'pending', attempts: 1, sentAt: null });
    expect(waiting.recipients[0].delivery.lastError).toMatch(/ECONNREFUSED|ECONNECTION|ESOCKET/);
    expect(new Date(waiting.recipients[0].delivery.nextAttemptAt).getTime()).toBeGreaterThan(Date.now());

    await smtp.start();
    // Not before the backoff…
    expect(await deliverDueMails(db(), sender)).toEqual({ sent: 0, failed: 0 });
    // …and then it goes out, once.
    expect(await deliverDueMails(db(), sender, { now: () => new Date(Date.now() + 60_000) })).toEqual({ sent: 1, failed: 0 });
    const [mail] = await smtp.waitFor(1);
    expect(mail!.text).toContain(`/signalen/${signal.id}`);
    const delivered = (await api(regisseur, 'GET', '/alerts')).json()._embedded.alerts[0];
    expect(delivered.recipients[0].delivery).toMatchObject({ status: 'sent', attempts: 2, lastError: null, nextAttemptAt: null });
    expect(smtp.received).toHaveLength(1);
  });
});

describe('alerts on screen', () => {
  let hilversumAlert: string;
  let huizenAlert: string;
  beforeAll(async () => {
    await db().deleteFrom('alert').execute();
    await db().deleteFrom('on_call_shift').execute();
    configureAlerts(alertSettingsOf(t.config));
    const now = Date.now();
    await shift(onCallA, now - HOUR, now + HOUR);
    hilversumAlert = await alertOf(await recordSignal(db(), acuteSignal()));
    huizenAlert = await alertOf(await recordSignal(db(), acuteSignal({ locations: [{ place: 'Huizen' }] })));
    await recordSignal(db(), acuteSignal({ regionCode: 'ijsselland', locations: [{ place: 'Zwolle' }] }));
  });

  it('lists the open alerts of the region with reference, municipalities, recipients and delivery', async () => {
    const response = await api(regisseur, 'GET', '/alerts');
    expect(response.statusCode).toBe(200);
    const alerts = response.json()._embedded.alerts;
    expect(alerts.map((a: { id: string }) => a.id)).toEqual([huizenAlert, hilversumAlert]);
    expect(alerts[1]).toMatchObject({
      kind: 'acute-signal',
      status: 'open',
      nobodyOnCall: false,
      signal: { municipalities: [{ code: HILVERSUM, name: 'Hilversum' }] },
      recipients: [{ person: { id: onCallA.id }, address: onCallA.email, fallback: false, channel: 'email', delivery: { status: 'pending', attempts: 0 } }],
      acknowledgements: [],
    });
    expect(alerts[1].signal.reference).toMatch(/^MH-\d{4}-\d{6}$/);
    // Staff names in the answer: the read is logged with them as subjects.
    const logged = await db().selectFrom('access_log').select(['subjects', 'purpose']).where('record_type', '=', 'alert').where('action', '=', 'read').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(logged).toEqual({ subjects: [onCallA.id], purpose: 'acute alert' });
  });

  it('shows an aandachtsfunctionaris the alerts of their municipalities and those sent to them', async () => {
    const huizen = await logIn(t, await createTestUser(t, { roles: ['aandachtsfunctionaris'], municipalities: [HUIZEN] }));
    const ids = (await api(huizen, 'GET', '/alerts')).json()._embedded.alerts.map((a: { id: string }) => a.id);
    expect(ids).toEqual([huizenAlert]);
    const onCall = await logIn(t, onCallA);
    expect((await api(onCall, 'GET', '/alerts')).json().page.totalElements).toBe(2);
    // A stranger to an alert cannot acknowledge it; the refusal answers like a missing alert and is logged.
    const refused = await api(huizen, 'POST', `/alerts/${hilversumAlert}/acknowledgements`);
    expect(refused.statusCode).toBe(404);
    const denial = await db().selectFrom('access_log').select('reason').where('action', '=', 'denied').where('record_id', '=', hilversumAlert).executeTakeFirst();
    expect(denial?.reason).toContain('outside-scope');
  });

  it('records who acknowledged and when, once per person, logs it, and closes the alert', async () => {
    const person = await createTestUser(t, { roles: ['zorgcoordinator'], allMunicipalities: true });
    const session = await logIn(t, person);
    const before = Date.now();
    const first = await api(session, 'POST', `/alerts/${hilversumAlert}/acknowledgements`);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ alertId: hilversumAlert, person: { id: person.id, displayName: expect.any(String) } });
    expect(new Date(first.json().at).getTime()).toBeGreaterThanOrEqual(before - 1000);
    const again = await api(session, 'POST', `/alerts/${hilversumAlert}/acknowledgements`);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());
    const also = await api(regisseur, 'POST', `/alerts/${hilversumAlert}/acknowledgements`);
    expect(also.statusCode).toBe(201);

    const logged = await db().selectFrom('access_log').select(['user_id', 'action', 'reason']).where('record_type', '=', 'alert').where('record_id', '=', hilversumAlert).where('action', '=', 'update').execute();
    expect(logged).toHaveLength(2);
    expect(logged[0]).toMatchObject({ user_id: person.id, reason: expect.stringContaining('acknowledged') });

    const open = (await api(regisseur, 'GET', '/alerts')).json()._embedded.alerts.map((a: { id: string }) => a.id);
    expect(open).toEqual([huizenAlert]);
    const history = (await api(regisseur, 'GET', '/alerts?status=all')).json()._embedded.alerts;
    const done = history.find((a: { id: string }) => a.id === hilversumAlert);
    expect(done.status).toBe('acknowledged');
    expect(done.acknowledgements.map((a: { person: { id: string } }) => a.person.id)).toEqual([person.id, expect.any(String)]);
    expect((await api(regisseur, 'POST', `/alerts/00000000-0000-4000-8000-000000000000/acknowledgements`)).statusCode).toBe(404);
  });

  it('logs nothing when there is nothing to show', async () => {
    const user = await createTestUser(t, { roles: ['ketenregisseur'], allMunicipalities: true, region: 'ijsselland' });
    const other = await logIn(t, user);
    await db().deleteFrom('alert').where('region_code', '=', 'ijsselland').execute();
    const response = await api(other, 'GET', '/alerts');
    expect(response.statusCode).toBe(200);
    expect(response.json()._embedded.alerts).toEqual([]);
    expect(await db().selectFrom('access_log').select('id').where('user_id', '=', user.id).where('record_type', '=', 'alert').execute()).toEqual([]);
  });
});

describe('polling', () => {
  it('does not keep an unattended session alive: a background poll leaves the idle limit where it was', async () => {
    const user = await createTestUser(t, { roles: ['zorgcoordinator'], allMunicipalities: true });
    const session = await logIn(t, user);
    const lastSeen = () => db().selectFrom('user_session').select('last_seen_at').where('user_id', '=', user.id).where('ended_at', 'is', null).executeTakeFirstOrThrow();
    const tenMinutesAgo = new Date(Date.now() - 10 * 60_000);
    await db().updateTable('user_session').set({ last_seen_at: tenMinutesAgo }).where('user_id', '=', user.id).execute();
    const poll = (background: boolean) => t.app.inject({ url: '/api/v1/alerts', headers: { ...session.headers, ...(background ? { 'x-background': '1' } : {}) } });
    expect((await poll(true)).statusCode).toBe(200);
    expect((await lastSeen()).last_seen_at.getTime()).toBe(tenMinutesAgo.getTime());
    // A request the person makes does count.
    expect((await poll(false)).statusCode).toBe(200);
    expect((await lastSeen()).last_seen_at.getTime()).toBeGreaterThan(Date.now() - 60_000);
    // Past the idle limit, polling gets the log-in question like anything else.
    await db().updateTable('user_session').set({ last_seen_at: new Date(Date.now() - (t.config.SESSION_IDLE_MINUTES + 1) * 60_000) }).where('user_id', '=', user.id).execute();
    const expired = await poll(true);
    expect(expired.statusCode).toBe(401);
    expect(expired.json().code).toBe('auth.required');
  });
});

describe('who may do what', () => {
  it('follows the role matrix', async () => {
    const now = Date.now();
    const signal = await recordSignal(db(), acuteSignal());
    const alertId = await alertOf(signal);
    const anyShift = await shift(onCallA, now + 100 * HOUR, now + 101 * HOUR);
    const period = `from=${iso(now)}&until=${iso(now + 24 * HOUR)}`;
    const managers = ['ketenregisseur'] as const;
    await expectRoleMatrix(t, { method: 'GET', url: '/api/v1/on-call-shifts' }, [...managers]);
    await expectRoleMatrix(t, { method: 'POST', url: '/api/v1/on-call-shifts', payload: { personId: onCallB.id, from: iso(now + 200 * HOUR), until: iso(now + 201 * HOUR) } }, [...managers]);
    await expectRoleMatrix(t, { method: 'GET', url: `/api/v1/on-call-shifts/${anyShift.id}` }, [...managers]);
    await expectRoleMatrix(t, { method: 'PATCH', url: `/api/v1/on-call-shifts/${anyShift.id}`, payload: { note: 'x' } }, [...managers]);
    await expectRoleMatrix(t, { method: 'DELETE', url: `/api/v1/on-call-shifts/00000000-0000-4000-8000-000000000000` }, [...managers]);
    await expectRoleMatrix(t, { method: 'GET', url: `/api/v1/on-call-gaps?${period}` }, [...managers]);
    await expectRoleMatrix(t, { method: 'GET', url: '/api/v1/on-call-candidates' }, [...managers]);
    const { roles } = await import('@server/core/auth/roles');
    await expectRoleMatrix(t, { method: 'GET', url: '/api/v1/on-call-shifts/current' }, [...roles]);
    await expectRoleMatrix(t, { method: 'GET', url: '/api/v1/alerts?status=all' }, dutyRoles);
    await expectRoleMatrix(t, { method: 'POST', url: `/api/v1/alerts/${alertId}/acknowledgements` }, dutyRoles);
    // Ten matrices of nine fresh accounts each (argon2 per account): minutes on a busy CI machine.
  }, 180_000);
});

describe('demo data', () => {
  it('has a roster around today for both regions, and an acknowledged and an open alert', async () => {
    const demo = await createTestApp();
    try {
      const ddb = demo.prepared.database.db;
      const counts = await runDemo(ddb, [identityModule, alertsModule], { seed: 7, sizes: {}, regions: ['gooi-en-vechtstreek', 'ijsselland'] });
      expect(counts.onCallShifts).toBeGreaterThan(20);
      for (const region of ['gooi-en-vechtstreek', 'ijsselland']) {
        const now = new Date();
        const current = await ddb.selectFrom('on_call_shift').select('id').where('region_code', '=', region).where('starts_at', '<=', now).where('ends_at', '>', now).execute();
        expect(current.length, region).toBeGreaterThan(0);
        const range = await ddb
          .selectFrom('on_call_shift')
          .select((eb) => [eb.fn.min('starts_at').as('first'), eb.fn.max('ends_at').as('last')])
          .where('region_code', '=', region)
          .executeTakeFirstOrThrow();
        expect(new Date(range.first!).getTime()).toBeLessThan(now.getTime() - 21 * 24 * HOUR);
        expect(new Date(range.last!).getTime()).toBeGreaterThan(now.getTime() + 35 * 24 * HOUR);
        const alerts = await ddb.selectFrom('alert').select(['acknowledged_at', 'nobody_on_call']).where('region_code', '=', region).orderBy('created_at').execute();
        expect(alerts.map((a) => [a.acknowledged_at !== null, a.nobody_on_call])).toEqual([
          [true, false],
          [false, false],
        ]);
      }
    } finally {
      await demo.close();
    }
  });
});

async function alertOf(signal: { id: string }): Promise<string> {
  return (await db().selectFrom('alert').select('id').where('signal_id', '=', signal.id).executeTakeFirstOrThrow()).id;
}

describe('what the person on call may do with the signal', () => {
  beforeEach(async () => {
    await db().deleteFrom('alert').execute();
    await db().deleteFrom('on_call_shift').execute();
  });

  it('the alerted person gets a 72-hour grant and can open the signal; others on the same role cannot', async () => {
    const now = Date.now();
    await shift(onCallA, now - HOUR, now + 8 * HOUR);
    const signal = await recordSignal(db(), acuteSignal());
    const alerted = await logIn(t, onCallA);
    const opened = await api(alerted, 'GET', `/signals/${signal.id}`);
    expect(opened.statusCode, opened.body).toBe(200);
    const grant = await db().selectFrom('access_grant').select(['valid_until', 'purpose']).where('record_id', '=', signal.id).where('grantee_user_id', '=', onCallA.id).executeTakeFirstOrThrow();
    expect(new Date(grant.valid_until).getTime() - now).toBeGreaterThan(71 * HOUR);
    expect(new Date(grant.valid_until).getTime() - now).toBeLessThan(73 * HOUR);
    const colleague = await logIn(t, await createTestUser(t, { roles: ['zorgcoordinator'], allMunicipalities: true }));
    expect((await api(colleague, 'GET', `/signals/${signal.id}`)).statusCode).toBe(404);
  });

  it('a signal marked acute during triage alerts then, however old it is', async () => {
    const now = Date.now();
    await shift(onCallA, now - HOUR, now + 8 * HOUR);
    const old = await recordSignal(db(), acuteSignal({ acute: false, receivedAt: new Date(now - 10 * 24 * HOUR) }));
    expect(await db().selectFrom('alert').select('id').where('signal_id', '=', old.id).executeTakeFirst()).toBeUndefined();
    const version = (await db().selectFrom('signal').select('version').where('id', '=', old.id).executeTakeFirstOrThrow()).version;
    const marked = await api(regisseur, 'PATCH', `/signals/${old.id}`, { version, acute: true });
    expect(marked.statusCode, marked.body).toBe(200);
    const alertId = await alertOf(old);
    const recipients = await db().selectFrom('alert_recipient').select('user_id').where('alert_id', '=', alertId).execute();
    expect(recipients.map((r) => r.user_id)).toEqual([onCallA.id]);
  });
});
