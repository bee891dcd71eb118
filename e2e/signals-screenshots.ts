/**
 * Screenshots of the signal screens, desktop and phone, Dutch and English, for a check by eye.
 * Not a test. Run after `npm run build:web`: npx tsx e2e/signals-screenshots.ts [/tmp/shots] [name-prefix]
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { demoAccount, launchBrowser, logInThroughApi, openPage, startApp, viewports, waitForPage } from './support/harness';
import { reportSignal, uniquePhone } from './support/signals';

const outDir = process.argv[2] ?? '/tmp/shots';
const only = process.argv[3];
await mkdir(outDir, { recursive: true });
const app = await startApp();
const browser = await launchBrowser();

try {
  // Data: three signals that share a phone number, one of them acute.
  const setup = await openPage(browser, app.baseUrl);
  await logInThroughApi(setup.context, demoAccount(app, 'signaleerder'));
  const phone = uniquePhone();
  const first = await reportSignal(setup.context, {
    summary: 'Op een bedrijventerrein slapen arbeiders in een loods en werken ze dag en nacht.',
    forms: ['labour'],
    indicators: ['general.debt', 'labour.excessive-hours'],
    persons: [{ role: 'victim', name: 'Piotr (fictief)', phone, approximateAge: 34, nationality: 'Pools' }],
    locations: [{ street: 'Havenstraat', houseNumber: '12', postcode: '1211 AB', place: 'Hilversum' }],
    periodFrom: '2026-01-01',
  });
  await reportSignal(setup.context, { summary: 'Een busje haalt elke ochtend om vijf uur mensen op bij de loods.', acute: true, persons: [{ role: 'witness', phone }] });
  await reportSignal(setup.context, { summary: 'Buren horen vaak geschreeuw in de loods aan de Havenstraat.', persons: [{ role: 'other', phone }] });
  await setup.context.close();

  const shots: Record<string, { as: 'signaleerder' | 'ketenregisseur'; path: string; then?: (page: Page) => Promise<void> }> = {
    'signalen-wachtrij': { as: 'ketenregisseur', path: '/signalen' },
    'mijn-signalen': { as: 'signaleerder', path: '/signalen' },
    'signaal-nieuw': { as: 'signaleerder', path: '/signalen/nieuw' },
    'signaal-nieuw-fouten': {
      as: 'signaleerder',
      path: '/signalen/nieuw',
      then: async (page) => {
        await page.locator('#signal-summary').fill('kort');
        await page.locator('#signal-form-labour').check();
        await page.getByTestId('add-persons').click();
        await page.locator('#signal-persons-0-bsn').fill('123456789');
        await page.getByTestId('add-locations').click();
        await page.locator('#signal-locations-0-postcode').fill('12345');
        await page.getByTestId('send-signal').click();
        await page.locator('.schakel-error-summary').waitFor();
      },
    },
    'signaal-ontvangen': {
      as: 'signaleerder',
      path: '/signalen/nieuw',
      then: async (page) => {
        await page.locator('#signal-summary').fill('Een jonge vrouw wordt elke avond opgehaald bij het station.');
        await page.getByTestId('send-signal').click();
        await page.getByTestId('signal-receipt').waitFor();
      },
    },
    'signaal-detail': { as: 'ketenregisseur', path: `/signalen/${first.id}`, then: (page) => page.getByTestId('duplicate-row').first().waitFor() },
    'signaal-samenvoegen': {
      as: 'ketenregisseur',
      path: `/signalen/${first.id}`,
      then: async (page) => {
        await page.locator('[data-testid^="merge-"]').first().click();
        await page.getByTestId('link-form').waitFor();
      },
    },
    'signaal-detail-melder': { as: 'signaleerder', path: `/signalen/${first.id}` },
  };

  for (const language of ['nl', 'en'] as const) {
    for (const [device, viewport] of Object.entries(viewports)) {
      for (const [name, shot] of Object.entries(shots)) {
        if (only && !name.startsWith(only)) continue;
        const { context, page, problems } = await openPage(browser, app.baseUrl, { language, viewport });
        await logInThroughApi(context, demoAccount(app, shot.as));
        await page.goto(shot.path);
        await waitForPage(page);
        await page.waitForFunction(() => document.querySelector('.schakel-loading') === null);
        if (shot.then) await shot.then(page);
        const file = join(outDir, `${name}-${device}-${language}.png`);
        await page.screenshot({ path: file, fullPage: true });
        console.log(file, problems.length ? problems : '');
        await context.close();
      }
    }
  }
} finally {
  await browser.close();
  await app.close();
}
