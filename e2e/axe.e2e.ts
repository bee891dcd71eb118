import AxeBuilder from '@axe-core/playwright';
import type { Role } from '@server/core/auth/roles';
import { createTestUser } from '@server/core/testing';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAccount, launchBrowser, logInThroughApi, openPage, type RunningApp, startApp, viewports, waitForPage } from './support/harness';

const pages = ['/', '/regio', '/toegankelijkheid', '/deze-pagina-bestaat-niet', '/inloggen'];

/** The screens behind the log-in, and who opens them ('password-only': halfway a log-in with a second factor). */
const accountPages: [string, Role | 'password-only'][] = [
  ['/inloggen/tweede-factor', 'password-only'],
  ['/inloggen/tweede-factor-instellen', 'zorgcoordinator'],
  ['/mijn-account', 'ketenregisseur'],
  ['/beheer/gebruikers', 'functioneel-beheerder'],
  ['/beheer/gebruikers/nieuw', 'functioneel-beheerder'],
  ['/beheer/gebruikers/:id', 'functioneel-beheerder'],
  ['/privacy/toegangslog', 'privacy-officer'],
  ['/beheer/gebruikers', 'signaleerder'],
];
const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

let app: RunningApp;
let browser: Browser;

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function logInAs(context: BrowserContext, who: Role | 'password-only'): Promise<void> {
  if (who !== 'password-only') return logInThroughApi(context, demoAccount(app, who));
  const user = await createTestUser(app.test, { roles: ['tafellid'] });
  await context.request.post('/api/v1/sessions', { data: { email: user.email, password: user.password } });
}

async function someUserId(): Promise<string> {
  const row = await app.test.prepared.database.db.selectFrom('app_user').select('id').orderBy('email').executeTakeFirstOrThrow();
  return row.id;
}

describe.each([
  ['nl', 'desktop'],
  ['en', 'desktop'],
  ['nl', 'phone'],
] as const)('every page in %s on %s', (language, device) => {
  it.each(pages)('%s has no axe violations, console errors or CSP violations', async (path) => {
    const { context, page, problems } = await openPage(browser, app.baseUrl, { language, viewport: viewports[device] });
    try {
      await page.goto(path);
      await waitForPage(page);
      await expect(page.locator('html').getAttribute('lang')).resolves.toBe(language);
      const result = await new AxeBuilder({ page }).withTags(tags).analyze();
      const violations = result.violations.map(
        (violation) => `${violation.id}: ${violation.help} — ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
      );
      expect(violations).toEqual([]);
      expect(result.passes.length).toBeGreaterThan(10);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe.each([
  ['nl', 'desktop'],
  ['en', 'desktop'],
  ['nl', 'phone'],
] as const)('every account screen in %s on %s', (language, device) => {
  it.each(accountPages)('%s (as %s) has no axe violations, console errors or CSP violations', async (path, who) => {
    const { context, page, problems } = await openPage(browser, app.baseUrl, { language, viewport: viewports[device] });
    try {
      await logInAs(context, who);
      await page.goto(path.replace(':id', await someUserId()));
      await waitForPage(page);
      await page.locator('main form, main table, main h1').first().waitFor();
      await expect(page.locator('html').getAttribute('lang')).resolves.toBe(language);
      const result = await new AxeBuilder({ page }).withTags(tags).analyze();
      const violations = result.violations.map(
        (violation) => `${violation.id}: ${violation.help} — ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
      );
      expect(violations).toEqual([]);
      expect(result.passes.length).toBeGreaterThan(10);
      expect(problems).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
