import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '@server/core/testing';
import { type Listener, listen, type ProviderAccount, startTestProvider, TEST_CLIENT_ID, TEST_CLIENT_SECRET } from '@server/modules/oidc/oidc.testing';
import { axeViolations, type BrowserPage, demoAccount, launchBrowser, openPage, type RunningApp, waitForPage } from './support/harness';

/**
 * Log-in through the organisation's OpenID provider, in a real browser: the "Log in with …" link
 * on the log-in page, the provider's own pages (oidc-provider's development forms), and back
 * into Schakel with a session. The redirect URI must be known before the app starts, so the app
 * is served through a loopback listener opened first.
 */

const PROVIDER_NAME = 'Test-IdP';
const accounts = new Map<string, ProviderAccount>();
let idp: Listener;
let schakel: Listener;
let app: RunningApp;
let browser: Browser;
const opened: BrowserPage[] = [];

beforeAll(async () => {
  [idp, schakel] = await Promise.all([listen(), listen()]);
  startTestProvider(idp, [`${schakel.origin}/api/v1/oidc/callback`], accounts);
  const test = await createTestApp({
    SCHAKEL_WEB_DIR: './dist/web',
    SCHAKEL_DEMO: 'on',
    LOGIN_RATE_LIMIT_PER_MINUTE: 1000,
    OIDC_ISSUER: idp.origin,
    OIDC_CLIENT_ID: TEST_CLIENT_ID,
    OIDC_CLIENT_SECRET: TEST_CLIENT_SECRET,
    OIDC_REDIRECT_URI: `${schakel.origin}/api/v1/oidc/callback`,
    OIDC_PROVIDER_NAME: PROVIDER_NAME,
  });
  schakel.use((req, res) => test.app.routing(req, res));
  app = { test, baseUrl: schakel.origin, close: () => test.close() };
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const session of opened) await session.context.close();
  await browser?.close();
  await app?.close();
  await Promise.all([idp, schakel].filter(Boolean).map((listener) => listener.close()));
});

async function open(path: string, language: 'nl' | 'en' = 'nl'): Promise<BrowserPage> {
  const session = await openPage(browser, app.baseUrl, { language });
  opened.push(session);
  await session.page.goto(path);
  await waitForPage(session.page);
  return session;
}

/** The provider's development log-in form, then its consent form (each is one form with a submit button). */
async function logInAtProvider(page: Page, login: string): Promise<void> {
  await page.waitForURL(`${idp.origin}/**`);
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('any password: the development form checks none');
  await page.locator('form [type="submit"]').click();
  await page.locator('form [type="submit"]').click();
}

/**
 * Only Schakel's own pages count. The provider's development pages are not ours (they load a web
 * font from Google, which this sandbox cannot reach); a CSP violation always counts.
 */
const ours = (problems: string[]) =>
  problems.filter((problem) => problem.startsWith('CSP violation') || !(problem.includes(idp.origin) || problem.includes('https://fonts.googleapis.com/')));

describe('log-in through the organisation’s provider', () => {
  it('offers "Inloggen met <provider>" below the form, going back where the form would go', async () => {
    const { page, problems } = await open('/mijn-account');
    await page.waitForURL('**/inloggen');
    const sso = page.getByTestId('sso-login');
    await sso.waitFor();
    await expect(sso.textContent()).resolves.toBe(`Inloggen met ${PROVIDER_NAME}`);
    await expect(sso.getAttribute('href')).resolves.toBe('/api/v1/oidc/authorization?returnTo=%2Fmijn-account');
    // After the password form in the reading and tab order: it is the second way in.
    const order = await page.evaluate(() => {
      const form = document.querySelector('main form');
      const link = document.querySelector('[data-testid="sso-login"]');
      return form && link ? form.compareDocumentPosition(link) & Node.DOCUMENT_POSITION_FOLLOWING : 0;
    });
    expect(order).toBeTruthy();
    expect(await axeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);

    const english = await open('/inloggen', 'en');
    await expect(english.page.getByTestId('sso-login').textContent()).resolves.toBe(`Log in with ${PROVIDER_NAME}`);
    expect(await axeViolations(english.page)).toEqual([]);
  });

  it('logs in at the provider and comes back to the page that asked for the log-in, with a session', async () => {
    const account = demoAccount(app, 'ketenregisseur');
    accounts.set('idp-ketenregisseur', { email: account.email, email_verified: true, name: 'Ketenregisseur (fictief)' });
    const { page, problems } = await open('/mijn-account');
    await page.waitForURL('**/inloggen');
    await page.getByTestId('sso-login').click();
    await logInAtProvider(page, 'idp-ketenregisseur');
    await page.waitForURL(`${app.baseUrl}/mijn-account`);
    await page.locator('main h1', { hasText: 'Mijn account' }).waitFor();
    await expect(page.getByTestId('profile').textContent()).resolves.toContain('Ketenregisseur');
    expect(ours(problems)).toEqual([]);
  });

  it('says so, vaguely, when the provider’s person has no account, and leaves the password form ready', async () => {
    accounts.set('idp-onbekend', { email: 'onbekend@gemeente.example', email_verified: true, name: 'Onbekend (fictief)' });
    const { page, problems } = await open('/inloggen');
    await page.getByTestId('sso-login').click();
    await logInAtProvider(page, 'idp-onbekend');
    await page.waitForURL(`${app.baseUrl}/inloggen?fout=oidc`);
    const failed = page.getByTestId('sso-failed');
    await failed.waitFor();
    await expect(failed.textContent()).resolves.toContain('Inloggen via uw organisatie is niet gelukt');
    await expect(failed.textContent()).resolves.not.toContain('onbekend@');
    await expect(page.locator('#login-email').isVisible()).resolves.toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    expect(ours(problems)).toEqual([]);
  });
});
