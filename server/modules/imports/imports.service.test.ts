import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '@server/core/testing';
import { onSignalRecorded, type RecordedSignal } from '@server/modules/signals';
import { classify, parseExport } from './imports.analysis';
import { knownRecords } from './imports.repository';
import { ImportFileError } from './imports.decode';
import { MMA_HEADER, mmaCsv, mmaRow } from './imports.fixtures';
import { loadMapping, loadMappings } from './imports.mapping';
import { dryRun, importFile } from './imports.service';

const mappings = loadMappings('./config/imports');
const mma = mappings.mma;
const REGION = 'gooi-en-vechtstreek';
const bytes = (text: string) => new TextEncoder().encode(text);

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

/** Rows in every table an import may touch: a re-import or a dry-run must leave all of them as they are. */
async function tableCounts() {
  const tables = ['signal', 'signal_municipality', 'signal_person', 'signal_business', 'signal_location', 'signal_vehicle', 'signal_key', 'signal_event', 'import_record', 'import_batch'];
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(t.prepared.database.db);
    counts[table] = rows[0]!.n;
  }
  return counts;
}

const run = (text: string | Uint8Array, options: { dryRun?: boolean; source?: 'mma' | 'watch'; fileName?: string } = {}) =>
  importFile(
    t.prepared.database,
    {
      regionCode: REGION,
      mapping: mappings[options.source ?? 'mma'],
      fileName: options.fileName ?? 'export.csv',
      bytes: typeof text === 'string' ? bytes(text) : text,
      origin: 'cli',
      createdBy: null,
    },
    { dryRun: options.dryRun ?? false },
  );

