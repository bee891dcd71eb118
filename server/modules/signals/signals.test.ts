import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestUser, expectRecordMatrix, expectRoleMatrix, logIn, type LoggedIn, type TestApp } from '@server/core/testing';
import { recordSignal } from '@server/modules/signals';
import { solveChallenge } from './signals.public';

// Gooi en Vechtstreek: Bussum lies in Gooise Meren (a configured place), Hilversum is a municipality.
const GOOISE_MEREN = 'GM1942';
const HILVERSUM = 'GM0402';
const HUIZEN = 'GM0406';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ PUBLIC_PROOF_OF_WORK_BITS: 6, PUBLIC_RATE_LIMIT_PER_MINUTE: 10_000, LOGIN_RATE_LIMIT_PER_MINUTE: 100_000, RATE_LIMIT_PER_MINUTE: 100_000 });
});
afterAll(() => t.close());

async function challenge() {
  const response = await t.app.inject({ method: 'POST', url: '/api/v1/public/challenges' });
  expect(response.statusCode).toBe(201);
  const { token, difficulty } = response.json();
  return { token, nonce: solveChallenge(token, difficulty) };
}

async function submitPublic(overrides: Record<string, unknown> = {}) {
  const payload = {
    submissionId: randomUUID(),
    challenge: await challenge(),
    language: 'nl',
    forms: ['labour'],
    description: 'Op een bedrijventerrein slapen arbeiders in een loods en werken ze dag en nacht.',
    place: 'Bussum',
    anonymous: true,
    ...overrides,
  };
  const response = await t.app.inject({ method: 'POST', url: '/api/v1/public/signals', payload });
  return { payload, response };
}

const db = () => t.prepared.database.db;

