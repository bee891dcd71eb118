import type { accessLogListSchema, chainVerificationSchema } from '@server/modules/access-log/access-log.schema';
import type { z } from 'zod';
import { apiRequest, apiUrl } from '@web/core/api/client';
import { type AccessLogFilters, accessLogQuery } from './access-log.rules';

export type AccessLogList = z.infer<typeof accessLogListSchema>;
export type ChainVerification = z.infer<typeof chainVerificationSchema>;

export const ACCESS_LOG_PAGE_SIZE = 50;

export function accessLogUrl(filters: AccessLogFilters): string {
  return apiUrl('/access-log', { ...accessLogQuery(filters), page: filters.page, pageSize: ACCESS_LOG_PAGE_SIZE });
}

/** The CSV of the same filters (all pages); a plain link, so the browser downloads it with the session cookie. */
export function accessLogExportUrl(filters: AccessLogFilters): string {
  return apiUrl('/access-log/export', accessLogQuery(filters));
}

export async function loadAccessLog(url: string, signal: AbortSignal): Promise<AccessLogList> {
  return apiRequest<AccessLogList>(url, { signal });
}

export async function loadVerification(signal: AbortSignal): Promise<ChainVerification> {
  return apiRequest<ChainVerification>(apiUrl('/access-log/verification'), { signal });
}
