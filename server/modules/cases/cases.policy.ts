import type { Decision, RecordRef, RecordRules } from '@server/core/access/policy';
import type { Actor } from '@server/core/auth/actor';
import type { Role } from '@server/core/auth/roles';
import { type CaseFieldGroup, caseFieldGroups } from '@server/modules/regions';

/**
 * Who may do what with a case. The ketenregisseur works every case of the region; an
 * aandachtsfunctionaris the cases of their municipalities (lead or involved). Table partners,
 * the zorgcoördinator and the procesregisseur see a case only through a grant: an invitation to
 * a table session or spoed-MDO, or a track their organisation directs — and then only the parts
 * the region shares with their type of organisation (`caseSharing`).
 */
const grantRoles: Role[] = ['tafellid', 'zorgcoordinator', 'procesregisseur', 'aandachtsfunctionaris'];
export const caseRules: RecordRules = {
  read: { regionWide: ['ketenregisseur'], ownMunicipality: ['aandachtsfunctionaris'], byGrant: true, grantRoles },
  update: { regionWide: ['ketenregisseur'], ownMunicipality: ['aandachtsfunctionaris'] },
  export: { regionWide: ['ketenregisseur'], ownMunicipality: ['aandachtsfunctionaris'] },
};

/** Roles that may record an acute intervention on a case they can see. */
export const interventionRoles: Role[] = ['ketenregisseur', 'aandachtsfunctionaris', 'tafellid', 'zorgcoordinator', 'procesregisseur'];

export function caseRef(row: { id: string; region_code: string; municipalities: string[] }): RecordRef {
  return { type: 'case', id: row.id, regionCode: row.region_code, municipalities: row.municipalities };
}

/** The parts of a case this reader sees: all of them on their own account, the region's sharing for their organisation type through a grant. */
export function sharedGroups(decision: Decision, organisationType: string | undefined, sharing: Partial<Record<string, string[]>>): CaseFieldGroup[] {
  if (decision.reason !== 'grant') return [...caseFieldGroups];
  const shared = new Set(sharing[organisationType ?? ''] ?? ['facts']);
  return caseFieldGroups.filter((g) => shared.has(g));
}

/** The list filter that matches caseRules.read for this actor (the list cannot call decide() per row). */
export interface CaseVisibility {
  regionCode: string;
  userId: string;
  organisationId: string;
  regionWide: boolean;
  municipalities: string[] | 'all';
  /** Whether grants count for this actor's roles. */
  byGrant: boolean;
}

export function caseVisibilityOf(actor: Actor): CaseVisibility {
  const read = caseRules.read!;
  const regionWide = actor.roles.some((r) => read.regionWide!.includes(r));
  const municipal = actor.roles.some((r) => read.ownMunicipality!.includes(r));
  return {
    regionCode: actor.regionCode,
    userId: actor.userId,
    organisationId: actor.organisationId,
    regionWide,
    municipalities: municipal ? (actor.allMunicipalities ? 'all' : actor.municipalities) : [],
    byGrant: actor.roles.some((r) => grantRoles.includes(r)),
  };
}
