import type { Kysely } from 'kysely';
import { runStatements } from '@server/core/db/statements';

/**
 * OIDC log-in flows in progress: what the callback needs to finish the authorization code flow
 * (PKCE verifier, nonce, where to go next). In the database because app servers keep no state;
 * the id is the SHA-256 of the `state` parameter, so the table holds no usable state values.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `create table oidc_flow (
      id text primary key,
      code_verifier text not null,
      nonce text not null,
      return_to text not null check (return_to like '/%' and return_to not like '//%'),
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      used_at timestamptz
    )`,
    `create index oidc_flow_expires on oidc_flow (expires_at)`,
  ]);
}