describe('reading exports', () => {
  it('parses the documented example files with the default mappings', () => {
    for (const source of ['mma', 'watch'] as const) {
      const parsed = parseExport(readFileSync(`docs/examples/${source}-export.csv`), loadMapping('./config/imports', source));
      expect(parsed.rejected, source).toEqual([]);
      expect(parsed.rows.length, source).toBeGreaterThanOrEqual(2);
      expect(parsed.encoding).toBe('utf-8');
    }
    const watch = parseExport(readFileSync('docs/examples/watch-export.csv'), mappings.watch);
    expect(watch.rows[1]!.signal).toMatchObject({ acute: true, forms: ['sexual'], vehicles: [{ licensePlate: 'AB-123-C' }, { licensePlate: 'D-EF-45' }] });
    expect(watch.rows[0]!.signal.locations![0]).toMatchObject({ street: 'Havenstraat', houseNumber: '3', postcode: '1271 AD', place: 'Huizen' });
    expect(watch.rows[0]!.signal.receivedAt!.toISOString()).toBe('2026-02-11T13:02:00.000Z');
  });

  it('refuses a file whose header does not fit, naming the expected and the found columns', () => {
    const header = MMA_HEADER.map((h) => (h === 'Datum melding' ? 'Datum' : h));
    try {
      parseExport(bytes(mmaCsv([mmaRow('X-1')], { header })), mma);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ImportFileError);
      const e = error as ImportFileError;
      expect(e.reason).toBe('header');
      expect(e.detail.missing).toEqual(['Datum melding']);
      expect(e.detail.found).toContain('Datum');
      expect(e.detail.expected).toContain('Datum melding');
      expect(e.message).toMatch(/Missing column: Datum melding\. Expected: .*Datum melding.* Found: .*;Datum;/);
    }
    // A Watch Nederland file offered as MMA: wrong header, and the message says so.
    expect(() => parseExport(readFileSync('docs/examples/watch-export.csv'), mma)).toThrow(/Meld Misdaad Anoniem mapping\. Missing columns: Meldingnummer/);
  });

  it('reads Windows-1252 (é, ë, ü) and UTF-8 with a BOM, and reports which encoding it used', () => {
    const text = mmaCsv([mmaRow('W-1', { Plaats: 'Kortenhoef', Omschrijving: 'Café bij de brug; eigenaar heet Zoë Müller-Brântë (fictief).', 'Betrokken personen': 'Slachtoffer: Anaïs Bégué, ca. 22 jaar' })]);
    const cp1252 = parseExport(iconv.encode(text, 'windows-1252'), mma);
    expect(cp1252.encoding).toBe('windows-1252');
    expect(cp1252.rows[0]!.signal.summary).toBe('Café bij de brug; eigenaar heet Zoë Müller-Brântë (fictief).');
    expect(cp1252.rows[0]!.signal.persons![0]).toMatchObject({ role: 'victim', name: 'Anaïs Bégué', approximateAge: 22 });
    const bom = parseExport(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes(text)]), mma);
    expect(bom.encoding).toBe('utf-8-bom');
    expect(bom.rows[0]!.signal.summary).toBe(cp1252.rows[0]!.signal.summary);
    expect(bom.rows[0]!.fingerprint).toBe(cp1252.rows[0]!.fingerprint);
  });

  it('rejects malformed rows with their line numbers: too many columns, an unbalanced quote; a quote never closed refuses the file', () => {
    const lines = mmaCsv([mmaRow('M-1'), mmaRow('M-2'), mmaRow('M-3'), mmaRow('M-4'), mmaRow('M-5', { Omschrijving: 'Tekst; met een puntkomma, dus tussen quotes' }), mmaRow('M-6')])
      .trimEnd()
      .split('\r\n');
    lines[2] += ';te veel;nog een';
    lines[3] = lines[3]!.replace('Arbeiders worden', '"Arbeiders worden');
    const parsed = parseExport(bytes(lines.join('\n')), mma);
    expect(parsed.rejected).toEqual([
      { line: 3, lastLine: 3, reasons: [{ code: 'columns', found: 16, expected: 14 }] },
      { line: 4, lastLine: 6, reasons: [{ code: 'quote', found: undefined, expected: undefined }] },
    ]);
    expect(parsed.rows.map((r) => r.sourceId)).toEqual(['M-1', 'M-6']);

    const open = mmaCsv([mmaRow('M-1'), mmaRow('M-2', { Omschrijving: 'x' })]).replace(';x;', ';"x;');
    expect(() => parseExport(bytes(open), mma)).toThrow('A quote opened on line 3 is never closed');
  });

  it('rejects a missing required field, an invalid or future date and a repeated source id; an unknown form becomes "unknown" with a warning', () => {
    const parsed = parseExport(
      bytes(
        mmaCsv([
          mmaRow('R-1', { Omschrijving: '' }),
          mmaRow('R-2', { 'Datum melding': '31-02-2026' }),
          mmaRow('R-3', { 'Datum melding': '01-01-2099' }),
          mmaRow('R-4'),
          mmaRow('R-4'),
          mmaRow('R-5', { 'Soort uitbuiting': 'Ruilhandel' }),
        ]),
      ),
      mma,
    );
    expect(parsed.rejected.map((r) => [r.line, r.reasons.map((x) => x.code)])).toEqual([
      [2, ['missing']],
      [3, ['date']],
      [4, ['date-future']],
      [6, ['duplicate-id']],
    ]);
    expect(parsed.rejected[0]!.reasons[0]).toMatchObject({ field: 'summary', column: 'Omschrijving' });
    expect(parsed.rejected[1]!.reasons[0]).toMatchObject({ column: 'Datum melding', value: '31-02-2026' });
    expect(parsed.rejected[3]!.reasons[0]).toMatchObject({ firstLine: 5 });
    const r5 = parsed.rows.find((r) => r.sourceId === 'R-5')!;
    expect(r5.signal.forms).toEqual(['unknown']);
    expect(r5.warnings).toEqual([{ code: 'form-unknown', field: 'forms', column: 'Soort uitbuiting', value: 'Ruilhandel' }]);
  });
});

