import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Faker } from '@faker-js/faker';
import type { Config } from '@server/core/config';
import type { DatabaseHandle, Db } from '@server/core/db/database';

/** What every route plugin gets: the settings and the database. */
export interface AppContext {
  config: Config;
  database: DatabaseHandle;
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
