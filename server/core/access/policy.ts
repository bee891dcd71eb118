import type { FastifyRequest } from 'fastify';
import type { Actor } from '@server/core/auth/actor';
import type { Role } from '@server/core/auth/roles';
import type { Db } from '@server/core/db/database';
import { AppError } from '@server/core/errors';
import { writeAccessLog } from './access-log';

/**
 * The central authorization decision for records (cases, clients, signals…), deny by default:
 * role × municipality scope × the record's municipalities × explicit grants. Modules describe
 * their record types with RecordRules and call authorize(); they never decide themselves.
 */
export type RecordAction = 'read' | 'update' | 'delete' | 'export';

export interface RecordRef {
  type: string;
  id: string;
  regionCode: string;
  /** Municipalities the record plays in (lead and involved). */
  municipalities: string[];
  /** The account that created the record (a signaleerder's own signal), when the record type has one. */
  ownerUserId?: string | null;
}

export interface ActionRule {
  /** Roles that may do this for every record of their region. */
  regionWide?: Role[];
  /** Roles that may do this when their scope covers one of the record's municipalities. */
  ownMunicipality?: Role[];
  /** Whether a valid grant (to the user or their organisation) allows it. */
  byGrant?: boolean;
  /**
   * The roles a grant counts for (left out: any role). A grant to an organisation reaches all its
   * accounts; this keeps it from reaching, say, its privacy officer or application administrator.
   */
  grantRoles?: Role[];
  /** Whether the account that created the record may do this (whatever its role). */
  owner?: boolean;
}
export type RecordRules = Partial<Record<RecordAction, ActionRule>>;

export type DecisionReason =
  | 'role-region'
  | 'role-municipality'
  | 'grant'
  | 'owner'
  | 'no-actor'
  | 'other-region'
  | 'no-rule'
  | 'outside-scope'
  | 'no-grant'
  | 'token';

export interface Decision {
  allowed: boolean;
  reason: DecisionReason;
  grantId?: string;
}

/**
 * The actor's valid grants on a record (to the account or its organisation, not revoked, now
 * within their period), the longest-running first. The one definition of a valid grant: a
 * statement that looks the grant up itself (a case page) uses this query too.
 */
export function validGrants(db: Db, actor: Pick<Actor, 'userId' | 'organisationId'>, record: { type: string; id: string }, at = new Date()) {
  return db
    .selectFrom('access_grant')
    .where('record_type', '=', record.type)
    .where('record_id', '=', record.id)
    .where('revoked_at', 'is', null)
    .where('valid_from', '<=', at)
    .where('valid_until', '>', at)
    .where((eb) => eb.or([eb('grantee_user_id', '=', actor.userId), eb('grantee_organisation_id', '=', actor.organisationId)]))
    .orderBy('valid_until', 'desc')
    .orderBy('id');
}

export async function findValidGrant(db: Db, actor: Actor, record: RecordRef, at = new Date()): Promise<string | undefined> {
  const grant = await validGrants(db, actor, record, at).select('id').where('region_code', '=', record.regionCode).executeTakeFirst();
  return grant?.id;
}

/** A grant the caller already looked up with validGrants() (in the statement that loaded the record): decide() does not look again. */
export interface KnownGrant {
  grantId: string | undefined;
}

export async function decide(db: Db, actor: Actor | undefined, action: RecordAction, record: RecordRef, rules: RecordRules, known?: KnownGrant): Promise<Decision> {
  if (!actor) return { allowed: false, reason: 'no-actor' };
  if (actor.via === 'token') return { allowed: false, reason: 'token' };
  if (actor.regionCode !== record.regionCode) return { allowed: false, reason: 'other-region' };
  const rule = rules[action];
  if (!rule) return { allowed: false, reason: 'no-rule' };
  if (actor.roles.some((r) => rule.regionWide?.includes(r))) return { allowed: true, reason: 'role-region' };
  if (rule.owner && record.ownerUserId && record.ownerUserId === actor.userId) return { allowed: true, reason: 'owner' };
  const inScope = actor.allMunicipalities || record.municipalities.some((m) => actor.municipalities.includes(m));
  if (inScope && actor.roles.some((r) => rule.ownMunicipality?.includes(r))) return { allowed: true, reason: 'role-municipality' };
  if (rule.byGrant && (!rule.grantRoles || actor.roles.some((r) => rule.grantRoles!.includes(r)))) {
    const grantId = known ? known.grantId : await findValidGrant(db, actor, record);
    if (grantId) return { allowed: true, reason: 'grant', grantId };
    return { allowed: false, reason: 'no-grant' };
  }
  return { allowed: false, reason: 'outside-scope' };
}

/**
 * Decides and, when refused, logs the denial and throws. A refused read answers 404 like a
 * record that does not exist, so a refusal does not reveal that the record exists.
 */
export async function authorize(db: Db, request: FastifyRequest, action: RecordAction, record: RecordRef, rules: RecordRules, known?: KnownGrant): Promise<Decision> {
  const decision = await decide(db, request.actor, action, record, rules, known);
  if (!decision.allowed) {
    await writeAccessLog(db, request, { action: 'denied', outcome: 'denied', recordType: record.type, recordId: record.id, reason: `${action}: ${decision.reason}` });
    if (!request.actor) throw new AppError('auth.required');
    throw new AppError(action === 'read' ? 'route.not-found' : 'access.denied');
  }
  return decision;
}

/** What the actor may do with a record, for the `permissions` of a response (the UI never guesses). */
export async function permissionsFor(db: Db, actor: Actor | undefined, record: RecordRef, rules: RecordRules): Promise<Record<RecordAction, boolean>> {
  const actions: RecordAction[] = ['read', 'update', 'delete', 'export'];
  const decisions = await Promise.all(actions.map((a) => decide(db, actor, a, record, rules)));
  return Object.fromEntries(actions.map((a, i) => [a, decisions[i]!.allowed])) as Record<RecordAction, boolean>;
}
