/**
 * Screenshots of the public meldpunt (/melden, the receipt, /melden/volgen with a status) in
 * every language, desktop and phone, for a visual check by eye. Not a test. Run after
 * `npm run build:web`: npx tsx e2e/meldpunt-screenshots.ts [/tmp/shots] [languages, e.g. nl,pl]
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchBrowser, openPage, startApp, viewports, waitForPage } from './support/harness';

const outDir = process.argv[2] ?? '/tmp/shots/meldpunt';
const languages = (process.argv[3] ?? 'nl,en,pl,ro,bg,uk,es').split(',');

async function chooseLanguage(page: Page, language: string): Promise<void> {
  await page.locator(`.schakel-meldpunt-languages__button[lang="${language}"]`).click();
  await page.locator(`html[lang="${language}"]`).waitFor();
}

await mkdir(outDir, { recursive: true });
// Low work and a high limit: the script sends many reports from one address within a minute.
const app = await startApp({ PUBLIC_PROOF_OF_WORK_BITS: 8, PUBLIC_RATE_LIMIT_PER_MINUTE: 1000 });
const browser = await launchBrowser();
try {
  for (const language of languages) {
    for (const [device, viewport] of Object.entries(viewports)) {
      const { context, page, problems } = await openPage(browser, app.baseUrl, { viewport });
      const shot = async (name: string) => {
        const file = join(outDir, `${name}-${device}-${language}.png`);
        await page.screenshot({ path: file, fullPage: true });
        console.log(file, problems.length ? problems : '');
      };
      await page.goto('/melden');
      await waitForPage(page);
      await chooseLanguage(page, language);
      await shot('melden');
      // Errors: send without a description.
      await page.locator('[data-testid="report-submit"]').click();
      await page.locator('.schakel-error-summary').waitFor();
      await shot('melden-fouten');
      await page.locator('#report-description').fill('Er werken mensen tot laat in de nacht in de kas aan de Dorpsstraat.');
      await page.locator('#report-anonymous-no').check();
      await page.locator('[data-testid="report-submit"]').click();
      await page.locator('#report-contact-error').waitFor();
      await page.locator('#report-contact-email').fill('melder@voorbeeld.nl');
      await page.locator('#report-files').setInputFiles({ name: 'notitie.txt', mimeType: 'text/plain', buffer: Buffer.from('Kenteken gezien: fictief.') });
      await page.locator('[data-testid="report-files"] [data-state="done"]').waitFor();
      await page.locator('#report-files').setInputFiles({ name: 'programma.exe', mimeType: 'application/octet-stream', buffer: Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04]) });
      await page.locator('[data-testid="report-files"] [data-state="failed"]').waitFor();
      await shot('melden-ingevuld');
      await page.locator('[data-testid="report-files"] [data-state="failed"] button').click();
      await page.locator('[data-testid="report-submit"]').click();
      await page.locator('[data-testid="report-receipt"]').waitFor({ timeout: 30_000 });
      const reference = await page.locator('[data-testid="receipt-reference"]').innerText();
      const code = await page.locator('[data-testid="receipt-code"]').innerText();
      await shot('ontvangen');
      await page.goto('/melden/volgen');
      await waitForPage(page);
      await shot('volgen');
      await page.locator('#follow-reference').fill(reference);
      await page.locator('#follow-code').fill(code);
      await page.locator('[data-testid="follow-lookup"] button[type="submit"]').click();
      await page.locator('[data-testid="follow-status"]').waitFor();
      await shot('volgen-status');
      await context.close();
    }
  }
} finally {
  await browser.close();
  await app.close();
}
