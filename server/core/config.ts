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
  SESSION_CACHE_SECONDS: z.coerce
    .number()
    .int()
    .min(0, { message: 'allowed: a whole number of seconds from 0 (no cache) to 60' })
    .max(60, { message: 'allowed: a whole number of seconds from 0 (no cache) to 60' })
    .default(5),
  RATE_LIMIT_PER_MINUTE: z.coerce
    .number()
    .int()
    .min(1, { message: 'allowed: a whole number of requests per minute per client, at least 1' })
    .default(600),
  ATTACHMENT_MAX_BYTES: z.coerce.number().int().min(1024, { message: 'allowed: a whole number of bytes, at least 1024' }).default(10 * 1024 * 1024),
  ATTACHMENT_MAX_COUNT: z.coerce.number().int().min(0).max(50, { message: 'allowed: a whole number from 0 to 50' }).default(5),
  PUBLIC_PROOF_OF_WORK_BITS: z.coerce
    .number()
    .int()
    .min(0)
    .max(28, { message: 'allowed: a whole number of bits from 0 (off) to 28' })
    .default(16),
  PUBLIC_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1, { message: 'allowed: a whole number, at least 1' }).default(10),
  // Imports of the MMA and Watch Nederland exports: see docs/imports.md.
  SCHAKEL_IMPORTS_DIR: z.string().min(1, { message: 'allowed: a directory with mma.json and watch.json' }).default('./config/imports'),
  IMPORT_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024, { message: 'allowed: a whole number of bytes from 1024 to 536870912' })
    .max(512 * 1024 * 1024, { message: 'allowed: a whole number of bytes from 1024 to 536870912' })
    .default(100 * 1024 * 1024),
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
  // Mail (the outbox worker) and the acute alert: see README, "Mail and the acute alert".
  SMTP_HOST: z.string().min(1, { message: 'allowed: unset (mails wait in the outbox) or the host name of the SMTP server' }).optional(),
  SMTP_PORT: z.coerce
    .number({ message: 'allowed: a whole number from 1 to 65535' })
    .int({ message: 'allowed: a whole number from 1 to 65535' })
    .min(1, { message: 'allowed: a whole number from 1 to 65535' })
    .max(65535, { message: 'allowed: a whole number from 1 to 65535' })
    .default(587),
  SMTP_SECURE: booleanFlag.default(false),
  SMTP_USER: z.string().min(1).optional(),
  SMTP_PASSWORD: z.string().min(1).optional(),
  MAIL_FROM: z
    .string()
    .regex(/^([^<>@]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/, { message: 'allowed: an e-mail address, optionally with a name: Schakel <schakel@regio.example>' })
    .optional(),
  PUBLIC_BASE_URL: z
    .url({ protocol: /^https?$/, message: 'allowed: the address of Schakel as its users open it, e.g. https://schakel.regio.example' })
    .transform((url) => url.replace(/\/+$/, ''))
    .optional(),
  ALERT_FALLBACK_EMAIL: z.email({ message: 'allowed: unset or one e-mail address' }).toLowerCase().optional(),
  ALERT_MAX_AGE_HOURS: z.coerce.number().int().min(1, { message: 'allowed: a whole number of hours, at least 1' }).default(24),
  // Regional mailbox: on when MAILBOX_IMAP_HOST or MAILBOX_DROP_DIR is set (see README).
  MAILBOX_IMAP_HOST: z.string().min(1, { message: 'allowed: the host name of the IMAP server' }).optional(),
  MAILBOX_IMAP_PORT: z.coerce
    .number({ message: 'allowed: a whole number from 1 to 65535' })
    .int({ message: 'allowed: a whole number from 1 to 65535' })
    .min(1, { message: 'allowed: a whole number from 1 to 65535' })
    .max(65535, { message: 'allowed: a whole number from 1 to 65535' })
    .default(993),
  MAILBOX_IMAP_SECURE: booleanFlag.default(true),
  MAILBOX_IMAP_USER: z.string().min(1).optional(),
  MAILBOX_IMAP_PASSWORD: z.string().min(1).optional(),
  MAILBOX_FOLDER: z.string().min(1, { message: 'allowed: the name of an IMAP folder, e.g. INBOX' }).default('INBOX'),
  MAILBOX_POLL_SECONDS: z.coerce.number().int().min(1, { message: 'allowed: a whole number of seconds from 1 to 3600' }).max(3600, { message: 'allowed: a whole number of seconds from 1 to 3600' }).default(60),
  MAILBOX_IDLE: booleanFlag.default(true),
  MAILBOX_DROP_DIR: z.string().min(1, { message: 'allowed: a directory path' }).optional(),
  MAILBOX_REGION: z
    .string()
    .regex(/^[a-z0-9-]+$/, { message: 'allowed: the code of a region, e.g. gooi-en-vechtstreek (default: SCHAKEL_REGION)' })
    .optional(),
  MAILBOX_MAX_MESSAGE_BYTES: z.coerce
    .number()
    .int()
    .min(65_536, { message: 'allowed: a whole number of bytes from 65536 to 209715200' })
    .max(200 * 1024 * 1024, { message: 'allowed: a whole number of bytes from 65536 to 209715200' })
    .default(25 * 1024 * 1024),
  MAILBOX_MAX_MIME_DEPTH: z.coerce.number().int().min(1, { message: 'allowed: a whole number from 1 to 100' }).max(100, { message: 'allowed: a whole number from 1 to 100' }).default(12),
  MAILBOX_MAX_MIME_PARTS: z.coerce.number().int().min(1, { message: 'allowed: a whole number from 1 to 10000' }).max(10_000, { message: 'allowed: a whole number from 1 to 10000' }).default(250),
  MAILBOX_MAX_DECODED_BYTES: z.coerce
    .number()
    .int()
    .min(65_536, { message: 'allowed: a whole number of bytes, at least 65536' })
    .default(50 * 1024 * 1024),
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

/**
 * The config for tests: quiet logs, no demo data, in-memory database unless told otherwise.
 * No session cache: tests move time by editing sessions in the database and must see that at
 * once; the cache has its own tests (server/core/auth/session-cache.test.ts).
 */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({ LOG_LEVEL: 'silent', SCHAKEL_DEMO: 'off', SESSION_CACHE_SECONDS: '0' }), ...overrides };
}

/** The address of Schakel as its users open it, for links in e-mails (PUBLIC_BASE_URL, or the local listener). */
export function publicBaseUrlOf(config: Pick<Config, 'PUBLIC_BASE_URL' | 'HOST' | 'PORT'>): string {
  const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? '127.0.0.1' : config.HOST.includes(':') ? `[${config.HOST}]` : config.HOST;
  return config.PUBLIC_BASE_URL ?? `http://${host}:${config.PORT}`;
}
