import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentTotp } from '@server/core/auth/totp';
import { createTestUser } from '@server/core/testing';
import {
  axeViolations,
  type BrowserPage,
  demoAccount,
  focused,
  launchBrowser,
  logInThroughApi,
  logInThroughForm,
  openPage,
  type RunningApp,
  startApp,
  waitForPage,
} from './support/harness';

let app: RunningApp;
let browser: Browser;
const opened: BrowserPage[] = [];

async function open(path: string, options: Parameters<typeof openPage>[2] = {}): Promise<BrowserPage> {
  const session = await openPage(browser, app.baseUrl, options);
  opened.push(session);
  await session.page.goto(path);
  await waitForPage(session.page);
  return session;
}

const navLinks = (page: Page) => page.locator('header nav a').allTextContents();
/** A refused log-in answers 401 on purpose; everything else must stay clean. */
const unexpected = (problems: string[]) => problems.filter((problem) => !/(HTTP 401 for|status of 401).*\/api\/v1\/sessions/.test(problem));

beforeAll(async () => {
  app = await startApp();
  browser = await launchBrowser();
});

afterAll(async () => {
  for (const session of opened) await session.context.close();
  await browser?.close();
  await app?.close();
});

describe('log-in', () => {
  it('sends an anonymous visitor of a protected page to the log-in, and back there after logging in', async () => {
    const { page, problems } = await open('/mijn-account');
    await page.waitForURL('**/inloggen');
    await expect(page.locator('main h1').textContent()).resolves.toBe('Inloggen');
    await expect(page.locator('#login-email').getAttribute('autocomplete')).resolves.toBe('username');
    await expect(page.locator('#login-password').getAttribute('type')).resolves.toBe('password');
    expect(await axeViolations(page)).toEqual([]);
    // No OpenID provider configured: no "Inloggen met …" once the page has asked (see sso.e2e.ts).
    await page.waitForLoadState('networkidle');
    await expect(page.getByTestId('sso-login').count()).resolves.toBe(0);

    // Demo mode skips the second factor for demo accounts.
    await logInThroughForm(page, demoAccount(app, 'ketenregisseur'));
    await page.waitForURL('**/mijn-account');
    await page.locator('main h1', { hasText: 'Mijn account' }).waitFor();
    await expect(page.getByTestId('account-name').textContent()).resolves.toContain('(demo)');
    await expect(page.getByTestId('profile').textContent()).resolves.toContain('Ketenregisseur');
    expect(problems).toEqual([]);
  });

  it('shows the server’s refusal for a wrong password, the same for an unknown account, without hinting which', async () => {
    const { page, problems } = await open('/inloggen');
    const account = demoAccount(app, 'tafellid');
    await logInThroughForm(page, { email: account.email, password: 'niet het goede wachtwoord' });
    const problem = page.getByTestId('problem');
    await problem.waitFor();
    const wrongPassword = (await problem.textContent()) ?? '';
    expect(wrongPassword).toContain('Inloggen mislukt');
    expect((await focused(page)).text).toContain('Inloggen mislukt');
    await expect(page.locator('#login-password').inputValue()).resolves.toBe('');
    expect(await axeViolations(page)).toEqual([]);

    await logInThroughForm(page, { email: 'niemand@example.test', password: 'ook niet goed' });
    await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'problem');
    await expect(problem.textContent()).resolves.toBe(wrongPassword);
    expect(page.url()).toContain('/inloggen');
    expect(unexpected(problems)).toEqual([]);
  });

  it('asks for both fields before sending, with a linked error summary', async () => {
    const { page } = await open('/inloggen');
    await page.locator('main form button[type="submit"]').click();
    const summary = page.locator('.schakel-error-summary');
    await summary.waitFor();
    await expect(summary.getByRole('link').allTextContents()).resolves.toEqual(['Vul uw e-mailadres in.', 'Vul uw wachtwoord in.']);
    await expect(page.locator('#login-email').getAttribute('aria-invalid')).resolves.toBe('true');
    await summary.getByRole('link').last().click();
    expect((await focused(page)).id).toBe('login-password');
    expect(await axeViolations(page)).toEqual([]);
  });

  it('asks for the authenticator code after the password, offers a recovery code, and refuses a wrong code', async () => {
    const user = await createTestUser(app.test, { roles: ['tafellid'], allMunicipalities: true });
    const { page, problems } = await open('/regio');
    await page.locator('header').getByRole('link', { name: 'Inloggen' }).click();
    await page.waitForURL('**/inloggen');
    await logInThroughForm(page, user);
    await page.waitForURL('**/inloggen/tweede-factor');
    const code = page.locator('#second-factor-code');
    await expect(code.getAttribute('autocomplete')).resolves.toBe('one-time-code');
    await expect(code.getAttribute('inputmode')).resolves.toBe('numeric');
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('link', { name: /herstelcode/ }).click();
    await page.locator('#second-factor-recovery').waitFor();
    expect((await focused(page)).id).toBe('second-factor-recovery');
    await page.getByRole('link', { name: /code uit de app/ }).click();
    await code.waitFor();

    await code.fill('000000');
    await page.getByRole('button', { name: 'Verder' }).click();
    await page.getByTestId('problem').waitFor();
    await expect(page.getByTestId('problem').textContent()).resolves.toContain('Code onjuist');

    await code.fill(currentTotp(user.totpSecret!));
    await page.getByRole('button', { name: 'Verder' }).click();
    // Back to the page the user was on before choosing "Inloggen".
    await page.waitForURL('**/regio');
    await page.getByTestId('account-name').waitFor();
    expect(unexpected(problems)).toEqual([]);
  });

  it('sets up the second factor at the first log-in and shows the recovery codes once', async () => {
    const user = await createTestUser(app.test, { roles: ['zorgcoordinator'], allMunicipalities: true, totp: false });
    const { page, problems } = await open('/mijn-account');
    await page.waitForURL('**/inloggen');
    await logInThroughForm(page, user);
    await page.waitForURL('**/inloggen/tweede-factor-instellen');
    const secret = page.getByTestId('enrolment-secret');
    await secret.waitFor();
    const typed = (await secret.textContent()) ?? '';
    expect(typed).toMatch(/^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/);
    const qr = page.locator('img.schakel-qr');
    await expect(qr.getAttribute('src')).resolves.toMatch(/^data:image\/svg\+xml;base64,/);
    await expect(qr.getAttribute('alt')).resolves.toContain('QR-code');
    expect(await qr.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    expect(await axeViolations(page)).toEqual([]);

    await page.locator('#enrolment-code').fill(currentTotp(typed.replaceAll(' ', '')));
    await page.getByRole('button', { name: 'Tweede factor inschakelen' }).click();
    const codes = page.getByTestId('recovery-codes').locator('li');
    await codes.first().waitFor();
    await expect(codes.count()).resolves.toBe(10);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Verder' }).click();
    await page.locator('#codes-stored-error').waitFor();
    expect((await focused(page)).id).toBe('codes-stored');
    await page.locator('#codes-stored').check();
    await page.getByRole('button', { name: 'Verder' }).click();
    await page.waitForURL('**/mijn-account');
    await expect(page.getByTestId('second-factor-status').textContent()).resolves.toContain('Ingeschakeld');
    await expect(page.locator('main').textContent()).resolves.toContain('nog 10 ongebruikte herstelcodes');
    expect(unexpected(problems)).toEqual([]);
  });
});

