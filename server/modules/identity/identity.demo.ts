import { Faker, base, en, nl } from '@faker-js/faker';
import { hashPassword } from '@server/core/auth/passwords';
import type { Role } from '@server/core/auth/roles';
import type { DemoContributor } from '@server/core/module';

/** The password of every demo account. Demo accounts exist only in demo data and skip the second factor only in demo mode. */
export const DEMO_PASSWORD = 'schakel-demo-2026';

/** Per role: which organisation type holds the account, and whether it sees one municipality or the region. */
const demoRoles: { role: Role; organisationType: string; oneMunicipality: boolean }[] = [
  { role: 'ketenregisseur', organisationType: 'zorg-en-veiligheidshuis', oneMunicipality: false },
  { role: 'aandachtsfunctionaris', organisationType: 'municipality', oneMunicipality: true },
  { role: 'signaleerder', organisationType: 'municipality', oneMunicipality: true },
  { role: 'zorgcoordinator', organisationType: 'care-coordination', oneMunicipality: false },
  { role: 'tafellid', organisationType: 'police', oneMunicipality: false },
  { role: 'procesregisseur', organisationType: 'zorg-en-veiligheidshuis', oneMunicipality: false },
  { role: 'beleidsmedewerker', organisationType: 'regional-body', oneMunicipality: false },
  { role: 'functioneel-beheerder', organisationType: 'regional-body', oneMunicipality: false },
  { role: 'privacy-officer', organisationType: 'regional-body', oneMunicipality: false },
];

/**
 * More accounts so the weighing-and-monitoring table can be walked with several partners and a
 * second municipality: a tafellid at the RIEC and at the OM, an aandachtsfunctionaris of the
 * region's second municipality. Listed after the accounts above, so a look-up by role finds those first.
 */
const extraAccounts: { name: string; role: Role; organisationType: string; municipality?: 'second' }[] = [
  { name: 'tafellid-riec', role: 'tafellid', organisationType: 'riec' },
  { name: 'tafellid-om', role: 'tafellid', organisationType: 'public-prosecution' },
  { name: 'aandachtsfunctionaris-2', role: 'aandachtsfunctionaris', organisationType: 'municipality', municipality: 'second' },
];

export function demoEmail(role: Role | string, region: string): string {
  return `${role}@${region}.demo.test`;
}

/** The demo log-ins of the given regions, as printed at start and used by tests. */
export function demoAccounts(regions: string[]): { email: string; password: string; role: Role; region: string }[] {
  return regions.flatMap((region) => [
    ...demoRoles.map(({ role }) => ({ email: demoEmail(role, region), password: DEMO_PASSWORD, role, region })),
    ...extraAccounts.map(({ name, role }) => ({ email: demoEmail(name, region), password: DEMO_PASSWORD, role, region })),
  ]);
}

export const identityDemo: DemoContributor = async (db, { faker, seed, regions, log }) => {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  let created = 0;
  for (const region of regions) {
    const organisations = await db
      .selectFrom('organisation')
      .select(['id', 'type', 'municipality_code'])
      .where('region_code', '=', region)
      .where('origin', '=', 'config')
      .orderBy('name')
      .execute();
    const fallback = organisations.find((o) => o.type === 'regional-body') ?? organisations[0];
    if (!fallback) continue;
    for (const { role, organisationType, oneMunicipality } of demoRoles) {
      const organisation = organisations.find((o) => o.type === organisationType && (!oneMunicipality || o.municipality_code)) ?? fallback;
      const user = await db
        .insertInto('app_user')
        .values({
          region_code: region,
          organisation_id: organisation.id,
          email: demoEmail(role, region),
          display_name: `${faker.person.firstName()} ${faker.person.lastName()} (demo)`,
          password_hash: passwordHash,
          all_municipalities: !oneMunicipality,
          is_demo: true,
          totp_secret: null,
          totp_enabled_at: null,
          totp_last_step: null,
          oidc_subject: null,
          locked_until: null,
          last_login_at: null,
        })
        .onConflict((oc) => oc.column('email').doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!user) continue;
      await db.insertInto('user_role').values({ user_id: user.id, role }).execute();
      if (oneMunicipality && organisation.municipality_code) {
        await db.insertInto('user_municipality').values({ user_id: user.id, region_code: region, municipality_code: organisation.municipality_code }).execute();
      }
      created++;
    }
    // Their own seeded faker, so the accounts above and every later module's data stay as they were.
    const extraFaker = new Faker({ locale: [nl, en, base], seed: seed + 1 });
    const municipalOrganisations = organisations.filter((o) => o.type === 'municipality' && o.municipality_code);
    for (const extra of extraAccounts) {
      const organisation = extra.municipality === 'second' ? (municipalOrganisations[1] ?? municipalOrganisations[0]) : (organisations.find((o) => o.type === extra.organisationType) ?? fallback);
      if (!organisation) continue;
      const user = await db
        .insertInto('app_user')
        .values({
          region_code: region,
          organisation_id: organisation.id,
          email: demoEmail(extra.name, region),
          display_name: `${extraFaker.person.firstName()} ${extraFaker.person.lastName()} (demo)`,
          password_hash: passwordHash,
          all_municipalities: !extra.municipality,
          is_demo: true,
          totp_secret: null,
          totp_enabled_at: null,
          totp_last_step: null,
          oidc_subject: null,
          locked_until: null,
          last_login_at: null,
        })
        .onConflict((oc) => oc.column('email').doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!user) continue;
      await db.insertInto('user_role').values({ user_id: user.id, role: extra.role }).execute();
      if (extra.municipality && organisation.municipality_code) {
        await db.insertInto('user_municipality').values({ user_id: user.id, region_code: region, municipality_code: organisation.municipality_code }).execute();
      }
      created++;
    }
    log(`  ${region}: demo accounts for ${demoRoles.length} roles and ${extraAccounts.length} more table partners`);
  }
  return { accounts: created };
};
