import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestUser, logIn, type LoggedIn, type TestApp } from '@server/core/testing';
import { SEARCH_CAP } from './cases.list.repository';
import { HILVERSUM, HUIZEN, makeCase, organisationId } from './cases.testing';

let t: TestApp;
let keten: LoggedIn;
let af: LoggedIn;
const db = () => t.prepared.database.db;

beforeAll(async () => {
  t = await createTestApp({ LOGIN_RATE_LIMIT_PER_MINUTE: 100_000, RATE_LIMIT_PER_MINUTE: 100_000 });
  keten = await logIn(t, await createTestUser(t, { roles: ['ketenregisseur'], allMunicipalities: true }));
  af = await logIn(t, await createTestUser(t, { roles: ['aandachtsfunctionaris'], municipalities: [HILVERSUM] }));
});
afterAll(() => t.close());

const search = async (session: LoggedIn, body: Record<string, unknown>, page = 1) => {
  const response = await t.app.inject({ method: 'POST', url: `/api/v1/cases/_search?page=${page}`, headers: session.headers, payload: body });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { _embedded: { cases: { id: string }[] }; page: { totalElements: number; totalPages: number; totalElementsCapped?: boolean } };
};
const ids = async (session: LoggedIn, body: Record<string, unknown>) => (await search(session, body))._embedded.cases.map((c) => c.id).sort();

