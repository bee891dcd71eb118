import { mkdir } from 'node:fs/promises';
import type { BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Role } from '@server/core/auth/roles';
import { recordSignal } from '@server/modules/signals';
import { axeViolations, type browserSuite, type BrowserPage, demoAccount, logInThroughApi, type RunningApp, viewports, waitForPage } from './harness';

/** Set-up shared by the browser tests of cases, the table and their tracks. */

type Suite = ReturnType<typeof browserSuite>;
type Db = RunningApp['test']['prepared']['database']['db'];

export const dbOf = (app: RunningApp): Db => app.test.prepared.database.db;

/** Waits for the shell, the page's data and every section that loads on its own. */
export async function settle(page: Page): Promise<void> {
  await waitForPage(page);
  await page.waitForFunction(() => document.querySelector('.schakel-loading') === null);
}

/** A page logged in as the demo account of `role` (default region), opened at `path`. */
export async function openAs(suite: Suite, role: Role, path: string, viewport: { width: number; height: number } = viewports.desktop): Promise<BrowserPage> {
  const session = await suite.open('/', { viewport });
  await logInThroughApi(session.context, demoAccount(suite.app, role));
  await session.page.goto(path);
  await settle(session.page);
  return session;
}

/** No WCAG 2.1 AA violations on the screen as it is. */
export async function expectAccessible(page: Page, label = 'nl'): Promise<void> {
  expect(await axeViolations(page), label).toEqual([]);
}

/** No WCAG 2.1 AA violations on the screen as it is, in Dutch and in English (back to Dutch after). */
export async function expectAccessibleInBothLanguages(page: Page): Promise<void> {
  await expectAccessible(page, 'nl');
  await page.getByRole('button', { name: 'English' }).click();
  await page.waitForFunction(() => document.documentElement.lang === 'en');
  await expectAccessible(page, 'en');
  await page.getByRole('button', { name: 'Nederlands' }).click();
  await page.waitForFunction(() => document.documentElement.lang === 'nl');
}

/** A full-page screenshot into `dir` (created when missing). */
export async function shot(page: Page, dir: string, name: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
}

/** A call to the API as the context's user, with its CSRF token; throws on anything but success. */
export async function apiCall<T>(context: BrowserContext, method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, data?: unknown): Promise<T> {
  const current = (await (await context.request.get('/api/v1/sessions/current')).json()) as { csrfToken?: string };
  const response = await context.request.fetch(url, { method, ...(data === undefined ? {} : { data }), headers: { 'X-CSRF-Token': current.csrfToken ?? '' } });
  if (response.status() >= 300) throw new Error(`${method} ${url}: ${response.status()} ${await response.text()}`);
  return (await response.json()) as T;
}

/** The first municipality of the demo account of `role` (the aandachtsfunctionaris has exactly one). */
export async function municipalityOf(app: RunningApp, role: Role): Promise<string> {
  const { email } = demoAccount(app, role);
  const row = await dbOf(app)
    .selectFrom('user_municipality')
    .innerJoin('app_user', 'app_user.id', 'user_municipality.user_id')
    .select('user_municipality.municipality_code')
    .where('app_user.email', '=', email)
    .orderBy('user_municipality.municipality_code')
    .executeTakeFirstOrThrow();
  return row.municipality_code;
}

/** A signal as the intake records it (a phone call at the meldpunt), in the municipality of `role`'s demo account. */
export async function signalArrives(
  app: RunningApp,
  role: Role,
  summary: string,
  options: { forms?: string[]; acute?: boolean } = {},
): Promise<{ id: string; reference: string; municipality: string }> {
  const municipality = await municipalityOf(app, role);
  const signal = await recordSignal(dbOf(app), {
    regionCode: app.test.config.SCHAKEL_REGION,
    channel: 'phone',
    summary,
    forms: options.forms ?? ['labour'],
    acute: options.acute ?? false,
    municipalities: [municipality],
  });
  return { id: signal.id, reference: signal.reference, municipality };
}

/** A case started through the API from a fresh signal, as the context's user (an aandachtsfunctionaris). */
export async function startCase(app: RunningApp, context: BrowserContext, title: string): Promise<{ id: string; reference: string; version: number }> {
  const signal = await signalArrives(app, 'aandachtsfunctionaris', `Fictief: mensen werken dag en nacht (${title}).`);
  return apiCall(context, 'POST', '/api/v1/cases', { signalIds: [signal.id], title, leadMunicipality: signal.municipality });
}

/** A case put forward to the regional table (assessment "table"), made through the API. */
export async function putForwardCase(app: RunningApp, context: BrowserContext, title: string): Promise<{ id: string; reference: string }> {
  const created = await startCase(app, context, title);
  const { version } = await apiCall<{ version: number }>(context, 'GET', `/api/v1/cases/${created.id}`);
  await apiCall(context, 'POST', `/api/v1/cases/${created.id}/assessments`, { version, decision: 'table', reason: 'Meerdere partners nodig (fictief).' });
  return { id: created.id, reference: created.reference };
}

/** Now in Amsterdam as a date and times: a session that started an hour ago and ends in an hour (within the day). */
export function sessionTimes(): { date: string; start: string; end: string } {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date());
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  const minutes = Number(get('hour')) * 60 + Number(get('minute'));
  const clock = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  return { date: `${get('year')}-${get('month')}-${get('day')}`, start: clock(Math.max(0, minutes - 60)), end: clock(Math.min(23 * 60 + 59, minutes + 60)) };
}

/** The first organisation of `type` in the app's region, by name (e.g. the police, the care coordination). */
export async function organisationOfType(app: RunningApp, type: string): Promise<{ id: string; name: string }> {
  return dbOf(app)
    .selectFrom('organisation')
    .select(['id', 'name'])
    .where('region_code', '=', app.test.config.SCHAKEL_REGION)
    .where('type', '=', type)
    .orderBy('name')
    .executeTakeFirstOrThrow();
}

/** The organisation of the demo account of `role`. */
export async function organisationOfRole(app: RunningApp, role: Role): Promise<{ id: string; name: string }> {
  const { email } = demoAccount(app, role);
  return dbOf(app)
    .selectFrom('app_user')
    .innerJoin('organisation', 'organisation.id', 'app_user.organisation_id')
    .select(['organisation.id', 'organisation.name'])
    .where('app_user.email', '=', email)
    .executeTakeFirstOrThrow();
}

/** A date `offsetDays` from today, as yyyy-mm-dd (for date fields). */
export const isoDay = (offsetDays: number): string => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