describe('public meldpunt', () => {
  it('commits the signal before answering, with a reference and a follow-up code of 100 bits, routed by place', async () => {
    const { response } = await submitPublic();
    expect(response.statusCode).toBe(201);
    const receipt = response.json();
    expect(receipt.reference).toMatch(/^MH-\d{4}-\d{6}$/);
    expect(receipt.followUpCode).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){4}$/);
    const row = await db().selectFrom('signal').select(['id', 'channel', 'follow_up_hash', 'anonymous']).where('reference', '=', receipt.reference).executeTakeFirstOrThrow();
    expect(row.channel).toBe('public-form');
    expect(row.anonymous).toBe(true);
    expect(row.follow_up_hash).not.toContain(receipt.followUpCode.replace(/-/g, ''));
    const municipalities = await db().selectFrom('signal_municipality').select(['municipality_code', 'derived']).where('signal_id', '=', row.id).execute();
    expect(municipalities).toEqual([{ municipality_code: GOOISE_MEREN, derived: true }]);
  });

  it('is idempotent on submissionId: a retry answers 200 with the same reference and code, and makes no second signal', async () => {
    const first = await submitPublic();
    const again = await t.app.inject({ method: 'POST', url: '/api/v1/public/signals', payload: { ...first.payload, challenge: await challenge() } });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first.response.json());
    const count = await db().selectFrom('signal').select((eb) => eb.fn.countAll<string>().as('n')).where('reference', '=', first.response.json().reference).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
    // Concurrent double click: two requests at once, one signal.
    const payload = { ...first.payload, submissionId: randomUUID(), challenge: await challenge() };
    const [a, b] = await Promise.all([
      t.app.inject({ method: 'POST', url: '/api/v1/public/signals', payload }),
      t.app.inject({ method: 'POST', url: '/api/v1/public/signals', payload }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([200, 201]);
    expect(a.json().reference).toBe(b.json().reference);
    expect(a.json().followUpCode).toBe(b.json().followUpCode);
  });

  it('stores no IP address with an anonymous report', async () => {
    const { response } = await submitPublic({ description: 'Anoniem: een jonge vrouw wordt elke avond opgehaald bij het station.' });
    const id = (await db().selectFrom('signal').select('id').where('reference', '=', response.json().reference).executeTakeFirstOrThrow()).id;
    const logged = await db().selectFrom('access_log').select('client_address').where('record_id', '=', id).execute();
    expect(logged).toEqual([]);
    const row = await db().selectFrom('signal').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain('127.0.0.1');
  });

  it('refuses a filled honeypot, a wrong, reused or missing proof of work, and a missing description, with clear codes', async () => {
    expect((await submitPublic({ website: 'http://spam.example' })).response.json().code).toBe('public.honeypot');
    const solved = await challenge();
    const wrong = await submitPublic({ challenge: { token: solved.token, nonce: 'ffffffffffff' } });
    // A wrong nonce is refused unless it happens to solve the puzzle (1 in 64 at 6 bits): use a tampered token instead.
    const tampered = await submitPublic({ challenge: { token: `${solved.token.slice(0, -2)}xx`, nonce: solved.nonce } });
    expect(tampered.response.statusCode).toBe(400);
    expect(tampered.response.json().code).toBe('public.challenge-invalid');
    expect([201, 400]).toContain(wrong.response.statusCode);
    const used = await challenge();
    expect((await submitPublic({ challenge: used })).response.statusCode).toBe(201);
    const replay = await submitPublic({ challenge: used });
    expect(replay.response.json().code).toBe('public.challenge-invalid');
    const missing = await submitPublic({ description: undefined });
    expect(missing.response.statusCode).toBe(400);
    expect(missing.response.json().invalidParams.map((p: { name: string }) => p.name)).toContain('body.description');
    const noContact = await submitPublic({ anonymous: false });
    expect(noContact.response.json().invalidParams.map((p: { name: string }) => p.name)).toContain('body.contact');
  });

  it('keeps the IP address out of the request log of public routes (and in it for others)', async () => {
    const { PassThrough } = await import('node:stream');
    const stream = new PassThrough();
    const lines: string[] = [];
    stream.on('data', (chunk: Buffer) => lines.push(...chunk.toString().split('\n').filter(Boolean)));
    const logged = await createTestApp({ LOG_LEVEL: 'info' }, [], { logStream: stream });
    try {
      await logged.app.inject({ method: 'POST', url: '/api/v1/public/challenges', remoteAddress: '203.0.113.7' });
      await logged.app.inject({ method: 'GET', url: '/api/v1/regions', remoteAddress: '203.0.113.7' });
    } finally {
      await logged.close();
    }
    const requests = lines.map((l) => JSON.parse(l)).filter((l) => l.req);
    expect(requests.find((l) => l.req.url === '/api/v1/public/challenges').req.remoteAddress).toBeUndefined();
    expect(requests.find((l) => l.req.url === '/api/v1/regions').req.remoteAddress).toBe('203.0.113.7');
    expect(lines.filter((l) => l.includes('/api/v1/public/')).join('\n')).not.toContain('203.0.113.7');
  });

  it('keeps HTML and script as plain text', async () => {
    const description = '<script>alert("x")</script><img src=x onerror=alert(1)> staat letterlijk in de melding';
    const { response } = await submitPublic({ description });
    const row = await db().selectFrom('signal').select('summary').where('reference', '=', response.json().reference).executeTakeFirstOrThrow();
    expect(row.summary).toBe(description);
  });

  it('lets the reporter follow the report and add information with reference and code, never showing content', async () => {
    const { response } = await submitPublic();
    const { reference, followUpCode } = response.json();
    const status = await t.app.inject({ method: 'POST', url: '/api/v1/public/follow-ups', payload: { reference, followUpCode: followUpCode.toLowerCase().replace(/-/g, ' ') } });
    expect(status.statusCode).toBe(200);
    expect(status.json()).toMatchObject({ reference, status: 'received', additions: 0 });
    expect(status.body).not.toContain('loods');
    const added = await t.app.inject({ method: 'POST', url: '/api/v1/public/follow-up-additions', payload: { reference, followUpCode, text: 'Ook op zondag zijn er mensen aan het werk.' } });
    expect(added.statusCode).toBe(201);
    expect(added.json().additions).toBe(1);
    const wrong = await t.app.inject({ method: 'POST', url: '/api/v1/public/follow-ups', payload: { reference, followUpCode: 'AAAA-AAAA-AAAA-AAAA-AAAA' } });
    expect(wrong.statusCode).toBe(404);
    expect(wrong.json().code).toBe('public.follow-up-not-found');
  });

  it('rate-limits guessing of follow-up codes per address', async () => {
    const strict = await createTestApp({ PUBLIC_RATE_LIMIT_PER_MINUTE: 3 });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) {
        const r = await strict.app.inject({ method: 'POST', url: '/api/v1/public/follow-ups', payload: { reference: 'MH-2026-000001', followUpCode: `AAAA-AAAA-AAAA-AAAA-AAA${i}` } });
        codes.push(r.statusCode);
      }
      expect(codes.slice(0, 3)).toEqual([404, 404, 404]);
      expect(codes.slice(3)).toEqual([429, 429]);
    } finally {
      await strict.close();
    }
  });
});

