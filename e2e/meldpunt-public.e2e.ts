import { randomUUID } from 'node:crypto';
import type { APIRequestContext, Page } from 'playwright-core';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { solveChallenge } from '@server/modules/signals/signals.public';
import { axeViolations, browserSuite, focused, viewports } from './support/harness';

/**
 * The public meldpunt (/melden, the receipt, /melden/volgen) in the browser, end to end against
 * the real server. Little proof of work and a high rate limit: one address sends many reports.
 */
const suite = browserSuite({ PUBLIC_PROOF_OF_WORK_BITS: 8, PUBLIC_RATE_LIMIT_PER_MINUTE: 1000 });
const db = () => suite.app.test.prepared.database.db;

const languages = ['nl', 'en', 'pl', 'ro', 'bg', 'uk', 'es'] as const;
type Language = (typeof languages)[number];

/** The h1 of /melden in each language: the page really changed language. */
const titles: Record<Language, string> = {
  nl: 'Uitbuiting melden',
  en: 'Report exploitation',
  pl: 'Zgłoś wyzysk',
  ro: 'Raportați exploatarea',
  bg: 'Сигнал за експлоатация',
  uk: 'Повідомити про експлуатацію',
  es: 'Denunciar la explotación',
};

// A 1×1 PNG: a real image by its content.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
// A Windows program that calls itself a photo.
const DISGUISED_EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);

const submit = (page: Page) => page.getByTestId('report-submit');

async function openReport(path = '/melden', viewport: { width: number; height: number } = viewports.desktop) {
  const session = await suite.open(path, { viewport });
  const wanted = new URL(path, 'http://x').searchParams.get('taal') ?? 'nl';
  await session.page.locator(`html[lang="${wanted}"]`).waitFor();
  return session;
}

async function sendMinimalReport(page: Page): Promise<{ reference: string; code: string }> {
  await page.locator('#report-description').fill('In de kas aan de Dorpsstraat werken mensen tot laat in de nacht.');
  await submit(page).click();
  await page.getByTestId('report-receipt').waitFor({ timeout: 30_000 });
  return {
    reference: await page.getByTestId('receipt-reference').innerText(),
    code: await page.getByTestId('receipt-code').innerText(),
  };
}

