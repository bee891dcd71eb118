import type {
  duplicateListSchema,
  indicatorListSchema,
  Signal,
  SignalInput,
  signalListSchema,
  SignalUpdate,
} from '@server/modules/signals/signals.schema';
import type { z } from 'zod';
import { apiRequest, apiUrl } from '@web/core/api/client';
import type { UploadedAttachment } from './signal-form.rules';
import { type QueueFilters, type QueueKind, queueQuery } from './signals.rules';

export type SignalList = z.infer<typeof signalListSchema>;
export type SignalSummary = SignalList['_embedded']['signals'][number];
export type IndicatorList = z.infer<typeof indicatorListSchema>;
export type DuplicateList = z.infer<typeof duplicateListSchema>;
export type Duplicate = DuplicateList['_embedded']['duplicates'][number];
export interface SignalCreated {
  id: string;
  reference: string;
  receivedAt: string;
}
export interface TimelineEvent {
  id: string;
  at: string;
  kind: string;
  actor: string | null;
  detail: Record<string, unknown>;
}

export const SIGNALS_PAGE_SIZE = 25;

const signalUrl = (id: string, rest = '') => apiUrl(`/signals/${encodeURIComponent(id)}${rest}`);

export async function loadIndicators(): Promise<IndicatorList> {
  return apiRequest<IndicatorList>(apiUrl('/signal-indicators'));
}

export function queueUrl(filters: QueueFilters, kind: QueueKind): string {
  return apiUrl('/signals', { ...queueQuery(filters, kind), page: filters.page, pageSize: SIGNALS_PAGE_SIZE });
}

export async function loadQueue(url: string, signal: AbortSignal): Promise<SignalList> {
  return apiRequest<SignalList>(url, { signal });
}

/** Idempotent on input.submissionId: a retry answers with the same signal. */
export async function createSignal(input: SignalInput): Promise<SignalCreated> {
  return apiRequest<SignalCreated>(apiUrl('/signals'), { method: 'POST', body: input });
}

/** One file for the signal being written, as the raw body; the server checks it by content. */
export async function uploadAttachment(file: File, submissionId: string): Promise<UploadedAttachment> {
  const receipt = await apiRequest<UploadedAttachment & { sha256: string }>(apiUrl('/public/attachments'), {
    method: 'POST',
    body: file,
    headers: {
      'Submission-Id': submissionId,
      'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`,
    },
  });
  return { id: receipt.id, fileName: receipt.fileName, mediaType: receipt.mediaType, sizeBytes: receipt.sizeBytes };
}

export async function loadSignal(id: string, signal?: AbortSignal): Promise<Signal> {
  return apiRequest<Signal>(signalUrl(id), signal ? { signal } : {});
}

export async function updateSignal(id: string, update: SignalUpdate): Promise<Signal> {
  return apiRequest<Signal>(signalUrl(id), { method: 'PATCH', body: update });
}

export async function loadDuplicates(id: string, signal: AbortSignal): Promise<DuplicateList> {
  return apiRequest<DuplicateList>(signalUrl(id, '/duplicates'), { signal });
}

export async function linkSignal(id: string, link: { otherSignalId: string; kind: 'related' | 'merge'; reason: string }): Promise<Signal> {
  return apiRequest<Signal>(signalUrl(id, '/links'), { method: 'POST', body: link });
}

export async function loadTimeline(id: string, signal: AbortSignal): Promise<TimelineEvent[]> {
  const list = await apiRequest<{ _embedded: { events: TimelineEvent[] } }>(signalUrl(id, '/events'), { signal });
  return list._embedded.events;
}

/** A plain link: the browser downloads it with the session cookie (the server never shows it inline). */
export const attachmentUrl = (id: string, attachmentId: string) => signalUrl(id, `/attachments/${encodeURIComponent(attachmentId)}`);
