import { z } from 'zod';

/**
 * All settings, read once at start-up from the environment and validated.
 * Invalid values stop the program (exit code 2) with a message naming the variable.
 */
const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'allowed: true or false' })
  .transform((value) => ['true', '1', 'yes'].includes(value));

export const configSchema = z.object({
  PORT: z.coerce
    .number({ message: 'allowed: a whole number from 0 to 65535' })
    .int({ message: 'allowed: a whole number from 0 to 65535' })
    .min(0, { message: 'allowed: a whole number from 0 to 65535' })
    .max(65535, { message: 'allowed: a whole number from 0 to 65535' })
    .default(8080),
  HOST: z.string().min(1, { message: 'allowed: a host name or IP address' }).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/.+/, { message: 'allowed: unset (embedded PGlite) or a postgres:// connection URL' })
    .optional(),
  DATABASE_POOL_SIZE: z.coerce
    .number()
    .int()
    .min(1, { message: 'allowed: a whole number from 1 to 200' })
    .max(200, { message: 'allowed: a whole number from 1 to 200' })
    .default(10),
  SCHAKEL_DATA_DIR: z.string().min(1, { message: 'allowed: a directory path' }).default('./data'),
  SCHAKEL_REGION: z
    .string()
    .regex(/^[a-z0-9-]+$/, { message: 'allowed: the code of a region file in SCHAKEL_REGIONS_DIR, e.g. gooi-en-vechtstreek' })
    .default('gooi-en-vechtstreek'),
  SCHAKEL_REGIONS_DIR: z.string().min(1).default('./config/regions'),
  SCHAKEL_DEMO: z
    .enum(['auto', 'on', 'off'], { message: 'allowed: auto (demo data on an empty embedded database), on, off' })
    .default('auto'),
  SCHAKEL_WEB_DIR: z.string().min(1).default('./dist/web'),
  LOG_LEVEL: z.enum(logLevels, { message: `allowed: ${logLevels.join(', ')}` }).default('info'),
  TRUST_PROXY: booleanFlag.default(false),
  LOCKOUT_ATTEMPTS: z.coerce.number().int().min(1, { message: 'allowed: a whole number of failed log-ins, at least 1' }).default(5),
  LOCKOUT_MINUTES: z.coerce.number().int().min(1, { message: 'allowed: a whole number of minutes, at least 1' }).default(15),
  LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1, { message: 'allowed: a whole number, at least 1' }).default(20),
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1, { message: 'allowed: a whole number of minutes, at least 1' }).default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1, { message: 'allowed: a whole number of hours, at least 1' }).default(12),
  RATE_LIMIT_PER_MINUTE: z.coerce
    .number()
    .int()
    .min(1, { message: 'allowed: a whole number of requests per minute per client, at least 1' })
    .default(600),
  // OIDC log-in: on when OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_REDIRECT_URI are set (see README).
  OIDC_ISSUER: z
    .url({ message: 'allowed: the issuer URL of the OpenID provider, https (http only on loopback)' })
    .refine((url) => /^https:\/\/[^?#]+$/.test(url) || /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/[^?#]*)?$/.test(url), {
      message: 'allowed: the issuer URL of the OpenID provider, https (http only on loopback), no query or fragment',
    })
    .optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_REDIRECT_URI: z
    .url({ protocol: /^https?$/, message: 'allowed: the URL of /api/v1/oidc/callback as the browser sees it' })
    .optional(),
  OIDC_PROVIDER_NAME: z.string().min(1).max(60, { message: 'allowed: a name of at most 60 characters' }).default('OpenID Connect'),
  OIDC_USER_CLAIM: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{1,64}$/, { message: 'allowed: the name of an ID token claim, e.g. email, preferred_username, upn or sub' })
    .default('email'),
  OIDC_CREATE_USERS: booleanFlag.default(false),
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the configuration; throws ConfigError naming every invalid variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const known = Object.fromEntries(
    Object.keys(configSchema.shape).map((key) => [key, env[key] === '' ? undefined : env[key]]),
  );
  const parsed = configSchema.safeParse(known);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = String(issue.path[0] ?? '?');
        return `${name}=${JSON.stringify(known[name] ?? '')}: ${issue.message}`;
      }),
    );
  }
  return parsed.data;
}

/** The config for tests: quiet logs, no demo data, in-memory database unless told otherwise. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({ LOG_LEVEL: 'silent', SCHAKEL_DEMO: 'off' }), ...overrides };
}
