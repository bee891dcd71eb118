import type { Role } from '@server/core/auth/roles';

/**
 * Every role in the order of PRODUCT.md. A Record keyed by the server's role makes tsc fail when
 * the server adds a role the form cannot offer.
 */
export const roleOrder: Record<Role, number> = {
  signaleerder: 1,
  aandachtsfunctionaris: 2,
  ketenregisseur: 3,
  zorgcoordinator: 4,
  tafellid: 5,
  procesregisseur: 6,
  beleidsmedewerker: 7,
  'functioneel-beheerder': 8,
  'privacy-officer': 9,
};

export const allRoles = (Object.keys(roleOrder) as Role[]).sort((a, b) => roleOrder[a] - roleOrder[b]);

export function sortRoles(roles: readonly Role[]): Role[] {
  return [...roles].sort((a, b) => roleOrder[a] - roleOrder[b]);
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && Object.hasOwn(roleOrder, value);
}
