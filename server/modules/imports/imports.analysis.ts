import type { Transaction } from 'kysely';
import type { Db } from '@server/core/db/database';
import type { Database } from '@server/db/schema';
import { municipalityOfPlace, routingTable } from '@server/modules/signals';
import { type CsvRecord, readCsv } from './imports.csv';
import { decodeFile, type DetectedEncoding } from './imports.decode';
import { type ImportField, importFields, type ImportMapping } from './imports.mapping';
import * as repository from './imports.repository';
import type { KnownRecords } from './imports.repository';
import { cleanValues, fieldHashesOf, fingerprintOf, isRejected, type MappedRow, type RejectedRow, rowMapper, type RowWarning } from './imports.rows';

/**
 * What a file would do: every line is created, updated (the same source id with other content),
 * unchanged, or rejected with its reasons. The dry-run shows this; the import recomputes it inside
 * its transaction, so what it does matches the database at that moment.
 */
export interface ParsedExport {
  encoding: DetectedEncoding;
  headers: string[];
  rows: MappedRow[];
  rejected: RejectedRow[];
  /** Rows that matched an earlier import exactly (only with `known`): not mapped again. */
  same: SameRow[];
}

export interface SameRow {
  line: number;
  sourceId: string;
  fingerprint: string;
  record: CsvRecord;
}

export interface Analysis extends ParsedExport {
  total: number;
  create: MappedRow[];
  update: { row: MappedRow; signalId: string; changed: ImportField[] }[];
  unchanged: number;
  /** Rows whose source id is a signal without an import record: linked, nothing else changes. */
  link: { row: MappedRow; signalId: string }[];
  warnings: { line: number; sourceId: string; warnings: RowWarning[] }[];
}

/**
 * Decodes, checks the header and maps every row (pure; throws ImportFileError for a file that
 * cannot be read). With `known` (source id → fingerprint of earlier imports) a row whose values
 * are exactly those of its earlier import is only fingerprinted, not mapped again: that is what
 * keeps a re-import of a large file fast.
 */
export function parseExport(bytes: Uint8Array, mapping: ImportMapping, now = new Date(), known?: KnownRecords): ParsedExport {
  const { text, encoding } = decodeFile(bytes, mapping.encoding);
  const csv = readCsv(text, mapping);
  const map = rowMapper(mapping, now);
  const rows: MappedRow[] = [];
  const same: SameRow[] = [];
  const rejected: RejectedRow[] = csv.problems.map((p) => ({
    line: p.line,
    lastLine: p.lastLine,
    reasons: [{ code: p.code, found: p.found, expected: p.expected }],
  }));
  const firstLine = new Map<string, number>();
  const repeated = (line: number, sourceId: string): boolean => {
    const first = firstLine.get(sourceId);
    if (first === undefined) {
      firstLine.set(sourceId, line);
      return false;
    }
    rejected.push({ line, sourceId, reasons: [{ code: 'duplicate-id', field: 'sourceId', column: mapping.columns.sourceId, firstLine: first }] });
    return true;
  };
  for (const record of csv.records) {
    if (known?.records.size) {
      const values = cleanValues(record);
      const earlier = values.sourceId ? known.records.get(values.sourceId) : undefined;
      if (earlier) {
        const fingerprint = fingerprintOf(values);
        if (earlier.fingerprint === fingerprint) {
          if (!repeated(record.line, values.sourceId!)) same.push({ line: record.line, sourceId: values.sourceId!, fingerprint, record });
          continue;
        }
      }
    }
    const result = map(record);
    if (isRejected(result)) rejected.push(result);
    else if (!repeated(result.line, result.sourceId)) rows.push(result);
  }
  rejected.sort((a, b) => a.line - b.line);
  return { encoding, headers: csv.headers, rows, rejected, same };
}

