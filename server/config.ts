/**
 * Configuration from the environment, parsed once at start with zod. A bad value stops
 * the process with one line naming the variable and the reason (see `loadConfig`).
 */
import { randomUUID } from 'node:crypto'
import { z } from 'zod'

const boolFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes')

const urlWithProtocols = (protocols: string[]) =>
  z
    .url({ message: 'must be a URL' })
    .refine((v) => URL.canParse(v) && protocols.includes(new URL(v).protocol), {
      message: `must start with ${protocols.join(' or ')}`,
    })

const envSchema = z.object({
  PORT: z.coerce.number({ message: 'must be a number' }).int().min(0).max(65535).default(3000),
  // Loopback by default: the embedded demo is for one laptop. HOST=0.0.0.0 to serve others.
  HOST: z.string().min(1).default('127.0.0.1'),
  PUBLIC_ORIGIN: urlWithProtocols(['http:', 'https:'])
    .transform((v) => new URL(v).origin)
    .optional(),
  DATABASE_URL: urlWithProtocols(['postgres:', 'postgresql:']).optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  REDIS_URL: urlWithProtocols(['redis:', 'rediss:']).optional(),
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_-]{1,64}$/, 'must be 1–64 letters, digits, ":", "_" or "-"')
    .default('samenspel:'),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  NODE_ID: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,40}$/, 'must be 1–40 letters, digits, "_" or "-"')
    .optional(),
  DEMO_PASSWORD: z.string().min(8, 'must be at least 8 characters').default('demo-demo-demo'),
  SEED_DEMO: boolFromEnv.optional(),
  SESSION_IDLE_MINUTES: z.coerce.number({ message: 'must be a number' }).int().min(1).max(24 * 60).default(120),
  SESSION_MAX_HOURS: z.coerce.number({ message: 'must be a number' }).min(0.001).max(7 * 24).default(12),
  TRUST_PROXY: z.union([z.enum(['true', 'false']), z.string().regex(/^\d{1,2}$/, 'must be true, false or a number of proxy hops')]).default('false'),
  METRICS_TOKEN: z.string().min(24, 'must be at least 24 characters').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SERVE_CLIENT: boolFromEnv.default(true),
})

/** The validated configuration the rest of the server receives. */
export interface Config {
  port: number
  host: string
  /** Allowed browser origin; when absent, the request's own Host is the only allowed origin. */
  publicOrigin: string | undefined
  databaseUrl: string | undefined
  dataDir: string
  redisUrl: string | undefined
  redisPrefix: string
  /** Only set when given; embedded mode generates and stores one (see sessionSecret.ts). */
  sessionSecret: string | undefined
  nodeId: string
  demoPassword: string
  /** Seed the fictional demo data at start. Default: on in embedded mode (no DATABASE_URL). */
  seedDemo: boolean
  logLevel: string
  serveClient: boolean
  /** A session ends after this long without any request or websocket message. */
  sessionIdleMs: number
  /** A session ends this long after login, whatever happens. */
  sessionMaxMs: number
  /** Express `trust proxy`: false, true, or the number of proxy hops in front of the node. */
  trustProxy: boolean | number
  /** Bearer token for `GET /metrics` from other hosts; without it only loopback may scrape. */
  metricsToken: string | undefined
}

/** Variables whose value is a secret: an error names them and the reason, never the value. */
const SECRET_VARIABLES = new Set(['SESSION_SECRET', 'METRICS_TOKEN', 'DEMO_PASSWORD'])
/** Variables that may carry a password inside the URL (`postgres://user:secret@host`). */
const URL_VARIABLES = new Set(['DATABASE_URL', 'REDIS_URL', 'PUBLIC_ORIGIN'])

/**
 * The bad value as an error may show it: nothing of a secret (start-up errors go to logs
 * that operators share), a URL only when it holds no credentials (those cannot be masked
 * reliably in a string that did not parse as a URL), anything else quoted.
 */
function shownValue(name: string, value: unknown): string {
  if (value === undefined || SECRET_VARIABLES.has(name)) return ''
  if (URL_VARIABLES.has(name) && typeof value === 'string' && (value.includes('@') || !URL.canParse(value))) return ''
  return ` (got ${JSON.stringify(value)})`
}

/** A configuration error that names the variable. */
export class ConfigError extends Error {}

/**
 * Parses the environment into a Config.
 * @throws ConfigError with one line: `<VARIABLE>: <reason>` for the first bad variable.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([k, v]) => k in envSchema.shape && v !== undefined && v !== ''),
  )
  const parsed = envSchema.safeParse(cleaned)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    const name = String(issue.path[0] ?? 'environment')
    throw new ConfigError(`${name}: ${issue.message}${shownValue(name, cleaned[name])}`)
  }
  const e = parsed.data
  return {
    port: e.PORT,
    host: e.HOST,
    publicOrigin: e.PUBLIC_ORIGIN,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    redisUrl: e.REDIS_URL,
    redisPrefix: e.REDIS_PREFIX,
    sessionSecret: e.SESSION_SECRET,
    nodeId: e.NODE_ID ?? `node-${randomUUID().slice(0, 8)}`,
    demoPassword: e.DEMO_PASSWORD,
    seedDemo: e.SEED_DEMO ?? e.DATABASE_URL === undefined,
    logLevel: e.LOG_LEVEL,
    serveClient: e.SERVE_CLIENT,
    sessionIdleMs: e.SESSION_IDLE_MINUTES * 60_000,
    sessionMaxMs: Math.round(e.SESSION_MAX_HOURS * 3_600_000),
    trustProxy: e.TRUST_PROXY === 'true' ? true : e.TRUST_PROXY === 'false' ? false : Number(e.TRUST_PROXY),
    metricsToken: e.METRICS_TOKEN,
  }
}
