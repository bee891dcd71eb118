import { z } from 'zod';
import { roleSchema } from '@server/core/auth/roles';
import { pagedSchema } from '@server/core/http/pagination';

export const sessionStates = ['anonymous', 'second-factor-required', 'enrolment-required', 'active'] as const;
export const sessionStateSchema = z.enum(sessionStates).meta({ id: 'SessionState' });
export type SessionState = z.infer<typeof sessionStateSchema>;

export const loginSchema = z
  .strictObject({
    email: z.string().trim().toLowerCase().max(254),
    password: z.string().min(1).max(256),
  })
  .meta({ id: 'Login', examples: [{ email: 'beheer@example.org', password: 'een lang en uniek wachtwoord' }] });

export const secondFactorSchema = z
  .union([z.strictObject({ code: z.string().regex(/^\d{6}$/, 'six digits') }), z.strictObject({ recoveryCode: z.string().min(8).max(40) })])
  .meta({ id: 'SecondFactorCode', examples: [{ code: '123456' }] });

export const enrolmentConfirmSchema = z
  .strictObject({ code: z.string().regex(/^\d{6}$/, 'six digits') })
  .meta({ id: 'EnrolmentConfirmation', examples: [{ code: '123456' }] });

export const passwordChangeSchema = z
  .strictObject({ currentPassword: z.string().min(1).max(256), newPassword: z.string().min(1).max(1024) })
  .meta({ id: 'PasswordChange', examples: [{ currentPassword: 'het oude wachtwoord', newPassword: 'Zeven Paarse Olifanten Dansen!' }] });

export const meSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    displayName: z.string(),
    organisation: z.object({ id: z.uuid(), name: z.string() }),
    region: z.string(),
    roles: z.array(roleSchema),
    allMunicipalities: z.boolean(),
    municipalities: z.array(z.string()),
    secondFactor: z.object({ enabled: z.boolean(), recoveryCodesLeft: z.number().int() }),
    permissions: z.object({ manageUsers: z.boolean(), readAccessLog: z.boolean() }).describe('What the UI may offer; the server checks again'),
  })
  .meta({ id: 'Me', 'x-personal-data': true });
export type Me = z.infer<typeof meSchema>;

export const sessionStatusSchema = z
  .object({
    state: sessionStateSchema,
    csrfToken: z.string().optional().describe('Send as X-CSRF-Token on every state-changing request'),
    demoMode: z.boolean().describe('Demo installation: fictional data; demo accounts skip the second factor'),
  })
  .meta({ id: 'SessionStatus' });
export type SessionStatus = z.infer<typeof sessionStatusSchema>;

export const currentSessionSchema = sessionStatusSchema.extend({ me: meSchema.optional() }).meta({ id: 'CurrentSession' });
export type CurrentSession = z.infer<typeof currentSessionSchema>;

export const enrolmentSchema = z
  .object({
    secret: z.string().describe('Base32 secret for manual entry'),
    otpauthUri: z.string(),
    qrCode: z.string().describe('SVG of the otpauth URI'),
  })
  .meta({ id: 'SecondFactorEnrolment' });

export const recoveryCodesSchema = z
  .object({ recoveryCodes: z.array(z.string()).describe('Shown once; each works once') })
  .meta({ id: 'RecoveryCodes' });

export const userSessionSchema = z
  .object({
    id: z.uuid(),
    createdAt: z.iso.datetime({ offset: true }),
    lastSeenAt: z.iso.datetime({ offset: true }),
    clientAddress: z.string().nullable(),
    userAgent: z.string().nullable(),
    current: z.boolean(),
  })
  .meta({ id: 'UserSession', 'x-personal-data': true });
export type UserSession = z.infer<typeof userSessionSchema>;
export const userSessionListSchema = pagedSchema('sessions', userSessionSchema).meta({ id: 'UserSessionList' });

export const sessionParamsSchema = z.strictObject({ id: z.uuid() });
