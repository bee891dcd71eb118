import { randomUUID } from 'node:crypto';
import type { BrowserContext } from 'playwright-core';
import type { SignalInput } from '@server/modules/signals/signals.schema';

/** The CSRF token of the context's session, as the web app gets it. */
async function csrfToken(context: BrowserContext): Promise<string> {
  const response = await context.request.get('/api/v1/sessions/current');
  const body = (await response.json()) as { csrfToken?: string };
  if (!body.csrfToken) throw new Error('no session in this context: log in first');
  return body.csrfToken;
}

/** Reports a signal through the API as the context's user (demo signals do not exist yet). */
export async function reportSignal(context: BrowserContext, input: Partial<SignalInput> & { summary: string }): Promise<{ id: string; reference: string }> {
  const response = await context.request.post('/api/v1/signals', {
    data: { submissionId: randomUUID(), ...input },
    headers: { 'X-CSRF-Token': await csrfToken(context) },
  });
  if (response.status() !== 201) throw new Error(`signal not created: ${response.status()} ${await response.text()}`);
  return (await response.json()) as { id: string; reference: string };
}

/** Changes a signal through the API, as another person would while the page is open. */
export async function changeSignal(context: BrowserContext, id: string, change: Record<string, unknown>): Promise<{ version: number }> {
  const current = await context.request.get(`/api/v1/signals/${id}`);
  const { version } = (await current.json()) as { version: number };
  const response = await context.request.patch(`/api/v1/signals/${id}`, { data: { version, ...change }, headers: { 'X-CSRF-Token': await csrfToken(context) } });
  if (response.status() !== 200) throw new Error(`signal not changed: ${response.status()} ${await response.text()}`);
  return (await response.json()) as { version: number };
}

/** A phone number no other test uses, so duplicates are found only among a test's own signals. */
export function uniquePhone(): string {
  return `06-${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
}
