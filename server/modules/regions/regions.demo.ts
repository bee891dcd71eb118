import type { DemoContributor } from '@server/core/module';
import type { OrganisationType } from './regions.schema';
import { insertOrganisations } from './regions.repository';

const kinds: { type: OrganisationType; prefixes: string[] }[] = [
  { type: 'care-provider', prefixes: ['Stichting Zorgpunt', 'Hulpverlening', 'GGZ-team', 'Jeugdhulp'] },
  { type: 'shelter', prefixes: ['Opvanghuis', 'Stichting Veilig Onderdak', 'Crisisopvang'] },
  { type: 'legal-aid', prefixes: ['Advocatenkantoor', 'Juridisch Loket'] },
  { type: 'other', prefixes: ['Buurtnetwerk', 'Inloophuis'] },
];

/**
 * Fictional partner organisations for the network and for benchmarks. Every name ends
 * in "(fictief)" and the rows are marked origin=demo, so nobody mistakes them for real ones.
 */
export const regionDemo: DemoContributor = async (db, { faker, sizes, regions, log }) => {
  const perRegion = sizes.organisations ?? 0;
  let created = 0;
  for (const region of regions) {
    const municipalities = await db.selectFrom('municipality').select('code').where('region_code', '=', region).execute();
    const rows = Array.from({ length: perRegion }, () => {
      const kind = faker.helpers.arrayElement(kinds);
      const municipality = faker.helpers.maybe(() => faker.helpers.arrayElement(municipalities).code, { probability: 0.7 });
      const name = `${faker.helpers.arrayElement(kind.prefixes)} ${faker.location.street()} ${faker.number.int({ min: 1, max: 99 })} (fictief)`;
      return {
        region_code: region,
        key: `demo-${faker.string.uuid()}`,
        name,
        type: kind.type,
        description: 'Fictieve organisatie uit de demodata.',
        municipality_code: municipality ?? null,
        source: 'demo',
        origin: 'demo' as const,
      };
    });
    await insertOrganisations(db, rows);
    created += rows.length;
    log(`  ${region}: ${rows.length} fictional organisations`);
  }
  return { organisations: created };
};
