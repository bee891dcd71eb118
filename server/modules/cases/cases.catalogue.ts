import type { CaseFieldGroup } from '@server/modules/regions';

/** The stages of a case (seed 002, §2.1): enrich and assess, put forward to the table, tracks under monitoring, closed. */
export const caseStatuses = ['enrichment', 'put-forward', 'monitoring', 'closed'] as const;
/** The decision of the aandachtsfunctionaris after enrichment. */
export const caseAssessments = ['local-help', 'acute-care', 'table', 'close'] as const;
export const closeReasonCodes = ['no-exploitation', 'handled-locally', 'tracks-completed', 'moved-away', 'declined-help', 'referred-elsewhere', 'other'] as const;
/** The tracks a table decides (seed 002, §2.1), plus regular local help. */
export const trackKinds = ['care', 'care-criminal', 'undermining', 'administrative', 'local-help'] as const;
export const trackMeasures = ['closure', 'bibob', 'permit', 'other'] as const;
export const actionStatuses = ['open', 'done', 'cancelled'] as const;
export const handoverStatuses = ['pending', 'accepted', 'declined', 'withdrawn'] as const;
/** Who acts at once when acute intervention is needed (seed 002, §2.2). */
export const interventionAuthorities = ['police-om', 'mayor', 'care-coordinator'] as const;

/** Which part of a case each timeline event belongs to, so a partner sees only the events of the parts shared with it. */
export const eventGroups: Record<string, CaseFieldGroup> = {
  created: 'facts',
  changed: 'facts',
  'signal-joined': 'facts',
  assigned: 'facts',
  assessed: 'facts',
  closed: 'facts',
  reopened: 'facts',
  'source-checked': 'enrichment',
  consulted: 'consultations',
  'handover-requested': 'facts',
  'handover-decided': 'facts',
  'track-opened': 'tracks',
  'track-closed': 'tracks',
  'action-added': 'tracks',
  'action-changed': 'tracks',
  intervention: 'tracks',
  'put-on-agenda': 'table',
  'removed-from-agenda': 'table',
  discussed: 'table',
  decision: 'table',
  'urgent-consultation-opened': 'table',
  'urgent-consultation-advised': 'table',
  'urgent-consultation-closed': 'table',
};

/** Roles that work cases on their own account (not only through a grant). */
export const caseWorkerRoles = ['aandachtsfunctionaris', 'ketenregisseur'] as const;
/** Roles that can see a case through a grant (table partners, care coordination, process direction). */
export const caseGranteeRoles = ['tafellid', 'zorgcoordinator', 'procesregisseur'] as const;
export const caseRoles = [...caseWorkerRoles, ...caseGranteeRoles] as const;
