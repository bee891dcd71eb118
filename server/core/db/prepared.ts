import { createHash } from 'node:crypto';
import pg from 'pg';
import { sql } from 'kysely';

/**
 * Prepared statements for the few hot, fixed-shape queries (docs/performance.md, "case-list").
 *
 * PostgreSQL plans every statement it is sent. For a case page the planning took four times as
 * long as the execution (the case with its parts as JSON: 1.6 ms to plan, 0.4 ms to run, measured
 * with pg_stat_statements). A statement marked with `prepared` (Kysely: `.modifyFront(prepared)`
 * on a select) is sent as a named prepared statement instead, once per connection; after a few
 * runs PostgreSQL keeps a generic plan and stops planning it. Only marked statements are named, so
 * the number of prepared statements per connection stays the number of marked queries (a query
 * whose text varies, such as an IN list, must not be marked). PGlite ignores the mark: it is a comment.
 */
export const PREPARED_MARK = '/*prepared*/';
export const prepared = sql.raw(PREPARED_MARK);
/**
 * A prepared statement that always runs its generic plan. PostgreSQL keeps planning a statement
 * whose generic plan it estimates dearer than its custom ones; for the case search (a recursive
 * word lookup over an array of municipalities) that estimate is five times off, and planning took
 * 2 ms of a 5 ms search. The client sets plan_cache_mode around the one statement (two small
 * round trips); unnamed statements keep their custom plans.
 */
export const GENERIC_MARK = '/*prepared:generic*/';
export const preparedGeneric = sql.raw(GENERIC_MARK);

const names = new Map<string, string>();
function nameOf(text: string): string {
  let name = names.get(text);
  if (!name) names.set(text, (name = `schakel_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`));
  return name;
}

/** The pg client of our pools: a marked statement (the mark near its start) goes as a named prepared statement. */
export class PreparingClient extends pg.Client {
  // pg's query() has many overloads; Kysely calls query(text, values).
  override query(...args: unknown[]): never {
    const [text, values] = args;
    if (typeof text === 'string' && args.length === 2 && text.lastIndexOf(GENERIC_MARK, 40) !== -1) {
      const run = super.query.bind(this) as (...a: unknown[]) => Promise<unknown>;
      return (async () => {
        await run('set plan_cache_mode = force_generic_plan');
        try {
          return await run({ name: nameOf(text), text, values });
        } finally {
          await run('reset plan_cache_mode');
        }
      })() as never;
    }
    if (typeof text === 'string' && text.lastIndexOf(PREPARED_MARK, 40) !== -1) {
      return (super.query as (...a: unknown[]) => never)({ name: nameOf(text), text, values });
    }
    return (super.query as (...a: unknown[]) => never)(...args);
  }
}
