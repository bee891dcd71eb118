import { expect } from 'vitest';
import type { LoggedIn, TestApp } from '@server/core/testing';
import { recordSignal } from '@server/modules/signals';

/**
 * Test factories for cases (for this module's tests and those of the table and the spoed-MDO):
 * fictional signals through the real intake, cases through the real API.
 */
export const HILVERSUM = 'GM0402';
export const HUIZEN = 'GM0406';
export const GOOISE_MEREN = 'GM1942';

let counter = 0;

export async function makeSignal(t: TestApp, municipality: string, options: { acute?: boolean; personName?: string } = {}): Promise<string> {
  counter++;
  const recorded = await recordSignal(t.prepared.database.db, {
    regionCode: t.config.SCHAKEL_REGION,
    channel: 'phone',
    summary: `Fictief signaal ${counter}: mensen werken lange dagen in een loods.`,
    forms: ['labour'],
    acute: options.acute ?? false,
    municipalities: [municipality],
    persons: [{ role: 'victim', name: options.personName ?? `Fictieve Persoon ${counter}`, approximateAge: 30, nationality: 'Pools' }],
    locations: [{ street: 'Industrieweg', houseNumber: String(counter), place: 'Hilversum' }],
    businesses: [{ name: `Fictief Uitzendbureau ${counter}`, sector: 'uitzendwerk' }],
  });
  return recorded.id;
}

/** A case led by `municipality`, made by `session` (a ketenregisseur or that municipality's aandachtsfunctionaris). */
export async function makeCase(t: TestApp, session: LoggedIn, municipality: string, extra: Record<string, unknown> = {}): Promise<{ id: string; reference: string }> {
  const signalId = await makeSignal(t, municipality);
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/v1/cases',
    headers: session.headers,
    payload: { signalIds: [signalId], title: `Loods Industrieweg ${counter}`, leadMunicipality: municipality, ...extra },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

export async function organisationId(t: TestApp, type: string): Promise<string> {
  const row = await t.prepared.database.db.selectFrom('organisation').select('id').where('region_code', '=', t.config.SCHAKEL_REGION).where('type', '=', type).orderBy('name').executeTakeFirstOrThrow();
  return row.id;
}
