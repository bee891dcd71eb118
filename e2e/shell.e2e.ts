import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { focused, waitForPage, browserSuite } from './support/harness';

const suite = browserSuite();
const open = suite.open;


/** The title is set just after the page renders; wait for it, then fail with a clear message. */
async function expectTitle(page: Page, title: string): Promise<void> {
  await page.waitForFunction((expected) => document.title === expected, title, { timeout: 5_000 }).catch(() => undefined);
  await expect(page.title()).resolves.toBe(title);
}


describe('web shell', () => {
  it('loads with the default region name and the product name in the header', async () => {
    const { page, problems } = await open('/');
    const header = page.locator('header');
    await expect(header.locator('.schakel-brand__name').textContent()).resolves.toBe('Schakel');
    await expect(header.getByTestId('region-name').textContent()).resolves.toBe('Regio Gooi en Vechtstreek');
    await expect(page.locator('main h1').textContent()).resolves.toBe('Welkom bij Schakel');
    await expectTitle(page, 'Welkom bij Schakel — Schakel');
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('nl');
    await expect(page.locator('html').getAttribute('class')).resolves.toContain('utrecht-theme');
    expect(problems).toEqual([]);
  });

  it('reaches the skip link first with Tab, then every header link and control, each with visible focus', async () => {
    const { page } = await open('/');
    const expected = await page.$$eval('header a[href], header button', (elements) =>
      elements.map((element) => (element.textContent ?? '').trim().replace(/\s+/g, ' ')),
    );
    expect(expected.length).toBeGreaterThanOrEqual(6); // brand, 2 languages, 3 sections

    await page.keyboard.press('Tab');
    const first = await focused(page);
    expect(first.tag).toBe('a');
    expect(first.text).toBe('Direct naar de hoofdinhoud');
    expect(first.outline).toBe(true);
    const box = await page.locator('.utrecht-skip-link').boundingBox();
    expect(box && box.y >= 0 && box.height > 0).toBe(true);

    const reached: string[] = [];
    for (let i = 0; i < expected.length; i += 1) {
      await page.keyboard.press('Tab');
      const current = await focused(page);
      expect(current.inHeader, `stop ${i + 2} (${current.text}) should be in the header`).toBe(true);
      expect(current.outline, `focus on "${current.text}" should be visible`).toBe(true);
      reached.push(current.text);
    }
    expect(reached).toEqual(expected);
    expect(reached).toEqual(expect.arrayContaining(['Home', 'Regio', 'Toegankelijkheid', 'Nederlands', 'English']));
  });

  it('moves focus to main with the skip link', async () => {
    const { page } = await open('/regio');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    const current = await focused(page);
    expect(current.id).toBe('main-content');
    expect(current.tag).toBe('main');
  });

  it('switches the texts to English and back, sets <html lang> and remembers the choice', async () => {
    const { page } = await open('/');
    const english = page.locator('button[lang="en"]');
    const dutch = page.locator('button[lang="nl"]');
    await expect(dutch.getAttribute('aria-pressed')).resolves.toBe('true');
    await expect(english.getAttribute('aria-pressed')).resolves.toBe('false');

    await english.click();
    await page.locator('main h1', { hasText: 'Welcome to Schakel' }).waitFor();
    await expectTitle(page, 'Welcome to Schakel — Schakel');
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    await expect(english.getAttribute('aria-pressed')).resolves.toBe('true');
    await expect(page.locator('header nav').textContent()).resolves.toContain('Region');
    await expect(page.getByTestId('region-name').textContent()).resolves.toBe('Region Gooi en Vechtstreek');

    await page.reload();
    await waitForPage(page);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    await expect(page.locator('main h1').textContent()).resolves.toBe('Welcome to Schakel');

    await dutch.click();
    await page.locator('main h1', { hasText: 'Welkom bij Schakel' }).waitFor();
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('nl');
    await expect(page.evaluate(() => localStorage.getItem('schakel.language'))).resolves.toBe('nl');
  });

  it('sets the document title and moves focus to the h1 after navigating', async () => {
    const { page } = await open('/');
    await page.locator('header nav').getByRole('link', { name: 'Regio' }).click();
    await page.waitForURL('**/regio');
    await waitForPage(page);
    await page.locator('main h1', { hasText: 'Gemeenten en organisaties' }).waitFor();
    await expectTitle(page, 'Gemeenten en organisaties — Schakel');
    const current = await focused(page);
    expect(current.tag).toBe('h1');
    expect(current.text).toBe('Gemeenten en organisaties');
    await expect(page.locator('header nav a[aria-current="page"]').textContent()).resolves.toBe('Regio');

    await page.locator('footer').getByRole('link', { name: 'Toegankelijkheidsverklaring' }).click();
    await page.waitForURL('**/toegankelijkheid');
    await page.locator('main h1', { hasText: 'verklaring' }).waitFor();
    await expectTitle(page, 'Toegankelijkheidsverklaring — Schakel');
    expect((await focused(page)).text).toBe('Toegankelijkheidsverklaring');
    // The footer link tells the form where the reader came from.
    await expect(page.locator('#report-page').inputValue()).resolves.toBe('/regio');
  });

  it('shows a 404 page for an unknown path', async () => {
    const { page, problems } = await open('/bestaat-niet/echt-niet');
    await expect(page.locator('main h1').textContent()).resolves.toBe('Pagina niet gevonden');
    await expectTitle(page, 'Pagina niet gevonden — Schakel');
    await expect(page.locator('main code').textContent()).resolves.toBe('/bestaat-niet/echt-niet');
    await expect(page.locator('main').getByRole('link', { name: 'Home' }).count()).resolves.toBe(1);
    expect(problems).toEqual([]);
  });
});