/** What each row would do against the database as it is now; `known` is reused when nothing was imported since it was read. */
export async function classify(
  db: Db | Transaction<Database>,
  regionCode: string,
  mapping: ImportMapping,
  parsed: ParsedExport,
  options: { known?: KnownRecords; now?: Date } = {},
): Promise<Analysis> {
  let known = options.known;
  if (!known || known.stamp !== (await repository.recordsStamp(db, regionCode, mapping.source))) known = await repository.knownRecords(db, regionCode, mapping.source);
  const table = await routingTable(db, regionCode);
  const rows = [...parsed.rows];
  const rejected = [...parsed.rejected];
  let unchanged = 0;
  // A row that matched when the file was read but no longer does (an import in between) is mapped after all.
  const map = rowMapper(mapping, options.now);
  for (const row of parsed.same) {
    if (known.records.get(row.sourceId)?.fingerprint === row.fingerprint) {
      unchanged += 1;
      continue;
    }
    const result = map(row.record);
    if (isRejected(result)) rejected.push(result);
    else rows.push(result);
  }
  rejected.sort((a, b) => a.line - b.line);
  const fresh = rows.filter((r) => !known.records.has(r.sourceId));
  const recordedElsewhere = await repository.signalsWithSourceIds(
    db,
    regionCode,
    mapping.source,
    fresh.map((r) => r.sourceId),
  );
  const analysis: Analysis = { ...parsed, rows, rejected, total: rows.length + rejected.length + unchanged, create: [], update: [], unchanged, link: [], warnings: [] };
  const changedRows: { row: MappedRow; signalId: string }[] = [];
  for (const row of rows) {
    const warnings = [...row.warnings];
    for (const [i, location] of (row.signal.locations ?? []).entries()) {
      if (location.place && !municipalityOfPlace(table, location.place)) {
        const field: ImportField = i === 0 && !location.description ? 'place' : 'businessPlace';
        warnings.push({ code: 'place-unrouted', field, column: mapping.columns[field] ?? field, value: location.place.slice(0, 60) });
      }
    }
    if (warnings.length) analysis.warnings.push({ line: row.line, sourceId: row.sourceId, warnings });
    const existing = known.records.get(row.sourceId);
    if (!existing) {
      const signalId = recordedElsewhere.get(row.sourceId);
      if (signalId) analysis.link.push({ row, signalId });
      else analysis.create.push(row);
    } else if (existing.fingerprint === row.fingerprint) {
      analysis.unchanged += 1;
    } else {
      changedRows.push({ row, signalId: existing.signalId });
    }
  }
  const before = await repository.fieldHashes(
    db,
    regionCode,
    mapping.source,
    changedRows.map((c) => c.row.sourceId),
  );
  for (const { row, signalId } of changedRows) {
    const hashes = fieldHashesOf(row);
    const earlier = before.get(row.sourceId) ?? {};
    analysis.update.push({ row, signalId, changed: importFields.filter((f) => (earlier[f] ?? '') !== (hashes[f] ?? '')) });
  }
  analysis.create.sort((a, b) => a.line - b.line);
  analysis.warnings.sort((a, b) => a.line - b.line);
  return analysis;
}

export interface ImportReport {
  encoding: DetectedEncoding;
  headers: string[];
  dateFormats: string[];
  counts: { total: number; created: number; updated: number; unchanged: number; rejected: number; warnings: number };
  rejected: RejectedRow[];
  updated: { line: number; sourceId: string; signalId: string; reference: string | null; changed: ImportField[] }[];
  warnings: Analysis['warnings'];
  sample: {
    line: number;
    sourceId: string;
    receivedAt: string;
    summary: string;
    forms: string[];
    acute: boolean;
    places: string[];
    municipalities: { code: string; name: string }[];
    persons: number;
  }[];
  /** True when a list above was cut at its limit. */
  truncated: boolean;
}

export const LIST_LIMIT = 1_000;
const SAMPLE = 10;

/** The dry-run result (also kept with the batch as its report). */
export async function reportOf(db: Db | Transaction<Database>, regionCode: string, mapping: ImportMapping, analysis: Analysis): Promise<ImportReport> {
  const table = await routingTable(db, regionCode);
  const names = new Map((await db.selectFrom('municipality').select(['code', 'name']).where('region_code', '=', regionCode).execute()).map((m) => [m.code, m.name]));
  const references = await repository.signalReferences(
    db,
    analysis.update.slice(0, LIST_LIMIT).map((u) => u.signalId),
  );
  return {
    encoding: analysis.encoding,
    headers: analysis.headers,
    dateFormats: mapping.dateFormats,
    counts: {
      total: analysis.total,
      created: analysis.create.length,
      updated: analysis.update.length,
      unchanged: analysis.unchanged + analysis.link.length,
      rejected: analysis.rejected.length,
      warnings: analysis.warnings.length,
    },
    rejected: analysis.rejected.slice(0, LIST_LIMIT),
    updated: analysis.update.slice(0, LIST_LIMIT).map((u) => ({ line: u.row.line, sourceId: u.row.sourceId, signalId: u.signalId, reference: references.get(u.signalId) ?? null, changed: u.changed })),
    warnings: analysis.warnings.slice(0, LIST_LIMIT),
    sample: analysis.create.slice(0, SAMPLE).map((row) => {
      const places = (row.signal.locations ?? []).map((l) => l.place).filter((p): p is string => Boolean(p));
      return {
        line: row.line,
        sourceId: row.sourceId,
        receivedAt: row.signal.receivedAt!.toISOString(),
        summary: row.signal.summary.length > 300 ? `${row.signal.summary.slice(0, 300)}…` : row.signal.summary,
        forms: row.signal.forms ?? [],
        acute: row.signal.acute ?? false,
        places,
        municipalities: [...new Set(places.map((p) => municipalityOfPlace(table, p)).filter((c): c is string => Boolean(c)))].map((code) => ({ code, name: names.get(code) ?? code })),
        persons: row.signal.persons?.length ?? 0,
      };
    }),
    truncated: [analysis.rejected, analysis.update, analysis.warnings].some((list) => list.length > LIST_LIMIT),
  };
}
