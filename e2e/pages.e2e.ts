import AxeBuilder from '@axe-core/playwright';
import { describe, expect, it } from 'vitest';
import { focused, waitForOrganisations, browserSuite } from './support/harness';

const gooiEnVechtstreek = [
  ['GM0376', 'Blaricum'],
  ['GM0317', 'Eemnes'],
  ['GM1942', 'Gooise Meren'],
  ['GM0402', 'Hilversum'],
  ['GM0406', 'Huizen'],
  ['GM0417', 'Laren'],
  ['GM1696', 'Wijdemeren'],
];

const suite = browserSuite();
const open = suite.open;


async function apiJson<T>(url: string): Promise<T> {
  const response = await suite.app.test.app.inject({ method: 'GET', url });
  expect(response.statusCode).toBe(200);
  return response.json<T>();
}

interface Paged {
  page: { totalElements: number; totalPages: number };
  _embedded: { organisations: { name: string; fictional: boolean }[]; municipalities: { code: string; inhabitants: number }[] };
}


describe('region page (/regio)', () => {
  it('lists the 7 municipalities of Gooi en Vechtstreek with CBS code, inhabitants and total', async () => {
    const { page, problems } = await open('/regio');
    const rows = await page.$$eval('[data-testid="municipalities-table"] tbody tr', (trs) =>
      trs.map((tr) => Array.from(tr.children, (cell) => (cell.textContent ?? '').trim())),
    );
    expect(rows.map(([code, name]) => [code, name])).toEqual(gooiEnVechtstreek);
    expect(rows.find(([, name]) => name === 'Hilversum')?.[2]).toBe('94.426');
    for (const row of rows) expect(row[2]).toMatch(/^\d{1,3}(\.\d{3})*$/);

    const api = await apiJson<Paged>('/api/v1/municipalities?region=gooi-en-vechtstreek&pageSize=100');
    const total = api._embedded.municipalities.reduce((sum, m) => sum + m.inhabitants, 0);
    await expect(page.getByTestId('inhabitants-total').textContent()).resolves.toBe(new Intl.NumberFormat('nl-NL').format(total));
    await expect(page.locator('tfoot').textContent()).resolves.toContain('Totaal (7 gemeenten)');
    expect(problems).toEqual([]);
  });

  it('formats numbers in English when English is chosen', async () => {
    const { page } = await open('/regio', { language: 'en' });
    const hilversum = page.locator('[data-testid="municipalities-table"] tbody tr', { hasText: 'Hilversum' });
    await expect(hilversum.locator('td').last().textContent()).resolves.toBe('94,426');
    await expect(page.locator('main h1').textContent()).resolves.toBe('Municipalities and organisations');
  });

  it('lists the partner organisations, marks fictional ones, and pages through them', async () => {
    const api = await apiJson<Paged>('/api/v1/organisations?region=gooi-en-vechtstreek&pageSize=20');
    expect(api.page.totalPages).toBeGreaterThan(1);
    const { page, problems } = await open('/regio');
    await expect(page.getByTestId('organisations-summary').textContent()).resolves.toContain(
      `${api.page.totalElements} organisaties gevonden`,
    );
    const items = page.locator('[data-testid="organisations-list"] > li');
    await expect(items.count()).resolves.toBe(20);
    const names = await items.locator('h3').allTextContents();
    expect(names).toEqual(api._embedded.organisations.map((o) => o.name));
    const fictional = api._embedded.organisations.filter((o) => o.fictional).length;
    expect(fictional).toBeGreaterThan(0);
    await expect(items.locator('.schakel-badge', { hasText: 'Fictief' }).count()).resolves.toBe(fictional);

    await page.locator('nav.schakel-pagination').getByRole('link', { name: 'Volgende' }).click();
    await page.waitForURL('**/regio?pagina=2');
    await waitForOrganisations(page, '?pagina=2');
    await expect(page.locator('nav.schakel-pagination a[aria-current="page"]').textContent()).resolves.toBe('2');
    const second = await items.locator('h3').allTextContents();
    expect(second[0]).not.toBe(names[0]);
    expect((await focused(page)).text).toBe('Partnerorganisaties');
    expect(problems).toEqual([]);
  });

  it('filters the organisations by type and by municipality', async () => {
    const { page } = await open('/regio');
    await page.locator('#filter-type').selectOption('police');
    await page.getByRole('button', { name: 'Filteren' }).click();
    await page.waitForURL('**/regio?soort=police');
    await waitForOrganisations(page, '?soort=police');
    const items = page.locator('[data-testid="organisations-list"] > li');
    await expect(items.locator('h3').allTextContents()).resolves.toContain('Politie Midden-Nederland');
    const types = await items.locator('.schakel-facts__item:first-child dd').allTextContents();
    expect(types.length).toBeGreaterThan(0);
    expect(new Set(types)).toEqual(new Set(['Politie']));

    await page.getByRole('link', { name: 'Filters wissen' }).first().click();
    await page.waitForURL((url) => url.search === '');
    await waitForOrganisations(page, '');
    await page.locator('#filter-municipality').selectOption('GM0402');
    await page.getByRole('button', { name: 'Filteren' }).click();
    await page.waitForURL('**/regio?gemeente=GM0402');
    await waitForOrganisations(page, '?gemeente=GM0402');
    const places = await items.locator('.schakel-facts__item:nth-child(2) dd').allTextContents();
    expect(places.length).toBeGreaterThan(0);
    expect(new Set(places)).toEqual(new Set(['Hilversum']));
  });
});

describe('accessibility statement (/toegankelijkheid)', () => {
  it('states its honest status and the WCAG 2.1 AA target', async () => {
    const { page } = await open('/toegankelijkheid');
    const facts = await page.locator('.schakel-statement').textContent();
    expect(facts).toContain('WCAG 2.1 niveau AA');
    expect(facts).toContain('In ontwikkeling');
    expect(facts).toContain('Nog niet onderzocht');
  });

  it('shows a linked field error for a too-short description, then a reference for a valid one', async () => {
    const { page, problems } = await open('/toegankelijkheid');
    const description = page.locator('#report-description');
    await description.fill('Te kort');
    await page.getByRole('button', { name: 'Melding versturen' }).click();

    const summary = page.locator('.schakel-error-summary');
    await summary.waitFor();
    expect((await focused(page)).text).toContain('Controleer het formulier');
    await expect(summary.getByRole('link').textContent()).resolves.toBe('Beschrijf het probleem in minimaal 10 tekens.');
    await expect(description.getAttribute('aria-invalid')).resolves.toBe('true');
    const describedBy = (await description.getAttribute('aria-describedby')) ?? '';
    expect(describedBy.split(' ')).toContain('report-description-error');
    await expect(page.locator('#report-description-error').textContent()).resolves.toContain(
      'Beschrijf het probleem in minimaal 10 tekens.',
    );
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(axe.violations.map((v) => v.id)).toEqual([]);

    await summary.getByRole('link').click();
    expect((await focused(page)).id).toBe('report-description');

    await description.fill('De taalkeuze is met alleen het toetsenbord lastig te vinden op mijn telefoon.');
    await page.locator('#report-page').selectOption('/regio');
    await page.getByRole('button', { name: 'Melding versturen' }).click();
    const reference = page.getByTestId('report-reference');
    await reference.waitFor();
    await expect(reference.textContent()).resolves.toMatch(/^[A-Z]+-\d{4}-[A-Z0-9]+$/);
    expect((await focused(page)).text).toContain('Bedankt voor uw melding');
    expect(problems.filter((problem) => !problem.includes('/api/v1/accessibility-reports'))).toEqual([]);
  });
});
