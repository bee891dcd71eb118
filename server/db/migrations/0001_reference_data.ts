import type { Kysely } from 'kysely';
import { runStatements } from '@server/core/db/statements';

/** Regions, their municipalities and partner organisations (loaded from config/regions). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await runStatements(db, [
    `create table region (
          code text primary key check (code ~ '^[a-z0-9-]+$'),
          name text not null,
          inhabitants_source text not null,
          settings jsonb not null,
          config_hash text not null,
          loaded_at timestamptz not null default now()
        )`,
    `create table municipality (
          region_code text not null references region (code),
          code text not null check (code ~ '^GM[0-9]{4}$'),
          name text not null,
          inhabitants integer not null check (inhabitants >= 0),
          primary key (region_code, code)
        )`,
    `create table organisation (
          id uuid primary key default gen_random_uuid(),
          region_code text not null references region (code),
          key text not null check (key ~ '^[a-z0-9-]+$'),
          name text not null,
          type text not null,
          description text not null default '',
          municipality_code text,
          source text not null default '',
          origin text not null default 'config' check (origin in ('config', 'demo')),
          created_at timestamptz not null default now(),
          unique (region_code, key),
          foreign key (region_code, municipality_code) references municipality (region_code, code)
        )`,
    `create index organisation_region_name on organisation (region_code, name, id)`,
    `create index organisation_region_type on organisation (region_code, type)`,
    `create table demo_run (
          id serial primary key,
          seed integer not null,
          params jsonb not null,
          created_at timestamptz not null default now()
        )`,
  ]);
}
