import type { Role } from '@server/core/auth/roles';
import type { Me } from '@server/modules/identity/identity.schema';
import type { ApiError } from '@web/core/api/client';
import type { MyConsultation } from './urgent-consultations.api';

export const myConsultationsPath = '/spoed-mdo';
export const consultationPath = (id: string) => `/spoed-mdo/${encodeURIComponent(id)}`;
export const caseConsultationsPath = (caseId: string) => `/casussen/${encodeURIComponent(caseId)}/spoed-mdo`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
export const isUuid = (value: string) => UUID.test(value);

/** The roles of the case flow: they open a spoed-MDO on a case they see, or are asked into one. */
const consultationRoles: Role[] = ['aandachtsfunctionaris', 'ketenregisseur', 'tafellid', 'zorgcoordinator', 'procesregisseur'];
export const canUseConsultations = (me: Me | undefined) => Boolean(me?.roles.some((role) => consultationRoles.includes(role)));

/** Whoever sees the case (the server said so by answering) may ask for advice, unless the case is closed. */
export const mayOpenOn = (me: Me | undefined, caseStatus: string) => canUseConsultations(me) && caseStatus !== 'closed';

/** Open ones first, newest first within each. */
export function orderConsultations<C extends Pick<MyConsultation, 'status' | 'openedAt'>>(list: readonly C[]): C[] {
  return [...list].sort((a, b) => (a.status === b.status ? b.openedAt.localeCompare(a.openedAt) : a.status === 'open' ? -1 : 1));
}

// --- Opening one ---------------------------------------------------------------------------

export interface InviteeDraft {
  organisationId: string;
  /** '' = the basis the organisation recorded for itself. */
  legalBasis: string;
}
export interface OpenDraft {
  question: string;
  invitees: InviteeDraft[];
}
export type OpenErrorKind = 'required' | 'tooShort' | 'tooLong' | 'duplicate' | 'unknown' | 'missing';
/** Keys: `question`, `invitees`, `invitees.0.organisationId`, `invitees.0.legalBasis` (as the server's invalidParams). */
export type OpenErrors = Record<string, OpenErrorKind>;

export const emptyOpenDraft = (): OpenDraft => ({ question: '', invitees: [{ organisationId: '', legalBasis: '' }] });

export function openDraftErrors(draft: OpenDraft): OpenErrors {
  const errors: OpenErrors = {};
  const question = draft.question.trim();
  if (!question) errors.question = 'required';
  else if (question.length < 3) errors.question = 'tooShort';
  else if (question.length > 5000) errors.question = 'tooLong';
  const seen = new Set<string>();
  draft.invitees.forEach((invitee, i) => {
    if (!invitee.organisationId) errors[`invitees.${i}.organisationId`] = 'required';
    else if (seen.has(invitee.organisationId)) errors[`invitees.${i}.organisationId`] = 'duplicate';
    seen.add(invitee.organisationId);
  });
  if (draft.invitees.length === 0) errors.invitees = 'required';
  return errors;
}

export function openInputOf(draft: OpenDraft) {
  return {
    question: draft.question.trim(),
    invitees: draft.invitees.map((i) => ({ organisationId: i.organisationId, ...(i.legalBasis ? { legalBasis: i.legalBasis } : {}) })),
  };
}

/** The server's field errors (400, and the 422 of a partner without a legal basis) on the form's keys. */
export function openErrorsFrom(error: ApiError, draft: OpenDraft): OpenErrors {
  const known = new Set(['question', 'invitees', ...draft.invitees.flatMap((_, i) => [`invitees.${i}.organisationId`, `invitees.${i}.legalBasis`])]);
  const errors: OpenErrors = {};
  for (const param of error.invalidParams) {
    const key = param.name.replace(/^body\./, '');
    if (!known.has(key) || errors[key]) continue;
    const code = param.code;
    errors[key] =
      code === 'missing' ? 'missing' : code === 'duplicate' ? 'duplicate' : code === 'too_small' ? (key === 'question' ? 'tooShort' : 'required') : code === 'too_big' ? 'tooLong' : code === 'invalid_type' ? 'required' : 'unknown';
  }
  return errors;
}

/** The advice was recorded by someone else meanwhile (409), or the version read is stale (400 body.version). */
export function isAdviceConflict(error: ApiError): boolean {
  return error.problem?.code === 'consultation.closed' || error.invalidParams.some((p) => p.name === 'body.version');
}

/** A contribution or advice: 1 (advice 3) to 10,000 characters. */
export function textError(text: string, min: number): 'required' | 'tooShort' | 'tooLong' | undefined {
  const length = text.trim().length;
  if (length === 0) return 'required';
  if (length < min) return 'tooShort';
  if (length > 10_000) return 'tooLong';
  return undefined;
}
