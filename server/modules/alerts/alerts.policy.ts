import type { RecordRef, RecordRules } from '@server/core/access/policy';
import type { Actor } from '@server/core/auth/actor';
import type { Role } from '@server/core/auth/roles';
import type { AlertVisibility } from './alerts.repository';

/**
 * Who does what with the roster and the alerts.
 *
 * - The ketenregisseur keeps the roster. Every staff role of the region may see who is on call now
 *   (that is the point of a reachability roster).
 * - Only people with a duty role can be put on call: they can act on an acute signal.
 * - Alerts are seen by everyone on duty: the chain director, the care coordinator, the process
 *   director and table members for the whole region; an aandachtsfunctionaris for the signals of
 *   their municipalities; and anyone the alert was sent to. An alert shows no personal data about
 *   the signal (reference, municipalities, times) — opening the signal is decided by the signal's
 *   own policy. Signaleerders (they see only their own signals), beleidsmedewerkers (aggregates
 *   only), the functioneel beheerder and the privacy officer (no case content) do not get alerts.
 * - Whoever sees an alert may acknowledge it ("I'm on it").
 */
export const rosterManagers: Role[] = ['ketenregisseur'];
export const dutyRoles: Role[] = ['ketenregisseur', 'aandachtsfunctionaris', 'zorgcoordinator', 'procesregisseur', 'tafellid'];
export const regionWideAlertRoles: Role[] = ['ketenregisseur', 'zorgcoordinator', 'procesregisseur', 'tafellid'];

export const alertRules: RecordRules = {
  read: { regionWide: regionWideAlertRoles, ownMunicipality: ['aandachtsfunctionaris'] },
};

export function alertRef(row: { id: string; region_code: string; municipalities: string[] }): RecordRef {
  return { type: 'alert', id: row.id, regionCode: row.region_code, municipalities: row.municipalities };
}

/** The list filter that matches alertRules.read (plus "sent to me") for this actor. */
export function alertVisibilityOf(actor: Actor): AlertVisibility {
  const regionWide = actor.roles.some((r) => regionWideAlertRoles.includes(r));
  const municipal = actor.roles.includes('aandachtsfunctionaris');
  return {
    regionCode: actor.regionCode,
    userId: actor.userId,
    regionWide: regionWide || (municipal && actor.allMunicipalities),
    municipalities: municipal ? actor.municipalities : [],
  };
}
