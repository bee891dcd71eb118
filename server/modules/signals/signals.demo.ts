import type { Faker } from '@faker-js/faker';
import type { DemoContributor } from '@server/core/module';
import type { Db } from '@server/core/db/database';
import type { SignalChannel, SignalStatus } from '@server/db/schema';
import { recordSignal, type NewSignal } from './signals.intake';
import { indicators, type ExploitationForm } from './signals.catalogue';

/**
 * A realistic stream of fictional signals over several years for each region: every channel,
 * every form, some acute, some about the same phone/address/business (likely duplicates), some in
 * two municipalities. Older signals are handled (forwarded or closed); recent ones wait in the queue.
 */
const stories: Record<Exclude<ExploitationForm, 'other' | 'unknown' | 'organ-removal'>, string[]> = {
  labour: [
    'Arbeiders worden ’s ochtends vroeg met een busje opgehaald en pas laat teruggebracht. Ze wonen met te veel mensen in één huis.',
    'Medewerkers van een autowasstraat werken zeven dagen per week en zeggen dat hun loon wordt ingehouden voor de huur.',
    'In een loods op het bedrijventerrein slapen mensen tussen de pallets. Er is geen sanitair.',
    'Een schoonmaker vertelt aan de balie dat de werkgever zijn paspoort bewaart "voor de administratie".',
  ],
  sexual: [
    'In een woning komen op alle tijden van de dag verschillende mannen kort langs. Er wonen wisselend jonge vrouwen.',
    'Een advertentie op een sekssite gebruikt steeds andere namen maar hetzelfde telefoonnummer en wisselt van stad.',
    'Een meisje van ongeveer 16 wordt na school opgehaald door een veel oudere man in een dure auto en heeft ineens dure spullen.',
    'Een vrouw in de opvang vertelt dat haar vriend het geld van haar klanten afneemt en haar bedreigt.',
  ],
  criminal: [
    'Jongeren worden gezien terwijl ze pakketjes afgeven bij het station; een van hen zegt een schuld te moeten afbetalen.',
    'Een kwetsbare man meldt dat anderen zijn bankrekening gebruiken en hem dwingen geld op te nemen.',
    'In een woning is een hennepkwekerij aangetroffen waar een jonge man verbleef die geen Nederlands spreekt.',
  ],
  begging: ['Bij de supermarkt zitten steeds andere personen te bedelen; ze worden op vaste tijden gebracht en opgehaald.'],
  'forced-marriage': ['Een leerling vertelt de mentor dat zij in de zomer naar het buitenland moet om te trouwen en dat niet wil.'],
};

const channelWeights: [SignalChannel, number][] = [
  ['public-form', 28],
  ['professional', 32],
  ['mailbox', 14],
  ['mma', 9],
  ['watch', 5],
  ['phone', 12],
];
const formWeights: [keyof typeof stories, number][] = [
  ['labour', 36],
  ['sexual', 34],
  ['criminal', 20],
  ['begging', 5],
  ['forced-marriage', 5],
];

const pick = <T>(faker: Faker, weights: [T, number][]) => faker.helpers.weightedArrayElement(weights.map(([value, weight]) => ({ value, weight })));
const plate = (faker: Faker) => `${faker.string.alpha({ length: 2, casing: 'upper' })}-${faker.string.numeric(3)}-${faker.string.alpha({ length: 1, casing: 'upper' })}`;

async function demoReporter(db: Db, region: string) {
  return db
    .selectFrom('app_user as u')
    .innerJoin('user_role as r', 'r.user_id', 'u.id')
    .select('u.id')
    .where('u.region_code', '=', region)
    .where('u.is_demo', '=', true)
    .where('r.role', '=', 'signaleerder')
    .executeTakeFirst();
}

