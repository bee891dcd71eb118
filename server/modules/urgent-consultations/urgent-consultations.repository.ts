import { sql, type Transaction } from 'kysely';
import type { Db } from '@server/core/db/database';
import type { Database } from '@server/db/schema';

type Executor = Db | Transaction<Database>;

/** The only SQL of the spoed-MDO. */

export function findConsultation(db: Executor, id: string) {
  return db
    .selectFrom('urgent_consultation as c')
    .leftJoin('app_user as o', 'o.id', 'c.opened_by')
    .leftJoin('app_user as a', 'a.id', 'c.advised_by')
    .selectAll('c')
    .select(['o.display_name as opened_by_name', 'a.display_name as advised_by_name'])
    .where('c.id', '=', id)
    .executeTakeFirst();
}
export type ConsultationRow = NonNullable<Awaited<ReturnType<typeof findConsultation>>>;

export function organisationsOf(db: Executor, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('organisation').select(['id', 'name', 'type', 'region_code']).where('id', 'in', ids).execute();
}

export function recordedLegalBases(db: Executor, regionCode: string, organisationIds: string[]) {
  if (organisationIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('partner_legal_basis').select(['organisation_id', 'legal_basis']).where('region_code', '=', regionCode).where('organisation_id', 'in', organisationIds).execute();
}

export async function insertConsultation(trx: Transaction<Database>, values: { case_id: string; region_code: string; question: string; grant_until: Date; opened_by: string }) {
  return trx.insertInto('urgent_consultation').values(values).returning(['id']).executeTakeFirstOrThrow();
}

export async function insertInvitees(trx: Transaction<Database>, rows: { consultation_id: string; organisation_id: string; legal_basis: string }[]): Promise<void> {
  if (rows.length) await trx.insertInto('urgent_consultation_invitee').values(rows).execute();
}

export function inviteesOf(db: Executor, consultationIds: string[]) {
  if (consultationIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('urgent_consultation_invitee as i')
    .innerJoin('organisation as o', 'o.id', 'i.organisation_id')
    .select(['i.consultation_id', 'i.organisation_id', 'i.legal_basis', 'o.name', 'o.type'])
    .where('i.consultation_id', 'in', consultationIds)
    .orderBy('o.name')
    .execute();
}

/** Who hears of the invitation: the active accounts of the invited organisations whose roles a case grant counts for. */
export function inviteeAudience(db: Executor, organisationIds: string[], roles: readonly string[]) {
  if (organisationIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('app_user as u')
    .select(['u.id', 'u.email'])
    .where('u.organisation_id', 'in', organisationIds)
    .where('u.active', '=', true)
    .where((eb) => eb.exists(eb.selectFrom('user_role as r').select('r.user_id').whereRef('r.user_id', '=', 'u.id').where('r.role', 'in', [...roles])))
    .execute();
}

/** The live grant this consultation gave an organisation (the one an invitee reads on). */
export function validConsultationGrant(db: Executor, consultationId: string, organisationId: string, at = new Date()) {
  return db
    .selectFrom('access_grant')
    .select('id')
    .where('source_type', '=', 'urgent-consultation')
    .where('source_id', '=', consultationId)
    .where('grantee_organisation_id', '=', organisationId)
    .where('revoked_at', 'is', null)
    .where('valid_from', '<=', at)
    .where('valid_until', '>', at)
    .orderBy('valid_until', 'desc')
    .executeTakeFirst();
}

export function contributionsOf(db: Executor, consultationId: string) {
  return db
    .selectFrom('urgent_consultation_contribution as c')
    .leftJoin('app_user as u', 'u.id', 'c.author_user_id')
    .leftJoin('organisation as o', 'o.id', 'c.organisation_id')
    .select(['c.id', 'c.at', 'c.text', 'c.author_user_id', 'u.display_name as author_name', 'c.organisation_id', 'o.name as organisation_name', 'o.type as organisation_type'])
    .where('c.consultation_id', '=', consultationId)
    .orderBy('c.at')
    .orderBy('c.id')
    .execute();
}

export async function insertContribution(
  trx: Transaction<Database>,
  values: { consultation_id: string; region_code: string; author_user_id: string; organisation_id: string; text: string },
): Promise<string> {
  return (await trx.insertInto('urgent_consultation_contribution').values(values).returning('id').executeTakeFirstOrThrow()).id;
}

/** Records the advice once: only on the version read and while open. */
export async function recordAdvice(trx: Transaction<Database>, id: string, version: number, advice: string, by: string): Promise<boolean> {
  const result = await trx
    .updateTable('urgent_consultation')
    .set({ advice, advised_by: by, advised_at: new Date(), status: 'advised', version: sql<number>`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Locks the consultation row so a contribution and the advice do not cross. */
export function lockConsultation(trx: Transaction<Database>, id: string) {
  return trx.selectFrom('urgent_consultation').select(['status', 'version']).where('id', '=', id).forUpdate().executeTakeFirst();
}

export function consultationsOfCase(db: Db, caseId: string) {
  return db
    .selectFrom('urgent_consultation as c')
    .select(['c.id', 'c.question', 'c.status', 'c.opened_at', 'c.opened_by', 'c.grant_until'])
    .select((eb) => eb.selectFrom('urgent_consultation_contribution as k').select(sql<number>`count(*)::int`.as('n')).whereRef('k.consultation_id', '=', 'c.id').as('contributions'))
    .where('c.case_id', '=', caseId)
    .orderBy('c.opened_at', 'desc')
    .execute();
}

/**
 * Mine: the ones I opened, and the ones my organisation is invited to while its grant from them
 * runs (after that I cannot open them, so they leave the list). Open ones first.
 */
export async function myConsultations(db: Db, me: { userId: string; organisationId: string; regionCode: string }, limit: number, offset: number) {
  const now = new Date();
  const base = db
    .selectFrom('urgent_consultation as c')
    .innerJoin('case_file as f', 'f.id', 'c.case_id')
    .where('c.region_code', '=', me.regionCode)
    .where((eb) =>
      eb.or([
        eb('c.opened_by', '=', me.userId),
        eb.exists(
          eb
            .selectFrom('access_grant as g')
            .select('g.id')
            .where('g.source_type', '=', 'urgent-consultation')
            .whereRef('g.source_id', '=', 'c.id')
            .where('g.grantee_organisation_id', '=', me.organisationId)
            .where('g.revoked_at', 'is', null)
            .where('g.valid_until', '>', now),
        ),
      ]),
    );
  const [rows, count] = await Promise.all([
    base
      .select(['c.id', 'c.case_id', 'f.reference', 'c.status', 'c.opened_at', 'c.opened_by', 'c.grant_until'])
      .select((eb) =>
        eb
          .exists(eb.selectFrom('urgent_consultation_invitee as i').select('i.organisation_id').whereRef('i.consultation_id', '=', 'c.id').where('i.organisation_id', '=', me.organisationId))
          .as('invited'),
      )
      .orderBy(sql`case when c.status = 'open' then 0 else 1 end`)
      .orderBy('c.opened_at', 'desc')
      .orderBy('c.id')
      .limit(limit)
      .offset(offset)
      .execute(),
    base.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.total) };
}

/** Of these consultations, the ones whose grant to this organisation still runs. */
export async function withLiveGrant(db: Executor, consultationIds: string[], organisationId: string, at = new Date()): Promise<Set<string>> {
  if (consultationIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('access_grant')
    .select('source_id')
    .distinct()
    .where('source_type', '=', 'urgent-consultation')
    .where('source_id', 'in', consultationIds)
    .where('grantee_organisation_id', '=', organisationId)
    .where('revoked_at', 'is', null)
    .where('valid_from', '<=', at)
    .where('valid_until', '>', at)
    .execute();
  return new Set(rows.map((r) => r.source_id!));
}

/** Ends the consultation's sharing now: its grant_until moves to now (the grants themselves are revoked by the cases module). */
export async function endSharing(trx: Transaction<Database>, id: string, at: Date): Promise<void> {
  await trx.updateTable('urgent_consultation').set({ grant_until: at }).where('id', '=', id).where('grant_until', '>', at).execute();
}