// A 1×1 PNG, and a Windows executable header disguised with a .jpg name.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(58), Buffer.from([0x80, 0, 0, 0]), Buffer.alloc(64), Buffer.from('PE\0\0'), Buffer.alloc(200)]);

describe('attachments', () => {
  const upload = (submissionId: string, body: Buffer, name = 'foto.png', contentType = 'image/png') =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/public/attachments',
      payload: body,
      headers: { 'content-type': contentType, 'submission-id': submissionId, 'content-disposition': `attachment; filename="${name}"` },
    });

  it('checks by content, stores a hash, limits size and count, and serves only as a download', async () => {
    const submissionId = randomUUID();
    const ok = await upload(submissionId, PNG);
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ mediaType: 'image/png', sizeBytes: PNG.length, fileName: 'foto.png' });
    expect(ok.json().sha256).toMatch(/^[0-9a-f]{64}$/);

    const disguised = await upload(submissionId, EXE, 'vakantie.jpg', 'image/jpeg');
    expect(disguised.statusCode).toBe(415);
    expect(disguised.json().code).toBe('signal.attachment-type');

    const big = await upload(submissionId, Buffer.alloc(t.config.ATTACHMENT_MAX_BYTES + 10, 0x41), 'groot.txt', 'text/plain');
    expect(big.statusCode).toBe(413);

    for (let i = 1; i < t.config.ATTACHMENT_MAX_COUNT; i++) expect((await upload(submissionId, PNG)).statusCode).toBe(201);
    const tooMany = await upload(submissionId, PNG);
    expect(tooMany.statusCode).toBe(409);

    const ids = (await db().selectFrom('signal_attachment').select('id').where('size_bytes', '=', PNG.length).orderBy('created_at').execute()).map((r) => r.id);
    const { response } = await submitPublic({ submissionId, attachmentIds: [ok.json().id] });
    expect(response.statusCode).toBe(201);
    const signal = await db().selectFrom('signal').select('id').where('reference', '=', response.json().reference).executeTakeFirstOrThrow();

    // Another report cannot claim someone else's upload.
    const thief = await submitPublic({ attachmentIds: [ids[1]] });
    expect(thief.response.statusCode).toBe(400);
    expect(thief.response.json().code).toBe('signal.attachment-unknown');

    const chain = await createTestUser(t, { roles: ['ketenregisseur'] });
    const session = await logIn(t, chain);
    const download = await t.app.inject({ method: 'GET', url: `/api/v1/signals/${signal.id}/attachments/${ok.json().id}`, headers: session.headers });
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(PNG)).toBe(true);
    expect(download.headers['content-disposition']).toMatch(/^attachment;/);
    expect(download.headers['content-security-policy']).toContain('sandbox');
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.headers['cross-origin-resource-policy']).toBe('same-origin');
    const logged = await db().selectFrom('access_log').select('action').where('record_id', '=', ok.json().id).where('user_id', '=', chain.id).execute();
    expect(logged.map((l) => l.action)).toEqual(['read']);
  });
});

