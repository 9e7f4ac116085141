import path from 'node:path';
import { isIP } from 'node:net';
import { z } from 'zod';

/**
 * The configuration contract. This is the only module that reads `process.env`; the names are relied on by
 * operators and external test harnesses, so keep them. A bad value stops start-up naming the variable.
 */
const optionalSecret = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() !== '' ? v.trim() : undefined));

const urlString = z.string().url().transform((u) => u.replace(/\/+$/, ''));

const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .default('file:./data/tsunagu.db')
    .refine((u) => u.startsWith('file:') || /^postgres(ql)?:\/\//.test(u), 'must be a SQLite file: URL or a postgresql:// URL'),
  LINE_CHANNEL_SECRET: optionalSecret,
  LINE_CHANNEL_ACCESS_TOKEN: optionalSecret,
  /**
   * Key material (at least 32 characters, e.g. `openssl rand -base64 48`) the staff's two-factor secrets are sealed
   * with at rest (HKDF → AES-256-GCM). Unset: they are stored unsealed and the start banner says so. Keep it: a
   * changed key leaves every enrolled member unable to sign in until an admin resets their two-factor.
   */
  CONSOLE_SECRET_KEY: optionalSecret.refine((v) => v === undefined || v.length >= 32, 'must be at least 32 characters'),
  LINE_API_BASE_URL: urlString.default('https://api.line.me'),
  LINE_DATA_API_BASE_URL: urlString.default('https://api-data.line.me'),
  COUNCIL_PROFILE: z.string().min(1).default(path.join('profiles', 'demo-council.yaml')),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  /** Minutes after which an unfinished flow step expires (checked lazily on the next message). */
  FLOW_TTL_MINUTES: z.coerce.number().int().min(1).default(24 * 60),
  /** Per-attempt timeout for LINE API calls. */
  LINE_TIMEOUT_MS: z.coerce.number().int().min(100).default(5000),
  /** A broadcast due longer ago than this when the service starts (it was down) is marked missed, not sent late. */
  BROADCAST_STALE_MINUTES: z.coerce.number().int().min(1).default(6 * 60),
  /** `worker`: events are processed in a worker thread, so acknowledging webhooks never waits for them. */
  PROCESSING_MODE: z.enum(['worker', 'inline']).default('worker'),
  /** Most webhook events held in memory for processing; a burst beyond it waits in the database (backpressure). */
  PROCESSING_MAX_EVENTS_IN_MEMORY: z.coerce.number().int().min(10).default(2000),
  /**
   * This instance's name among several on one PostgreSQL database (default: the host's name and `PORT`). It names the
   * leases the instance holds, so a restarted instance takes back its own work at once while another's waits for its
   * leases to pass. Must differ between instances and stay the same across an instance's restarts.
   */
  INSTANCE_NAME: z
    .string()
    .regex(/^[A-Za-z0-9._:-]{1,100}$/, 'letters, digits and . _ : - only')
    .optional(),
  /**
   * The reverse proxies (TLS terminators) in front of the service, as comma-separated addresses or CIDR ranges
   * (or `loopback`). Only requests from them have their X-Forwarded-For / -Proto / -Host believed, so the login
   * limits and the audit log see each client's own address. Unset: no proxy is trusted.
   */
  TRUST_PROXY: z
    .string()
    .optional()
    .refine((v) => v === undefined || v.split(',').every((p) => isProxyAddress(p.trim())), 'must be comma-separated IP addresses or CIDR ranges (or loopback)'),
});

/** An IP address, a CIDR range, or one of proxy-addr's names for the local ranges. */
function isProxyAddress(p: string): boolean {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(p)) return true;
  const [address, bits, ...rest] = p.split('/');
  const version = isIP(address ?? '');
  if (!version || rest.length) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (version === 4 ? 32 : 128));
}

export type Config = z.infer<typeof configSchema>;

/**
 * For entry points: the configuration, or — when the environment is invalid — the message naming each
 * offending variable on stderr and exit code 1.
 */
export function loadConfigOrExit(env: Record<string, string | undefined>): Config {
  try {
    return loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
}

/** Thrown when the environment is invalid; the message names each offending variable. */
export class ConfigError extends Error {
  constructor(readonly variables: string[], message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Validates the environment. Throws `ConfigError` naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  // A variable left blank (`PORT=` in a .env file) means "not set": its default applies.
  const set = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const result = configSchema.safeParse(set);
  if (result.success) {
    const c = result.data;
    if (Boolean(c.LINE_CHANNEL_SECRET) !== Boolean(c.LINE_CHANNEL_ACCESS_TOKEN)) {
      const missing = c.LINE_CHANNEL_SECRET ? 'LINE_CHANNEL_ACCESS_TOKEN' : 'LINE_CHANNEL_SECRET';
      throw new ConfigError([missing], `Invalid configuration: ${missing}: set both LINE_CHANNEL_SECRET and LINE_CHANNEL_ACCESS_TOKEN, or neither (simulator mode)`);
    }
    return c;
  }
  const variables = [...new Set(result.error.issues.map((i) => String(i.path[0])))];
  const lines = result.error.issues.map((i) => `${String(i.path[0])}: ${i.message}`);
  throw new ConfigError(variables, `Invalid configuration: ${lines.join('; ')}`);
}

/** True when no LINE channel is configured: the service runs against the local simulator. */
export function isSimulatorMode(config: Config): boolean {
  return !config.LINE_CHANNEL_SECRET;
}
