import { z } from 'zod';
import { pagedSchema } from '@server/core/http/pagination';

export const grantSchema = z
  .object({
    id: z.uuid(),
    recordType: z.string(),
    recordId: z.string(),
    granteeUserId: z.uuid().nullable(),
    granteeOrganisationId: z.uuid().nullable(),
    purpose: z.string(),
    legalBasis: z.string(),
    validFrom: z.iso.datetime({ offset: true }),
    validUntil: z.iso.datetime({ offset: true }),
    grantedBy: z.uuid().nullable(),
    revokedAt: z.iso.datetime({ offset: true }).nullable(),
    status: z.enum(['pending', 'valid', 'expired', 'revoked']),
  })
  .meta({ id: 'Grant' });
export type Grant = z.infer<typeof grantSchema>;
export const grantListSchema = pagedSchema('grants', grantSchema).meta({ id: 'GrantList' });

export const grantCreateSchema = z
  .strictObject({
    recordType: z.string().regex(/^[a-z][a-z0-9-]{1,40}$/),
    recordId: z.string().min(1).max(100),
    granteeUserId: z.uuid().optional(),
    granteeOrganisationId: z.uuid().optional(),
    purpose: z.string().trim().min(3).max(300).describe('Why this party needs to know'),
    legalBasis: z.string().regex(/^[a-z0-9-]+$/).describe('A code from GET /legal-bases'),
    validFrom: z.iso.datetime({ offset: true }).optional(),
    validUntil: z.iso.datetime({ offset: true }),
  })
  .refine((g) => (g.granteeUserId === undefined) !== (g.granteeOrganisationId === undefined), {
    message: 'Give exactly one of granteeUserId and granteeOrganisationId',
    path: ['granteeUserId'],
  })
  .meta({
    id: 'GrantCreate',
    examples: [
      {
        recordType: 'case',
        recordId: 'c0a80121-0000-4000-8000-000000000001',
        granteeOrganisationId: '00000000-0000-4000-8000-000000000000',
        purpose: 'Weeg- en monitortafel 12 maart: voorbereiding en bespreking',
        legalBasis: 'convenant',
        validUntil: '2027-03-13T00:00:00+01:00',
      },
    ],
  });
export type GrantCreate = z.infer<typeof grantCreateSchema>;

export const grantQuerySchema = z.strictObject({ recordType: z.string().max(40), recordId: z.string().max(100) });
export const grantParamsSchema = z.strictObject({ id: z.uuid() });

export const legalBasisSchema = z.object({ code: z.string(), label: z.object({ nl: z.string(), en: z.string() }) }).meta({ id: 'LegalBasis' });
export const legalBasisListSchema = z.object({ _embedded: z.object({ legalBases: z.array(legalBasisSchema) }) }).meta({ id: 'LegalBasisList' });