describe('professional signals, queue and routing', () => {
  let reporter: LoggedIn;
  let reporterId: string;
  beforeAll(async () => {
    const user = await createTestUser(t, { roles: ['signaleerder'], municipalities: [HILVERSUM] });
    reporterId = user.id;
    reporter = await logIn(t, user);
  });

  const professional = (session: LoggedIn, body: Record<string, unknown>) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/signals',
      headers: session.headers,
      payload: { submissionId: randomUUID(), summary: 'Aan de balie: man zonder eigen paspoort, werkgever praat voor hem.', forms: ['labour'], indicators: ['general.no-id-papers'], ...body },
    });

  it('records a signal in two municipalities; each municipality sees it, a third does not', async () => {
    const created = await professional(reporter, {
      locations: [
        { street: 'Stationsweg', houseNumber: '1', place: 'Hilversum' },
        { description: 'werkplaats', place: 'Huizen' },
      ],
      persons: [{ role: 'victim', name: 'Fictief Persoon', approximateAge: 30, nationality: 'Roemeens' }],
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    const municipalities = (await db().selectFrom('signal_municipality').select('municipality_code').where('signal_id', '=', id).orderBy('municipality_code').execute()).map((r) => r.municipality_code);
    expect(municipalities).toEqual([HILVERSUM, HUIZEN].sort());

    for (const [code, visible] of [
      [HILVERSUM, true],
      [HUIZEN, true],
      [GOOISE_MEREN, false],
    ] as const) {
      const af = await logIn(t, await createTestUser(t, { roles: ['aandachtsfunctionaris'], municipalities: [code] }));
      const queue = await t.app.inject({ method: 'GET', url: '/api/v1/signals?status=all&pageSize=100', headers: af.headers });
      expect(queue.json()._embedded.signals.some((s: { id: string }) => s.id === id)).toBe(visible);
      const detail = await t.app.inject({ method: 'GET', url: `/api/v1/signals/${id}`, headers: af.headers });
      expect(detail.statusCode).toBe(visible ? 200 : 404);
    }
    // The reporter sees their own signal; the detail read is in the access log with the persons as subjects.
    const own = await t.app.inject({ method: 'GET', url: `/api/v1/signals/${id}`, headers: reporter.headers });
    expect(own.statusCode).toBe(200);
    expect(own.json().permissions).toEqual({ read: true, update: false, delete: false, export: false });
    const log = await db().selectFrom('access_log').select(['action', 'subjects']).where('record_id', '=', id).where('user_id', '=', reporterId).where('action', '=', 'read').executeTakeFirstOrThrow();
    expect(log.subjects).toEqual([own.json().persons[0].id]);
  });

  it('a signaleerder sees only their own signals in the queue', async () => {
    const other = await logIn(t, await createTestUser(t, { roles: ['signaleerder'], municipalities: [HILVERSUM] }));
    const mine = await professional(other, { locations: [{ place: 'Hilversum' }] });
    const queue = await t.app.inject({ method: 'GET', url: '/api/v1/signals?status=all&pageSize=100', headers: other.headers });
    const ids = queue.json()._embedded.signals.map((s: { id: string }) => s.id);
    expect(ids).toEqual([mine.json().id]);
    expect(queue.json()._embedded.signals[0].mine).toBe(true);
  });

  it('orders the queue acute first, then oldest, and filters by municipality, channel, form', async () => {
    const chain = await logIn(t, await createTestUser(t, { roles: ['ketenregisseur'] }));
    const old = await recordSignal(db(), { regionCode: t.config.SCHAKEL_REGION, channel: 'phone', summary: 'Oude telefonische melding over Laren', locations: [{ place: 'Laren' }], receivedAt: new Date('2020-01-01T10:00:00Z') });
    const acute = await recordSignal(db(), { regionCode: t.config.SCHAKEL_REGION, channel: 'phone', summary: 'Acuut: minderjarige in woning', acute: true, forms: ['sexual'] });
    const queue = await t.app.inject({ method: 'GET', url: '/api/v1/signals?pageSize=100', headers: chain.headers });
    const items = queue.json()._embedded.signals as { id: string; acute: boolean }[];
    expect(items[0]!.acute).toBe(true);
    const firstNonAcute = items.findIndex((s) => !s.acute);
    expect(items[firstNonAcute]!.id).toBe(old.id);
    expect(items.some((s) => s.id === acute.id)).toBe(true);
    const laren = await t.app.inject({ method: 'GET', url: '/api/v1/signals?municipality=GM0417&channel=phone&pageSize=100', headers: chain.headers });
    expect(laren.json()._embedded.signals.map((s: { id: string }) => s.id)).toEqual([old.id]);
    const sexual = await t.app.inject({ method: 'GET', url: '/api/v1/signals?form=sexual&acute=true', headers: chain.headers });
    expect(sexual.json()._embedded.signals.map((s: { id: string }) => s.id)).toContain(acute.id);
  });

  it('refuses unknown indicators and municipalities, and bodies that set their own fields', async () => {
    const badIndicator = await professional(reporter, { indicators: ['general.no-such-thing'] });
    expect(badIndicator.statusCode).toBe(400);
    const badMunicipality = await professional(reporter, { municipalities: ['GM0193'] });
    expect(badMunicipality.statusCode).toBe(400);
    expect(badMunicipality.json().invalidParams[0].code).toBe('signal.unknown-municipality');
    const sneaky = await professional(reporter, { status: 'closed', submittedBy: randomUUID() });
    expect(sneaky.statusCode).toBe(400);
  });
});

