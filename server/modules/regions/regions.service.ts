import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Db } from '@server/core/db/database';
import { AppError } from '@server/core/errors';
import { offsetOf } from '@server/core/http/pagination';
import * as repository from './regions.repository';
import { presentMunicipality, presentOrganisation, presentRegion } from './regions.presenter';
import { type OrganisationQuery, type RegionFile, regionFileSchema } from './regions.schema';

export class RegionConfigError extends Error {
  constructor(file: string, problems: string[]) {
    super(`Region file ${file} is invalid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'RegionConfigError';
  }
}

export interface LoadedRegionFile {
  file: RegionFile;
  hash: string;
}

/** Reads and validates every config/regions/*.json file. */
export function readRegionFiles(dir: string): LoadedRegionFile[] {
  const root = resolve(dir);
  return readdirSync(root)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => {
      const text = readFileSync(join(root, name), 'utf8');
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (error) {
        throw new RegionConfigError(name, [(error as Error).message]);
      }
      const parsed = regionFileSchema.safeParse(json);
      if (!parsed.success) {
        throw new RegionConfigError(name, parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
      }
      if (`${parsed.data.code}.json` !== name) throw new RegionConfigError(name, [`code "${parsed.data.code}" must match the file name`]);
      return { file: parsed.data, hash: createHash('sha256').update(text).digest('hex') };
    });
}

/** Loads region files into the database; a file whose content did not change is skipped. */
export async function loadRegions(db: Db, files: LoadedRegionFile[]): Promise<{ loaded: string[]; unchanged: string[] }> {
  const loaded: string[] = [];
  const unchanged: string[] = [];
  for (const { file, hash } of files) {
    if ((await repository.findRegionHash(db, file.code)) === hash) {
      unchanged.push(file.code);
      continue;
    }
    await repository.upsertRegion(db, file, hash);
    loaded.push(file.code);
  }
  return { loaded, unchanged };
}

export async function listRegions(db: Db, defaultRegion: string) {
  const rows = await repository.listRegions(db);
  return rows.map((row) => presentRegion(row, defaultRegion));
}

export async function getRegion(db: Db, code: string, defaultRegion: string) {
  const region = (await listRegions(db, defaultRegion)).find((r) => r.code === code);
  if (!region) throw new AppError('region.not-found');
  return region;
}

export async function listMunicipalities(db: Db, query: { region?: string; page: number; pageSize: number }) {
  const { rows, total } = await repository.listMunicipalities(db, { region: query.region }, query.pageSize, offsetOf(query));
  return { items: rows.map(presentMunicipality), total };
}

export async function getMunicipality(db: Db, code: string) {
  const { rows } = await repository.listMunicipalities(db, { code }, 1, 0);
  if (!rows[0]) throw new AppError('municipality.not-found');
  return presentMunicipality(rows[0]);
}

export async function listOrganisations(db: Db, query: OrganisationQuery) {
  const { page: _page, pageSize, ...filter } = query;
  const { rows, total } = await repository.listOrganisations(db, filter, pageSize, offsetOf(query));
  return { items: rows.map(presentOrganisation), total };
}

export async function getOrganisation(db: Db, id: string) {
  const row = await repository.findOrganisation(db, id);
  if (!row) throw new AppError('organisation.not-found');
  return presentOrganisation(row);
}
