import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@server/core/auth/roles';
import { mailboxSettings, receiveMessage } from '@server/modules/mailbox';
import { citizenReport, wideMessage } from '@server/modules/mailbox/mailbox.fixtures';
import { axeViolations, type BrowserPage, demoAccount, launchBrowser, logInThroughApi, openPage, type OpenOptions, type RunningApp, startApp, waitForPage } from './support/harness';

let app: RunningApp;
let browser: Browser;
const opened: BrowserPage[] = [];

async function openAs(role: Role, path: string, options: OpenOptions = {}): Promise<BrowserPage> {
  const session = await openPage(browser, app.baseUrl, options);
  opened.push(session);
  await logInThroughApi(session.context, demoAccount(app, role));
  await session.page.goto(path);
  await waitForPage(session.page);
  return session;
}

beforeAll(async () => {
  app = await startApp({ MAILBOX_MAX_MIME_PARTS: 50 });
  browser = await launchBrowser();
  // What the poller would have stored: one message that became a signal, one MIME bomb.
  const db = app.test.prepared.database.db;
  const settings = mailboxSettings(app.test.config);
  await receiveMessage(db, settings, await citizenReport(501, { withPhoto: true }), { source: 'imap' });
  await receiveMessage(db, settings, wideMessage(80), { source: 'imap' });
});

afterAll(async () => {
  for (const session of opened) await session.context.close();
  await browser?.close();
  await app?.close();
});

const waitForList = (session: BrowserPage) => session.page.locator('[data-testid="mailbox-summary"][data-state="ready"]').waitFor();

describe('the regional mailbox (/meldpunt/mailbox)', () => {
  it('shows the ketenregisseur the messages that could not be read, in Dutch and English, without axe violations', async () => {
    const nl = await openAs('ketenregisseur', '/meldpunt/mailbox');
    await waitForList(nl);
    const table = nl.page.getByTestId('mailbox-table');
    await expect(table.textContent()).resolves.toContain('te veel onderdelen (mogelijk een MIME-bom)');
    // Only messages that could not be read: the demo's two and the one stored above.
    expect(await table.locator('tbody tr').count()).toBe(3);
    await expect(table.textContent()).resolves.toContain('geen e-mailbericht (geen kopregels)');
    await nl.page.getByTestId('mailbox-status').waitFor();
    expect(await axeViolations(nl.page)).toEqual([]);

    // The raw message is a download link to the API, never shown inline.
    const href = await table.getByRole('link', { name: /Download \.eml/ }).first().getAttribute('href');
    expect(href).toMatch(/^\/api\/v1\/mailbox\/messages\/[0-9a-f-]{36}\/raw$/);

    await nl.page.getByRole('link', { name: 'Signaal geworden' }).click();
    await waitForList(nl);
    await expect(nl.page.getByTestId('mailbox-table').textContent()).resolves.toContain('Melding over een nagelstudio in Naarden (501)');
    expect(nl.page.url()).toContain('?toon=recorded');
    expect(nl.problems).toEqual([]);

    const en = await openAs('ketenregisseur', '/meldpunt/mailbox', { language: 'en' });
    await waitForList(en);
    await expect(en.page.locator('main h1').textContent()).resolves.toBe('Regional mailbox');
    await expect(en.page.getByTestId('mailbox-table').textContent()).resolves.toContain('too many parts (possibly a MIME bomb)');
    expect(await axeViolations(en.page)).toEqual([]);
    expect(en.problems).toEqual([]);
  });

  it('adds an .eml, shows the signal it became, and reads a broken message again', async () => {
    const { page, problems } = await openAs('ketenregisseur', '/meldpunt/mailbox');
    await page.locator('[data-testid="mailbox-summary"][data-state="ready"]').waitFor();
    await page.getByRole('button', { name: 'Toevoegen' }).click();
    await expect(page.locator('#mailbox-file-error').textContent()).resolves.toBe('Kies een .eml-bestand.');

    await page.locator('#mailbox-file').setInputFiles({ name: 'melding.eml', mimeType: 'message/rfc822', buffer: await citizenReport(502) });
    await page.getByRole('button', { name: 'Toevoegen' }).click();
    const result = page.getByTestId('mailbox-upload-result');
    await result.waitFor();
    await expect(result.textContent()).resolves.toContain('Het bericht is bewaard en een signaal geworden.');
    await expect(result.getByRole('link', { name: /Naar signaal MH-\d{4}-\d{6}/ }).count()).resolves.toBe(1);
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: /Opnieuw lezen/ }).first().click();
    await page.getByTestId('mailbox-notice').filter({ hasText: 'Het bericht kon weer niet gelezen worden: te veel onderdelen' }).waitFor();
    expect(problems).toEqual([]);
  });

  it('is not offered to other roles, and refused when opened directly', async () => {
    const { page } = await openAs('aandachtsfunctionaris', '/');
    await expect(page.locator('nav').getByRole('link', { name: 'Mailbox' }).count()).resolves.toBe(0);
    await page.goto('/meldpunt/mailbox');
    await page.locator('main h1').waitFor();
    await expect(page.locator('main h1').textContent()).resolves.not.toBe('Regionale mailbox');
    await expect(page.getByTestId('mailbox-table').count()).resolves.toBe(0);
  });
});