describe('duplicates, links and merges', () => {
  const base = { regionCode: 'gooi-en-vechtstreek', channel: 'phone' as const, summary: 'Testmelding voor dubbelen' };
  const cases: [string, object, object][] = [
    ['phone', { persons: [{ role: 'suspect', phone: '06-12345678' }] }, { persons: [{ role: 'victim', phone: '+31 6 1234 5678' }] }],
    ['address', { locations: [{ street: 'Kerkstraat', houseNumber: '12a', postcode: '1211 AB', place: 'Hilversum' }] }, { locations: [{ postcode: '1211ab', houseNumber: '12 A' }] }],
    ['person', { persons: [{ role: 'suspect', name: 'Jan de Vries' }] }, { persons: [{ role: 'suspect', name: 'DE VRIES, Jan' }] }],
    ['business', { businesses: [{ name: 'Schoonmaak Fictief B.V.', kvkNumber: '12345678' }] }, { businesses: [{ name: 'Ander Naam', kvkNumber: '12345678' }] }],
    ['vehicle', { vehicles: [{ licensePlate: 'AB-123-C' }] }, { vehicles: [{ licensePlate: 'ab 123 c' }] }],
  ];

  it.each(cases)('finds a likely duplicate by %s within the window, not outside it', async (kind, a, b) => {
    const chain = await logIn(t, await createTestUser(t, { roles: ['ketenregisseur'] }));
    const first = await recordSignal(db(), { ...base, ...a, receivedAt: new Date() } as never);
    const second = await recordSignal(db(), { ...base, ...b } as never);
    const far = await recordSignal(db(), { ...base, ...b, receivedAt: new Date(Date.now() - 3 * 365 * 86_400_000) } as never);
    const response = await t.app.inject({ method: 'GET', url: `/api/v1/signals/${second.id}/duplicates`, headers: chain.headers });
    const duplicates = response.json()._embedded.duplicates as { id: string; matches: string[]; visible: boolean }[];
    const found = duplicates.find((d) => d.id === first.id);
    expect(found?.matches).toContain(kind);
    expect(found?.visible).toBe(true);
    expect(duplicates.some((d) => d.id === far.id)).toBe(false);
    const queue = await t.app.inject({ method: 'GET', url: '/api/v1/signals?pageSize=100&channel=phone', headers: chain.headers });
    expect(queue.json()._embedded.signals.find((s: { id: string }) => s.id === second.id).likelyDuplicates).toBe(true);
  });

  it('links and merges with a reason; a merged signal leaves the queue; concurrent edits conflict', async () => {
    const chain = await logIn(t, await createTestUser(t, { roles: ['ketenregisseur'] }));
    const a = await recordSignal(db(), { ...base, locations: [{ place: 'Hilversum' }] });
    const b = await recordSignal(db(), { ...base, locations: [{ place: 'Huizen' }] });
    const merge = await t.app.inject({ method: 'POST', url: `/api/v1/signals/${a.id}/links`, headers: chain.headers, payload: { otherSignalId: b.id, kind: 'merge', reason: 'Zelfde situatie, andere melder' } });
    expect(merge.statusCode).toBe(201);
    expect(merge.json()).toMatchObject({ status: 'merged', mergedInto: { id: b.id } });
    const target = await t.app.inject({ method: 'GET', url: `/api/v1/signals/${b.id}`, headers: chain.headers });
    expect(target.json().municipalities.map((m: { code: string }) => m.code).sort()).toEqual([HILVERSUM, HUIZEN].sort());
    expect(target.json().links[0]).toMatchObject({ signalId: a.id, kind: 'merged', reason: 'Zelfde situatie, andere melder' });
    const queue = await t.app.inject({ method: 'GET', url: '/api/v1/signals?pageSize=100&channel=phone', headers: chain.headers });
    expect(queue.json()._embedded.signals.some((s: { id: string }) => s.id === a.id)).toBe(false);
    const again = await t.app.inject({ method: 'PATCH', url: `/api/v1/signals/${a.id}`, headers: chain.headers, payload: { version: merge.json().version, status: 'in-triage' } });
    expect(again.json().code).toBe('signal.not-open');

    const version = target.json().version;
    const first = await t.app.inject({ method: 'PATCH', url: `/api/v1/signals/${b.id}`, headers: chain.headers, payload: { version, status: 'in-triage' } });
    expect(first.statusCode).toBe(200);
    const second = await t.app.inject({ method: 'PATCH', url: `/api/v1/signals/${b.id}`, headers: chain.headers, payload: { version, acute: true } });
    expect(second.statusCode).toBe(409);
    expect(second.json().code).toBe('signal.version-conflict');
    const after = await t.app.inject({ method: 'GET', url: `/api/v1/signals/${b.id}`, headers: chain.headers });
    expect(after.json()).toMatchObject({ status: 'in-triage', acute: false });
    const closeWithout = await t.app.inject({ method: 'PATCH', url: `/api/v1/signals/${b.id}`, headers: chain.headers, payload: { version: after.json().version, status: 'closed' } });
    expect(closeWithout.statusCode).toBe(400);
    const events = await t.app.inject({ method: 'GET', url: `/api/v1/signals/${b.id}/events`, headers: chain.headers });
    expect(events.json()._embedded.events.map((e: { kind: string }) => e.kind)).toEqual(['received', 'merged', 'changed']);
  });
});

