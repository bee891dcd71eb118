import type { BatchRow } from './imports.repository';
import type { ImportBatch } from './imports.schema';
import { liveProgress, STALE_AFTER_MS } from './imports.service';

type ListRow = Omit<BatchRow, 'report'>;
const iso = (value: Date | null) => (value ? new Date(value).toISOString() : null);

/** A batch row → the API shape; a running import that stopped reporting is shown as interrupted. */
export function presentBatch(row: ListRow, now = Date.now()): ImportBatch {
  const live = liveProgress(row.id);
  const heartbeat = row.heartbeat_at ? new Date(row.heartbeat_at).getTime() : 0;
  const interrupted = row.status === 'running' && !live && now - heartbeat > STALE_AFTER_MS;
  const status = interrupted ? 'interrupted' : row.status;
  return {
    id: row.id,
    source: row.source,
    fileName: row.file_name,
    sha256: row.sha256,
    sizeBytes: row.size_bytes,
    encoding: row.encoding,
    status,
    counts: { total: row.total_rows, created: row.created_count, updated: row.updated_count, unchanged: row.unchanged_count, rejected: row.rejected_count },
    progress: live ?? { processed: row.processed_rows, total: row.total_rows },
    origin: row.origin,
    createdBy: row.created_by ? { id: row.created_by, displayName: row.created_by_name ?? '' } : null,
    createdAt: new Date(row.created_at).toISOString(),
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
    error: row.error,
    permissions: { confirm: row.has_file && (status === 'analysed' || status === 'failed' || status === 'interrupted') },
  };
}
