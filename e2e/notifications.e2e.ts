import { describe, expect, it } from 'vitest';
import { axeViolations, browserSuite, demoAccount, logInThroughApi, viewports, waitForPage } from './support/harness';

const suite = browserSuite();
const db = () => suite.app.test.prepared.database.db;

/** A fresh notice for the demo aandachtsfunctionaris of the default region, on a demo case. */
async function noticeFor(kind: 'acute-intervention' | 'track-assigned') {
  const account = demoAccount(suite.app, 'aandachtsfunctionaris');
  const user = await db().selectFrom('app_user').select(['id', 'region_code']).where('email', '=', account.email).executeTakeFirstOrThrow();
  const kase = await db().selectFrom('case_file').select(['id', 'reference']).where('region_code', '=', user.region_code).orderBy('created_at', 'desc').executeTakeFirstOrThrow();
  await db().insertInto('notification').values({ region_code: user.region_code, user_id: user.id, kind, record_type: 'case', record_id: kase.id, reference: kase.reference }).execute();
  return kase;
}

describe('notifications (/notificaties)', () => {
  it('an unread acute intervention shows under the header on every page; the list links to the case and marks it read; no axe violations in NL and EN, desktop and phone', async () => {
    await db().updateTable('notification').set({ read_at: new Date() }).execute();
    const kase = await noticeFor('acute-intervention');
    const session = await suite.open('/');
    await logInThroughApi(session.context, demoAccount(suite.app, 'aandachtsfunctionaris'));
    const { page } = session;
    await page.goto('/regio');
    await waitForPage(page);
    const banner = page.getByTestId('notification-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toContain('acute interventie');
    expect(await axeViolations(page)).toEqual([]);

    await banner.getByRole('link', { name: 'Bekijk notificaties' }).click();
    await page.locator('[data-testid="notifications-summary"][data-state="ready"]').waitFor();
    // On the list itself the line is not repeated.
    expect(await page.getByTestId('notification-banner').count()).toBe(0);
    const row = page.getByRole('row').filter({ hasText: kase.reference });
    expect(await row.getByText('Nieuw').count()).toBe(1);
    expect(await row.getByRole('link', { name: 'Acute interventie vastgelegd' }).getAttribute('href')).toBe(`/casussen/${kase.id}`);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'English' }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Nederlands' }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'nl');

    await row.getByRole('button', { name: `Markeer ${kase.reference} als gelezen` }).click();
    const notice = page.getByRole('status').filter({ hasText: 'als gelezen gemarkeerd' });
    await notice.waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent ?? '')).toContain('als gelezen gemarkeerd');
    await page.getByRole('row').filter({ hasText: kase.reference }).getByText('Gelezen').waitFor();
    const stored = await db().selectFrom('notification').select('read_at').where('record_id', '=', kase.id).where('kind', '=', 'acute-intervention').executeTakeFirstOrThrow();
    expect(stored.read_at).not.toBeNull();

    await page.setViewportSize(viewports.phone);
    expect(await axeViolations(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  });

  it('nobody reads another account’s notices: marking someone else’s as read is refused', async () => {
    const kase = await noticeFor('track-assigned');
    const notice = await db().selectFrom('notification').select('id').where('record_id', '=', kase.id).where('kind', '=', 'track-assigned').executeTakeFirstOrThrow();
    const session = await suite.open('/');
    await logInThroughApi(session.context, demoAccount(suite.app, 'ketenregisseur'));
    const answer = await session.page.evaluate(async (id) => {
      const current = await fetch('/api/v1/sessions/current').then((r) => r.json());
      const response = await fetch(`/api/v1/notifications/${id}`, { method: 'PATCH', headers: { 'content-type': 'application/json', 'x-csrf-token': current.csrfToken }, body: JSON.stringify({ read: true }) });
      return response.status;
    }, notice.id);
    expect(answer).toBe(404);
  });
});
