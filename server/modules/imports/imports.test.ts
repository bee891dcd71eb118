import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestUser, expectRoleMatrix, logIn, type LoggedIn, type TestApp } from '@server/core/testing';
import { MMA_HEADER, mmaCsv, mmaRow } from './imports.fixtures';
import { whenIdle } from './imports.service';

let t: TestApp;
let chain: LoggedIn;
let chainId: string;
beforeAll(async () => {
  t = await createTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: 10_000, RATE_LIMIT_PER_MINUTE: 10_000, IMPORT_MAX_BYTES: 8192 });
  const user = await createTestUser(t, { roles: ['ketenregisseur'], allMunicipalities: true });
  chainId = user.id;
  chain = await logIn(t, user);
});
afterAll(async () => {
  await whenIdle();
  await t.close();
});

const upload = (body: string | Buffer, source = 'mma', fileName = 'mma-export.csv', session: LoggedIn = chain) =>
  t.app.inject({
    method: 'POST',
    url: `/api/v1/imports?source=${source}`,
    payload: body,
    headers: { ...session.headers, 'content-type': 'text/csv', 'content-disposition': `attachment; filename="${fileName}"` },
  });

async function untilFinished(id: string) {
  for (let i = 0; i < 200; i++) {
    await whenIdle();
    const batch = (await t.app.inject({ url: `/api/v1/imports/${id}`, headers: chain.headers })).json();
    if (batch.status !== 'running') return batch;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('import did not finish');
}

describe('imports API', () => {
  it('is for the ketenregisseur only', async () => {
    const id = '00000000-0000-4000-8000-000000000000';
    await expectRoleMatrix(t, { method: 'GET', url: '/api/v1/imports' }, ['ketenregisseur']);
    await expectRoleMatrix(t, { method: 'POST', url: '/api/v1/imports?source=mma', payload: {} }, ['ketenregisseur']);
    await expectRoleMatrix(t, { method: 'GET', url: `/api/v1/imports/${id}` }, ['ketenregisseur']);
    await expectRoleMatrix(t, { method: 'GET', url: `/api/v1/imports/${id}/report` }, ['ketenregisseur']);
    await expectRoleMatrix(t, { method: 'POST', url: `/api/v1/imports/${id}/confirmation` }, ['ketenregisseur']);
  });

  it('upload → dry-run (nothing imported) → confirmation → import in the background with progress → history', async () => {
    const dry = await upload(readFileSync('docs/examples/mma-export.csv'));
    expect(dry.statusCode, dry.body).toBe(201);
    const { import: batch, report } = dry.json();
    expect(batch).toMatchObject({ source: 'mma', fileName: 'mma-export.csv', status: 'analysed', encoding: 'utf-8', origin: 'web', createdBy: { id: chainId }, permissions: { confirm: true } });
    expect(batch.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(report.counts).toEqual({ total: 3, created: 3, updated: 0, unchanged: 0, rejected: 0, warnings: 0 });
    expect(report.sample[0]).toMatchObject({ sourceId: 'MMA-2026-00101', municipalities: [{ code: 'GM0402', name: 'Hilversum' }, { code: 'GM0406', name: 'Huizen' }] });
    const db = t.prepared.database.db;
    expect(await db.selectFrom('signal').select('id').where('channel', '=', 'mma').execute()).toEqual([]);
    const logged = await db.selectFrom('access_log').select(['action', 'reason']).where('record_id', '=', batch.id).orderBy('id').execute();
    expect(logged).toEqual([
      { action: 'create', reason: 'dry-run mma: 3 to create, 0 to update, 0 unchanged, 0 rejected' },
      { action: 'read', reason: null },
    ]);

    const confirmed = await t.app.inject({ method: 'POST', url: `/api/v1/imports/${batch.id}/confirmation`, headers: chain.headers });
    expect(confirmed.statusCode, confirmed.body).toBe(202);
    expect(confirmed.json().status).toBe('running');
    const done = await untilFinished(batch.id);
    expect(done).toMatchObject({ status: 'done', counts: { total: 3, created: 3, updated: 0, unchanged: 0, rejected: 0 }, progress: { processed: 3, total: 3 }, permissions: { confirm: false } });
    expect((await db.selectFrom('signal').select('id').where('channel', '=', 'mma').execute()).length).toBe(3);
    const reasons = (await db.selectFrom('access_log').select('reason').where('record_id', '=', batch.id).where('action', '=', 'create').orderBy('id').execute()).map((r) => r.reason);
    expect(reasons).toEqual(['dry-run mma: 3 to create, 0 to update, 0 unchanged, 0 rejected', 'import mma started', 'imported mma: 3 created, 0 updated, 0 unchanged, 0 rejected']);

    const again = await t.app.inject({ method: 'POST', url: `/api/v1/imports/${batch.id}/confirmation`, headers: chain.headers });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('import.not-confirmable');

    const reimport = (await upload(readFileSync('docs/examples/mma-export.csv'))).json();
    expect(reimport.report.counts).toMatchObject({ created: 0, unchanged: 3 });

    const history = (await t.app.inject({ url: '/api/v1/imports', headers: chain.headers })).json();
    expect(history._embedded.imports.map((b: { status: string }) => b.status)).toEqual(['analysed', 'done']);
    const stored = (await t.app.inject({ url: `/api/v1/imports/${batch.id}/report`, headers: chain.headers })).json();
    expect(stored.counts).toMatchObject({ created: 3 });
  });

  it('lists rejected lines with reasons and reads Windows-1252', async () => {
    const text = mmaCsv([mmaRow('API-1', { Plaats: 'Blaricum', Omschrijving: 'Café-eigenaar Zoë Müller (fictief) laat personeel in de kelder slapen.' }), mmaRow('API-2', { 'Datum melding': '2026-02-03' })]);
    const response = await upload(iconv.encode(text, 'windows-1252'), 'mma', 'mma-ansi.csv');
    expect(response.statusCode, response.body).toBe(201);
    const { import: batch, report } = response.json();
    expect(batch.encoding).toBe('windows-1252');
    expect(report.sample[0].summary).toBe('Café-eigenaar Zoë Müller (fictief) laat personeel in de kelder slapen.');
    expect(report.rejected).toEqual([{ line: 3, lastLine: 3, sourceId: 'API-2', reasons: [{ code: 'date', field: 'receivedAt', column: 'Datum melding', value: '2026-02-03' }] }]);
    expect(report.dateFormats).toEqual(['dd-MM-yyyy HH:mm', 'dd-MM-yyyy']);
  });

  it('refuses a wrong header (422, expected and found columns), an empty body and a file over IMPORT_MAX_BYTES, and records the refusal', async () => {
    const wrong = await upload(readFileSync('docs/examples/watch-export.csv'), 'mma', 'watch-as-mma.csv');
    expect(wrong.statusCode).toBe(422);
    const problem = wrong.json();
    expect(problem.code).toBe('import.header-mismatch');
    expect(problem.invalidParams).toEqual([
      { name: 'body.header', code: 'missing-columns', reason: expect.stringContaining('Missing: Meldingnummer, Datum melding') },
      { name: 'body.header', code: 'expected', reason: MMA_HEADER.join(' | ') },
      { name: 'body.header', code: 'found', reason: expect.stringContaining('tip_id,ontvangen_op') },
    ]);
    const history = (await t.app.inject({ url: '/api/v1/imports', headers: chain.headers })).json()._embedded.imports;
    expect(history[0]).toMatchObject({ fileName: 'watch-as-mma.csv', status: 'failed', permissions: { confirm: false } });
    expect(history[0].error).toContain('The header does not match');
    expect(history[0].error).toContain('The columns seem to be separated by "," where this mapping expects ";": is this an export of another source?');

    expect((await upload('')).json().code).toBe('import.file-unreadable');
    const large = await upload(mmaCsv(Array.from({ length: 80 }, (_, i) => mmaRow(`L-${i}`))));
    expect(large.statusCode).toBe(413);
    expect(large.json().code).toBe('import.file-too-large');
    expect((await upload('x', 'politie')).statusCode).toBe(400);
  });
});