describe('case search by the start of words (migration 0018, ADR 0013)', () => {
  it('finds words that start with each word of the text, hyphenated words from each part, without accents or case', async () => {
    const kerk = await makeCase(t, af, HILVERSUM, { title: 'Zoektest Nagelstudio Kerkstraat 12' });
    const cafe = await makeCase(t, af, HILVERSUM, { title: 'Zoektest Jan-Willem’s Café, Dorpsstraat 3' });
    const elsewhere = await makeCase(t, keten, HUIZEN, { title: 'Zoektest Nagelstudio Kerkstraat 14' });
    expect(await ids(af, { text: 'kerk' })).toEqual([kerk.id]);
    expect(await ids(af, { text: 'NAGELSTUDIO 12' })).toEqual([kerk.id]);
    expect(await ids(af, { text: 'nagelstudio 13' })).toEqual([]);
    // The start of a word, not any substring.
    expect(await ids(af, { text: 'straat' })).toEqual([]);
    for (const text of ['willem', 'jan-willem', 'jan', 'cafe', 'CAFÉ', 'café dorps']) expect(await ids(af, { text }), text).toEqual([cafe.id]);
    // A reference by its start, by its number, and with the year.
    const reference = kerk.reference.toLowerCase(); // cs-2026-000123
    const [, year, number] = reference.split('-');
    for (const text of [kerk.reference, reference.slice(0, 11), number!, `${year}-${number}`]) expect(await ids(af, { text, status: 'all' }), text).toContain(kerk.id);
    // Only within what the user may see: the Huizen case is the ketenregisseur's, not Hilversum's.
    expect(await ids(keten, { text: 'zoektest kerkstraat' })).toEqual([kerk.id, elsewhere.id].sort());
    // Punctuation only: no words, nothing found (not everything).
    expect((await search(af, { text: '--' })).page.totalElements).toBe(0);
  });

  it('follows the case: a new title, a track, the status and the municipalities are searched at once', async () => {
    const c = await makeCase(t, af, HILVERSUM, { title: 'Volgtest Loods Industrieweg' });
    const version = async () => (await t.app.inject({ url: `/api/v1/cases/${c.id}`, headers: af.headers })).json().version as number;
    const patch = await t.app.inject({ method: 'PATCH', url: `/api/v1/cases/${c.id}`, headers: af.headers, payload: { version: await version(), title: 'Volgtest Autowasstraat Havenweg' } });
    expect(patch.statusCode, patch.body).toBe(200);
    expect(await ids(af, { text: 'volgtest loods' })).toEqual([]);
    expect(await ids(af, { text: 'volgtest autowas' })).toEqual([c.id]);
    expect(await ids(af, { text: 'volgtest', trackKind: 'undermining' })).toEqual([]);
    await db()
      .insertInto('case_track')
      .values({ case_id: c.id, region_code: t.config.SCHAKEL_REGION, kind: 'undermining', owner_organisation_id: await organisationId(t, 'police') })
      .execute();
    expect(await ids(af, { text: 'volgtest', trackKind: 'undermining' })).toEqual([c.id]);
    await db().deleteFrom('case_track').where('case_id', '=', c.id).execute();
    expect(await ids(af, { text: 'volgtest', trackKind: 'undermining' })).toEqual([]);
    expect(await ids(af, { text: 'volgtest', status: 'enrichment' })).toEqual([c.id]);
    expect(await ids(af, { text: 'volgtest', status: 'closed' })).toEqual([]);
    // Huizen becomes involved: the Huizen filter finds it, a Huizen colleague too.
    const involve = await t.app.inject({ method: 'PATCH', url: `/api/v1/cases/${c.id}`, headers: af.headers, payload: { version: await version(), municipalities: [HUIZEN] } });
    expect(involve.statusCode, involve.body).toBe(200);
    expect(await ids(af, { text: 'volgtest', municipality: HUIZEN })).toEqual([c.id]);
    const huizen = await logIn(t, await createTestUser(t, { roles: ['aandachtsfunctionaris'], municipalities: [HUIZEN] }));
    expect(await ids(huizen, { text: 'volgtest' })).toEqual([c.id]);
  });

  it(`counts up to ${SEARCH_CAP}, says when there are more, and pages in the order of the plain query`, async () => {
    const region = t.config.SCHAKEL_REGION;
    // More than the cap, in two municipalities, changed at different times (ties on the time too).
    await sql`insert into case_file (region_code, reference, title, lead_municipality_code, municipalities, status, updated_at)
      select ${region}, 'CAP-' || g, 'Captest Loods ' || g, m, array[m], case when g % 3 = 0 then 'closed' else 'enrichment' end,
        timestamptz '2026-01-01' + make_interval(mins => (g % 400)::int)
      from generate_series(1, ${SEARCH_CAP + 50}) g cross join lateral (select case when g % 2 = 0 then ${HILVERSUM} else ${HUIZEN} end as m) x`.execute(db());
    const plain = async (where: ReturnType<typeof sql>) => (await sql<{ id: string }>`select id from case_file where title like 'Captest%' and ${where} order by updated_at desc, id`.execute(db())).rows.map((r) => r.id);
    const all = await plain(sql`true`);
    const first = await search(keten, { text: 'captest' });
    expect(first.page).toMatchObject({ totalElements: SEARCH_CAP, totalElementsCapped: true, totalPages: SEARCH_CAP / 20 });
    expect(first._embedded.cases.map((c) => c.id)).toEqual(all.slice(0, 20));
    const later = await search(keten, { text: 'captest' }, 7);
    expect(later._embedded.cases.map((c) => c.id)).toEqual(all.slice(120, 140));
    // Below the cap the count is exact: Hilversum's open ones.
    const open = await plain(sql`status <> 'closed' and municipalities @> array[${HILVERSUM}]::text[]`);
    expect(open.length).toBeLessThan(SEARCH_CAP);
    const hilversum = await search(af, { text: 'captest loods', status: 'open' });
    expect(hilversum.page).toMatchObject({ totalElements: open.length, totalElementsCapped: false });
    expect(hilversum._embedded.cases.map((c) => c.id)).toEqual(open.slice(0, 20));
  });

  it("reads an organisation's grants in its own municipality only for colleagues whose scope lacks it", async () => {
    const organisation = await db().selectFrom('organisation').select(['id', 'municipality_code']).where('region_code', '=', t.config.SCHAKEL_REGION).where('type', '=', 'municipality').orderBy('name').executeTakeFirstOrThrow();
    const own = organisation.municipality_code!;
    const [other, third] = [HILVERSUM, HUIZEN, 'GM1942'].filter((code) => code !== own);
    const inOwn = await makeCase(t, keten, own, { title: 'Orgvlag eigen gemeente' });
    const inOther = await makeCase(t, keten, other!, { title: 'Orgvlag andere gemeente' });
    const inThird = await makeCase(t, keten, third!, { title: 'Orgvlag derde gemeente' });
    for (const caseId of [inOwn.id, inThird.id]) {
      await db()
        .insertInto('access_grant')
        .values({ region_code: t.config.SCHAKEL_REGION, record_type: 'case', record_id: caseId, grantee_user_id: null, grantee_organisation_id: organisation.id, purpose: 'spoor', legal_basis: 'convenant', valid_until: new Date(Date.now() + 3_600_000), granted_by: null, revoked_at: null })
        .execute();
    }
    const flags = async () => new Map((await db().selectFrom('access_grant').select(['record_id', 'in_grantee_municipality']).where('grantee_organisation_id', '=', organisation.id).where('record_id', 'in', [inOwn.id, inThird.id]).execute()).map((g) => [g.record_id, g.in_grantee_municipality]));
    expect(await flags()).toEqual(new Map([[inOwn.id, true], [inThird.id, false]]));
    const colleague = async (municipality: string) => logIn(t, await createTestUser(t, { roles: ['aandachtsfunctionaris'], organisationType: 'municipality', municipalities: [municipality] }));
    const listed = async (session: LoggedIn) => {
      const response = await t.app.inject({ url: '/api/v1/cases?pageSize=100', headers: session.headers });
      const ids: string[] = response.json()._embedded.cases.map((c: { id: string }) => c.id);
      return ids.filter((id) => [inOwn.id, inOther.id, inThird.id].includes(id)).sort();
    };
    // In the own municipality: its case by scope, the third by the grant.
    const ownColleague = await colleague(own);
    expect(await listed(ownColleague)).toEqual([inOwn.id, inThird.id].sort());
    expect(await ids(ownColleague, { text: 'orgvlag' })).toEqual([inOwn.id, inThird.id].sort());
    // A colleague for another municipality: the grant in the own municipality counts for them.
    const otherColleague = await colleague(other!);
    expect(await listed(otherColleague)).toEqual([inOwn.id, inOther.id, inThird.id].sort());
    expect((await search(otherColleague, { text: 'orgvlag' })).page.totalElements).toBe(3);
    // The flag follows the case's municipalities.
    const version = (await t.app.inject({ url: `/api/v1/cases/${inThird.id}`, headers: keten.headers })).json().version as number;
    const involve = await t.app.inject({ method: 'PATCH', url: `/api/v1/cases/${inThird.id}`, headers: keten.headers, payload: { version, municipalities: [own] } });
    expect(involve.statusCode, involve.body).toBe(200);
    expect((await flags()).get(inThird.id)).toBe(true);
    expect(await listed(otherColleague)).toEqual([inOwn.id, inOther.id, inThird.id].sort());
  });
});
