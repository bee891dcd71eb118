import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { SchakelModule } from '@server/core/module';
import { createTestApp, createTestUser, expectRecordMatrix, logIn, type TestApp } from '@server/core/testing';
import { authorize, permissionsFor, type RecordRules } from './policy';
import { readPersonalData } from './access-log';

/** A stand-in record type, as later modules (cases, clients) will have. */
const records = new Map<string, string>();
const rules: RecordRules = {
  read: { regionWide: ['ketenregisseur'], ownMunicipality: ['aandachtsfunctionaris'], byGrant: true },
  update: { regionWide: ['ketenregisseur'], ownMunicipality: ['aandachtsfunctionaris'] },
};
const probe: SchakelModule = {
  name: 'probe-records',
  routes: ({ database, config }) => async (app) => {
    app.get(
      '/probe-records/:id',
      {
        config: { access: { roles: 'any' } },
        schema: { hide: true, params: z.object({ id: z.string() }), response: { 200: z.object({ id: z.string(), permissions: z.record(z.string(), z.boolean()) }).meta({ 'x-personal-data': true }) } },
      },
      async (request) => {
        const municipality = records.get(request.params.id) ?? 'GM0000';
        const record = { type: 'probe-record', id: request.params.id, regionCode: config.SCHAKEL_REGION, municipalities: [municipality] };
        const decision = await authorize(database.db, request, 'read', record, rules);
        return readPersonalData(
          database.db,
          request,
          { recordType: 'probe-record', purpose: 'test', grantId: decision.grantId },
          async () => ({ id: record.id, permissions: await permissionsFor(database.db, request.actor, record, rules) }),
          (r) => ({ recordId: r.id, subjects: [r.id] }),
        );
      },
    );
  },
};

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: 100_000, RATE_LIMIT_PER_MINUTE: 100_000 }, [probe]);
});
afterAll(() => t.close());

const createRecord = async (municipality: string) => {
  const id = randomUUID();
  records.set(id, municipality);
  return id;
};

describe('the central policy', () => {
  it('holds the matrix role × own/other municipality × grant valid/expired/revoked/none', async () => {
    const table = await expectRecordMatrix(t, {
      recordType: 'probe-record',
      own: 'GM0402',
      other: 'GM0406',
      createRecord,
      request: (id) => ({ method: 'GET', url: `/api/v1/probe-records/${id}` }),
      expected: (role, scope, grant) => role === 'ketenregisseur' || (role === 'aandachtsfunctionaris' && scope === 'own') || grant === 'valid',
    });
    expect(table).toHaveLength(9 * 2 * 4);
  });

  it('answers a refused read like a record that does not exist', async () => {
    const session = await logIn(t, await createTestUser(t, { roles: ['signaleerder'], municipalities: ['GM0402'] }));
    const refused = await t.app.inject({ url: `/api/v1/probe-records/${await createRecord('GM0402')}`, headers: session.headers });
    const missing = await t.app.inject({ url: `/api/v1/probe-records/${randomUUID()}`, headers: session.headers });
    expect(refused.statusCode).toBe(404);
    expect({ ...refused.json(), instance: '' }).toEqual({ ...missing.json(), instance: '' });
  });

  it('tells the client what the user may do, and logs the read with the grant it relied on', async () => {
    const user = await createTestUser(t, { roles: ['tafellid'], municipalities: ['GM0402'] });
    const id = await createRecord('GM0406');
    const keten = await logIn(t, await createTestUser(t, { roles: ['ketenregisseur'], allMunicipalities: true }));
    const grant = await t.app.inject({
      method: 'POST',
      url: '/api/v1/grants',
      payload: { recordType: 'probe-record', recordId: id, granteeUserId: user.id, purpose: 'tafel', legalBasis: 'convenant', validUntil: new Date(Date.now() + 86_400_000).toISOString() },
      headers: keten.headers,
    });
    expect(grant.statusCode, grant.body).toBe(201);
    const session = await logIn(t, user);
    const read = await t.app.inject({ url: `/api/v1/probe-records/${id}`, headers: session.headers });
    expect(read.json().permissions).toEqual({ read: true, update: false, delete: false, export: false });
    const entry = await t.prepared.database.db.selectFrom('access_log').select(['grant_id', 'purpose']).where('user_id', '=', user.id).where('action', '=', 'read').executeTakeFirstOrThrow();
    expect(entry).toEqual({ grant_id: grant.json().id, purpose: 'test' });

    // Revoked: it stops working at once.
    expect((await t.app.inject({ method: 'DELETE', url: `/api/v1/grants/${grant.json().id}`, headers: keten.headers })).json().status).toBe('revoked');
    expect((await t.app.inject({ url: `/api/v1/probe-records/${id}`, headers: session.headers })).statusCode).toBe(404);
  });
});

describe('grants', () => {
  it('need a legal basis of the region, one grantee, and an end after the start', async () => {
    const keten = await logIn(t, await createTestUser(t, { roles: ['ketenregisseur'], allMunicipalities: true }));
    const post = (payload: object) => t.app.inject({ method: 'POST', url: '/api/v1/grants', payload, headers: keten.headers });
    const base = { recordType: 'probe-record', recordId: 'x', purpose: 'tafel', validUntil: new Date(Date.now() + 3_600_000).toISOString() };
    const organisation = (await t.app.inject({ url: '/api/v1/organisations?type=police&region=gooi-en-vechtstreek' })).json()._embedded.organisations[0].id;
    expect((await post({ ...base, granteeOrganisationId: organisation, legalBasis: 'omdat-het-kan' })).json().invalidParams[0].name).toBe('body.legalBasis');
    expect((await post({ ...base, legalBasis: 'convenant' })).statusCode).toBe(400);
    expect((await post({ ...base, granteeOrganisationId: organisation, legalBasis: 'convenant', validFrom: new Date(Date.now() + 7_200_000).toISOString() })).json().invalidParams[0].name).toBe('body.validUntil');
    const ok = await post({ ...base, granteeOrganisationId: organisation, legalBasis: 'wpg' });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ status: 'valid', legalBasis: 'wpg', granteeOrganisationId: organisation });
    const legal = await t.app.inject({ url: '/api/v1/legal-bases', headers: keten.headers });
    expect(legal.json()._embedded.legalBases.map((b: { code: string }) => b.code)).toContain('wgs');
  });

  it('may be given only by the chain or process director', async () => {
    const tafellid = await logIn(t, await createTestUser(t, { roles: ['tafellid'] }));
    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/v1/grants',
      payload: { recordType: 'probe-record', recordId: 'x', granteeUserId: randomUUID(), purpose: 'zelf', legalBasis: 'convenant', validUntil: new Date(Date.now() + 3_600_000).toISOString() },
      headers: tafellid.headers,
    });
    expect(refused.statusCode).toBe(403);
  });
});
