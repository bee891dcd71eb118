import { Faker, nl, en, base } from '@faker-js/faker';
import type { Db } from '@server/core/db/database';
import type { SchakelModule } from '@server/core/module';

export interface DemoRunOptions {
  seed: number;
  sizes: Record<string, number>;
  regions: string[];
  log?: (line: string) => void;
}

/** Every size a module offers, with its default, for `npx schakel demo --help`. */
export function demoSizes(modules: SchakelModule[]) {
  return Object.fromEntries(modules.flatMap((m) => Object.entries(m.demo?.sizes ?? {})));
}

/**
 * Fills the database with fictional data: each module contributes its part, in order,
 * from one seeded Dutch faker, so the same seed gives the same data.
 */
export async function runDemo(db: Db, modules: SchakelModule[], options: DemoRunOptions): Promise<Record<string, number>> {
  const log = options.log ?? (() => undefined);
  const faker = new Faker({ locale: [nl, en, base], seed: options.seed });
  const sizes = { ...Object.fromEntries(Object.entries(demoSizes(modules)).map(([k, v]) => [k, v.default])), ...options.sizes };
  const counts: Record<string, number> = {};
  for (const module of modules) {
    if (!module.demo) continue;
    Object.assign(counts, await module.demo.run(db, { faker, seed: options.seed, sizes, regions: options.regions, log }));
  }
  await db
    .insertInto('demo_run')
    .values({ seed: options.seed, params: JSON.stringify({ sizes, regions: options.regions, counts }) })
    .execute();
  return counts;
}

export async function demoHasRun(db: Db): Promise<boolean> {
  const row = await db.selectFrom('demo_run').select('id').limit(1).executeTakeFirst();
  return row !== undefined;
}
