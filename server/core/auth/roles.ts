import { z } from 'zod';

/** The roles of PRODUCT.md. A melder has no account. */
export const roles = [
  'signaleerder',
  'aandachtsfunctionaris',
  'ketenregisseur',
  'zorgcoordinator',
  'tafellid',
  'procesregisseur',
  'beleidsmedewerker',
  'functioneel-beheerder',
  'privacy-officer',
] as const;
export const roleSchema = z.enum(roles).meta({ id: 'Role' });
export type Role = z.infer<typeof roleSchema>;
