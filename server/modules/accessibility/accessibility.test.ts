import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '@server/core/testing';
import { newReference } from './accessibility.service';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('accessibility reports', () => {
  it('stores a report for the default region and returns a reference, keeping no IP address', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/accessibility-reports',
      payload: { description: '  De tabel met organisaties is op mijn telefoon niet te lezen.  ', pagePath: '/regio' },
      remoteAddress: '192.0.2.44',
    });
    expect(response.statusCode).toBe(201);
    const receipt = response.json();
    expect(receipt.reference).toMatch(/^TG-\d{4}-[0-9A-Z]{8}$/);
    const rows = await t.prepared.database.db.selectFrom('accessibility_report').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      reference: receipt.reference,
      region_code: 'gooi-en-vechtstreek',
      page_path: '/regio',
      description: 'De tabel met organisaties is op mijn telefoon niet te lezen.',
    });
    expect(JSON.stringify(rows[0])).not.toContain('192.0.2.44');
  });

  it('rejects a page path with a query string, so no personal data rides along', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/accessibility-reports',
      payload: { description: 'Formulier werkt niet met de schermlezer.', pagePath: '/zoeken?naam=Jansen' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().invalidParams[0].name).toBe('body.pagePath');
  });

  it('makes references from an unambiguous alphabet', () => {
    const references = new Set(Array.from({ length: 200 }, () => newReference(new Date('2026-03-01'))));
    expect(references.size).toBe(200);
    for (const reference of references) expect(reference).toMatch(/^TG-2026-[0-9A-HJKMNP-TV-Z]{8}$/);
  });
});
