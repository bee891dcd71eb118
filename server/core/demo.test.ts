import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '@server/core/testing';
import { modules } from '@server/modules';
import { runDemo } from './demo';

let a: TestApp;
let b: TestApp;
beforeAll(async () => {
  [a, b] = await Promise.all([createTestApp(), createTestApp()]);
});
afterAll(async () => {
  await Promise.all([a.close(), b.close()]);
});

const names = (t: TestApp) =>
  t.prepared.database.db.selectFrom('organisation').select(['name', 'type', 'municipality_code']).where('origin', '=', 'demo').orderBy('name').execute();

describe('demo data', () => {
  it('is deterministic per seed, sized by the caller, and marked fictional', async () => {
    await runDemo(a.prepared.database.db, modules, { seed: 42, sizes: { organisations: 300, signals: 20 }, regions: ['gooi-en-vechtstreek'] });
    await runDemo(b.prepared.database.db, modules, { seed: 42, sizes: { organisations: 300, signals: 20 }, regions: ['gooi-en-vechtstreek'] });
    const first = await names(a);
    expect(first).toHaveLength(300);
    expect(await names(b)).toEqual(first);
    expect(first.every((o) => o.name.endsWith('(fictief)'))).toBe(true);

    const response = await a.app.inject({ url: '/api/v1/organisations?region=gooi-en-vechtstreek&pageSize=100' });
    const fictional = response.json()._embedded.organisations.filter((o: { fictional: boolean }) => o.fictional);
    expect(fictional.length).toBeGreaterThan(0);
  });

  it('gives another data set for another seed', async () => {
    await runDemo(b.prepared.database.db, modules, { seed: 43, sizes: { organisations: 300, signals: 20 }, regions: ['ijsselland'] });
    const ijsselland = await b.prepared.database.db.selectFrom('organisation').select('name').where('origin', '=', 'demo').where('region_code', '=', 'ijsselland').orderBy('name').execute();
    const gooi = (await names(a)).map((o) => ({ name: o.name }));
    expect(ijsselland).not.toEqual(gooi);
  });
});
