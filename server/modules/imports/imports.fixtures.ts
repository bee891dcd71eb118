import type { Faker } from '@faker-js/faker';

/** Fictional exports for tests, the benchmark and the demo: the default MMA and Watch Nederland shapes. */
export const MMA_HEADER = [
  'Meldingnummer',
  'Datum melding',
  'Soort uitbuiting',
  'Spoed',
  'Omschrijving',
  'Plaats',
  'Straat',
  'Huisnummer',
  'Postcode',
  'Betrokken personen',
  'Kenteken',
  'Bedrijfsnaam',
  'KvK-nummer',
  'Vestigingsplaats',
] as const;

export type MmaRow = Partial<Record<(typeof MMA_HEADER)[number], string>>;

const quote = (value: string, delimiter: string) => (/["\r\n]/.test(value) || value.includes(delimiter) ? `"${value.replace(/"/g, '""')}"` : value);

/** Rows → MMA export text (`;`, CRLF as the export tool writes it). */
export function mmaCsv(rows: MmaRow[], options: { header?: readonly string[]; eol?: string } = {}): string {
  const header = options.header ?? MMA_HEADER;
  const eol = options.eol ?? '\r\n';
  return [header.join(';'), ...rows.map((row) => MMA_HEADER.map((h) => quote(row[h] ?? '', ';')).join(';'))].join(eol) + eol;
}

export function mmaRow(id: string, overrides: MmaRow = {}): MmaRow {
  return {
    Meldingnummer: id,
    'Datum melding': '03-02-2026 09:15',
    'Soort uitbuiting': 'Arbeidsuitbuiting',
    Spoed: 'nee',
    Omschrijving: 'Arbeiders worden elke ochtend vroeg met een busje opgehaald en lijken niet vrij te kunnen gaan (fictief).',
    Plaats: 'Hilversum',
    ...overrides,
  };
}

const PLACES = ['Hilversum', 'Huizen', 'Bussum', 'Naarden', 'Laren', 'Blaricum', 'Eemnes', 'Loosdrecht', 'Kortenhoef', 'Muiden', 'Amersfoort'];
const FORMS = ['Seksuele uitbuiting', 'Arbeidsuitbuiting', 'Criminele uitbuiting', 'Gedwongen bedelarij', 'Overig', 'Onbekend'];
const ROLES = ['Slachtoffer', 'Verdachte', 'Getuige'];

/** A large fictional MMA export (faker, nl locale, deterministic per seed). */
export function fictionalMmaRows(faker: Faker, count: number, idPrefix = 'MMA-BENCH-'): MmaRow[] {
  const rows: MmaRow[] = [];
  const pad = String(count).length;
  for (let i = 1; i <= count; i++) {
    const date = faker.date.between({ from: '2021-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z' });
    const dd = String(date.getUTCDate()).padStart(2, '0');
    const mm = String(date.getUTCMonth() + 1).padStart(2, '0');
    const time = `${String(date.getUTCHours()).padStart(2, '0')}:${String(date.getUTCMinutes()).padStart(2, '0')}`;
    const persons = Array.from({ length: faker.number.int({ min: 0, max: 2 }) }, () => {
      const role = faker.helpers.arrayElement(ROLES);
      return `${role}: ${faker.person.firstName()} ${faker.person.lastName()}, ca. ${faker.number.int({ min: 15, max: 60 })} jaar${faker.datatype.boolean() ? `, 06-${faker.string.numeric(8)}` : ''}`;
    }).join(' | ');
    const business = faker.number.int({ min: 0, max: 4 }) === 0;
    rows.push({
      Meldingnummer: `${idPrefix}${String(i).padStart(pad, '0')}`,
      'Datum melding': `${dd}-${mm}-${date.getUTCFullYear()} ${time}`,
      'Soort uitbuiting': faker.helpers.arrayElement(FORMS),
      Spoed: faker.number.int({ min: 0, max: 49 }) === 0 ? 'ja' : 'nee',
      Omschrijving: faker.lorem.sentences({ min: 1, max: 3 }),
      Plaats: faker.helpers.arrayElement(PLACES),
      Straat: faker.location.street(),
      Huisnummer: String(faker.number.int({ min: 1, max: 250 })),
      Postcode: `${faker.number.int({ min: 1000, max: 9999 })} ${faker.string.alpha({ length: 2, casing: 'upper' })}`,
      'Betrokken personen': persons,
      Kenteken: faker.number.int({ min: 0, max: 3 }) === 0 ? `${faker.string.alpha({ length: 2, casing: 'upper' })}-${faker.string.numeric(3)}-${faker.string.alpha({ length: 1, casing: 'upper' })}` : '',
      Bedrijfsnaam: business ? `${faker.company.name()} (fictief)` : '',
      'KvK-nummer': business ? faker.string.numeric(8) : '',
      Vestigingsplaats: business ? faker.helpers.arrayElement(PLACES) : '',
    });
  }
  return rows;
}
