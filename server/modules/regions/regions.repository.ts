import { sql } from 'kysely';
import type { Db } from '@server/core/db/database';
import type { OrganisationTable } from '@server/db/schema';
import type { OrganisationQuery, RegionFile } from './regions.schema';

/** The only place with SQL for regions, municipalities and organisations. */

export async function findRegionHash(db: Db, code: string): Promise<string | undefined> {
  const row = await db.selectFrom('region').select('config_hash').where('code', '=', code).executeTakeFirst();
  return row?.config_hash;
}

/** Writes a region file in one transaction: the region, its municipalities and configured organisations. */
export async function upsertRegion(db: Db, file: RegionFile, hash: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('region')
      .values({
        code: file.code,
        name: file.name,
        inhabitants_source: file.inhabitantsSource,
        settings: JSON.stringify(file.settings),
        config_hash: hash,
      })
      .onConflict((oc) =>
        oc.column('code').doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          inhabitants_source: eb.ref('excluded.inhabitants_source'),
          settings: eb.ref('excluded.settings'),
          config_hash: eb.ref('excluded.config_hash'),
          loaded_at: sql`now()`,
        })),
      )
      .execute();
    await trx
      .insertInto('municipality')
      .values(file.municipalities.map((m) => ({ region_code: file.code, code: m.code, name: m.name, inhabitants: m.inhabitants })))
      .onConflict((oc) =>
        oc.columns(['region_code', 'code']).doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          inhabitants: eb.ref('excluded.inhabitants'),
        })),
      )
      .execute();
    if (file.organisations.length > 0) {
      await trx
        .insertInto('organisation')
        .values(
          file.organisations.map((o) => ({
            region_code: file.code,
            key: o.key,
            name: o.name,
            type: o.type,
            description: o.description,
            municipality_code: o.municipalityCode,
            source: o.source,
            origin: 'config' as const,
          })),
        )
        .onConflict((oc) =>
          oc.columns(['region_code', 'key']).doUpdateSet((eb) => ({
            name: eb.ref('excluded.name'),
            type: eb.ref('excluded.type'),
            description: eb.ref('excluded.description'),
            municipality_code: eb.ref('excluded.municipality_code'),
            source: eb.ref('excluded.source'),
          })),
        )
        .execute();
    }
    // Organisations removed from the file leave the database (nothing refers to them yet).
    const keys = file.organisations.map((o) => o.key);
    await trx
      .deleteFrom('organisation')
      .where('region_code', '=', file.code)
      .where('origin', '=', 'config')
      .$if(keys.length > 0, (qb) => qb.where('key', 'not in', keys))
      .execute();
  });
}

export function listRegions(db: Db) {
  return db
    .selectFrom('region as r')
    .leftJoin('municipality as m', 'm.region_code', 'r.code')
    .select((eb) => [
      'r.code',
      'r.name',
      'r.inhabitants_source',
      'r.settings',
      eb.fn.coalesce(eb.fn.sum<number>('m.inhabitants'), sql<number>`0`).as('inhabitants'),
      eb.fn.count<number>('m.code').as('municipality_count'),
    ])
    .groupBy(['r.code', 'r.name', 'r.inhabitants_source', 'r.settings'])
    .orderBy('r.name')
    .execute();
}
export type RegionRow = Awaited<ReturnType<typeof listRegions>>[number];

export async function listMunicipalities(db: Db, filter: { region?: string; code?: string }, limit: number, offset: number) {
  let query = db.selectFrom('municipality');
  if (filter.region) query = query.where('region_code', '=', filter.region);
  if (filter.code) query = query.where('code', '=', filter.code);
  const [rows, total] = await Promise.all([
    query.selectAll().orderBy('name').orderBy('code').limit(limit).offset(offset).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.total) };
}
export type MunicipalityRow = Awaited<ReturnType<typeof listMunicipalities>>['rows'][number];

export async function listOrganisations(db: Db, filter: Omit<OrganisationQuery, 'page' | 'pageSize'>, limit: number, offset: number) {
  let query = db.selectFrom('organisation');
  if (filter.region) query = query.where('region_code', '=', filter.region);
  if (filter.type) query = query.where('type', '=', filter.type);
  if (filter.municipality) query = query.where('municipality_code', '=', filter.municipality);
  const [rows, total] = await Promise.all([
    query.selectAll().orderBy('name').orderBy('id').limit(limit).offset(offset).execute(),
    query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.total) };
}

export function findOrganisation(db: Db, id: string) {
  return db.selectFrom('organisation').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertOrganisations(db: Db, rows: Omit<OrganisationTable, 'id' | 'created_at'>[]): Promise<void> {
  // Multi-row inserts in batches: fast on both drivers, below PostgreSQL's 65535-parameter limit.
  const batchSize = 1000;
  for (let i = 0; i < rows.length; i += batchSize) {
    await db.insertInto('organisation').values(rows.slice(i, i + batchSize)).execute();
  }
}

export async function countDemoOrganisations(db: Db, region: string): Promise<number> {
  const row = await db
    .selectFrom('organisation')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('region_code', '=', region)
    .where('origin', '=', 'demo')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
