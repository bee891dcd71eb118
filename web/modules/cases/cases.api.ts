import type {
  bulkResultSchema,
  Case,
  caseAssigneesSchema,
  caseCatalogueSchema,
  CaseCreate,
  caseListSchema,
  caseTimelineSchema,
  myWorkCountsSchema,
  myWorkSchema,
} from '@server/modules/cases/cases.schema';
import type { Signal } from '@server/modules/signals/signals.schema';
import type { z } from 'zod';
import { ApiError, apiRequest, apiUrl, csrfHeaders } from '@web/core/api/client';
import { currentLanguage } from '@web/core/i18n';
import { type WorkListFilters, workListQuery } from './cases.rules';

export type CaseList = z.infer<typeof caseListSchema>;
export type CaseCatalogue = z.infer<typeof caseCatalogueSchema>;
export type CaseTimeline = z.infer<typeof caseTimelineSchema>;
export type CaseEvent = CaseTimeline['_embedded']['events'][number];
export type BulkResponse = z.infer<typeof bulkResultSchema>;
export type MyWork = z.infer<typeof myWorkSchema>;
export type MyWorkCounts = z.infer<typeof myWorkCountsSchema>;
export type CaseAssignee = z.infer<typeof caseAssigneesSchema>['_embedded']['assignees'][number];
export type { Case };

export const CASES_PAGE_SIZE = 25;

const caseUrl = (id: string, rest = '') => apiUrl(`/cases/${encodeURIComponent(id)}${rest}`);

export async function loadCatalogue(signal?: AbortSignal): Promise<CaseCatalogue> {
  return apiRequest<CaseCatalogue>(apiUrl('/case-catalogue'), signal ? { signal } : {});
}

export function workListUrl(filters: WorkListFilters): string {
  return apiUrl('/cases', { ...workListQuery(filters), page: filters.page, pageSize: CASES_PAGE_SIZE });
}

export async function loadWorkList(url: string, signal: AbortSignal): Promise<CaseList> {
  return apiRequest<CaseList>(url, { signal });
}

/** The search text goes in the body, never in a URL. */
export async function searchCases(body: Record<string, unknown>, page: number, signal?: AbortSignal): Promise<CaseList> {
  return apiRequest<CaseList>(apiUrl('/cases/_search', { page, pageSize: CASES_PAGE_SIZE }), { method: 'POST', body, ...(signal ? { signal } : {}) });
}

export async function createCase(input: Omit<CaseCreate, 'summary' | 'municipalities'> & { summary: string; municipalities: string[] }): Promise<{ id: string; reference: string }> {
  return apiRequest(apiUrl('/cases'), { method: 'POST', body: input });
}

export async function bulkAction(body: { action: 'assign' | 'close'; caseIds: string[]; assigneeId?: string | null; reasonCode?: string; reason?: string }): Promise<BulkResponse> {
  return apiRequest<BulkResponse>(apiUrl('/cases/_bulk'), { method: 'POST', body });
}

/**
 * The selected cases as a CSV file: a POST (the purpose goes in the body), so the browser cannot
 * follow a plain link; the answer becomes a file the browser saves.
 */
export async function exportCases(caseIds: string[], purpose: string): Promise<{ file: Blob; fileName: string; exported: number; refused: number }> {
  const language = currentLanguage();
  let response: Response;
  try {
    response = await fetch(apiUrl('/cases/_export'), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'text/csv, application/problem+json', 'Accept-Language': language, ...csrfHeaders() },
      body: JSON.stringify({ caseIds, purpose }),
      credentials: 'same-origin',
    });
  } catch (error) {
    throw new ApiError(0, undefined, language, { cause: error });
  }
  if (!response.ok) {
    const body: unknown = await response.json().catch(() => undefined);
    throw new ApiError(response.status, body as ApiError['problem'], language);
  }
  const disposition = response.headers.get('content-disposition') ?? '';
  return {
    file: await response.blob(),
    fileName: /filename="([^"]+)"/.exec(disposition)?.[1] ?? 'casussen.csv',
    exported: Number(response.headers.get('x-exported-count') ?? '0'),
    refused: Number(response.headers.get('x-refused-count') ?? '0'),
  };
}

/** A signal the case starts from, as the signal page shows it (its own read, logged by the signals module). */
export async function loadSignal(id: string, signal: AbortSignal): Promise<Signal> {
  return apiRequest<Signal>(apiUrl(`/signals/${encodeURIComponent(id)}`), { signal });
}

export async function loadCase(id: string, signal?: AbortSignal): Promise<Case> {
  return apiRequest<Case>(caseUrl(id), signal ? { signal } : {});
}

/** Every change of the case page answers with the case as it is now. */
export async function changeCase(id: string, path: string, body: unknown, method: 'POST' | 'PATCH' = 'POST'): Promise<Case> {
  return apiRequest<Case>(caseUrl(id, path), { method, body });
}

/** Closing a track: the case as it is now, or undefined (204) when the caller saw the case only through this track. */
export async function closeTrack(id: string, trackId: string, body: { version: number; status: 'closed'; closedReason: string }): Promise<Case | undefined> {
  return apiRequest<Case | undefined>(caseUrl(id, `/tracks/${encodeURIComponent(trackId)}`), { method: 'PATCH', body });
}

/** The colleagues the case can be assigned to (for those who may change it). */
export async function loadAssignees(id: string, signal: AbortSignal): Promise<CaseAssignee[]> {
  return (await apiRequest<z.infer<typeof caseAssigneesSchema>>(caseUrl(id, '/assignees'), { signal }))._embedded.assignees;
}

export async function loadTimeline(id: string, signal: AbortSignal): Promise<CaseEvent[]> {
  return (await apiRequest<CaseTimeline>(caseUrl(id, '/events'), { signal }))._embedded.events;
}

export async function loadMyWork(signal: AbortSignal): Promise<MyWork> {
  return apiRequest<MyWork>(apiUrl('/my-work'), { signal });
}

/** `background`: a poll the page makes by itself, which must not keep an unattended session alive (X-Background). */
export async function loadMyWorkCounts(signal: AbortSignal, background: boolean): Promise<MyWorkCounts> {
  return apiRequest<MyWorkCounts>(apiUrl('/my-work/counts'), { signal, ...(background ? { headers: { 'X-Background': '1' } } : {}) });
}
