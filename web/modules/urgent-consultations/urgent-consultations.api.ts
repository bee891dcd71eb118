import type { Case } from '@server/modules/cases/cases.schema';
import type {
  ConsultationCreate,
  Consultation,
  caseConsultationListSchema,
  myConsultationListSchema,
} from '@server/modules/urgent-consultations/urgent-consultations.schema';
import type { z } from 'zod';
import { apiRequest, apiUrl } from '@web/core/api/client';

export type { Consultation };
export type MyConsultationList = z.infer<typeof myConsultationListSchema>;
export type MyConsultation = MyConsultationList['_embedded']['consultations'][number];
export type CaseConsultation = z.infer<typeof caseConsultationListSchema>['_embedded']['consultations'][number];
/** Only what this screen shows of a case: its reference, title, status and what the reader may do. */
export type CaseHeading = Pick<Case, 'id' | 'reference' | 'title' | 'status'>;

const consultationUrl = (id: string, rest = '') => apiUrl(`/urgent-consultations/${encodeURIComponent(id)}${rest}`);
const caseUrl = (id: string, rest = '') => apiUrl(`/cases/${encodeURIComponent(id)}${rest}`);

export async function loadMyConsultations(signal: AbortSignal): Promise<MyConsultationList> {
  return apiRequest<MyConsultationList>(apiUrl('/urgent-consultations', { page: 1, pageSize: 100 }), { signal });
}

export async function loadConsultation(id: string, signal?: AbortSignal): Promise<Consultation> {
  return apiRequest<Consultation>(consultationUrl(id), signal ? { signal } : {});
}

export async function loadCaseHeading(caseId: string, signal: AbortSignal): Promise<CaseHeading> {
  const found = await apiRequest<Case>(caseUrl(caseId), { signal });
  return { id: found.id, reference: found.reference, title: found.title, status: found.status };
}

export async function loadCaseConsultations(caseId: string, signal: AbortSignal): Promise<CaseConsultation[]> {
  const list = await apiRequest<z.infer<typeof caseConsultationListSchema>>(caseUrl(caseId, '/urgent-consultations'), { signal });
  return list._embedded.consultations;
}

export async function openConsultation(caseId: string, input: ConsultationCreate): Promise<Consultation> {
  return apiRequest<Consultation>(caseUrl(caseId, '/urgent-consultations'), { method: 'POST', body: input });
}

export async function contribute(id: string, text: string): Promise<Consultation> {
  return apiRequest<Consultation>(consultationUrl(id, '/contributions'), { method: 'POST', body: { text } });
}

export async function recordAdvice(id: string, version: number, advice: string): Promise<Consultation> {
  return apiRequest<Consultation>(consultationUrl(id, '/advice'), { method: 'POST', body: { version, advice } });
}
