import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import cliProgress from 'cli-progress';
import type { Config } from '@server/core/config';
import { migrate, openDatabase } from '@server/core/db/database';
import { loadRegions, readRegionFiles } from '@server/modules/regions';
import type { ImportReport } from './imports.analysis';
import { ImportFileError } from './imports.decode';
import { importSources, loadMapping, type ImportSource } from './imports.mapping';
import { describeReason, describeWarning, lineLabel } from './imports.messages';
import { importFile, sha256 } from './imports.service';

/**
 * `npx schakel import mma|watch <file> [--dry-run] [--region code]`. Exit codes:
 * 0 done (or would be) and no line rejected · 2 wrong use (source, file, region, mapping) ·
 * 6 the file was refused whole (header, encoding, unreadable): nothing imported ·
 * 7 done, but lines were rejected (listed; the other lines were imported, or would be) ·
 * 1 an unexpected error: the transaction rolled back, nothing of the file was imported.
 */
export const IMPORT_USAGE = 'npx schakel import mma|watch FILE [--dry-run] [--region CODE]';
const SHOWN = 50;

export class ImportUsageError extends Error {}

export async function importCommand(
  config: Config,
  positionals: string[],
  options: { dryRun?: boolean; region?: string },
  out: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Promise<number> {
  const [source, file] = positionals;
  if (!source || !(importSources as readonly string[]).includes(source) || !file) {
    throw new ImportUsageError(`Usage: ${IMPORT_USAGE} (sources: ${importSources.join(', ')})`);
  }
  const mapping = loadMapping(config.SCHAKEL_IMPORTS_DIR, source as ImportSource);
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new ImportUsageError(`No such file: ${file}`);
  }
  if (size > config.IMPORT_MAX_BYTES) throw new ImportUsageError(`${file} is ${size} bytes; IMPORT_MAX_BYTES allows ${config.IMPORT_MAX_BYTES}.`);
  const regionCode = options.region ?? config.SCHAKEL_REGION;
  const regionFiles = readRegionFiles(config.SCHAKEL_REGIONS_DIR);
  if (!regionFiles.some((r) => r.file.code === regionCode)) {
    throw new ImportUsageError(`--region ${regionCode}: allowed: ${regionFiles.map((r) => r.file.code).join(', ')}`);
  }
  const bytes = new Uint8Array(readFileSync(file));
  const database = await openDatabase(config);
  const bar = new cliProgress.SingleBar(
    { format: ' {bar} {percentage}% | {value}/{total} lines | {eta_formatted} left', hideCursor: true, stream: process.stderr, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  const began = performance.now();
  try {
    await migrate(database.db);
    await loadRegions(database.db, regionFiles);
    out(`${mapping.label} export ${basename(file)} · ${size.toLocaleString('en')} bytes · sha256 ${sha256(bytes)} · region ${regionCode}${options.dryRun ? ' · DRY RUN' : ''}`);
    const result = await importFile(
      database,
      { regionCode, mapping, fileName: basename(file), bytes, origin: 'cli', createdBy: null },
      {
        dryRun: options.dryRun ?? false,
        onProgress: ({ processed, total }) => {
          if (!started) {
            // Without a terminal there is no bar: one line says the transaction starts.
            if (!process.stderr.isTTY) out(`Importing ${total} lines in one transaction…`);
            bar.start(total, 0);
            started = true;
          }
          bar.update(processed);
        },
      },
    );
    if (started) bar.stop();
    printReport(result.report, mapping, out);
    const seconds = ((performance.now() - began) / 1000).toFixed(1);
    out(options.dryRun ? 'Dry run: nothing was written.' : `Imported in ${seconds} s in one transaction (import ${result.batchId}).`);
    return result.report.counts.rejected > 0 ? 7 : 0;
  } catch (error) {
    if (started) bar.stop();
    if (error instanceof ImportFileError) {
      out(`REFUSED: ${error.message}`);
      out('Nothing was imported.');
      return 6;
    }
    throw error;
  } finally {
    await database.close();
  }
}

function printReport(report: ImportReport, mapping: Parameters<typeof describeReason>[1], out: (line: string) => void): void {
  const { counts } = report;
  out(`encoding: ${report.encoding} · ${counts.total} lines`);
  out(`  created    ${String(counts.created).padStart(8)}`);
  out(`  updated    ${String(counts.updated).padStart(8)}   (same source id, other content: noted on the signal's timeline)`);
  out(`  unchanged  ${String(counts.unchanged).padStart(8)}`);
  out(`  rejected   ${String(counts.rejected).padStart(8)}`);
  if (report.rejected.length) {
    out('Rejected lines:');
    for (const row of report.rejected.slice(0, SHOWN)) {
      out(`  ${lineLabel(row)}${row.sourceId ? ` (${row.sourceId})` : ''}: ${row.reasons.map((r) => describeReason(r, mapping)).join('; ')}`);
    }
    if (counts.rejected > SHOWN) out(`  … and ${counts.rejected - SHOWN} more`);
  }
  if (report.updated.length) {
    out('Updated:');
    for (const u of report.updated.slice(0, SHOWN)) out(`  line ${u.line} (${u.sourceId}) → ${u.reference ?? u.signalId}: ${u.changed.join(', ')}`);
    if (counts.updated > SHOWN) out(`  … and ${counts.updated - SHOWN} more`);
  }
  if (report.warnings.length) {
    out(`Warnings (${counts.warnings} lines):`);
    for (const w of report.warnings.slice(0, SHOWN)) out(`  line ${w.line} (${w.sourceId}): ${w.warnings.map(describeWarning).join('; ')}`);
    if (counts.warnings > SHOWN) out(`  … and ${counts.warnings - SHOWN} more`);
  }
}
