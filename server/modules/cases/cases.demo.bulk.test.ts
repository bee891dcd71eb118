import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDemo } from '@server/core/demo';
import { createTestApp, type TestApp } from '@server/core/testing';
import { modules } from '@server/modules';

/** The bulk generator (`schakel demo --cases N` past the story cases) writes in set statements: the copies the database keeps must hold for it too. */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await runDemo(t.prepared.database.db, modules, { seed: 11, sizes: { organisations: 0, signals: 80, mailboxMessages: 0, cases: 2_000 }, regions: ['gooi-en-vechtstreek', 'ijsselland'], log: () => undefined });
});
afterAll(() => t.close());

describe('bulk demo cases', () => {
  it('keep the work-list tally and the grants’ copies of the case municipalities', async () => {
    const [x] = (
      await sql<{ cases: number; grants: number; tally_mismatch: number; grant_copy_mismatch: number; multi: number }>`select
        (select count(*)::int from case_file) as cases,
        (select count(*)::int from access_grant where record_type = 'case') as grants,
        (select count(*)::int from case_file where cardinality(municipalities) > 1) as multi,
        (select count(*)::int from (
          select region_code, municipalities, count(*) filter (where status <> 'closed')::int as open_cases, count(*)::int as all_cases from case_file group by 1, 2
          except select region_code, municipalities, open_cases, all_cases from case_scope_tally) d)
        + (select count(*)::int from case_scope_tally t where t.all_cases <> (select count(*) from case_file c where c.region_code = t.region_code and c.municipalities = t.municipalities)) as tally_mismatch,
        (select count(*)::int from access_grant g join case_file c on c.id::text = g.record_id where g.record_type = 'case' and g.record_municipalities is distinct from c.municipalities) as grant_copy_mismatch`.execute(t.prepared.database.db)
    ).rows;
    expect(x!.cases).toBe(2_000);
    expect(x!.grants).toBeGreaterThan(50);
    expect(x!.multi).toBeGreaterThan(0);
    expect(x).toMatchObject({ tally_mismatch: 0, grant_copy_mismatch: 0 });
  });
});
