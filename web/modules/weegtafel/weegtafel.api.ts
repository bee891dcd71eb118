import type { Organisation, Region } from '@server/modules/regions/regions.schema';
import type {
  agendaItemSchema,
  bulkResultSchema,
  candidateListSchema,
  DecisionCreate,
  InvitationCreate,
  legalBasisListSchema,
  Session,
  SessionCreate,
  sessionListSchema,
  SessionUpdate,
} from '@server/modules/weegtafel/weegtafel.schema';
import type { z } from 'zod';
import { apiRequest, apiUrl } from '@web/core/api/client';
import { loadAllOrganisations } from '@web/modules/regions';

export type { Session };
export type SessionList = z.infer<typeof sessionListSchema>;
export type SessionSummary = SessionList['_embedded']['sessions'][number];
export type AgendaItem = z.infer<typeof agendaItemSchema>;
export type Candidate = z.infer<typeof candidateListSchema>['_embedded']['candidates'][number];
export type BulkResult = z.infer<typeof bulkResultSchema>;
export type LegalBasisList = z.infer<typeof legalBasisListSchema>;
export type LegalBasisEntry = LegalBasisList['_embedded']['legalBases'][number];
export type LegalBasisOption = LegalBasisList['options'][number];
export interface CaseCatalogue {
  trackKinds: string[];
  trackMeasures: string[];
}

const sessionUrl = (id: string, rest = '') => apiUrl(`/table-sessions/${encodeURIComponent(id)}${rest}`);

/** One page of 100 is the table's horizon: a region plans a few sessions a month. */
export async function loadSessions(signal: AbortSignal): Promise<SessionList> {
  return apiRequest<SessionList>(apiUrl('/table-sessions', { page: 1, pageSize: 100 }), { signal });
}

export async function createSession(input: SessionCreate): Promise<{ id: string; reference: string }> {
  return apiRequest(apiUrl('/table-sessions'), { method: 'POST', body: input });
}

export async function loadSession(id: string, signal?: AbortSignal): Promise<Session> {
  return apiRequest<Session>(sessionUrl(id), signal ? { signal } : {});
}

export async function updateSession(id: string, update: SessionUpdate): Promise<void> {
  await apiRequest(sessionUrl(id), { method: 'PATCH', body: update });
}

export async function loadCandidates(id: string, signal: AbortSignal): Promise<Candidate[]> {
  const list = await apiRequest<z.infer<typeof candidateListSchema>>(sessionUrl(id, '/agenda-candidates'), { signal });
  return list._embedded.candidates;
}

export async function addAgendaItems(id: string, caseIds: string[], kind: 'discussion' | 'monitoring'): Promise<BulkResult> {
  return apiRequest<BulkResult>(sessionUrl(id, '/agenda-items/_bulk'), { method: 'POST', body: { caseIds, kind } });
}

export async function updateSummary(id: string, itemId: string, summary: string): Promise<void> {
  await apiRequest(sessionUrl(id, `/agenda-items/${encodeURIComponent(itemId)}`), { method: 'PATCH', body: { summary } });
}

export async function removeAgendaItem(id: string, itemId: string): Promise<void> {
  await apiRequest(sessionUrl(id, `/agenda-items/${encodeURIComponent(itemId)}`), { method: 'DELETE' });
}

export async function invite(id: string, input: InvitationCreate): Promise<void> {
  await apiRequest(sessionUrl(id, '/invitations'), { method: 'POST', body: input });
}

export async function withdrawInvitation(id: string, invitationId: string): Promise<void> {
  await apiRequest(sessionUrl(id, `/invitations/${encodeURIComponent(invitationId)}`), { method: 'DELETE' });
}

export async function recordAttendance(id: string, entries: { organisationId: string; present: boolean }[]): Promise<void> {
  await apiRequest(sessionUrl(id, '/attendance'), { method: 'PUT', body: { entries } });
}

export async function recordDecision(id: string, input: DecisionCreate): Promise<void> {
  await apiRequest(sessionUrl(id, '/decisions'), { method: 'POST', body: input });
}

export async function confirmMinutes(id: string, version: number): Promise<void> {
  await apiRequest(sessionUrl(id, '/minutes-confirmation'), { method: 'POST', body: { version } });
}

export async function addAmendment(id: string, text: string): Promise<void> {
  await apiRequest(sessionUrl(id, '/amendments'), { method: 'POST', body: { text } });
}

/** Plain links: the browser downloads the PDF with the session cookie; each reader gets their own version. */
export const agendaDocumentUrl = (id: string) => sessionUrl(id, '/agenda-document');
export const minutesDocumentUrl = (id: string) => sessionUrl(id, '/minutes-document');

export async function loadLegalBases(signal: AbortSignal): Promise<LegalBasisList> {
  return apiRequest<LegalBasisList>(apiUrl('/partner-legal-bases'), { signal });
}

export async function recordLegalBasis(organisationId: string, legalBasis: string, note: string): Promise<void> {
  await apiRequest(apiUrl(`/partner-legal-bases/${encodeURIComponent(organisationId)}`), { method: 'PUT', body: { legalBasis, note } });
}

export async function loadCaseCatalogue(signal: AbortSignal): Promise<CaseCatalogue> {
  return apiRequest<CaseCatalogue>(apiUrl('/case-catalogue'), { signal });
}

export async function loadRegionLegalBases(region: string, signal: AbortSignal): Promise<Region['settings']['legalBases']> {
  const found = await apiRequest<Region>(apiUrl(`/regions/${encodeURIComponent(region)}`), { signal });
  return found.settings.legalBases;
}

export async function loadOrganisations(region: string, signal: AbortSignal): Promise<Organisation[]> {
  return loadAllOrganisations(region, signal);
}
