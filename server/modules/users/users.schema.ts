import { z } from 'zod';
import { roleSchema } from '@server/core/auth/roles';
import { pagedSchema, pageQuerySchema } from '@server/core/http/pagination';

const municipalityCode = z.string().regex(/^GM\d{4}$/);

export const userSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    displayName: z.string(),
    organisation: z.object({ id: z.uuid(), name: z.string() }),
    roles: z.array(roleSchema),
    allMunicipalities: z.boolean(),
    municipalities: z.array(z.string()),
    active: z.boolean(),
    secondFactorEnabled: z.boolean(),
    lockedUntil: z.iso.datetime({ offset: true }).nullable(),
    lastLoginAt: z.iso.datetime({ offset: true }).nullable(),
  })
  .meta({ id: 'User', 'x-personal-data': true });
export type User = z.infer<typeof userSchema>;

export const userListSchema = pagedSchema('users', userSchema).meta({ id: 'UserList' });

/** Filters that say nothing about a person, so they may travel in a URL. */
const userFilterFields = {
  role: roleSchema.optional().describe('Only accounts with this role'),
  municipality: municipalityCode.optional().describe('Only accounts whose scope covers this municipality (listed, or the whole region)'),
};

/** `GET /users`: non-personal filters only. A name or address is searched with `POST /users/_search`. */
export const userQuerySchema = pageQuerySchema.extend({
  ...userFilterFields,
  active: z
    .enum(['true', 'false'])
    .transform((value) => value === 'true')
    .optional()
    .describe('Only active (true) or deactivated (false) accounts'),
});

/**
 * `POST /users/_search`: the search text is often a name or an e-mail address, and those belong
 * in no URL (browser history, proxy and server logs), so it travels in the body.
 */
export const userSearchSchema = z
  .strictObject({
    search: z.string().trim().max(100).optional().describe('Part of the name or e-mail address'),
    ...userFilterFields,
    active: z.boolean().optional().describe('Only active (true) or deactivated (false) accounts'),
  })
  .meta({ id: 'UserSearch', examples: [{ search: 'de vries', role: 'aandachtsfunctionaris', municipality: 'GM0402', active: true }] });
/** What the account list is narrowed by; `GET /users` leaves out `search`. */
export type UserFilter = z.infer<typeof userSearchSchema>;

export const userCreateSchema = z
  .strictObject({
    email: z.email().trim().toLowerCase().max(254),
    displayName: z.string().trim().min(2).max(120),
    organisationId: z.uuid(),
    roles: z.array(roleSchema).max(9),
    allMunicipalities: z.boolean().default(false),
    municipalities: z.array(municipalityCode).max(50).default([]),
  })
  .meta({
    id: 'UserCreate',
    examples: [
      {
        email: 'aandachtsfunctionaris@gemeente.example',
        displayName: 'Sanne de Vries (fictief)',
        organisationId: '00000000-0000-4000-8000-000000000000',
        roles: ['aandachtsfunctionaris'],
        allMunicipalities: false,
        municipalities: ['GM0402'],
      },
    ],
  });
export type UserCreate = z.infer<typeof userCreateSchema>;

export const userUpdateSchema = z
  .strictObject({
    displayName: z.string().trim().min(2).max(120).optional(),
    organisationId: z.uuid().optional(),
    roles: z.array(roleSchema).max(9).optional(),
    allMunicipalities: z.boolean().optional(),
    municipalities: z.array(municipalityCode).max(50).optional(),
    active: z.boolean().optional(),
  })
  .meta({ id: 'UserUpdate', examples: [{ roles: ['aandachtsfunctionaris', 'signaleerder'], municipalities: ['GM0402'] }] });
export type UserUpdate = z.infer<typeof userUpdateSchema>;

export const userCreatedSchema = z
  .object({ user: userSchema, initialPassword: z.string().describe('Shown once; the user changes it after the first log-in') })
  .meta({ id: 'UserCreated' });

export const userParamsSchema = z.strictObject({ id: z.uuid() });

export const apiTokenScopes = ['imports', 'crawler', 'read-reference'] as const;
export const apiTokenSchema = z
  .object({
    id: z.uuid(),
    userId: z.uuid(),
    name: z.string(),
    scopes: z.array(z.enum(apiTokenScopes)),
    expiresAt: z.iso.datetime({ offset: true }),
    createdAt: z.iso.datetime({ offset: true }),
    lastUsedAt: z.iso.datetime({ offset: true }).nullable(),
    revoked: z.boolean(),
  })
  .meta({ id: 'ApiToken' });
export const apiTokenListSchema = pagedSchema('apiTokens', apiTokenSchema).meta({ id: 'ApiTokenList' });
export const apiTokenCreateSchema = z
  .strictObject({
    userId: z.uuid().describe('The (system) account the token acts as'),
    name: z.string().trim().min(2).max(100),
    scopes: z.array(z.enum(apiTokenScopes)).min(1),
    validDays: z.number().int().min(1).max(366).default(90),
  })
  .meta({ id: 'ApiTokenCreate', examples: [{ userId: '00000000-0000-4000-8000-000000000000', name: 'Import Meld Misdaad Anoniem', scopes: ['imports'], validDays: 90 }] });
export const apiTokenCreatedSchema = z
  .object({ apiToken: apiTokenSchema, token: z.string().describe('Shown once; send as Authorization: Bearer') })
  .meta({ id: 'ApiTokenCreated' });
