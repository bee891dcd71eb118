import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Faker } from '@faker-js/faker';
import type { Config } from '@server/core/config';
import type { DatabaseHandle, Db } from '@server/core/db/database';

/** What every route plugin gets: the settings and the database. */
export interface AppContext {
  config: Config;
  database: DatabaseHandle;
}

/**
 * Demo mode: demo data, and demo accounts may skip the second factor (every screen shows a
 * banner). On for the embedded database unless SCHAKEL_DEMO=off; on PostgreSQL only with SCHAKEL_DEMO=on.
 */
export function isDemoMode({ config, database }: AppContext): boolean {
  return config.SCHAKEL_DEMO === 'on' || (config.SCHAKEL_DEMO === 'auto' && database.kind === 'pglite');
}

export interface DemoOptions {
  faker: Faker;
  seed: number;
  /** Sizes by name, from `npx schakel demo --<name> N`. */
  sizes: Record<string, number>;
  regions: string[];
  log: (line: string) => void;
}

/** A module contributes to the demo data set; it must produce fictional data only. */
export type DemoContributor = (db: Db, options: DemoOptions) => Promise<Record<string, number>>;

/** A capability: its routes and, optionally, its part of the demo data. */
export interface SchakelModule {
  name: string;
  routes?: (context: AppContext) => FastifyPluginAsyncZod;
  demo?: { sizes: Record<string, { default: number; description: string }>; run: DemoContributor };
}
