import AxeBuilder from '@axe-core/playwright';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, openPage, type RunningApp, startApp, viewports, waitForPage } from './support/harness';

const pages = ['/', '/regio', '/toegankelijkheid', '/deze-pagina-bestaat-niet'];
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
