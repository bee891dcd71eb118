import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@server/core/auth/roles';
import { MMA_HEADER, mmaCsv, mmaRow } from '@server/modules/imports/imports.fixtures';
import { axeViolations, type BrowserPage, demoAccount, launchBrowser, logInThroughApi, openPage, type OpenOptions, type RunningApp, startApp, viewports, waitForPage } from './support/harness';

/** Imports for the ketenregisseur (/meldpunt/imports): upload → dry-run → confirm → progress → history. */
let app: RunningApp;
let browser: Browser;
const opened: BrowserPage[] = [];
const shots = process.env.SCREENSHOTS_DIR;
if (shots) mkdirSync(shots, { recursive: true });
const shoot = async (session: BrowserPage, name: string) => {
  if (shots) await session.page.screenshot({ path: join(shots, `imports-${name}.png`), fullPage: true });
};

async function openAs(role: Role, path: string, options: OpenOptions = {}): Promise<BrowserPage> {
  const session = await openPage(browser, app.baseUrl, options);
  opened.push(session);
  await logInThroughApi(session.context, demoAccount(app, role));
  await session.page.goto(path);
  await waitForPage(session.page);
  return session;
}

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const session of opened) await session.context.close();
  await browser?.close();
  await app?.close();
});

const exportFile = () =>
  Buffer.from(
    iconv.encode(
      mmaCsv([
        mmaRow('E2E-1', { Plaats: 'Hilversum', Bedrijfsnaam: 'Schoonmaak Fictief B.V.', Vestigingsplaats: 'Huizen', 'Betrokken personen': 'Slachtoffer: Zoë Fictief, ca. 24 jaar' }),
        mmaRow('E2E-2', { Plaats: 'Bussum', Spoed: 'ja', Omschrijving: '<script>window.__imported = true</script><img src=x onerror="window.__imported = true"> tekst in de omschrijving' }),
        mmaRow('E2E-3', { 'Datum melding': 'gisteren' }),
        mmaRow('E2E-4', { Plaats: 'Amersfoort', 'Soort uitbuiting': 'Ruilhandel' }),
      ]),
      'windows-1252',
    ),
  );

describe('imports (/meldpunt/imports)', () => {
  it('dry-run in Dutch: counts, the rejected line with its reason, markup shown as text; confirm → progress → result and history; no axe violations', async () => {
    const session = await openAs('ketenregisseur', '/meldpunt/imports');
    const { page, problems } = session;
    await expect(page.locator('main h1').textContent()).resolves.toBe('Imports van Meld Misdaad Anoniem en Watch Nederland');
    await page.getByTestId('imports-history').or(page.getByText('Er is nog niets ingelezen.')).first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await shoot(session, 'leeg');

    await page.getByRole('button', { name: 'Controleren' }).click();
    await expect(page.locator('#imports-file-error').textContent()).resolves.toBe('Kies een bestand.');

    await page.locator('#imports-file').setInputFiles({ name: 'mma-maart.csv', mimeType: 'text/csv', buffer: exportFile() });
    await page.getByRole('button', { name: 'Controleren' }).click();
    const dryRun = page.getByTestId('imports-dry-run');
    await dryRun.waitFor();
    await expect(dryRun.textContent()).resolves.toContain('mma-maart.csv (Meld Misdaad Anoniem), tekenset windows-1252');
    const counts = await page.getByTestId('imports-counts').locator('dd').allTextContents();
    expect(counts).toEqual(['4', '3', '0', '0', '1', '1']);
    await expect(page.getByTestId('imports-rejected').textContent()).resolves.toContain('Datum melding: „gisteren” is geen datum (verwacht dd-MM-yyyy HH:mm / dd-MM-yyyy)');
    const sample = page.getByTestId('imports-sample');
    await expect(sample.textContent()).resolves.toContain('<script>window.__imported = true</script>');
    await expect(sample.textContent()).resolves.toContain('Gemeenten: Hilversum, Huizen');
    expect(await page.evaluate(() => (window as unknown as { __imported?: boolean }).__imported)).toBeUndefined();
    expect(await axeViolations(page)).toEqual([]);
    await shoot(session, 'proefrun');

    await page.getByTestId('imports-confirm').click();
    const progress = page.locator('[data-testid="imports-progress"][data-status="done"]');
    await progress.waitFor({ timeout: 30_000 });
    await expect(progress.textContent()).resolves.toContain('Ingelezen: 3 nieuwe signalen, 0 gewijzigd, 0 ongewijzigd, 1 afgewezen.');
    const history = page.getByTestId('imports-history');
    await history.getByText('Ingelezen', { exact: true }).waitFor();
    await expect(history.textContent()).resolves.toContain('mma-maart.csv');
    expect(await axeViolations(page)).toEqual([]);
    await shoot(session, 'ingelezen');
    expect(problems).toEqual([]);

    const signals = await app.test.prepared.database.db.selectFrom('signal').select(['source_id', 'summary']).where('channel', '=', 'mma').where('source_id', 'like', 'E2E-%').orderBy('source_id').execute();
    expect(signals.map((s) => s.source_id)).toEqual(['E2E-1', 'E2E-2', 'E2E-4']);
  });

  it('in English: a file with the wrong header is refused, naming the expected and the found columns; a re-import creates nothing', async () => {
    const session = await openAs('ketenregisseur', '/meldpunt/imports', { language: 'en', viewport: viewports.phone });
    const { page, problems } = session;
    await expect(page.locator('main h1').textContent()).resolves.toBe('Imports from Meld Misdaad Anoniem and Watch Nederland');
    const header = MMA_HEADER.map((h) => (h === 'Meldingnummer' ? 'Nummer' : h));
    await page.locator('#imports-file').setInputFiles({ name: 'wrong.csv', mimeType: 'text/csv', buffer: Buffer.from(mmaCsv([mmaRow('X-1')], { header })) });
    await page.getByRole('button', { name: 'Check' }).click();
    const refused = page.getByTestId('imports-refused');
    await refused.waitFor();
    const text = await refused.textContent();
    expect(text).toContain('Columns do not match');
    expect(text).toContain('MissingMeldingnummer');
    expect(text).toContain('FoundNummer | Datum melding');
    expect(await axeViolations(page)).toEqual([]);
    await shoot(session, 'wrong-header-en');
    expect(problems.filter((p) => !p.includes('422'))).toEqual([]);

    await page.locator('#imports-file').setInputFiles({ name: 'mma-maart.csv', mimeType: 'text/csv', buffer: exportFile() });
    await page.getByRole('button', { name: 'Check' }).click();
    await page.getByTestId('imports-dry-run').waitFor();
    // total, created, updated, unchanged, rejected, warnings: unchanged lines are only fingerprinted, so they warn about nothing.
    expect(await page.getByTestId('imports-counts').locator('dd').allTextContents()).toEqual(['4', '0', '0', '3', '1', '0']);
    await expect(page.getByTestId('imports-dry-run').textContent()).resolves.toContain('There is nothing new or changed in this file.');
    expect(await axeViolations(page)).toEqual([]);
    await shoot(session, 'reimport-en');
  });

  it('is not for an aandachtsfunctionaris', async () => {
    const { page } = await openAs('aandachtsfunctionaris', '/meldpunt/imports');
    await expect(page.locator('main').textContent()).resolves.not.toContain('Bestand controleren');
    await expect(page.getByRole('link', { name: 'Imports' }).count()).resolves.toBe(0);
  });
});