export const signalsDemo: DemoContributor = async (db, { faker, sizes, regions, log }) => {
  const perRegion = sizes.signals ?? 0;
  let created = 0;
  const now = Date.now();
  const years = 4;
  for (const region of regions) {
    const municipalities = await db.selectFrom('municipality').select(['code', 'name']).where('region_code', '=', region).execute();
    const reporter = await demoReporter(db, region);
    // Shared facts, so that some signals are likely duplicates of each other.
    const phones = Array.from({ length: 12 }, () => `06${faker.string.numeric(8)}`);
    const businesses = Array.from({ length: 8 }, () => ({ name: `${faker.company.name()} (fictief)`, kvkNumber: faker.string.numeric(8), sector: faker.helpers.arrayElement(['schoonmaak', 'bouw', 'horeca', 'land- en tuinbouw', 'autowas', 'logistiek']) }));
    const addresses = Array.from({ length: 10 }, () => ({ street: faker.location.street(), houseNumber: String(faker.number.int({ min: 1, max: 180 })), postcode: `${faker.number.int({ min: 1000, max: 9999 })}${faker.string.alpha({ length: 2, casing: 'upper' })}`, place: faker.helpers.arrayElement(municipalities).name }));
    for (let i = 0; i < perRegion; i++) {
      // Spread over the years, a little more in recent years (signalling improves).
      const age = Math.pow(faker.number.float({ min: 0, max: 1 }), 1.4) * years * 365 * 86_400_000;
      const receivedAt = new Date(now - age);
      const channel = pick(faker, channelWeights);
      const form = pick(faker, formWeights);
      const municipality = faker.helpers.arrayElement(municipalities);
      const second = faker.datatype.boolean({ probability: 0.1 }) ? faker.helpers.arrayElement(municipalities.filter((m) => m.code !== municipality.code)) : undefined;
      const shared = faker.datatype.boolean({ probability: 0.15 });
      const acute = faker.datatype.boolean({ probability: 0.04 });
      const recent = age < 21 * 86_400_000;
      const input: NewSignal = {
        regionCode: region,
        channel,
        sourceId: channel === 'mma' || channel === 'watch' || channel === 'mailbox' ? `demo-${region}-${i}` : null,
        acute,
        forms: [form],
        indicators: faker.helpers.arrayElements(indicators.filter((x) => x.form === form || x.form === 'general').map((x) => x.code), { min: 0, max: 3 }),
        summary: `${faker.helpers.arrayElement(stories[form])} (fictieve demomelding)`,
        anonymous: channel === 'public-form' ? faker.datatype.boolean({ probability: 0.6 }) : channel !== 'professional',
        reporter: channel === 'professional' ? { name: 'Demo signaleerder', organisation: `Gemeente ${municipality.name}` } : null,
        submittedBy: channel === 'professional' ? (reporter?.id ?? null) : null,
        receivedAt,
        language: channel === 'public-form' ? faker.helpers.weightedArrayElement([{ value: 'nl', weight: 8 }, { value: 'en', weight: 1 }, { value: 'pl', weight: 1 }]) : 'nl',
        persons: [
          { role: 'victim', name: faker.datatype.boolean({ probability: 0.5 }) ? faker.person.fullName() : null, approximateAge: faker.number.int({ min: 15, max: 55 }), nationality: faker.helpers.arrayElement(['Nederlandse', 'Poolse', 'Roemeense', 'Bulgaarse', 'Oekraïense', 'Nigeriaanse', 'onbekend']), description: null },
          ...(faker.datatype.boolean({ probability: 0.4 }) ? [{ role: 'suspect' as const, name: faker.person.fullName(), phone: shared ? faker.helpers.arrayElement(phones) : `06${faker.string.numeric(8)}` }] : []),
        ],
        businesses: form === 'labour' && faker.datatype.boolean({ probability: 0.6 }) ? [shared ? faker.helpers.arrayElement(businesses) : { name: `${faker.company.name()} (fictief)`, sector: 'onbekend' }] : [],
        locations: [shared ? faker.helpers.arrayElement(addresses) : { place: municipality.name, street: faker.location.street() }, ...(second ? [{ place: second.name, description: 'werk- of verblijfplaats' }] : [])],
        vehicles: faker.datatype.boolean({ probability: 0.15 }) ? [{ licensePlate: plate(faker) }] : [],
        runHooks: recent,
      };
      const signal = await recordSignal(db, input);
      created += 1;
      if (recent) continue;
      const status: SignalStatus = faker.helpers.weightedArrayElement([
        { value: 'forwarded', weight: 6 },
        { value: 'closed', weight: 4 },
      ]);
      await db
        .updateTable('signal')
        .set({ status, closed_reason: status === 'closed' ? faker.helpers.arrayElement(['Geen aanwijzingen voor uitbuiting na verrijking', 'Opgepakt via reguliere hulp', 'Dubbele melding']) : null, updated_at: new Date(receivedAt.getTime() + 7 * 86_400_000) })
        .where('id', '=', signal.id)
        .execute();
      await db
        .insertInto('signal_event')
        .values({ signal_id: signal.id, region_code: region, actor_user_id: null, kind: 'changed', detail: JSON.stringify({ status }), at: new Date(receivedAt.getTime() + 7 * 86_400_000) })
        .execute();
    }
    log(`  ${region}: ${perRegion} fictional signals over ${years} years`);
  }
  return { signals: created };
};
