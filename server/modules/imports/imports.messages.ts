import type { ImportMapping } from './imports.mapping';
import type { RowReason, RowWarning } from './imports.rows';

/** Reasons and warnings as English sentences, for the CLI (the web app words them in its own languages). */
export function describeReason(reason: RowReason, mapping: ImportMapping): string {
  const column = reason.column ? `${reason.column}: ` : '';
  switch (reason.code) {
    case 'missing':
      return `${column}required, but empty`;
    case 'date':
      return `${column}"${reason.value}" is not a date (expected ${mapping.dateFormats.join(' or ')})`;
    case 'date-future':
      return `${column}"${reason.value}" lies in the future`;
    case 'form':
      return `${column}"${reason.value}" is not a known form of exploitation`;
    case 'too-long':
      return `${column}longer than ${reason.max} characters`;
    case 'duplicate-id':
      return `${column}the same id as line ${reason.firstLine} of this file`;
    case 'columns':
      return `${reason.found} columns where the header has ${reason.expected}`;
    case 'quote':
      return 'an unbalanced quote: the quoted field runs on over the following lines (check the quotes on this line)';
  }
}

export function describeWarning(warning: RowWarning): string {
  switch (warning.code) {
    case 'form-unknown':
      return `${warning.column}: "${warning.value}" is not a known form; recorded as "unknown"`;
    case 'postcode-invalid':
      return `${warning.column}: "${warning.value}" is not a Dutch postcode; left out`;
    case 'kvk-invalid':
      return `${warning.column}: "${warning.value}" is not a KvK number (8 digits); left out`;
    case 'place-unrouted':
      return `${warning.column}: "${warning.value}" is not a place of this region; no municipality derived from it`;
    case 'plate-invalid':
      return `${warning.column}: a licence plate longer than 20 characters; left out`;
  }
}

export const lineLabel = (row: { line: number; lastLine?: number }) => (row.lastLine && row.lastLine > row.line ? `lines ${row.line}-${row.lastLine}` : `line ${row.line}`);