describe('authorization', () => {
  it('role matrix of the queue and the professional form', async () => {
    const allowed = ['signaleerder', 'aandachtsfunctionaris', 'ketenregisseur', 'zorgcoordinator', 'tafellid', 'procesregisseur'] as const;
    await expectRoleMatrix(t, { method: 'GET', url: '/api/v1/signals' }, [...allowed]);
    await expectRoleMatrix(t, { method: 'POST', url: '/api/v1/signals', payload: { submissionId: randomUUID(), summary: 'Matrixtest melding door een professional' } }, [...allowed]);
  });

  const createRecord = async (municipality: string) => (await recordSignal(db(), { regionCode: 'gooi-en-vechtstreek', channel: 'phone', summary: 'Matrix', municipalities: [municipality] })).id;
  const regionWide = ['ketenregisseur'];

  it('record matrix of reading a signal: region role, own municipality, grant', async () => {
    await expectRecordMatrix(t, {
      recordType: 'signal',
      own: HILVERSUM,
      other: HUIZEN,
      createRecord,
      request: (id) => ({ method: 'GET', url: `/api/v1/signals/${id}` }),
      expected: (role, scope, grant) => regionWide.includes(role) || (role === 'aandachtsfunctionaris' && scope === 'own') || grant === 'valid',
    });
  }, 240_000);

  it('record matrix of changing a signal: region role or own municipality only (a grant gives reading, not changing)', async () => {
    await expectRecordMatrix(t, {
      recordType: 'signal',
      own: HILVERSUM,
      other: HUIZEN,
      createRecord,
      request: (id) => ({ method: 'PATCH', url: `/api/v1/signals/${id}`, payload: { version: 1, status: 'in-triage' } }),
      expected: (role, scope) => regionWide.includes(role) || (role === 'aandachtsfunctionaris' && scope === 'own'),
    });
  }, 240_000);
});