async function signalCount(): Promise<number> {
  const row = await db().selectFrom('signal').select((eb) => eb.fn.countAll<string>().as('n')).where('channel', '=', 'public-form').executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A report as another client would send it, for the follow-up tests. */
async function reportThroughApi(request: APIRequestContext): Promise<{ reference: string; followUpCode: string }> {
  const challenge = (await (await request.post('/api/v1/public/challenges')).json()) as { token: string; difficulty: number };
  const response = await request.post('/api/v1/public/signals', {
    data: {
      submissionId: randomUUID(),
      challenge: { token: challenge.token, nonce: solveChallenge(challenge.token, challenge.difficulty) },
      language: 'nl',
      description: 'Op het bedrijventerrein slapen arbeiders in een loods.',
      anonymous: true,
    },
  });
  expect(response.status()).toBe(201);
  return (await response.json()) as { reference: string; followUpCode: string };
}

/** Problems the harness records that a test caused on purpose (refused input, a cut connection). */
const expected = (problems: string[], ...patterns: RegExp[]) => problems.filter((problem) => !patterns.some((pattern) => pattern.test(problem)));

describe('reporting at /melden', () => {
  it('sends a report with a photo: the receipt shows reference and code, the signal and its file are stored, the code is nowhere else', async () => {
    const before = await signalCount();
    const { page, problems } = await openReport();
    await page.locator('#report-description').fill('In de kas aan de Dorpsstraat werken mensen tot laat in de nacht. Ze slapen in een loods.');
    await page.locator('#report-place').fill('Hilversum');
    await page.locator('#report-address').fill('Dorpsstraat 1');
    await page.locator('#report-period-from').fill('2026-01-05');
    await page.locator('#report-form-labour').check();
    await page.locator('#report-acute').check();
    await page.locator('#report-anonymous-no').check();
    await page.locator('#report-contact-email').fill('melder@voorbeeld.nl');
    await page.locator('#report-files').setInputFiles({ name: 'kas.png', mimeType: 'image/png', buffer: PNG });
    await page.locator('[data-testid="report-files"] [data-state="done"]').waitFor();
    await expect(page.locator('[data-testid="report-files"]').innerText()).resolves.toContain('kas.png');

    await submit(page).click();
    await page.getByTestId('report-receipt').waitFor({ timeout: 30_000 });
    const reference = await page.getByTestId('receipt-reference').innerText();
    const code = await page.getByTestId('receipt-code').innerText();
    expect(reference).toMatch(/^MH-\d{4}-\d{6}$/);
    expect(code).toMatch(/^([A-Z2-9]{4}-){4}[A-Z2-9]{4}$/);
    await expect(page.locator('main h1').innerText()).resolves.toBe('Melding ontvangen');
    expect((await focused(page)).tag).toBe('h1');

    const signal = await db().selectFrom('signal').selectAll().where('reference', '=', reference).executeTakeFirstOrThrow();
    expect(signal).toMatchObject({ channel: 'public-form', language: 'nl', anonymous: false, acute: true, reporter_email: 'melder@voorbeeld.nl' });
    expect(signal.summary).toContain('Dorpsstraat');
    const files = await db().selectFrom('signal_attachment').select(['file_name', 'media_type']).where('signal_id', '=', signal.id).execute();
    expect(files).toEqual([{ file_name: 'kas.png', media_type: 'image/png' }]);
    const places = await db().selectFrom('signal_location').select(['place', 'description']).where('signal_id', '=', signal.id).execute();
    expect(places).toEqual([{ place: 'Hilversum', description: 'Dorpsstraat 1' }]);
    expect(await signalCount()).toBe(before + 1);

    // Shown once, on this page only: not in the address, storage or history state.
    const traces = await page.evaluate(() => [location.href, JSON.stringify(history.state), JSON.stringify({ ...localStorage }), JSON.stringify({ ...sessionStorage })].join('\n'));
    expect(traces).not.toContain(code);
    expect(traces).not.toContain(code.replaceAll('-', ''));
    expect(problems).toEqual([]);
  });

  it('makes one report of a double click, and of a retry after the answer got lost', async () => {
    const before = await signalCount();
    const { page, problems } = await openReport();
    await page.locator('#report-description').fill('Twee keer geklikt: er mag maar één melding komen.');
    await submit(page).dblclick();
    await page.getByTestId('report-receipt').waitFor({ timeout: 30_000 });
    expect(await signalCount()).toBe(before + 1);

    // The server stores the report, but its answer never reaches the page.
    const second = await openReport();
    let stored: { reference: string } | undefined;
    await second.page.route('**/api/v1/public/signals', async (route) => {
      const response = await route.fetch();
      stored = (await response.json()) as { reference: string };
      await route.abort('connectionreset');
    });
    await second.page.locator('#report-description').fill('Het antwoord ging verloren; opnieuw versturen mag geen tweede melding maken.');
    await submit(second.page).click();
    await second.page.getByTestId('report-problem').waitFor();
    await expect(second.page.getByTestId('report-problem').innerText()).resolves.toContain('Er is geen verbinding');
    expect(stored?.reference).toMatch(/^MH-/);
    expect(await signalCount()).toBe(before + 2);

    await second.page.unroute('**/api/v1/public/signals');
    await submit(second.page).click();
    await second.page.getByTestId('report-receipt').waitFor({ timeout: 30_000 });
    await expect(second.page.getByTestId('receipt-reference').innerText()).resolves.toBe(stored?.reference);
    expect(await signalCount()).toBe(before + 2);
    expect(problems).toEqual([]);
    expect(expected(second.problems, /(request failed|ERR_CONNECTION_RESET).*\/public\/signals/)).toEqual([]);
  });

  it('shows every error in Polish, next to its field and in a summary that gets focus', async () => {
    const { page, problems } = await openReport('/melden?taal=pl');
    await expect(page.locator('main h1').innerText()).resolves.toBe('Zgłoś wyzysk');
    expect(new URL(page.url()).search).toBe('');

    await submit(page).click();
    const summary = page.locator('.schakel-error-summary');
    await summary.waitFor();
    await expect(summary.innerText()).resolves.toContain('Coś poszło nie tak');
    await expect(summary.locator('li').allInnerTexts()).resolves.toEqual(['Opisz, co się stało.']);
    expect((await focused(page)).text).toContain('Coś poszło nie tak');
    await expect(page.locator('#report-description-error').innerText()).resolves.toContain('Opisz, co się stało.');
    await expect(page.locator('#report-description').getAttribute('aria-describedby')).resolves.toContain('report-description-error');
    await expect(page.locator('#report-description').getAttribute('aria-invalid')).resolves.toBe('true');
    const text = await page.locator('main').innerText();
    for (const english of ['Invalid request', 'Describe', 'too_small', 'required']) expect(text).not.toContain(english);

    // The link in the summary takes the keyboard to the field.
    await summary.locator('a').first().press('Enter');
    expect((await focused(page)).id).toBe('report-description');

    // A program that calls itself a photo: refused by its content, in Polish, next to the file.
    await page.locator('#report-files').setInputFiles({ name: 'foto.jpg', mimeType: 'image/jpeg', buffer: DISGUISED_EXE });
    const refused = page.locator('[data-testid="report-files"] [data-state="failed"]');
    await refused.waitFor();
    await expect(refused.innerText()).resolves.toContain('Tego rodzaju pliku nie można dodać');

    // With contact details but neither e-mail nor phone.
    await page.locator('#report-description').fill('Ktoś mieszka w miejscu pracy.');
    await page.locator('#report-anonymous-no').check();
    await submit(page).click();
    await page.locator('#report-contact-error').waitFor();
    await expect(page.locator('#report-contact-error').innerText()).resolves.toContain('Wpisz adres e-mail albo numer telefonu');
    await expect(summary.locator('li').allInnerTexts()).resolves.toEqual(['Wpisz adres e-mail albo numer telefonu. Albo wybierz: zgłaszam anonimowo.']);

    // Removed, the refused file is not sent; the report goes through in Polish.
    await refused.getByRole('button').click();
    expect((await focused(page)).id).toBe('report-files');
    await page.locator('#report-contact-phone').fill('06-12345678');
    await submit(page).click();
    await page.getByTestId('report-receipt').waitFor({ timeout: 30_000 });
    await expect(page.locator('main h1').innerText()).resolves.toBe('Zgłoszenie przyjęte');
    const reference = await page.getByTestId('receipt-reference').innerText();
    const signal = await db().selectFrom('signal').select(['language', 'anonymous', 'reporter_phone']).where('reference', '=', reference).executeTakeFirstOrThrow();
    expect(signal).toEqual({ language: 'pl', anonymous: false, reporter_phone: '06-12345678' });
    expect(expected(problems, /HTTP 400 .*\/public\/signals/, /HTTP 415 .*\/public\/attachments/, /status of (400|415)/)).toEqual([]);
  });

  it('keeps the honeypot out of reach and every control on the way to "send" visibly focused', async () => {
    const { page } = await openReport();
    await expect(page.locator('.schakel-meldpunt-honeypot').getAttribute('aria-hidden')).resolves.toBe('true');
    await expect(page.locator('#report-website').getAttribute('tabindex')).resolves.toBe('-1');
    await page.locator('#report-description').focus();
    const visited: string[] = [];
    for (let step = 0; step < 40; step += 1) {
      await page.keyboard.press('Tab');
      const now = await focused(page);
      visited.push(now.id || now.text);
      // The file input hands its focus ring to its label, which is what one sees.
      if (now.id !== 'report-files') expect(now.outline, `${now.tag} ${now.id} ${now.text} after ${visited.join(", ")}`).toBe(true);
      if (now.text === 'Melding versturen') break;
    }
    expect(visited).not.toContain('report-website');
    expect(visited).toEqual(expect.arrayContaining(['report-place', 'report-address', 'report-form-sexual', 'report-acute', 'report-anonymous-yes', 'report-files', 'Melding versturen']));
    const ring = await page.evaluate(() => getComputedStyle(document.querySelector('.schakel-meldpunt-files__button')!).outlineStyle);
    expect(ring).toBe('none');
    await page.locator('#report-files').focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    const ringOnFocus = await page.evaluate(() => getComputedStyle(document.querySelector('.schakel-meldpunt-files__button')!).outlineStyle);
    expect(ringOnFocus).toBe('solid');
  });
});

describe('following a report at /melden/volgen', () => {
  it('shows the status by reference and code (typed loosely), takes an addition, and refuses a wrong code', async () => {
    const { page, context, problems } = await openReport('/melden/volgen');
    const { reference, followUpCode } = await reportThroughApi(context.request);

    await page.locator('#follow-reference').fill(reference.toLowerCase());
    await page.locator('#follow-code').fill(followUpCode.toLowerCase().replaceAll('-', ' '));
    await page.getByTestId('follow-lookup').locator('button[type="submit"]').click();
    await page.getByTestId('follow-status').waitFor();
    await expect(page.getByTestId('follow-status-value').innerText()).resolves.toBe('Ontvangen');
    await expect(page.getByTestId('follow-additions').innerText()).resolves.toBe('0');
    expect((await focused(page)).id).toBe('follow-status-heading');
    // Only the status: nothing of what was reported.
    await expect(page.locator('main').innerText()).resolves.not.toContain('bedrijventerrein');

    await page.locator('#follow-text').fill('Vannacht stond er weer een busje voor de loods.');
    await page.getByTestId('follow-add').locator('button[type="submit"]').click();
    await page.getByTestId('follow-added').waitFor();
    await expect(page.getByTestId('follow-additions').innerText()).resolves.toBe('1');
    const additions = await sql<{ n: string }>`select count(*)::text as n from signal_addition a join signal s on s.id = a.signal_id where s.reference = ${reference}`.execute(db());
    expect(additions.rows[0]?.n).toBe('1');

    await page.locator('#follow-code').fill('AAAA-AAAA-AAAA-AAAA-AAAA');
    await page.getByTestId('follow-lookup').locator('button[type="submit"]').click();
    const summary = page.locator('[data-testid="follow-lookup"] .schakel-error-summary');
    await summary.waitFor();
    await expect(summary.innerText()).resolves.toContain('Het meldingsnummer en de volgcode horen niet bij elkaar');
    expect(expected(problems, /HTTP 404 .*\/public\/follow-ups/, /status of 404/)).toEqual([]);
  });
});

describe('the way in', () => {
  it('a visitor finds the meldpunt on the home page and in the navigation; the header keeps its own language', async () => {
    const { page, problems } = await suite.open('/');
    await expect(page.locator('.schakel-nav a', { hasText: 'Uitbuiting melden' }).count()).resolves.toBe(1);
    await page.getByTestId('home-report').click();
    await page.locator('main h1', { hasText: 'Uitbuiting melden' }).waitFor();

    await page.goto('/');
    await page.locator('.schakel-home-report a[lang="uk"]').click();
    await page.locator('main h1', { hasText: titles.uk }).waitFor();
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('uk');
    // The interface has no Ukrainian: the header is in English and says so.
    await expect(page.locator('header').getAttribute('lang')).resolves.toBe('en');
    await expect(page.locator('header').innerText()).resolves.toContain('Log in');

    // Back to Dutch through the header's own switch: the page follows.
    await page.locator('header button[lang="nl"]').click();
    await page.locator('main h1', { hasText: titles.nl }).waitFor();
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('nl');
    expect(problems).toEqual([]);
  });
});

describe.each(languages)('no axe violations in %s', (language) => {
  it.each(Object.keys(viewports) as (keyof typeof viewports)[])('on /melden, the receipt and /melden/volgen (%s)', async (device) => {
    const { page, context, problems } = await openReport(`/melden?taal=${language}`, viewports[device]);
    const check = async (where: string) => {
      await expect(page.locator('html').getAttribute('lang'), where).resolves.toBe(language);
      expect(await axeViolations(page), `${where} in ${language} on ${device}`).toEqual([]);
    };
    await expect(page.locator('main h1').innerText()).resolves.toBe(titles[language]);
    await check('/melden');

    await submit(page).click();
    await page.locator('.schakel-error-summary').waitFor();
    await check('/melden with errors');

    const { reference, code } = await sendMinimalReport(page);
    await check('the receipt');

    await page.goto('/melden/volgen');
    await page.locator('main h1').waitFor();
    await check('/melden/volgen');
    await page.locator('#follow-reference').fill(reference);
    await page.locator('#follow-code').fill(code);
    await page.getByTestId('follow-lookup').locator('button[type="submit"]').click();
    await page.getByTestId('follow-status').waitFor();
    await check('/melden/volgen with the status');
    expect(expected(problems, /HTTP 400 .*\/public\/signals/, /status of 400/)).toEqual([]);
    await context.close();
  });
});
