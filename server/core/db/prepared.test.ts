import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '@server/core/testing';
import { prepared, preparedGeneric } from './prepared';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('prepared statements', () => {
  it('run a marked query as a named prepared statement on PostgreSQL, once per connection; unmarked queries stay unnamed', async () => {
    const db = t.prepared.database.db;
    const run = () => db.selectFrom('region').modifyFront(prepared).select('code').where('code', '=', t.config.SCHAKEL_REGION).execute();
    await db.connection().execute(async (connection) => {
      for (let i = 0; i < 7; i++) expect((await connection.selectFrom('region').modifyFront(prepared).select('code').where('code', '=', t.config.SCHAKEL_REGION).execute()).map((r) => r.code)).toEqual([t.config.SCHAKEL_REGION]);
      await connection.selectFrom('region').select('code').where('code', '=', 'none').execute();
      if (t.prepared.database.kind !== 'postgres') return;
      const statements = (await sql<{ name: string; statement: string; generic_plans: number; custom_plans: number }>`select name, statement, generic_plans, custom_plans from pg_prepared_statements`.execute(connection)).rows;
      // Only the marked statement is named (the unmarked one went unnamed and is not listed).
      const named = statements.filter((s) => s.name.startsWith('schakel_'));
      expect(named).toHaveLength(1);
      expect(named[0]!.statement).toContain('/*prepared*/');
      // After five custom plans PostgreSQL keeps the generic one: the statement is no longer planned.
      expect(named[0]!.generic_plans + named[0]!.custom_plans).toBe(7);
      expect(named[0]!.generic_plans).toBeGreaterThan(0);
    });
    // And through the pool, whatever connection it takes.
    expect((await run()).map((r) => r.code)).toEqual([t.config.SCHAKEL_REGION]);
  });

  it('run a query marked generic on its generic plan from the first run, and leave the connection as it was', async () => {
    const db = t.prepared.database.db;
    await db.connection().execute(async (connection) => {
      const setting = async () => (await sql<{ mode: string }>`select current_setting('plan_cache_mode') as mode`.execute(connection)).rows[0]!.mode;
      const before = await setting();
      for (let i = 0; i < 3; i++) expect((await sql<{ code: string }>`${preparedGeneric}select code from region where code = ${t.config.SCHAKEL_REGION}`.execute(connection)).rows.map((r) => r.code)).toEqual([t.config.SCHAKEL_REGION]);
      expect(await setting()).toBe(before);
      if (t.prepared.database.kind !== 'postgres') return;
      const named = (await sql<{ statement: string; generic_plans: number; custom_plans: number }>`select statement, generic_plans, custom_plans from pg_prepared_statements where statement like '/*prepared:generic*/%'`.execute(connection)).rows;
      expect(named).toHaveLength(1);
      expect(named[0]).toMatchObject({ generic_plans: 3, custom_plans: 0 });
    });
  });
});
