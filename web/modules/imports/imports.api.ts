import type { importAnalysedSchema, importListSchema, importReportSchema, ImportBatch } from '@server/modules/imports/imports.schema';
import type { z } from 'zod';
import { apiRequest, apiUrl } from '@web/core/api/client';

export type ImportList = z.infer<typeof importListSchema>;
export type ImportDryRun = z.infer<typeof importAnalysedSchema>;
export type ImportReport = z.infer<typeof importReportSchema>;
export type ImportSource = ImportBatch['source'];
export type { ImportBatch };

export const IMPORTS_PAGE_SIZE = 10;

export const importsUrl = (page: number) => apiUrl('/imports', { page, pageSize: IMPORTS_PAGE_SIZE });

export function loadImports(url: string, signal: AbortSignal): Promise<ImportList> {
  return apiRequest<ImportList>(url, { signal });
}

/** Sends the export as it is (text/csv) with its name; the answer is the dry-run. */
export function uploadExport(source: ImportSource, file: File): Promise<ImportDryRun> {
  return apiRequest<ImportDryRun>(apiUrl('/imports', { source }), {
    method: 'POST',
    body: file,
    headers: { 'Content-Type': 'text/csv', 'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}` },
  });
}

export function confirmImport(id: string): Promise<ImportBatch> {
  return apiRequest<ImportBatch>(apiUrl(`/imports/${encodeURIComponent(id)}/confirmation`), { method: 'POST' });
}

export function loadImport(id: string, signal?: AbortSignal): Promise<ImportBatch> {
  return apiRequest<ImportBatch>(apiUrl(`/imports/${encodeURIComponent(id)}`), { signal });
}
