/**
 * Screenshots of the case screens, desktop and phone, for a check by eye. Not a test.
 * Run after `npm run build:web`: npx tsx e2e/cases-screenshots.ts [/tmp/shots-cases]
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { demoAccount, launchBrowser, logInThroughApi, openPage, startApp, viewports, waitForPage } from './support/harness';

const outDir = process.argv[2] ?? '/tmp/shots-cases';
await mkdir(outDir, { recursive: true });
const app = await startApp();
const browser = await launchBrowser();

try {
  const shoot = async (role: Parameters<typeof demoAccount>[1], path: string, name: string, viewport: { width: number; height: number } = viewports.desktop, then?: (page: Page) => Promise<void>) => {
    const session = await openPage(browser, app.baseUrl, { viewport });
    await logInThroughApi(session.context, demoAccount(app, role));
    await session.page.goto(path);
    await waitForPage(session.page);
    await session.page.waitForFunction(() => document.querySelector('.schakel-loading') === null);
    if (then) await then(session.page);
    await session.page.screenshot({ path: join(outDir, `${name}.png`), fullPage: true });
    await session.context.close();
    return session;
  };
  await shoot('aandachtsfunctionaris', '/casussen', 'werklijst');
  // A demo case of the ketenregisseur's region with tracks.
  const setup = await openPage(browser, app.baseUrl);
  await logInThroughApi(setup.context, demoAccount(app, 'ketenregisseur'));
  const list = (await (await setup.context.request.get('/api/v1/cases?status=monitoring&pageSize=5')).json()) as { _embedded: { cases: { id: string }[] } };
  let assignable: string | undefined;
  for (const { id: candidate } of ((await (await setup.context.request.get('/api/v1/cases?pageSize=25')).json()) as { _embedded: { cases: { id: string }[] } })._embedded.cases) {
    const assignees = (await (await setup.context.request.get(`/api/v1/cases/${candidate}/assignees`)).json()) as { _embedded: { assignees: unknown[] } };
    if (assignees._embedded.assignees.length > 2) {
      assignable = candidate;
      break;
    }
  }
  await setup.context.close();
  const id = list._embedded.cases[0]?.id;
  if (id) {
    await shoot('ketenregisseur', `/casussen/${id}`, 'casus', viewports.desktop, async (page) => {
      await page.getByTestId('case-timeline').waitFor();
      await page.getByTestId('add-action').first().click();
    });
    // Moving an action's due date, in its row.
    await shoot('ketenregisseur', `/casussen/${id}`, 'casus-termijn', viewports.desktop, async (page) => {
      await page.getByTestId('action-move').first().click();
      await page.getByTestId('action-move-form').waitFor();
    });
    // Assigning to a colleague: the list of those who may work on the case (where there is more than one).
    await shoot('ketenregisseur', `/casussen/${assignable ?? id}`, 'casus-toewijzen', { width: 1280, height: 900 }, async (page) => {
      await page.getByTestId('assign-colleague').click();
      await page.getByTestId('assign-colleague-form').locator('select, p').first().waitFor();
    });
    await shoot('ketenregisseur', `/casussen/${id}`, 'casus-telefoon', viewports.phone, async (page) => {
      await page.getByTestId('case-timeline').waitFor();
    });
  }
  // The search by the start of words: "station" finds Stationsstraat, Stationsplein and "bij het station".
  await shoot('ketenregisseur', '/casussen', 'zoeken', viewports.desktop, async (page) => {
    await page.locator('#cases-search').fill('station');
    await page.getByTestId('cases-search-submit').click();
    await page.locator('[data-testid="cases-summary"][data-state="ready"][data-mode="search"]').waitFor();
  });
  await shoot('ketenregisseur', '/mijn-werk', 'mijn-werk');
  await shoot('zorgcoordinator', '/casussen', 'werklijst-zorgcoordinator');
  console.log(`screenshots in ${outDir}`);
} finally {
  await browser.close();
  await app.close();
}
