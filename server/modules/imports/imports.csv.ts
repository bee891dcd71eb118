import { parse, type CsvError } from 'csv-parse/sync';
import { ImportFileError } from './imports.decode';
import type { ImportField, ImportMapping } from './imports.mapping';

/**
 * Text → header check → records with the line each starts on. Row-level problems (a wrong
 * number of columns, a stray quote the parser can recover from) become rejections with their
 * line; problems that make the rest of the file unreadable (a wrong header, a quote that is never
 * closed) refuse the whole file.
 */
export interface CsvRecord {
  line: number;
  /** The last line of the record (a quoted field may span lines). */
  lastLine: number;
  values: Partial<Record<ImportField, string>>;
}

export interface CsvProblem {
  line: number;
  lastLine?: number;
  code: 'columns' | 'quote';
  found?: number;
  expected?: number;
}

export interface CsvResult {
  headers: string[];
  records: CsvRecord[];
  problems: CsvProblem[];
}

const normalise = (header: string) => header.replace(/^\uFEFF/, '').trim().toLowerCase();

export function readCsv(text: string, mapping: ImportMapping): CsvResult {
  const problems: CsvProblem[] = [];
  let lastEnd = 0;
  let fatalLine: number | undefined;
  const rows = parse(text, {
    delimiter: mapping.delimiter,
    bom: true,
    info: true,
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (error: CsvError | undefined) => {
      if (!error) return;
      const lines = Number((error as unknown as { lines: number }).lines);
      if (error.code === 'CSV_QUOTE_NOT_CLOSED') fatalLine = lastEnd + 1;
      else problems.push({ line: lastEnd + 1, lastLine: lines, code: 'quote' });
      lastEnd = lines;
    },
    on_record: (record: unknown) => {
      lastEnd = (record as { info: { lines: number } }).info.lines;
      return record as string[];
    },
  }) as unknown as { record: string[]; info: { lines: number } }[];
  if (fatalLine !== undefined) {
    throw new ImportFileError('malformed', `A quote opened on line ${fatalLine} is never closed, so the rest of the file cannot be read. Check that line.`, { line: fatalLine });
  }
  const first = rows[0];
  if (!first) throw new ImportFileError('empty', 'The file has no header line.');
  const headers = first.record.map((h) => h.replace(/^\uFEFF/, '').trim());
  const expected = Object.values(mapping.columns) as string[];
  const index = new Map<string, number>();
  headers.forEach((h, i) => {
    if (!index.has(normalise(h))) index.set(normalise(h), i);
  });
  const missing = expected.filter((h) => !index.has(normalise(h)));
  if (missing.length) {
    const other = headers.length === 1 ? [';', ',', '\t'].find((d) => d !== mapping.delimiter && headers[0]!.split(d).length > 2) : undefined;
    const hint = other ? ` The columns seem to be separated by "${other === '\t' ? 'tab' : other}" where this mapping expects "${mapping.delimiter}": is this an export of another source?` : '';
    throw new ImportFileError(
      'header',
      `The header does not match the ${mapping.label} mapping. Missing column${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}. Expected: ${expected.join(mapping.delimiter)}. Found: ${headers.join(mapping.delimiter)}.${hint}`,
      { line: startLine(first), expected, found: headers, missing },
    );
  }
  const fields = (Object.entries(mapping.columns) as [ImportField, string][]).map(([field, header]) => [field, index.get(normalise(header))!] as const);
  const records: CsvRecord[] = [];
  for (const row of rows.slice(1)) {
    const line = startLine(row);
    const width = row.record.length;
    // A trailing delimiter (an empty last column) is common in exports and harmless.
    const meaningful = width > headers.length && row.record.slice(headers.length).every((v) => v === '') ? headers.length : width;
    const spans = row.info.lines > line;
    if (spans && swallowsRecords(row.record, mapping.delimiter, headers.length)) {
      problems.push({ line, lastLine: row.info.lines, code: 'quote' });
      continue;
    }
    if (meaningful !== headers.length) {
      problems.push({ line, lastLine: row.info.lines, code: spans ? 'quote' : 'columns', found: meaningful, expected: headers.length });
      continue;
    }
    const values: Partial<Record<ImportField, string>> = {};
    for (const [field, i] of fields) values[field] = row.record[i] ?? '';
    records.push({ line, lastLine: row.info.lines, values });
  }
  return { headers, records, problems };
}

/**
 * A quote that is opened and not closed on its line makes the parser read the next lines as one
 * field. Text with line breaks is normal in a description, but continuation lines that look like
 * records (many delimiters) mean an unbalanced quote swallowed them.
 */
function swallowsRecords(values: string[], delimiter: string, columns: number): boolean {
  const threshold = Math.max(2, Math.floor((columns - 1) / 2));
  return values.some((value) => value.includes('\n') && value.split(/\r?\n/).slice(1).some((line) => line.split(delimiter).length - 1 >= threshold));
}

/** The line a record starts on: its last line minus the line breaks inside its (quoted) fields. */
function startLine(row: { record: string[]; info: { lines: number } }): number {
  let inner = 0;
  for (const value of row.record) if (value.includes('\n') || value.includes('\r')) inner += value.match(/\r\n|\n|\r/g)!.length;
  return row.info.lines - inner;
}