describe('navigation by role', () => {
  it.each([
    ['functioneel-beheerder', ['Gebruikers'], ['Toegangslog']],
    ['privacy-officer', ['Toegangslog'], ['Gebruikers']],
    ['signaleerder', [], ['Gebruikers', 'Toegangslog']],
  ] as const)('shows %s only what the role may use', async (role, shown, hidden) => {
    const session = await openPage(browser, app.baseUrl);
    opened.push(session);
    await logInThroughApi(session.context, demoAccount(app, role));
    await session.page.goto('/');
    await waitForPage(session.page);
    await session.page.getByTestId('account-name').waitFor();
    const links = await navLinks(session.page);
    expect(links).toEqual(expect.arrayContaining(['Home', 'Regio', 'Mijn account', ...shown]));
    for (const name of hidden) expect(links).not.toContain(name);
    const cards = await session.page.locator('.schakel-card h3').allTextContents();
    for (const name of hidden) expect(cards).not.toContain(name);
  });

  it('shows no admin items and a log-in link to an anonymous visitor', async () => {
    const { page } = await open('/');
    const links = await navLinks(page);
    expect(links).not.toContain('Gebruikers');
    expect(links).not.toContain('Toegangslog');
    expect(links).not.toContain('Mijn account');
    await expect(page.locator('header').getByRole('link', { name: 'Inloggen' }).count()).resolves.toBe(1);
  });

  it('tells a logged-in user without the role that they have no access', async () => {
    const session = await openPage(browser, app.baseUrl);
    opened.push(session);
    await logInThroughApi(session.context, demoAccount(app, 'signaleerder'));
    await session.page.goto('/privacy/toegangslog');
    await waitForPage(session.page);
    await expect(session.page.locator('main h1').textContent()).resolves.toBe('Geen toegang');
    expect(session.problems).toEqual([]);
  });

  it('shows the demo banner on every screen', async () => {
    const session = await openPage(browser, app.baseUrl);
    opened.push(session);
    for (const path of ['/', '/inloggen', '/regio', '/toegankelijkheid']) {
      await session.page.goto(path);
      await waitForPage(session.page);
      await expect(session.page.getByTestId('demo-banner').textContent()).resolves.toContain('Demo-omgeving');
    }
    await logInThroughApi(session.context, demoAccount(app, 'privacy-officer'));
    for (const path of ['/mijn-account', '/privacy/toegangslog']) {
      await session.page.goto(path);
      await waitForPage(session.page);
      await expect(session.page.getByTestId('demo-banner').count()).resolves.toBe(1);
    }
  });
});

