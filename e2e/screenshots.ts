/**
 * Screenshots of every page, desktop and phone, Dutch and English, for a visual check by eye.
 * Not a test. Run after `npm run build:web`: npx tsx e2e/screenshots.ts [/tmp/shots]
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Role } from '@server/core/auth/roles';
import { createTestUser } from '@server/core/testing';
import { demoAccount, launchBrowser, logInThroughApi, openPage, startApp, viewports, waitForPage } from './support/harness';

/** Pages and who looks at them (undefined: not logged in; 'password-only': halfway a log-in with a second factor). */
const pages: Record<string, { path: string; as?: Role | 'password-only' }> = {
  home: { path: '/' },
  regio: { path: '/regio' },
  toegankelijkheid: { path: '/toegankelijkheid' },
  '404': { path: '/bestaat-niet' },
  inloggen: { path: '/inloggen' },
  'home-beheerder': { path: '/', as: 'functioneel-beheerder' },
  'mijn-account': { path: '/mijn-account', as: 'ketenregisseur' },
  gebruikers: { path: '/beheer/gebruikers', as: 'functioneel-beheerder' },
  'gebruiker-nieuw': { path: '/beheer/gebruikers/nieuw', as: 'functioneel-beheerder' },
  toegangslog: { path: '/privacy/toegangslog', as: 'privacy-officer' },
  mailbox: { path: '/meldpunt/mailbox', as: 'ketenregisseur' },
  'geen-toegang': { path: '/beheer/gebruikers', as: 'signaleerder' },
  'tweede-factor': { path: '/inloggen/tweede-factor', as: 'password-only' },
  'tweede-factor-instellen': { path: '/inloggen/tweede-factor-instellen', as: 'zorgcoordinator' },
};
const outDir = process.argv[2] ?? '/tmp/shots';
const only = process.argv[3];

await mkdir(outDir, { recursive: true });
const app = await startApp();
const browser = await launchBrowser();
try {
  for (const language of ['nl', 'en'] as const) {
    for (const [device, viewport] of Object.entries(viewports)) {
      for (const [name, { path, as }] of Object.entries(pages)) {
        if (only && !name.startsWith(only)) continue;
        const { context, page, problems } = await openPage(browser, app.baseUrl, { language, viewport });
        if (as === 'password-only') {
          const user = await createTestUser(app.test, { roles: ['tafellid'] });
          await context.request.post('/api/v1/sessions', { data: { email: user.email, password: user.password } });
        } else if (as) await logInThroughApi(context, demoAccount(app, as));
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
