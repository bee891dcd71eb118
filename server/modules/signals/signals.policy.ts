import type { RecordRef, RecordRules } from '@server/core/access/policy';
import type { Actor } from '@server/core/auth/actor';
import type { Visibility } from './signals.repository';

/**
 * Who may do what with a signal. The chain director (ketenregisseur) triages the whole region;
 * an aandachtsfunctionaris works the signals of their municipalities; whoever reported a signal
 * may read it (a signaleerder sees only their own); anyone else needs a grant.
 */
export const signalRules: RecordRules = {
  read: { regionWide: ['ketenregisseur'], ownMunicipality: ['aandachtsfunctionaris'], owner: true, byGrant: true },
  update: { regionWide: ['ketenregisseur'], ownMunicipality: ['aandachtsfunctionaris'] },
  export: { regionWide: ['ketenregisseur'], ownMunicipality: ['aandachtsfunctionaris'] },
};

/** Staff who report signals through the professional form. */
export const reporterRoles = ['signaleerder', 'aandachtsfunctionaris', 'ketenregisseur', 'zorgcoordinator', 'tafellid', 'procesregisseur'] as const;
/** Staff who see a queue (their own signals at least). */
export const queueRoles = reporterRoles;

export function signalRef(row: { id: string; region_code: string; municipalities: string[]; submitted_by: string | null }): RecordRef {
  return { type: 'signal', id: row.id, regionCode: row.region_code, municipalities: row.municipalities, ownerUserId: row.submitted_by };
}

/** The list filter that matches signalRules.read for this actor (the list query cannot call decide() per row). */
export function visibilityOf(actor: Actor): Visibility {
  const regionWide = actor.roles.some((r) => signalRules.read!.regionWide!.includes(r));
  const municipal = actor.roles.some((r) => signalRules.read!.ownMunicipality!.includes(r));
  return {
    regionCode: actor.regionCode,
    userId: actor.userId,
    organisationId: actor.organisationId,
    regionWide,
    municipalities: municipal ? (actor.allMunicipalities ? 'all' : actor.municipalities) : [],
  };
}
