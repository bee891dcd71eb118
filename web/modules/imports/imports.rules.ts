import type { Me } from '@server/modules/identity/identity.schema';
import type { ImportBatch } from '@server/modules/imports/imports.schema';

export const importsPath = '/meldpunt/imports';

/** Importing the anonymous-line exports is the ketenregisseur's task (the server checks every request again). */
export const canImport = (me: Me | undefined): boolean => me?.roles.includes('ketenregisseur') === true;

/** `?pagina=…` of the history. */
export function parseImportsSearch(search: URLSearchParams): { page: number } {
  const page = Number(search.get('pagina'));
  return { page: Number.isInteger(page) && page >= 1 ? page : 1 };
}
export const importsSearch = (page: number) => (page > 1 ? `?pagina=${page}` : '');

/** Whole percent for the progress bar; 0 while the total is not known yet. */
export function percentDone(progress: ImportBatch['progress']): number {
  if (progress.total <= 0) return 0;
  return Math.min(100, Math.floor((progress.processed / progress.total) * 100));
}

/** Still to watch: a confirmed import that has not ended. */
export const isRunning = (batch: Pick<ImportBatch, 'status'>) => batch.status === 'running';

/** The first and last characters of a hash: enough to compare by eye; the full value is in the title. */
export const shortHash = (sha256: string) => `${sha256.slice(0, 8)}…${sha256.slice(-4)}`;

/** The invalidParams of a refused header, by kind. */
export function headerProblem(params: readonly { name: string; code: string; reason: string }[]): { missing?: string; expected?: string; found?: string } | undefined {
  const header = params.filter((p) => p.name === 'body.header');
  if (header.length === 0) return undefined;
  const of = (code: string) => header.find((p) => p.code === code)?.reason;
  return { missing: of('missing-columns')?.replace(/^Missing: /, ''), expected: of('expected'), found: of('found') };
}

/** A line number, or the range of lines a record with a quoted multi-line field spans. */
export function lineRange(row: { line: number; lastLine?: number }): { from: number; to?: number } {
  return row.lastLine && row.lastLine > row.line ? { from: row.line, to: row.lastLine } : { from: row.line };
}
