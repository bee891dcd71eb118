import type { Kysely } from 'kysely';
import { runStatements } from '@server/core/db/statements';

/**
 * Unique indexes on the signal columns that most signals leave empty index only the rows that have
 * a value. A null never conflicts (nulls are distinct), so the guarantee is the same, but an
 * imported or mailed signal no longer adds three index entries for its empty submission key,
 * follow-up hash and challenge hash, nor a public report one for its empty source id. Each index
 * keeps the name of the constraint it replaces.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const partial = (constraint: string, columns: string, where: string) => [
    `alter table signal drop constraint ${constraint}`,
    `create unique index ${constraint} on signal (${columns}) where ${where}`,
  ];
  await runStatements(db, [
    ...partial('signal_submission_key_key', 'submission_key', 'submission_key is not null'),
    ...partial('signal_follow_up_hash_key', 'follow_up_hash', 'follow_up_hash is not null'),
    ...partial('signal_challenge_hash_key', 'challenge_hash', 'challenge_hash is not null'),
    ...partial('signal_region_code_channel_source_id_key', 'region_code, channel, source_id', 'source_id is not null'),
  ]);
}