describe('importing', () => {
  const file = mmaCsv([
    mmaRow('I-1', { Plaats: 'Hilversum', Straat: 'Larenseweg', Huisnummer: '112', Postcode: '1221 CL', Bedrijfsnaam: 'Fictief Uitzendbureau B.V.', 'KvK-nummer': '12345678', Vestigingsplaats: 'Huizen', 'Betrokken personen': 'Verdachte: Dirk Fictief, 06-11223344' }),
    mmaRow('I-2', { Plaats: 'Bussum', Spoed: 'ja', 'Soort uitbuiting': 'Seksuele uitbuiting|Criminele uitbuiting', Omschrijving: '<script>alert("x")</script> <b>vet</b> & meer' }),
    mmaRow('I-3', { 'Datum melding': 'gisteren' }),
    mmaRow('I-4', { Plaats: 'Amersfoort', Kenteken: '12-ABC-3' }),
  ]);

  it('a dry-run writes nothing and lists what would be created and rejected', async () => {
    const before = await tableCounts();
    const { report, batchId } = await run(file, { dryRun: true });
    expect(batchId).toBeUndefined();
    expect(report.counts).toEqual({ total: 4, created: 3, updated: 0, unchanged: 0, rejected: 1, warnings: 1 });
    expect(report.rejected).toEqual([{ line: 4, lastLine: 4, sourceId: 'I-3', reasons: [{ code: 'date', field: 'receivedAt', column: 'Datum melding', value: 'gisteren' }] }]);
    expect(report.warnings).toEqual([{ line: 5, sourceId: 'I-4', warnings: [{ code: 'place-unrouted', field: 'place', column: 'Plaats', value: 'Amersfoort' }] }]);
    expect(report.sample[0]).toMatchObject({ line: 2, sourceId: 'I-1', places: ['Hilversum', 'Huizen'], municipalities: [{ code: 'GM0402', name: 'Hilversum' }, { code: 'GM0406', name: 'Huizen' }], persons: 1 });
    expect(await tableCounts()).toEqual(before);
  });

  it('imports the valid rows in one go: routed to two municipalities from two places, duplicate keys, markup kept as text, acute hook called', async () => {
    const seen: RecordedSignal[] = [];
    onSignalRecorded(async (_trx, signal) => {
      if (signal.channel === 'mma') seen.push(signal);
    });
    const { counts, batchId } = await run(file, { fileName: 'mma-2026-02.csv' });
    expect(counts).toEqual({ total: 4, created: 3, updated: 0, unchanged: 0, rejected: 1 });
    const db = t.prepared.database.db;
    const signals = await db.selectFrom('signal').selectAll().where('channel', '=', 'mma').orderBy('source_id').execute();
    expect(signals.map((s) => s.source_id)).toEqual(['I-1', 'I-2', 'I-4']);
    expect(signals[0]!.received_at.toISOString()).toBe('2026-02-03T08:15:00.000Z');
    expect(signals[1]).toMatchObject({ acute: true, forms: ['sexual', 'criminal'], anonymous: true, summary: '<script>alert("x")</script> <b>vet</b> & meer' });
    const municipalities = await db.selectFrom('signal_municipality').select(['municipality_code', 'derived']).where('signal_id', '=', signals[0]!.id).orderBy('municipality_code').execute();
    expect(municipalities).toEqual([
      { municipality_code: 'GM0402', derived: true },
      { municipality_code: 'GM0406', derived: true },
    ]);
    expect(await db.selectFrom('signal_municipality').select('municipality_code').where('signal_id', '=', signals[2]!.id).execute()).toEqual([]);
    const keys = await db.selectFrom('signal_key').select(['kind', 'value']).where('signal_id', '=', signals[0]!.id).orderBy('kind').execute();
    expect(keys).toEqual([
      { kind: 'address', value: '1221CL 112' },
      { kind: 'business', value: 'kvk:12345678' },
      { kind: 'person', value: 'dirk fictief' },
      { kind: 'phone', value: '31611223344' },
    ]);
    const event = await db.selectFrom('signal_event').select(['kind', 'detail']).where('signal_id', '=', signals[0]!.id).executeTakeFirstOrThrow();
    expect(event).toMatchObject({ kind: 'received', detail: { channel: 'mma', source: 'mma', importId: batchId, line: 2 } });
    expect(signals.every((s) => /^MH-2026-\d{6}$/.test(s.reference))).toBe(true);
    expect(seen.map((s) => [s.reference, s.acute])).toEqual(signals.map((s) => [s.reference, s.acute]));
    const batch = await db.selectFrom('import_batch').selectAll().where('id', '=', batchId!).executeTakeFirstOrThrow();
    expect(batch).toMatchObject({ status: 'done', file_name: 'mma-2026-02.csv', created_count: 3, rejected_count: 1, content: null, origin: 'cli', encoding: 'utf-8' });
    expect(batch.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('a re-import of the same file creates nothing and changes nothing', async () => {
    const before = await tableCounts();
    const { counts } = await run(file);
    expect(counts).toEqual({ total: 4, created: 0, updated: 0, unchanged: 3, rejected: 1 });
    const after = await tableCounts();
    expect({ ...after, import_batch: before.import_batch }).toEqual(before);
    expect(after.import_batch).toBe(before.import_batch! + 1);
  });

  it('the same source id with other content is an update: listed with the changed fields, and put on the signal’s timeline without overwriting it', async () => {
    const changed = mmaCsv([mmaRow('I-2', { Plaats: 'Bussum', Spoed: 'ja', 'Soort uitbuiting': 'Seksuele uitbuiting|Criminele uitbuiting', Omschrijving: 'Aangevulde omschrijving (fictief).' })]);
    const dry = await run(changed, { dryRun: true });
    expect(dry.report.counts).toMatchObject({ created: 0, updated: 1, unchanged: 0 });
    expect(dry.report.updated[0]).toMatchObject({ line: 2, sourceId: 'I-2', changed: ['summary'] });
    expect(dry.report.updated[0]!.reference).toMatch(/^MH-2026-/);
    const { counts } = await run(changed);
    expect(counts).toMatchObject({ created: 0, updated: 1 });
    const db = t.prepared.database.db;
    const signal = await db.selectFrom('signal').select(['id', 'summary']).where('source_id', '=', 'I-2').executeTakeFirstOrThrow();
    expect(signal.summary).toContain('<script>');
    const event = await db.selectFrom('signal_event').select('detail').where('signal_id', '=', signal.id).where('kind', '=', 'source-changed').executeTakeFirstOrThrow();
    expect(event.detail).toMatchObject({ source: 'mma', line: 2, changed: { summary: 'Aangevulde omschrijving (fictief).' } });
    expect((await run(changed)).counts).toMatchObject({ updated: 0, unchanged: 1 });
  });

  it('all or nothing: a row that fails at insert time late in the file leaves nothing of the file behind', async () => {
    const rows = Array.from({ length: 300 }, (_, i) => mmaRow(`A-${i + 1}`, { Plaats: i % 2 ? 'Huizen' : 'Laren' }));
    let armed = true;
    onSignalRecorded(async (_trx, signal) => {
      if (armed && signal.channel === 'mma' && signal.municipalities.includes('GM0417') && signal.receivedAt && (await isSource(_trx, signal.id, 'A-299'))) {
        throw new Error('simulated failure at insert time');
      }
    });
    const before = await tableCounts();
    await expect(run(mmaCsv(rows), { fileName: 'crash.csv' })).rejects.toThrow('simulated failure');
    const after = await tableCounts();
    expect({ ...after, import_batch: before.import_batch }).toEqual(before);
    const batch = await t.prepared.database.db.selectFrom('import_batch').select(['status', 'error']).where('file_name', '=', 'crash.csv').executeTakeFirstOrThrow();
    expect(batch).toEqual({ status: 'failed', error: 'The import stopped with an error; nothing was imported.' });
    armed = false;
    expect((await run(mmaCsv(rows))).counts).toMatchObject({ created: 300 });
  });

  it('a file that cannot be read is refused whole and recorded as failed', async () => {
    const before = await tableCounts();
    await expect(run(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00]), { fileName: 'export.xlsx' })).rejects.toThrow(/not a text \(CSV\) file/);
    const after = await tableCounts();
    expect(after.signal).toBe(before.signal);
    const batch = await t.prepared.database.db.selectFrom('import_batch').select(['status', 'error']).where('file_name', '=', 'export.xlsx').executeTakeFirstOrThrow();
    expect(batch.status).toBe('failed');
  });

  it('a row that matched its earlier import when the file was read, but was imported anew since, is mapped and classified after all', async () => {
    const db = t.prepared.database.db;
    const first = mmaCsv([mmaRow('S-1')]);
    await run(first);
    const known = await knownRecords(db, REGION, 'mma');
    const parsed = parseExport(bytes(first), mma, new Date(), known);
    expect(parsed.same.map((r) => r.sourceId)).toEqual(['S-1']);
    expect(parsed.rows).toEqual([]);
    await run(mmaCsv([mmaRow('S-1', { Omschrijving: 'Intussen gewijzigd in de bron (fictief).' })]));
    const analysis = await classify(db, REGION, mma, parsed, { known });
    expect(analysis.update.map((u) => [u.row.sourceId, u.changed])).toEqual([['S-1', ['summary']]]);
    expect(analysis.unchanged).toBe(0);
  });

  it('keeps regions apart: the same source id in another region is another signal', async () => {
    const other = await importFile(
      t.prepared.database,
      { regionCode: 'ijsselland', mapping: mma, fileName: 'x.csv', bytes: bytes(mmaCsv([mmaRow('I-1', { Plaats: 'Zwolle' })])), origin: 'cli', createdBy: null },
      { dryRun: false },
    );
    expect(other.counts).toMatchObject({ created: 1 });
    const dry = await dryRun(t.prepared.database.db, { regionCode: 'ijsselland', mapping: mma, bytes: bytes(mmaCsv([mmaRow('I-1', { Plaats: 'Zwolle' })])) });
    expect(dry.report.counts).toMatchObject({ created: 0, unchanged: 1 });
  });
});

async function isSource(trx: Parameters<Parameters<typeof onSignalRecorded>[0]>[0], id: string, sourceId: string): Promise<boolean> {
  const row = await trx.selectFrom('signal').select('source_id').where('id', '=', id).executeTakeFirst();
  return row?.source_id === sourceId;
}