describe('my account and log-out', () => {
  it('lists my sessions, ends another one, then ends all and returns to the log-in', async () => {
    const account = demoAccount(app, 'beleidsmedewerker');
    const other = await openPage(browser, app.baseUrl);
    opened.push(other);
    await logInThroughApi(other.context, account);
    const { page, context, problems } = await open('/inloggen');
    await logInThroughForm(page, account);
    await page.waitForURL((url) => url.pathname === '/');
    await page.goto('/mijn-account');
    await waitForPage(page);
    const rows = page.getByTestId('sessions-table').locator('tbody tr');
    await rows.first().waitFor();
    const before = await rows.count();
    expect(before).toBeGreaterThanOrEqual(2);
    await expect(page.locator('tbody tr[data-current]').count()).resolves.toBe(1);
    await expect(page.locator('tbody tr[data-current]').textContent()).resolves.toContain('Deze sessie');
    expect(await axeViolations(page)).toEqual([]);

    await page.locator('[data-testid="sessions-table"] tbody tr:not([data-current])').first().getByRole('button', { name: /Beëindigen/ }).click();
    await page.waitForFunction((count) => document.querySelectorAll('[data-testid="sessions-table"] tbody tr').length === count, before - 1);

    await page.getByTestId('end-all-sessions').click();
    expect((await focused(page)).text).toContain('Doorgaan?');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByTestId('end-all-sessions-confirm').click();
    await page.waitForURL('**/inloggen');
    await page.locator('main', { hasText: 'U bent uitgelogd.' }).waitFor();
    const status = await context.request.get('/api/v1/sessions/current');
    await expect(status.json()).resolves.toMatchObject({ state: 'anonymous' });
    expect(problems).toEqual([]);
  });

  it('logs out from the header; a protected page then asks to log in again', async () => {
    const { page, context, problems } = await open('/inloggen');
    await logInThroughForm(page, demoAccount(app, 'aandachtsfunctionaris'));
    await page.getByTestId('account-name').waitFor();
    await page.locator('header').getByRole('button', { name: 'Uitloggen' }).click();
    await page.waitForURL('**/inloggen');
    await page.locator('main', { hasText: 'U bent uitgelogd.' }).waitFor();
    await expect(page.getByTestId('account-name').count()).resolves.toBe(0);
    await expect((await context.request.get('/api/v1/sessions/current')).json()).resolves.toMatchObject({ state: 'anonymous' });
    await page.goto('/mijn-account');
    await page.waitForURL('**/inloggen');
    expect(problems).toEqual([]);
  });

  it('changes the password: a wrong current password and a mismatch are field errors, then it works', async () => {
    const user = await createTestUser(app.test, { roles: ['signaleerder'], municipalities: ['GM0402'] });
    const session = await openPage(browser, app.baseUrl);
    opened.push(session);
    const { page, context } = session;
    // Password and code through the API; the page then opens logged in.
    const first = await context.request.post('/api/v1/sessions', { data: { email: user.email, password: user.password } });
    const { csrfToken } = (await first.json()) as { csrfToken: string };
    await context.request.post('/api/v1/sessions/current/second-factor', {
      data: { code: currentTotp(user.totpSecret!) },
      headers: { 'X-CSRF-Token': csrfToken },
    });
    await page.goto('/mijn-account');
    await waitForPage(page);

    const next = 'Drie fictieve fietsen op de dijk';
    await page.locator('#password-current').fill('niet mijn wachtwoord');
    await page.locator('#password-new').fill(next);
    await page.locator('#password-repeat').fill(`${next}!`);
    await page.getByRole('button', { name: 'Wachtwoord wijzigen' }).click();
    await page.locator('#password-repeat-error').waitFor();
    await expect(page.locator('#password-repeat-error').textContent()).resolves.toContain('niet gelijk');

    await page.locator('#password-repeat').fill(next);
    await page.getByRole('button', { name: 'Wachtwoord wijzigen' }).click();
    await page.locator('#password-current-error').waitFor();
    await expect(page.locator('#password-current-error').textContent()).resolves.toContain('Het huidige wachtwoord klopt niet');
    expect(await axeViolations(page)).toEqual([]);

    await page.locator('#password-current').fill(user.password);
    await page.locator('#password-new').fill(next);
    await page.locator('#password-repeat').fill(next);
    await page.getByRole('button', { name: 'Wachtwoord wijzigen' }).click();
    await page.locator('main', { hasText: 'Uw wachtwoord is gewijzigd.' }).waitFor();
    const again = await app.test.app.inject({ method: 'POST', url: '/api/v1/sessions', payload: { email: user.email, password: next } });
    expect(again.statusCode).toBe(201);
  });
});
