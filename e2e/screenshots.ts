/**
 * Screenshots of every page, desktop and phone, Dutch and English, for a visual check by eye.
 * Not a test. Run after `npm run build:web`: npx tsx e2e/screenshots.ts [/tmp/shots]
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { launchBrowser, openPage, startApp, viewports, waitForPage } from './support/harness';

const pages = { home: '/', regio: '/regio', toegankelijkheid: '/toegankelijkheid', '404': '/bestaat-niet' };
const outDir = process.argv[2] ?? '/tmp/shots';

await mkdir(outDir, { recursive: true });
const app = await startApp();
const browser = await launchBrowser();
try {
  for (const language of ['nl', 'en'] as const) {
    for (const [device, viewport] of Object.entries(viewports)) {
      for (const [name, path] of Object.entries(pages)) {
        const { context, page, problems } = await openPage(browser, app.baseUrl, { language, viewport });
        await page.goto(path);
        await waitForPage(page);
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
