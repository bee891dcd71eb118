import type { Kysely } from 'kysely';
import { runStatements } from '@server/core/db/statements';

/**
 * Indexes for cases at a million (issue #6, acceptance 6; docs/performance.md "case-list").
 *
 * The live case grants of a user or an organisation, with the case id, in the index itself: the
 * case list asks for them on every page (a municipality's organisation holds a grant for each
 * track it directs, thousands at a million cases), and an index-only range keeps that to a few
 * pages instead of one table page per grant.
 *
 * The municipalities of a case as a GIN index: a text search meets the actor's scope in the index
 * (a bitmap AND with the trigram index) instead of visiting every matching case of the installation.
 *
 * A case's actions and hand-overs are read by case (the case page, the deadline refresh after
 * every change); without these, each read scanned every action or hand-over of the installation.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `create index access_grant_case_user_idx on access_grant (grantee_user_id, valid_until) include (record_id, region_code, valid_from)
      where record_type = 'case' and revoked_at is null and grantee_user_id is not null`,
    `create index access_grant_case_organisation_idx on access_grant (grantee_organisation_id, valid_until) include (record_id, region_code, valid_from)
      where record_type = 'case' and revoked_at is null and grantee_organisation_id is not null`,
    `create index case_file_municipalities_idx on case_file using gin (municipalities)`,
    `create index track_action_case_idx on track_action (case_id, due_on)`,
    `create index case_handover_case_idx on case_handover (case_id, requested_at)`,
  ]);
}
