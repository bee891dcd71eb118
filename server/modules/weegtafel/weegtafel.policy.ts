import type { RecordRules } from '@server/core/access/policy';
import type { Actor } from '@server/core/auth/actor';
import type { Role } from '@server/core/auth/roles';

/**
 * Who may do what at the weeg- en monitortafel. The ketenregisseur and the procesregisseur of
 * the Zorg- en Veiligheidshuis chair it: they plan sessions, compose the agenda, invite and record.
 * Everyone else sees a session only while their organisation's invitation runs (from the
 * invitation until `grant_hours_after` hours after the session) — need to know, time-boxed.
 */
export const chairRoles: Role[] = ['ketenregisseur', 'procesregisseur'];
/** Roles whose organisation can be invited (police, OM, RIEC, Veilig Thuis, the municipality for its own case). */
export const partnerRoles: Role[] = ['tafellid', 'zorgcoordinator', 'aandachtsfunctionaris'];
export const tableRoles: Role[] = [...chairRoles, ...partnerRoles];
/** Who records a legal basis: partners for their own organisation, the ketenregisseur for any. */
export const legalBasisRoles: Role[] = ['ketenregisseur', 'procesregisseur', 'tafellid', 'zorgcoordinator'];

export const PURPOSE = 'weeg- en monitortafel';

/** A chair may put any case of the region on the agenda (even one only a grant would show them). */
export const agendaCaseRules: RecordRules = { update: { regionWide: chairRoles } };

export function isChair(actor: Actor, regionCode: string): boolean {
  return actor.regionCode === regionCode && actor.roles.some((r) => chairRoles.includes(r));
}

export interface SessionLike {
  region_code: string;
  status: string;
  ends_at: Date;
  grant_hours_after: number;
}

export function grantsUntil(session: Pick<SessionLike, 'ends_at' | 'grant_hours_after'>): Date {
  return new Date(new Date(session.ends_at).getTime() + session.grant_hours_after * 3_600_000);
}

export type SessionAccess = { allowed: true; via: 'chair' | 'invitation' } | { allowed: false; reason: 'other-region' | 'not-invited' | 'role' | 'expired' | 'cancelled' };

/** Whether this actor sees this session, and why (the reason goes into the access log). */
export function sessionAccess(actor: Actor, session: SessionLike, invited: boolean, now = new Date()): SessionAccess {
  if (actor.regionCode !== session.region_code) return { allowed: false, reason: 'other-region' };
  if (isChair(actor, session.region_code)) return { allowed: true, via: 'chair' };
  if (!invited) return { allowed: false, reason: 'not-invited' };
  if (!actor.roles.some((r) => partnerRoles.includes(r))) return { allowed: false, reason: 'role' };
  if (session.status === 'cancelled') return { allowed: false, reason: 'cancelled' };
  if (grantsUntil(session) <= now) return { allowed: false, reason: 'expired' };
  return { allowed: true, via: 'invitation' };
}

/** Confirmed minutes and cancelled sessions no longer change (amendments aside). */
export function isClosed(status: string): boolean {
  return status === 'confirmed' || status === 'cancelled';
}
