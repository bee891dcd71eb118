import type {
  Alert,
  alertAcknowledgementSchema,
  alertListSchema,
  OnCallShift,
  onCallCandidateListSchema,
  OnCallShiftCreate,
  onCallGapListSchema,
  onCallNowSchema,
  onCallShiftListSchema,
  OnCallShiftUpdate,
} from '@server/modules/alerts/alerts.schema';
import type { z } from 'zod';
import { apiRequest, apiUrl } from '@web/core/api/client';

export type AlertList = z.infer<typeof alertListSchema>;
export type AlertAcknowledgement = z.infer<typeof alertAcknowledgementSchema>;
export type OnCallShiftList = z.infer<typeof onCallShiftListSchema>;
export type OnCallNow = z.infer<typeof onCallNowSchema>;
export type OnCallGapList = z.infer<typeof onCallGapListSchema>;
export type OnCallCandidateList = z.infer<typeof onCallCandidateListSchema>;
export type { Alert, OnCallShift };

export const ALERTS_PAGE_SIZE = 10;

export const openAlertsUrl = () => apiUrl('/alerts', { status: 'open', pageSize: 20 });
export const alertsUrl = (status: 'open' | 'all', page: number) => apiUrl('/alerts', { status, page, pageSize: ALERTS_PAGE_SIZE });

/** `background`: a poll the page makes by itself, which must not keep an unattended session alive (X-Background). */
export async function loadAlerts(url: string, signal: AbortSignal, background = false): Promise<AlertList> {
  return apiRequest<AlertList>(url, { signal, ...(background ? { headers: { 'X-Background': '1' } } : {}) });
}

export async function acknowledgeAlert(id: string): Promise<AlertAcknowledgement> {
  return apiRequest<AlertAcknowledgement>(apiUrl(`/alerts/${encodeURIComponent(id)}/acknowledgements`), { method: 'POST' });
}

export const shiftsUrl = (from: string, until: string) => apiUrl('/on-call-shifts', { from, until, pageSize: 100 });

export async function loadShifts(url: string, signal: AbortSignal): Promise<OnCallShiftList> {
  return apiRequest<OnCallShiftList>(url, { signal });
}

export async function loadOnCallNow(signal: AbortSignal): Promise<OnCallNow> {
  return apiRequest<OnCallNow>(apiUrl('/on-call-shifts/current'), { signal });
}

export const gapsUrl = (from: string, until: string) => apiUrl('/on-call-gaps', { from, until });

export async function loadGaps(url: string, signal: AbortSignal): Promise<OnCallGapList> {
  return apiRequest<OnCallGapList>(url, { signal });
}

export async function loadCandidates(signal: AbortSignal): Promise<OnCallCandidateList> {
  return apiRequest<OnCallCandidateList>(apiUrl('/on-call-candidates', { pageSize: 100 }), { signal });
}

export async function createShift(input: OnCallShiftCreate): Promise<OnCallShift> {
  return apiRequest<OnCallShift>(apiUrl('/on-call-shifts'), { method: 'POST', body: input });
}

export async function updateShift(id: string, input: OnCallShiftUpdate): Promise<OnCallShift> {
  return apiRequest<OnCallShift>(apiUrl(`/on-call-shifts/${encodeURIComponent(id)}`), { method: 'PATCH', body: input });
}

export async function deleteShift(id: string): Promise<void> {
  await apiRequest<undefined>(apiUrl(`/on-call-shifts/${encodeURIComponent(id)}`), { method: 'DELETE' });
}
