import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '@server/core/testing';
import { loadRegions, readRegionFiles, RegionConfigError } from './regions.service';
import type { MunicipalityList, OrganisationList, RegionList } from './regions.schema';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const get = async <T>(url: string) => {
  const response = await t.app.inject({ url });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as T;
};

describe('regions', () => {
  it('lists both shipped regions, the default one marked', async () => {
    const body = await get<RegionList>('/api/v1/regions');
    const regions = body._embedded.regions;
    expect(regions.map((r) => r.code).sort()).toEqual(['gooi-en-vechtstreek', 'ijsselland']);
    expect(regions.find((r) => r.isDefault)?.code).toBe('gooi-en-vechtstreek');
    const ijsselland = regions.find((r) => r.code === 'ijsselland')!;
    // Seed 002: the eleven municipalities add up to 534.800 inhabitants.
    expect(ijsselland).toMatchObject({ municipalityCount: 11, inhabitants: 534_800 });
    expect(body.page).toEqual({ number: 1, size: 20, totalElements: 2, totalPages: 1 });
  });

  it('returns one region and 404 for an unknown one', async () => {
    expect((await get<{ name: string }>('/api/v1/regions/ijsselland')).name).toBe('IJsselland');
    const missing = await t.app.inject({ url: '/api/v1/regions/atlantis' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('region.not-found');
  });
});

describe('municipalities', () => {
  it('carry code, name, inhabitants and region', async () => {
    const body = await get<MunicipalityList>('/api/v1/municipalities?region=ijsselland&pageSize=100');
    const zwolle = body._embedded.municipalities.find((m) => m.name === 'Zwolle');
    expect(zwolle).toEqual({ code: 'GM0193', name: 'Zwolle', inhabitants: 129_840, region: 'ijsselland' });
    expect(body._embedded.municipalities).toHaveLength(11);
  });

  it('Gooi en Vechtstreek has its seven municipalities, without Weesp', async () => {
    const body = await get<MunicipalityList>('/api/v1/municipalities?region=gooi-en-vechtstreek');
    expect(body._embedded.municipalities.map((m) => m.name)).toEqual([
      'Blaricum',
      'Eemnes',
      'Gooise Meren',
      'Hilversum',
      'Huizen',
      'Laren',
      'Wijdemeren',
    ]);
  });

  it('pages with HAL links that keep the filter', async () => {
    const first = await get<MunicipalityList>('/api/v1/municipalities?region=ijsselland&pageSize=5');
    expect(first.page).toEqual({ number: 1, size: 5, totalElements: 11, totalPages: 3 });
    expect(first._links.next?.href).toBe('/api/v1/municipalities?region=ijsselland&pageSize=5&page=2');
    expect(first._links.prev).toBeUndefined();
    const last = await get<MunicipalityList>(first._links.last.href);
    expect(last._embedded.municipalities).toHaveLength(1);
    expect(last._links.next).toBeUndefined();
    expect(last._links.prev?.href).toContain('page=2');
    const all = await get<MunicipalityList>('/api/v1/municipalities?pageSize=100');
    expect(all.page.totalElements).toBe(18);
  });

  it('returns one municipality by CBS code, 404 for an unknown and 400 for a malformed code', async () => {
    expect((await get<{ name: string }>('/api/v1/municipalities/GM0402')).name).toBe('Hilversum');
    expect((await t.app.inject({ url: '/api/v1/municipalities/GM9999' })).json().code).toBe('municipality.not-found');
    expect((await t.app.inject({ url: '/api/v1/municipalities/hilversum' })).statusCode).toBe(400);
  });
});

describe('organisations', () => {
  it('lists the partners named in the seeds, filterable by type and region', async () => {
    const police = await get<OrganisationList>('/api/v1/organisations?type=police&pageSize=100');
    expect(police._embedded.organisations.map((o) => o.region).sort()).toEqual(['gooi-en-vechtstreek', 'ijsselland']);
    const municipalities = await get<OrganisationList>('/api/v1/organisations?type=municipality&region=ijsselland&pageSize=100');
    expect(municipalities.page.totalElements).toBe(11);
    expect(municipalities._embedded.organisations.every((o) => o.municipality?.startsWith('GM'))).toBe(true);
    const hilversum = await get<OrganisationList>('/api/v1/organisations?municipality=GM0402');
    expect(hilversum._embedded.organisations.some((o) => o.type === 'municipality')).toBe(true);
  });

  it('returns one organisation by id, 404 for an unknown id', async () => {
    const list = await get<OrganisationList>('/api/v1/organisations?type=veilig-thuis');
    const first = list._embedded.organisations[0]!;
    expect(await get(`/api/v1/organisations/${first.id}`)).toEqual(first);
    const missing = await t.app.inject({ url: '/api/v1/organisations/00000000-0000-4000-8000-000000000000' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('organisation.not-found');
  });

  it('rejects an unknown type', async () => {
    const response = await t.app.inject({ url: '/api/v1/organisations?type=bakery' });
    expect(response.statusCode).toBe(400);
    expect(response.json().invalidParams[0].name).toBe('query.type');
  });
});

describe('loading region files', () => {
  it('is idempotent and picks up a changed file', async () => {
    const db = t.prepared.database.db;
    const count = async () => (await db.selectFrom('organisation').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
    const before = await count();
    const files = readRegionFiles(t.config.SCHAKEL_REGIONS_DIR);
    expect(await loadRegions(db, files)).toEqual({ loaded: [], unchanged: ['gooi-en-vechtstreek', 'ijsselland'] });
    expect(await count()).toBe(before);

    const dir = mkdtempSync(join(tmpdir(), 'regions-'));
    cpSync(t.config.SCHAKEL_REGIONS_DIR, dir, { recursive: true });
    const path = join(dir, 'ijsselland.json');
    const file = JSON.parse(readFileSync(path, 'utf8'));
    file.municipalities.find((m: { name: string }) => m.name === 'Ommen').inhabitants = 18_500;
    file.organisations.pop();
    writeFileSync(path, JSON.stringify(file));
    expect(await loadRegions(db, readRegionFiles(dir))).toEqual({ loaded: ['ijsselland'], unchanged: ['gooi-en-vechtstreek'] });
    expect((await get<{ inhabitants: number }>('/api/v1/municipalities/GM0175')).inhabitants).toBe(18_500);
    expect(await count()).toBe(before - 1);
  });

  it('refuses an invalid file with the file name and the failing field', () => {
    const dir = mkdtempSync(join(tmpdir(), 'regions-'));
    writeFileSync(
      join(dir, 'broken.json'),
      JSON.stringify({ code: 'broken', name: 'B', inhabitantsSource: 's', municipalities: [{ code: 'X1', name: 'A', inhabitants: 1 }], organisations: [] }),
    );
    expect(() => readRegionFiles(dir)).toThrow(RegionConfigError);
    expect(() => readRegionFiles(dir)).toThrow(/broken\.json[\s\S]*municipalities\.0\.code/);
  });
});
