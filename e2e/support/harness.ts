import type { AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { Role } from '@server/core/auth/roles';
import { createTestApp, type TestApp } from '@server/core/testing';
import { demoAccounts } from '@server/modules/identity/identity.demo';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const WEB_DIR = './dist/web';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export const viewports = {
  desktop: { width: 1280, height: 900 },
  phone: { width: 390, height: 844 },
} as const;

export interface RunningApp {
  test: TestApp;
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * The whole server with demo data on a random local port, serving the built web app. Every test
 * logs in from 127.0.0.1, so the per-address log-in limit is raised (unless a test sets it).
 */
export async function startApp(overrides: Partial<TestApp['config']> = {}): Promise<RunningApp> {
  if (!existsSync(`${WEB_DIR}/index.html`)) throw new Error(`${WEB_DIR} is missing: run npm run build:web first`);
  const test = await createTestApp({ SCHAKEL_WEB_DIR: WEB_DIR, SCHAKEL_DEMO: 'on', LOGIN_RATE_LIMIT_PER_MINUTE: 1000, ...overrides });
  await test.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = test.app.server.address() as AddressInfo;
  return { test, baseUrl: `http://127.0.0.1:${port}`, close: () => test.close() };
}

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`No Chromium at ${CHROMIUM_PATH}: apt-get install -y chromium`);
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

export interface BrowserPage {
  context: BrowserContext;
  page: Page;
  /** Console errors, uncaught exceptions, CSP violations and failed same-origin requests. */
  problems: string[];
}

export interface OpenOptions {
  viewport?: { width: number; height: number };
  /** Start with this interface language, as if chosen earlier (localStorage). */
  language?: 'nl' | 'en';
}

/** A fresh context and page that records everything that should never happen. */
export async function openPage(browser: Browser, baseUrl: string, options: OpenOptions = {}): Promise<BrowserPage> {
  const context = await browser.newContext({ baseURL: baseUrl, viewport: options.viewport ?? viewports.desktop });
  const problems: string[] = [];
  await context.exposeBinding('__schakelCspViolation', (_source, text: string) => {
    problems.push(`CSP violation: ${text}`);
  });
  await context.addInitScript((language) => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { __schakelCspViolation(text: string): void }).__schakelCspViolation;
      report(`${event.violatedDirective} blocked ${event.blockedURI || 'inline'} (${event.sourceFile}:${event.lineNumber})`);
    });
    if (language) window.localStorage.setItem('schakel.language', language);
  }, options.language ?? null);
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('response', (response) => {
    if (response.url().startsWith(baseUrl) && response.status() >= 400) {
      problems.push(`HTTP ${response.status()} for ${response.url()}`);
    }
  });
  page.on('requestfailed', (request) => {
    const failure = request.failure()?.errorText ?? '';
    // A navigation away cancels pending fetches; that is not a fault.
    if (!failure.includes('ERR_ABORTED')) problems.push(`request failed: ${request.url()} ${failure}`);
  });
  return { context, page, problems };
}

/** Waits until the shell and the page's data have loaded (no loading indicator left). */
export async function waitForPage(page: Page): Promise<void> {
  await page.locator('main h1').waitFor();
  await page.locator('[data-testid="region-name"]', { hasText: 'Gooi en Vechtstreek' }).waitFor();
  await page.waitForFunction(
    () => document.querySelector('.schakel-loading, [data-testid="organisations-summary"][data-state="loading"]') === null,
  );
}

/**
 * Waits until the organisation list shows the results for `search` (e.g. `?soort=police`, '' for
 * none), so a test never reads the list of the previous URL.
 */
export async function waitForOrganisations(page: Page, search: string): Promise<void> {
  await page
    .locator(`[data-testid="organisations-summary"][data-state="ready"][data-search="${search}"]`)
    .waitFor({ timeout: 10_000 });
}

/**
 * A short description of the focused element, for readable assertions. Read after two animation
 * frames: screens move focus in requestAnimationFrame after a click (one CI run read it before).
 */
export async function focused(page: Page): Promise<{ tag: string; text: string; id: string; inHeader: boolean; outline: boolean }> {
  return page.evaluate(async () => {
    await new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
    const element = document.activeElement as HTMLElement | null;
    if (!element) return { tag: '', text: '', id: '', inHeader: false, outline: false };
    const style = getComputedStyle(element);
    return {
      tag: element.tagName.toLowerCase(),
      text: (element.textContent ?? '').replaceAll('\u00AD', '').trim().replace(/\s+/g, ' '),
      id: element.id,
      inHeader: Boolean(element.closest('header')),
      outline: (style.outlineStyle !== 'none' && style.outlineWidth !== '0px') || style.boxShadow !== 'none',
    };
  });
}

/** The demo log-in of a role in the app's default region (demo mode skips its second factor). */
export function demoAccount(app: RunningApp, role: Role): { email: string; password: string } {
  const account = demoAccounts([app.test.config.SCHAKEL_REGION]).find((candidate) => candidate.role === role);
  if (!account) throw new Error(`no demo account for ${role}`);
  return { email: account.email, password: account.password };
}

/** Logs the context in through the API (the session cookie lands in the context), for tests of pages behind the log-in. */
export async function logInThroughApi(context: BrowserContext, account: { email: string; password: string }): Promise<void> {
  const response = await context.request.post('/api/v1/sessions', { data: account });
  if (response.status() !== 201) throw new Error(`log-in failed: ${response.status()} ${await response.text()}`);
  const body = (await response.json()) as { state: string };
  if (body.state !== 'active') throw new Error(`log-in stopped at ${body.state}; use a demo account or the form`);
}

/** Logs in through the form on /inloggen, as a person would. */
export async function logInThroughForm(page: Page, account: { email: string; password: string }): Promise<void> {
  await page.locator('#login-email').fill(account.email);
  await page.locator('#login-password').fill(account.password);
  await page.locator('main form button[type="submit"]').click();
}

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/** The WCAG 2.1 AA violations axe finds on the page as it is now, as readable lines. */
export async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  return result.violations.map(
    (violation) => `${violation.id}: ${violation.help} — ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
  );
}

/**
 * The usual set-up of a browser test file: one app and one browser for the file, pages opened
 * at a path and closed afterwards. Call at the top level of the file.
 */
export function browserSuite(overrides: Partial<TestApp['config']> = {}) {
  let app: RunningApp | undefined;
  let browser: Browser | undefined;
  const opened: BrowserPage[] = [];
  beforeAll(async () => {
    // The browser starts while the app starts (both from scratch per file).
    [app, browser] = await Promise.all([startApp(overrides), launchBrowser()]);
  });
  afterAll(async () => {
    for (const session of opened) await session.context.close();
    await browser?.close();
    await app?.close();
  });
  return {
    get app(): RunningApp {
      if (!app) throw new Error('the app starts in beforeAll');
      return app;
    },
    async open(path: string, options: OpenOptions = {}): Promise<BrowserPage> {
      const session = await openPage(browser!, app!.baseUrl, options);
      opened.push(session);
      await session.page.goto(path);
      await waitForPage(session.page);
      return session;
    },
  };
}
