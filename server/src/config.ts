import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const ConfigSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATABASE_URL: z.string().optional(),
  DATA_DIR: z.string().default('./data'),
  LOTSE_MODE: z.enum(['demo', 'production']).default('demo'),
  PUBLIC_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_IDLE_MINUTES: z.coerce.number().int().positive().default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().positive().default(12),
  LOGIN_MAX_FAILURES: z.coerce.number().int().positive().default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().positive().default(15),
  LOGIN_RATE_PER_MINUTE: z.coerce.number().int().positive().default(20),
  COOKIE_SECURE: bool.optional(),
  JOBS: bool.default(true),
  // Behind a reverse proxy that sets X-Forwarded-For: trust it for the client address (rate limits, logs).
  TRUST_PROXY: bool.default(false),
  LOTSE_DOCUMENT_KEY: z.string().optional(),
  // Where handed-in documents are stored: the data folder (fs) or an S3-compatible bucket (s3, settings below).
  LOTSE_DOCUMENT_STORE: z.enum(['fs', 's3']).default('fs'),
  LOTSE_S3_ENDPOINT: z.string().url().optional(),
  LOTSE_S3_REGION: z.string().default('us-east-1'),
  LOTSE_S3_BUCKET: z.string().optional(),
  LOTSE_S3_ACCESS_KEY_ID: z.string().optional(),
  LOTSE_S3_SECRET_ACCESS_KEY: z.string().optional(),
  LOTSE_S3_PREFIX: z.string().default('documents/'),
  // Mail over SMTP (appointments). Without SMTP_HOST mails go to the log and the mail_outbox table only.
  SMTP_HOST: z.string().optional(),
  SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
  SMTP_SECURE: bool.default(false),
  SMTP_USER: z.string().optional(),
  SMTP_PASSWORD: z.string().optional(),
  MAIL_FROM: z.string().default('Lotse Termine <termine@lotse.invalid>'),
  SMS_PROVIDER: z.enum(['log', 'none']).default('log'),
  // Public booking: the secret that signs proof-of-work challenges (random per start when unset), their
  // difficulty (leading zero hex digits of the SHA-256 key) and the requests per minute and address.
  APPOINTMENTS_POW_SECRET: z.string().min(16).optional(),
  APPOINTMENTS_POW_DIFFICULTY: z.coerce.number().int().min(1).max(6).default(4),
  APPOINTMENTS_PUBLIC_RATE_PER_MINUTE: z.coerce.number().int().positive().default(10),
  APPOINTMENTS_REMINDER_HOURS: z.coerce.number().int().min(1).max(168).default(24),
  // Priority by residence title: a title ending within this many weeks lets desk bookings use the urgent quota.
  APPOINTMENTS_PRIORITY_WEEKS: z.coerce.number().int().min(1).max(52).default(8),
});

export type Config = {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  mode: 'demo' | 'production';
  publicUrl: string;
  logLevel: z.infer<typeof ConfigSchema>['LOG_LEVEL'];
  session: { idleMinutes: number; absoluteHours: number };
  login: { maxFailures: number; lockMinutes: number; ratePerMinute: number };
  cookieSecure: boolean;
  /** Take the client address from X-Forwarded-For (only behind a proxy that sets it). */
  trustProxy: boolean;
  jobs: boolean;
  /** Encrypts handed-in documents at rest (32 bytes, base64); demo mode generates one in the data folder. */
  documentKey: string | undefined;
  /** Where the (encrypted) files of handed-in documents live: `DATA_DIR/documents` or an S3-compatible bucket. */
  documentStore: { kind: 'fs' } | { kind: 's3'; s3: S3StoreConfig };
  mail: {
    smtp: { host: string; port: number; secure: boolean; user?: string; password?: string } | null;
    from: string;
    sms: 'log' | 'none';
  };
  appointments: {
    powSecret: string;
    powDifficulty: number;
    publicRatePerMinute: number;
    reminderHours: number;
    /** Persons whose residence title ends within this many weeks have priority (list, urgent quota). */
    priorityWeeks: number;
    /** How long a public booking holds its slot until the emailed link is opened. */
    confirmMinutes: number;
  };
};

/** An S3-compatible bucket (AWS S3, MinIO, Ceph RGW, …), addressed path-style at `endpoint` (else AWS). */
export type S3StoreConfig = {
  endpoint: string | undefined;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  prefix: string;
};

/** The S3 settings when LOTSE_DOCUMENT_STORE is s3; names every missing variable. */
function s3StoreConfig(e: z.infer<typeof ConfigSchema>): S3StoreConfig {
  const missing = (
    ['LOTSE_S3_BUCKET', 'LOTSE_S3_ACCESS_KEY_ID', 'LOTSE_S3_SECRET_ACCESS_KEY', 'LOTSE_S3_REGION'] as const
  ).filter((name) => !e[name]);
  if (missing.length > 0)
    throw new Error(
      `Invalid configuration: ${missing.join(', ')} must be set when LOTSE_DOCUMENT_STORE is s3`,
    );
  return {
    endpoint: e.LOTSE_S3_ENDPOINT || undefined,
    region: e.LOTSE_S3_REGION,
    bucket: e.LOTSE_S3_BUCKET!,
    accessKeyId: e.LOTSE_S3_ACCESS_KEY_ID!,
    secretAccessKey: e.LOTSE_S3_SECRET_ACCESS_KEY!,
    prefix: e.LOTSE_S3_PREFIX,
  };
}

/** Parses the environment once; nothing else in the server reads process.env. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  const publicUrl = e.PUBLIC_URL ?? `http://localhost:${e.PORT}`;
  const config: Config = {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL || undefined,
    dataDir: path.resolve(e.DATA_DIR),
    mode: e.LOTSE_MODE,
    publicUrl,
    logLevel: e.LOG_LEVEL,
    session: { idleMinutes: e.SESSION_IDLE_MINUTES, absoluteHours: e.SESSION_ABSOLUTE_HOURS },
    login: {
      maxFailures: e.LOGIN_MAX_FAILURES,
      lockMinutes: e.LOGIN_LOCK_MINUTES,
      ratePerMinute: e.LOGIN_RATE_PER_MINUTE,
    },
    cookieSecure: false,
    jobs: e.JOBS,
    trustProxy: e.TRUST_PROXY,
    documentKey: e.LOTSE_DOCUMENT_KEY || undefined,
    documentStore: e.LOTSE_DOCUMENT_STORE === 's3' ? { kind: 's3', s3: s3StoreConfig(e) } : { kind: 'fs' },
    mail: {
      smtp: e.SMTP_HOST
        ? {
            host: e.SMTP_HOST,
            port: e.SMTP_PORT,
            secure: e.SMTP_SECURE,
            ...(e.SMTP_USER ? { user: e.SMTP_USER, password: e.SMTP_PASSWORD ?? '' } : {}),
          }
        : null,
      from: e.MAIL_FROM,
      sms: e.SMS_PROVIDER,
    },
    appointments: {
      powSecret: e.APPOINTMENTS_POW_SECRET ?? randomBytes(32).toString('hex'),
      powDifficulty: e.APPOINTMENTS_POW_DIFFICULTY,
      publicRatePerMinute: e.APPOINTMENTS_PUBLIC_RATE_PER_MINUTE,
      reminderHours: e.APPOINTMENTS_REMINDER_HOURS,
      priorityWeeks: e.APPOINTMENTS_PRIORITY_WEEKS,
      confirmMinutes: 60,
    },
    ...overrides,
  };
  config.cookieSecure = overrides.cookieSecure ?? e.COOKIE_SECURE ?? config.publicUrl.startsWith('https://');
  return config;
}
