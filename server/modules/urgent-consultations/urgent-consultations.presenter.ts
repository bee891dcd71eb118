import type { Consultation, MyConsultation } from './urgent-consultations.schema';
import type * as repository from './urgent-consultations.repository';

type Invitee = Awaited<ReturnType<typeof repository.inviteesOf>>[number];
type Contribution = Awaited<ReturnType<typeof repository.contributionsOf>>[number];
type CaseConsultationRow = Awaited<ReturnType<typeof repository.consultationsOfCase>>[number];
type MyRow = Awaited<ReturnType<typeof repository.myConsultations>>['rows'][number];

const iso = (value: Date | string) => new Date(value).toISOString();
const person = (id: string | null, name: string | null) => (id ? { id, name: name ?? '' } : null);

export function presentConsultation(
  row: repository.ConsultationRow,
  caseReference: string,
  invitees: Invitee[],
  contributions: Contribution[],
  permissions: Consultation['permissions'],
): Consultation {
  return {
    id: row.id,
    caseId: row.case_id,
    caseReference,
    question: row.question,
    status: row.status,
    openedAt: iso(row.opened_at),
    openedBy: person(row.opened_by, row.opened_by_name),
    grantUntil: iso(row.grant_until),
    invitees: invitees.map((i) => ({ organisation: { id: i.organisation_id, name: i.name, type: i.type }, legalBasis: i.legal_basis })),
    contributions: contributions.map((c) => ({
      id: c.id,
      at: iso(c.at),
      author: person(c.author_user_id, c.author_name),
      organisation: c.organisation_id ? { id: c.organisation_id, name: c.organisation_name ?? '', type: c.organisation_type ?? '' } : null,
      text: c.text,
    })),
    advice: row.advice !== null && row.advised_at ? { text: row.advice, at: iso(row.advised_at), by: person(row.advised_by, row.advised_by_name) } : null,
    version: row.version,
    permissions,
  };
}

export function presentCaseConsultation(row: CaseConsultationRow, invitees: Invitee[]) {
  return {
    id: row.id,
    question: row.question,
    status: row.status,
    openedAt: iso(row.opened_at),
    grantUntil: iso(row.grant_until),
    invitees: invitees.filter((i) => i.consultation_id === row.id).map((i) => ({ id: i.organisation_id, name: i.name, type: i.type })),
    contributions: Number(row.contributions ?? 0),
  };
}

export function presentMine(row: MyRow, userId: string): MyConsultation {
  return {
    id: row.id,
    caseId: row.case_id,
    caseReference: row.reference,
    status: row.status,
    openedAt: iso(row.opened_at),
    grantUntil: iso(row.grant_until),
    openedByMe: row.opened_by === userId,
    invited: Boolean(row.invited),
  };
}
