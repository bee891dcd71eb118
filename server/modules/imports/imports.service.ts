import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { DatabaseHandle, Db } from '@server/core/db/database';
import { AppError } from '@server/core/errors';
import type { Database, ImportSource } from '@server/db/schema';
import { recordSignalsBulk, type NewSignal } from '@server/modules/signals';
import { type Analysis, classify, type ImportReport, type ParsedExport, parseExport, reportOf } from './imports.analysis';
import { ImportFileError } from './imports.decode';
import type { ImportMapping } from './imports.mapping';
import * as repository from './imports.repository';
import type { KnownRecords } from './imports.repository';
import { fieldHashesOf } from './imports.rows';

/**
 * Dry-run and import of one export file. The import is one transaction: the new signals, the
 * source-changed events, the import records and the batch's final counts commit together or not
 * at all. Progress is reported outside that transaction (in memory, and on PostgreSQL also on
 * the batch row, so any app server can answer a poll).
 */
export interface ImportCounts {
  total: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

export interface Progress {
  processed: number;
  total: number;
}

/** An import that stopped reporting for this long (the process died) may be started again. */
export const STALE_AFTER_MS = 2 * 60_000;

const live = new Map<string, Progress>();
export const liveProgress = (batchId: string): Progress | undefined => live.get(batchId);

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** The file-level refusals as API problems: a wrong header names the expected and found columns. */
export function fileProblem(error: ImportFileError): AppError {
  if (error.reason === 'header') {
    return new AppError('import.header-mismatch', {
      invalidParams: [
        { name: 'body.header', code: 'missing-columns', reason: `Missing: ${error.detail.missing?.join(', ')}` },
        { name: 'body.header', code: 'expected', reason: error.detail.expected?.join(' | ') ?? '' },
        { name: 'body.header', code: 'found', reason: error.detail.found?.join(' | ') ?? '' },
      ],
    });
  }
  return new AppError('import.file-unreadable', { invalidParams: [{ name: error.detail.line ? `body.line.${error.detail.line}` : 'body', code: error.reason, reason: error.message }] });
}

export interface Upload {
  regionCode: string;
  mapping: ImportMapping;
  fileName: string;
  bytes: Uint8Array;
  origin: 'web' | 'cli';
  createdBy: string | null;
}

/** The dry-run itself: reads and classifies the file and writes nothing. Throws ImportFileError for a file that cannot be read. */
export async function dryRun(db: Db, upload: Pick<Upload, 'regionCode' | 'mapping' | 'bytes'>, now = new Date()): Promise<{ parsed: ParsedExport; report: ImportReport }> {
  const known = await repository.knownRecords(db, upload.regionCode, upload.mapping.source);
  const parsed = parseExport(upload.bytes, upload.mapping, now, known);
  const analysis = await classify(db, upload.regionCode, upload.mapping, parsed, { known, now });
  return { parsed, report: await reportOf(db, upload.regionCode, upload.mapping, analysis) };
}

const batchBase = (upload: Upload) => ({
  region_code: upload.regionCode,
  source: upload.mapping.source,
  file_name: upload.fileName,
  sha256: sha256(upload.bytes),
  size_bytes: upload.bytes.byteLength,
  origin: upload.origin,
  created_by: upload.createdBy,
});
const zeroCounts = { total_rows: 0, rejected_count: 0, created_count: 0, updated_count: 0, unchanged_count: 0 };

/** A file that could not be read is in the history too, with the reason. */
async function recordRefusal(db: Db, upload: Upload, error: ImportFileError): Promise<void> {
  await repository.insertBatch(db, {
    ...batchBase(upload),
    ...zeroCounts,
    encoding: null,
    status: 'failed',
    content: null,
    error: error.message,
    report: JSON.stringify({ fileError: { reason: error.reason, message: error.message, ...error.detail } }),
  });
}

/**
 * The dry-run of an upload from the web: writes no signal, but keeps the batch with its file
 * (until it is imported, or for a day) so the ketenregisseur can confirm exactly this file.
 */
export async function analyseUpload(db: Db, upload: Upload, now = new Date()): Promise<{ batchId: string; report: ImportReport }> {
  await repository.expireAbandoned(db, new Date(now.getTime() - 86_400_000));
  let result: Awaited<ReturnType<typeof dryRun>>;
  try {
    result = await dryRun(db, upload, now);
  } catch (error) {
    if (error instanceof ImportFileError) await recordRefusal(db, upload, error);
    throw error;
  }
  const { parsed, report } = result;
  const { id } = await repository.insertBatch(db, {
    ...batchBase(upload),
    encoding: parsed.encoding,
    status: 'analysed',
    content: upload.bytes,
    error: null,
    total_rows: report.counts.total,
    rejected_count: report.counts.rejected,
    created_count: report.counts.created,
    updated_count: report.counts.updated,
    unchanged_count: report.counts.unchanged,
    report: JSON.stringify(report),
  });
  return { batchId: id, report };
}

/**
 * Imports an analysed batch (from the web: after the confirmation, in the background; from the
 * CLI: at once). Everything in one transaction; on failure the batch is marked failed and nothing
 * else remains.
 */
export async function runBatch(
  database: DatabaseHandle,
  batch: { id: string; regionCode: string; mapping: ImportMapping; actorUserId: string | null },
  onProgress: (progress: Progress) => void = () => undefined,
  alreadyParsed?: { parsed: ParsedExport; known: KnownRecords },
): Promise<{ counts: ImportCounts; report: ImportReport; timings: Timings }> {
  const { db } = database;
  const reporter = progressReporter(database, batch.id, onProgress);
  const lap = stopwatch();
  try {
    let { parsed, known } = alreadyParsed ?? {};
    if (!parsed || !known) {
      const bytes = await repository.batchContent(db, batch.id);
      if (!bytes) throw new AppError('import.not-confirmable');
      known = await repository.knownRecords(db, batch.regionCode, batch.mapping.source);
      parsed = parseExport(bytes, batch.mapping, new Date(), known);
    }
    lap('read');
    reporter.report({ processed: 0, total: parsed.rows.length + parsed.rejected.length + parsed.same.length });
    const result = await db.transaction().execute(async (trx) => {
      await repository.lockSource(trx, batch.regionCode, batch.mapping.source);
      const analysis = await classify(trx, batch.regionCode, batch.mapping, parsed!, { known });
      lap('classify');
      const settled = analysis.unchanged + analysis.rejected.length;
      reporter.report({ processed: settled, total: analysis.total });
      const counts = await write(trx, batch, analysis, (done) => reporter.report({ processed: settled + done, total: analysis.total }), lap);
      await reporter.stop();
      const report = await reportOf(trx, batch.regionCode, batch.mapping, analysis);
      report.counts = { ...report.counts, ...counts };
      await repository.finishBatch(trx, batch.id, counts, report as unknown as Record<string, unknown>, parsed!.encoding);
      lap('report');
      return { counts, report };
    });
    lap('commit');
    onProgress({ processed: result.counts.total, total: result.counts.total });
    return { ...result, timings: lap.timings };
  } catch (error) {
    await reporter.stop();
    await repository.failBatch(db, batch.id, error instanceof ImportFileError ? error.message : 'The import stopped with an error; nothing was imported.');
    throw error;
  } finally {
    live.delete(batch.id);
  }
}

async function write(
  trx: Transaction<Database>,
  batch: { id: string; regionCode: string; mapping: ImportMapping; actorUserId: string | null },
  analysis: Analysis,
  progress: (done: number) => void,
  lap: Stopwatch,
): Promise<ImportCounts> {
  const source: ImportSource = batch.mapping.source;
  const inputs: NewSignal[] = analysis.create.map((row) => ({
    ...row.signal,
    regionCode: batch.regionCode,
    channel: source,
    eventDetail: { source, importId: batch.id, line: row.line, importedBy: batch.actorUserId },
  }));
  const recorded = await recordSignalsBulk(trx, inputs, { onProgress: progress, ids: 'time-ordered' });
  lap('signals');
  const alreadyThere = recorded.filter((r) => !r.created).length;
  // Per line: the signal it became (or that a concurrent insert made first), was linked to, or updates.
  const records: { row: Analysis['create'][number]; signalId: string }[] = [
    ...analysis.create.map((row, i) => ({ row, signalId: recorded[i]!.id })),
    ...analysis.link.map((l) => ({ row: l.row, signalId: l.signalId })),
    ...analysis.update.map((u) => ({ row: u.row, signalId: u.signalId })),
  ];
  await repository.insertRecords(trx, { regionCode: batch.regionCode, channel: source, importId: batch.id }, records, ({ row, signalId }) => ({
    source_id: row.sourceId,
    signal_id: signalId,
    fingerprint: row.fingerprint,
    field_hashes: fieldHashesOf(row),
    line: row.line,
  }));
  lap('records');
  // An update does not overwrite a signal that triage may have edited: the new values go on its timeline.
  await repository.insertSourceChangedEvents(
    trx,
    analysis.update.map((u) => ({
      signal_id: u.signalId,
      region_code: batch.regionCode,
      actor_user_id: batch.actorUserId,
      detail: {
        source,
        importId: batch.id,
        line: u.row.line,
        changed: Object.fromEntries(u.changed.map((field) => [field, valueOf(u.row.signal, field)])),
      },
    })),
  );
  progress(inputs.length + analysis.update.length + analysis.link.length);
  return {
    total: analysis.total,
    created: recorded.length - alreadyThere,
    updated: analysis.update.length,
    unchanged: analysis.unchanged + analysis.link.length + alreadyThere,
    rejected: analysis.rejected.length,
  };
}

function valueOf(signal: Analysis['create'][number]['signal'], field: string): unknown {
  switch (field) {
    case 'summary':
      return signal.summary;
    case 'receivedAt':
      return signal.receivedAt?.toISOString();
    case 'forms':
      return signal.forms;
    case 'acute':
      return signal.acute;
    case 'persons':
      return signal.persons;
    case 'licensePlates':
      return signal.vehicles;
    case 'businessName':
    case 'kvkNumber':
      return signal.businesses;
    default:
      return signal.locations;
  }
}

/** Seconds per phase of an import (printed by the CLI and the benchmark). */
export type Timings = Record<string, number>;
type Stopwatch = ((phase: string) => void) & { timings: Timings };
function stopwatch(): Stopwatch {
  let last = performance.now();
  const timings: Timings = {};
  const lap = ((phase: string) => {
    const now = performance.now();
    timings[phase] = Math.round(now - last) / 1000;
    last = now;
  }) as Stopwatch;
  lap.timings = timings;
  return lap;
}

/** Progress outside the import transaction: memory always; the batch row on PostgreSQL (PGlite has one connection, held by the import). */
function progressReporter(database: DatabaseHandle, batchId: string, onProgress: (progress: Progress) => void) {
  let last = 0;
  let chain: Promise<void> = Promise.resolve();
  let stopped = false;
  return {
    report(progress: Progress) {
      live.set(batchId, progress);
      onProgress(progress);
      if (stopped || database.kind !== 'postgres' || Date.now() - last < 500) return;
      last = Date.now();
      chain = chain.then(() => repository.setProgress(database.db, batchId, progress.processed, progress.total)).catch(() => undefined);
    },
    async stop() {
      stopped = true;
      await chain;
    },
  };
}

const running = new Set<Promise<unknown>>();
/** Resolves when no import runs in this process (tests; a graceful stop). */
export async function whenIdle(): Promise<void> {
  while (running.size) await Promise.allSettled([...running]);
}

/** The web path: the confirmed import runs in the app process after the response; `done` is told how it ended. */
export function startInBackground(
  database: DatabaseHandle,
  batch: { id: string; regionCode: string; mapping: ImportMapping; actorUserId: string | null },
  done: (outcome: { ok: true; counts: ImportCounts } | { ok: false }) => Promise<void>,
): void {
  live.set(batch.id, { processed: 0, total: 0 });
  const task = runBatch(database, batch)
    .then(
      ({ counts }) => done({ ok: true, counts }),
      () => done({ ok: false }),
    )
    .catch(() => undefined)
    .finally(() => running.delete(task));
  running.add(task);
}

/** The CLI path: the dry-run, or the import at once (the batch is recorded as running, without keeping the file). */
export async function importFile(
  database: DatabaseHandle,
  upload: Upload,
  options: { dryRun: boolean; onProgress?: (progress: Progress) => void },
): Promise<{ batchId?: string; report: ImportReport; counts?: ImportCounts; timings?: Timings }> {
  if (options.dryRun) return { report: (await dryRun(database.db, upload)).report };
  let parsed: ParsedExport;
  const began = performance.now();
  const known = await repository.knownRecords(database.db, upload.regionCode, upload.mapping.source);
  try {
    parsed = parseExport(upload.bytes, upload.mapping, new Date(), known);
  } catch (error) {
    if (error instanceof ImportFileError) await recordRefusal(database.db, upload, error);
    throw error;
  }
  const parseSeconds = Math.round(performance.now() - began) / 1000;
  const { id } = await repository.insertBatch(database.db, {
    ...batchBase(upload),
    ...zeroCounts,
    encoding: parsed.encoding,
    status: 'running',
    content: null,
    error: null,
    report: '{}',
  });
  const done = await runBatch(database, { id, regionCode: upload.regionCode, mapping: upload.mapping, actorUserId: upload.createdBy }, options.onProgress, { parsed, known });
  return { batchId: id, report: done.report, counts: done.counts, timings: { parse: parseSeconds, ...done.timings } };
}
