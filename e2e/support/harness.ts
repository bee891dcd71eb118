import type { AddressInfo } from 'node:net';
import { existsSync } from 'node:fs';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { createTestApp, type TestApp } from '@server/core/testing';

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

/** The whole server with demo data on a random local port, serving the built web app. */
export async function startApp(): Promise<RunningApp> {
  if (!existsSync(`${WEB_DIR}/index.html`)) throw new Error(`${WEB_DIR} is missing: run npm run build:web first`);
  const test = await createTestApp({ SCHAKEL_WEB_DIR: WEB_DIR, SCHAKEL_DEMO: 'on' });
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

/** A short description of the focused element, for readable assertions. */
export async function focused(page: Page): Promise<{ tag: string; text: string; id: string; inHeader: boolean; outline: boolean }> {
  return page.evaluate(() => {
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
