import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser } from '@server/core/testing';
import {
  axeViolations,
  type BrowserPage,
  demoAccount,
  focused,
  launchBrowser,
  logInThroughApi,
  openPage,
  type RunningApp,
  startApp,
  waitForPage,
} from './support/harness';

let app: RunningApp;
let browser: Browser;
const opened: BrowserPage[] = [];

/** A fresh page logged in as the demo account of `role`, opened at `path`. */
async function openAs(role: Parameters<typeof demoAccount>[1], path: string): Promise<BrowserPage> {
  const session = await openPage(browser, app.baseUrl);
  opened.push(session);
  await logInThroughApi(session.context, demoAccount(app, role));
  await session.page.goto(path);
  await waitForPage(session.page);
  return session;
}

async function waitForUsers(page: Page): Promise<void> {
  await page.locator('[data-testid="users-summary"][data-state="ready"]').waitFor();
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

describe('user administration (/beheer/gebruikers)', () => {
  it('lists the accounts of the region and searches them without putting the search in the URL', async () => {
    const { page, problems } = await openAs('functioneel-beheerder', '/beheer/gebruikers');
    await waitForUsers(page);
    const rows = page.getByTestId('users-table').locator('tbody tr');
    expect(await rows.count()).toBeGreaterThanOrEqual(9);
    await expect(page.getByTestId('users-table').textContent()).resolves.toContain('Privacy officer (FG)');
    expect(await axeViolations(page)).toEqual([]);

    const requests: { method: string; url: string; body: string | null }[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/api/v1/users')) requests.push({ method: request.method(), url: request.url(), body: request.postData() });
    });
    await page.locator('#users-search').fill('privacy-officer@');
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="users-table"] tbody tr').length === 1);
    await expect(rows.first().textContent()).resolves.toContain('privacy-officer@');
    expect(page.url()).not.toContain('privacy');
    // Not in the API's URL either: the search text travels in the body of POST /users/_search.
    expect(requests).toContainEqual({ method: 'POST', url: expect.stringContaining('/api/v1/users/_search?'), body: '{"search":"privacy-officer@"}' });
    expect(requests.filter((request) => request.url.includes('privacy'))).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('creates an account with roles and municipalities and shows the initial password once; it works for logging in', async () => {
    const { page, problems } = await openAs('functioneel-beheerder', '/beheer/gebruikers');
    await page.getByTestId('new-user').click();
    await page.waitForURL('**/beheer/gebruikers/nieuw');
    await page.locator('#user-email').waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // Nothing filled in: the summary lists the fields, each linked.
    await page.getByRole('button', { name: 'Gebruiker aanmaken' }).click();
    const summary = page.locator('.schakel-error-summary');
    await summary.waitFor();
    expect((await focused(page)).text).toContain('Controleer het formulier');
    await expect(summary.getByRole('link').count()).resolves.toBe(3);
    expect(await axeViolations(page)).toEqual([]);

    const email = `nieuw-${Date.now()}@gemeente.example`;
    await page.locator('#user-email').fill(email);
    await page.locator('#user-name').fill('Noor Fictief');
    const organisation = await page.locator('#user-organisation option').nth(1).getAttribute('value');
    await page.locator('#user-organisation').selectOption(organisation ?? '');
    await page.getByLabel('Aandachtsfunctionaris').check();
    await page.getByLabel('Signaleerder').check();
    await page.getByLabel('Hilversum').check();
    await page.getByRole('button', { name: 'Gebruiker aanmaken' }).click();

    const created = page.getByTestId('user-created');
    await created.waitFor();
    const password = (await page.getByTestId('initial-password').textContent()) ?? '';
    expect(password.length).toBeGreaterThanOrEqual(12);
    expect(await axeViolations(page)).toEqual([]);

    const login = await app.test.app.inject({ method: 'POST', url: '/api/v1/sessions', payload: { email, password } });
    expect(login.statusCode).toBe(201);
    expect(login.json()).toMatchObject({ state: 'enrolment-required' });

    // The same address again is refused on the field.
    await created.getByRole('button', { name: 'Nog een gebruiker aanmaken' }).click();
    await page.locator('#user-email').fill(email);
    await page.locator('#user-name').fill('Noor Fictief');
    await page.locator('#user-organisation').selectOption(organisation ?? '');
    await page.getByRole('button', { name: 'Gebruiker aanmaken' }).click();
    await page.locator('#user-email-error').waitFor();
    await expect(page.locator('#user-email-error').textContent()).resolves.toContain('bestaat al');
    expect(problems.filter((problem) => !problem.includes('400'))).toEqual([]);
  });

  it('edits roles, scope and status, and resets a second factor after confirmation', async () => {
    const user = await createTestUser(app.test, { roles: ['signaleerder'], municipalities: ['GM0402'] });
    const { page, problems } = await openAs('functioneel-beheerder', `/beheer/gebruikers/${user.id}`);
    await page.locator('#user-name').waitFor();
    await expect(page.getByLabel('Signaleerder').isChecked()).resolves.toBe(true);
    await expect(page.getByLabel('Hilversum').isChecked()).resolves.toBe(true);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel('Tafellid').check();
    await page.getByLabel('Hele regio (alle gemeenten)').check();
    await page.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
    await page.locator('main', { hasText: 'De wijzigingen zijn opgeslagen.' }).waitFor();
    const saved = await app.test.prepared.database.db
      .selectFrom('user_role')
      .select('role')
      .where('user_id', '=', user.id)
      .orderBy('role')
      .execute();
    expect(saved.map((row) => row.role)).toEqual(['signaleerder', 'tafellid']);

    await expect(page.getByTestId('user-second-factor').textContent()).resolves.toContain('Ingesteld');
    await page.getByTestId('reset-second-factor').click();
    expect((await focused(page)).text).toContain('Doorgaan?');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByTestId('reset-second-factor-confirm').click();
    await page.locator('main', { hasText: 'De tweede factor is gereset.' }).waitFor();
    await expect(page.getByTestId('user-second-factor').textContent()).resolves.toContain('Niet ingesteld');
    expect(problems).toEqual([]);
  });

  it('keeps an administrator from changing their own roles, organisation and status', async () => {
    const { page } = await openAs('functioneel-beheerder', '/mijn-account');
    const id = await app.test.prepared.database.db
      .selectFrom('app_user')
      .select('id')
      .where('email', '=', demoAccount(app, 'functioneel-beheerder').email)
      .executeTakeFirstOrThrow();
    await page.goto(`/beheer/gebruikers/${id.id}`);
    await waitForPage(page);
    await page.locator('#user-name').waitFor();
    await expect(page.getByLabel('Functioneel beheerder').isDisabled()).resolves.toBe(true);
    await expect(page.locator('#user-organisation').isDisabled()).resolves.toBe(true);
    await expect(page.locator('#user-active').isDisabled()).resolves.toBe(true);
  });
});

describe('access log (/privacy/toegangslog)', () => {
  it('shows the chain status and the entries, filters them, and links the CSV export of the same filters', async () => {
    // A failed log-in of an account of this region (an unknown address belongs to no region).
    const failed = await app.test.app.inject({
      method: 'POST',
      url: '/api/v1/sessions',
      payload: { email: demoAccount(app, 'tafellid').email, password: 'fout fout fout' },
    });
    expect(failed.statusCode).toBe(401);
    const { page, context, problems } = await openAs('privacy-officer', '/privacy/toegangslog');
    await page.locator('[data-testid="chain-status"][data-state="ready"]').waitFor();
    await expect(page.getByTestId('chain-status').textContent()).resolves.toContain('Keten intact.');
    await page.locator('[data-testid="access-log-summary"][data-state="ready"]').waitFor();
    expect(await page.getByTestId('access-log-table').locator('tbody tr').count()).toBeGreaterThan(0);
    expect(await axeViolations(page)).toEqual([]);

    await page.locator('#log-action').selectOption('login-failed');
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await page.waitForURL('**/privacy/toegangslog?actie=login-failed');
    await page.locator('[data-testid="access-log-summary"][data-state="ready"][data-search="?actie=login-failed"]').waitFor();
    const actions = await page.getByTestId('access-log-table').locator('tbody tr td:nth-child(3)').allTextContents();
    expect(actions.length).toBeGreaterThan(0);
    for (const action of actions) expect(action).toContain('Inloggen mislukt');

    const href = (await page.getByTestId('access-log-export').getAttribute('href')) ?? '';
    expect(href).toBe('/api/v1/access-log/export?action=login-failed');
    const csv = await context.request.get(href);
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-type']).toContain('text/csv');
    const lines = (await csv.text()).trim().split('\n');
    expect(lines[0]).toContain('action');
    expect(lines.length).toBe(actions.length + 1);
    expect(problems).toEqual([]);
  });

  it('explains a wrong filter on the field instead of asking the server', async () => {
    const { page, problems } = await openAs('privacy-officer', '/privacy/toegangslog');
    await page.locator('#log-user').fill('niet-een-id');
    await page.locator('#log-from').fill('2026-03-02');
    await page.locator('#log-to').fill('2026-03-01');
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await page.locator('#log-user-error').waitFor();
    await expect(page.locator('#log-to-error').textContent()).resolves.toContain('vóór de begindatum');
    expect((await focused(page)).text).toContain('Controleer het formulier');
    expect(page.url()).not.toContain('gebruiker=');
    expect(await axeViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });
});
