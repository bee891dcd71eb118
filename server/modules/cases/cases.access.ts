import type { FastifyRequest } from 'fastify';
import type { Transaction } from 'kysely';
import { authorize, type Decision, decide, type KnownGrant, type RecordAction } from '@server/core/access/policy';
import type { Db } from '@server/core/db/database';
import { AppError } from '@server/core/errors';
import type { Database } from '@server/db/schema';
import { type CaseFieldGroup, regionSettingsSchema } from '@server/modules/regions';
import { caseRef, caseRules, sharedGroups } from './cases.policy';
import * as repository from './cases.repository';

export type RegionSettings = ReturnType<typeof regionSettingsSchema.parse>;

/** How long parsed region settings are reused: they change only when a region file is loaded (at start-up or `schakel regions`). */
const SETTINGS_TTL_MS = 30_000;
const settingsCache = new WeakMap<object, Map<string, { at: number; settings: Promise<RegionSettings> }>>();

/**
 * The region's settings, parsed with their defaults (deadlines, sources, sharing, grant lengths).
 * A case page asks for them several times; they are cached per database and region for 30 s
 * (docs/performance.md, "case-list"). Inside a transaction they are always read fresh.
 */
export async function settingsOf(db: Db | Transaction<Database>, regionCode: string): Promise<RegionSettings> {
  if (db.isTransaction) return parseSettings(db, regionCode);
  let regions = settingsCache.get(db);
  if (!regions) settingsCache.set(db, (regions = new Map()));
  const now = Date.now();
  const hit = regions.get(regionCode);
  if (hit && now - hit.at < SETTINGS_TTL_MS) return hit.settings;
  const settings = parseSettings(db, regionCode);
  regions.set(regionCode, { at: now, settings });
  settings.catch(() => regions.delete(regionCode));
  return settings;
}

async function parseSettings(db: Db | Transaction<Database>, regionCode: string): Promise<RegionSettings> {
  const row = await repository.regionSettingsOf(db, regionCode);
  return regionSettingsSchema.parse(row?.settings ?? {});
}

export interface AuthorizedCase {
  row: repository.CaseRefRow;
  decision: Decision;
}

/**
 * Loads a case and decides; a refusal is logged and answered like a case that does not exist
 * (reads) or 403 (changes), so nobody learns that a case exists by asking for it.
 */
export async function authorizedCase(db: Db, request: FastifyRequest, id: string, action: RecordAction): Promise<AuthorizedCase> {
  const row = await repository.findCaseRef(db, id);
  const decision = await decideOnCase(db, request, id, action, row);
  return { row: row!, decision };
}

/**
 * The decision on a case already loaded (undefined: it does not exist), with the viewer's grant
 * when the statement that loaded it looked that up too. Refusals as authorizedCase.
 */
export async function decideOnCase(db: Db, request: FastifyRequest, id: string, action: RecordAction, row: { id: string; region_code: string; municipalities: string[] } | undefined, known?: KnownGrant): Promise<Decision> {
  if (!row) {
    if (request.actor) await authorize(db, request, action, { type: 'case', id, regionCode: '', municipalities: [] }, caseRules).catch(() => undefined);
    throw new AppError('case.not-found');
  }
  return authorize(db, request, action, caseRef(row), caseRules, known).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'route.not-found') throw new AppError('case.not-found');
    throw error;
  });
}

/** What the reader of a case sees: every part on their own account, the region's sharing for their organisation type through a grant. */
export async function groupsFor(db: Db, request: FastifyRequest, decision: Decision, regionCode: string): Promise<CaseFieldGroup[]> {
  if (decision.reason !== 'grant') return sharedGroups(decision, undefined, {});
  const [settings, organisation] = await Promise.all([settingsOf(db, regionCode), repository.organisationOf(db, request.actor!.organisationId)]);
  return sharedGroups(decision, organisation?.type, settings.caseSharing);
}

export async function mayUpdate(db: Db, request: FastifyRequest, row: repository.CaseRefRow): Promise<boolean> {
  return (await decide(db, request.actor, 'update', caseRef(row), caseRules)).allowed;
}

/** Whether the caller may still read the case (no log line: for deciding what to answer after a change that may end their access). */
export async function mayRead(db: Db, request: FastifyRequest, id: string): Promise<boolean> {
  const row = await repository.findCaseRef(db, id);
  return row ? (await decide(db, request.actor, 'read', caseRef(row), caseRules)).allowed : false;
}
