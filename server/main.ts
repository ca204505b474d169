/**
 * The only file that wires everything: config → database (pg or PGlite) → migrations →
 * bus (Redis or in-process) → sessions, audit, doc hub → HTTP + websocket server.
 * Run directly (`tsx server/main.ts`) or call `startServer` (tests).
 */
import { randomBytes } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createLoginLimiter } from './auth/loginLimiter'
import { resolveSessionSecret } from './auth/sessionSecret'
import { createAccessEvents, type AccessEvent } from './auth/accessEvents'
import { createSessionStore } from './auth/sessions'
import { createAuditLog } from './audit/auditLog'
import type { Bus } from './bus/bus'
import { createMemoryBus } from './bus/memoryBus'
import { createRedisBus } from './bus/redisBus'
import { DEFAULT_HUB_LIMITS } from './collab/hubLimits'
import type { HubLimits } from './collab/types'
import type { HubConnection, Reauthorization } from './collab/types'
import { createCollabUpgrade } from './collab/upgrade'
import { decideDocAccess } from './access/policy'
import { CloseCode } from '../shared/protocol/closeCodes'
import { ConfigError, loadConfig, type Config } from './config'
import type { Db } from './db/db'
import { migrate } from './db/migrate'
import { createPgDb } from './db/pgDb'
import { createPgliteDb } from './db/pgliteDb'
import { createHttpApp } from './http/app'
import { sessionTokenFrom } from './http/middleware'
import { createLogger, type Logger } from './log'
import { createMetrics } from './metrics'
import { warmUp } from './warmUp'
import { createPlanPreparer } from './plan/caseDocs'
import { admissionMembership } from './access/meetingAccess'
import { createLockRegistry } from './meetings/lockRegistry'
import { createMeetings } from './meetingsWiring'
import { listLiveMeetingsOfCase } from './store/meetings'
import { DEMO_USERS, isDemoSeeded, seedDemo } from './seed'
import { findMembership, listCaseIds } from './store/cases'
import { createSqlDocStore } from './store/sqlDocStore'
import { createNodeDocHub } from './wiring/nodeHub'
import { migrateDecisionMandates } from './plan/mandateMigration'

const projectRoot = fileURLToPath(new URL('..', import.meta.url))

/** A running node. */
export interface RunningServer {
  url: string
  port: number
  /** This process's id on the bus and in the update log: NODE_ID plus a random suffix. */
  nodeId: string
  server: Server
  /** Stops accepting, closes sockets with "shutting down", persists, disconnects. */
  close(): Promise<void>
}

/** Options for tests: limits to shorten, an in-process bus to share between nodes. */
export interface StartOptions {
  limits?: Partial<HubLimits>
  bus?: Bus
  log?: Logger
}

async function openDb(config: Config, log: Logger): Promise<Db> {
  if (config.databaseUrl) return createPgDb(config.databaseUrl, (err) => log.error({ err: err.message }, 'database client error'))
  return createPgliteDb(resolve(config.dataDir, 'pglite'))
}

/** Starts one node. @throws ConfigError, or when the database or Redis cannot be reached. */
export async function startServer(config: Config, opts: StartOptions = {}): Promise<RunningServer> {
  const log = opts.log ?? createLogger(config.logLevel, config.nodeId)
  const secret = await resolveSessionSecret(config)
  const db = await openDb(config, log)
  await migrate(db)
  const bus = opts.bus ?? (config.redisUrl ? await createRedisBus(config.redisUrl, config.redisPrefix, log) : createMemoryBus())
  const store = createSqlDocStore(db)
  const login = await createLoginLimiter(config.redisUrl, config.redisPrefix)
  if (config.seedDemo && !(await isDemoSeeded(db))) await seedDemo(db, store, config.demoPassword)
  // Before any document is served: plan decisions stored before issue 18 item 5 still name who sat at the table.
  await migrateDecisionMandates(await listCaseIds(db), store, `${config.nodeId}-migration`, log)

  const metrics = createMetrics(config.nodeId)
  const sessions = createSessionStore(db, secret, { idleMs: config.sessionIdleMs, maxMs: config.sessionMaxMs })
  const audit = createAuditLog(db, log)
  const limits = { ...DEFAULT_HUB_LIMITS, ...opts.limits }
  // Per process, whatever NODE_ID says: two processes started with the same NODE_ID
  // would otherwise take each other's bus messages and log rows for their own, for good.
  const instanceId = `${config.nodeId}-${randomBytes(4).toString('hex')}`
  // A member's membership, or the buitenring membership an admission to the current
  // agenda item of a live meeting lends a non-member (it ends with the item).
  const membershipOf = async (caseId: string, userId: string) =>
    (await findMembership(db, caseId, userId)) ?? admissionMembership(await listLiveMeetingsOfCase(db, caseId), userId)
  const reauthorize = async (conn: HubConnection): Promise<Reauthorization> => {
    const session = await sessions.resolveById(conn.sessionId)
    if (!session) return { code: CloseCode.Unauthenticated, reason: 'session ended' }
    const membership = conn.doc.kind === 'case' ? await membershipOf(conn.doc.caseId, session.user.id) : null
    return { access: decideDocAccess(membership, conn.doc), sessionDeadline: Math.min(session.idleDeadline, session.expiresAt) }
  }
  const locks = createLockRegistry(db, bus, log)
  await locks.start()
  const hub = createNodeDocHub({
    store, bus, audit, log, metrics, nodeId: instanceId, limits, locksOf: locks.locksOf, reauthorize, touchSession: (id) => sessions.touch(id),
  })
  const accessEvents = createAccessEvents(bus, instanceId, log)
  const meetings = createMeetings({ config, db, store, hub, sessions, accessEvents, locks, log, nodeId: instanceId })
  await accessEvents.subscribe((event) => void hub.recheck(matchesEvent(event)))
  const pruning = setInterval(() => {
    sessions.prune().catch((err: Error) => log.warn({ err: err.message }, 'pruning sessions failed'))
  }, SESSION_PRUNE_MS)
  pruning.unref()
  const collab = createCollabUpgrade({
    hub, audit, log, limits, publicOrigin: config.publicOrigin,
    authenticate: async (req) => {
      const token = sessionTokenFrom(req.headers.cookie)
      return token ? sessions.resolveSession(token) : null
    },
    findMembership: membershipOf,
  })
  const app = createHttpApp({
    db, store, bus, sessions, audit, log, registry: metrics.registry, nodeId: config.nodeId, isDemo: config.seedDemo, accessEvents,
    trustProxy: config.trustProxy, metricsToken: config.metricsToken, publicOrigin: config.publicOrigin,
    isSecureCookie: config.publicOrigin?.startsWith('https:') ?? false, loginFailures: login,
    clientDir: config.serveClient ? resolve(projectRoot, 'dist/client') : null, meetings: meetings.service,
    purge: { edit: (name, editor, change) => hub.edit(name, editor, change), compact: (name) => store.compact(name) },
  })
  await warmUp({
    store, resolveSession: (token) => sessions.resolve(token), findMembership: (caseId, userId) => findMembership(db, caseId, userId),
    prepare: createPlanPreparer(log), connections: 4,
  })
  const server = createServer(app)
  server.on('upgrade', (req, socket, head) => {
    // socket.io (meetings) answers its own path; anything else that is not a document is refused.
    if (req.url?.startsWith(SOCKET_IO_PATH)) return
    if (!collab.handleUpgrade(req, socket, head)) socket.destroy()
  })
  await meetings.attach(server)
  await new Promise<void>((r) => server.listen(config.port, config.host, r))
  const port = (server.address() as { port: number }).port
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`

  let closing: Promise<void> | null = null
  const close = () =>
    (closing ??= (async () => {
      server.close()
      clearInterval(pruning)
      await meetings.close()
      await locks.close()
      await hub.close()
      await collab.close()
      server.closeAllConnections()
      if (!opts.bus) await bus.close()
      await login.close()
      await db.close()
    })())
  return { url, port, nodeId: instanceId, server, close }
}

/** Longest a SIGTERM/SIGINT shutdown may take before the process exits anyway. */
const SHUTDOWN_TIMEOUT_MS = 15_000

/** socket.io's path (its default): upgrades there are engine.io's. */
const SOCKET_IO_PATH = '/socket.io/'

/** Expired and idle sessions are deleted this often (each node; the delete is idempotent). */
const SESSION_PRUNE_MS = 10 * 60_000

/** Which open connections an access change concerns. */
function matchesEvent(event: AccessEvent): (conn: HubConnection) => boolean {
  switch (event.kind) {
    case 'membership':
      return (c) => c.user.id === event.userId && c.doc.kind === 'case' && c.doc.caseId === event.caseId
    case 'session':
      return (c) => c.sessionId === event.sessionId
    case 'user':
      return (c) => c.user.id === event.userId
  }
}

function printDemoLogins(log: Logger, config: Config, url: string): void {
  if (!config.seedDemo) return
  const lines = DEMO_USERS.map((u) => `  ${u.email.padEnd(20)} ${u.org} (${u.isPrivacyOfficer ? "privacy officer" : `${u.ring === "inner" ? "binnenring" : "buitenring"}, ${u.role}`})`)
  process.stdout.write(
    `\nSamenspel draait op ${config.publicOrigin ?? url}\nDemo-logins (fictief), wachtwoord "${config.demoPassword}":\n${lines.join('\n')}\n\n`,
  )
  log.debug('demo logins printed')
}

async function main(): Promise<void> {
  let config: Config
  try {
    config = loadConfig()
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err
    process.stderr.write(`Configuration error: ${err.message}\n`)
    process.exit(2)
  }
  const log = createLogger(config.logLevel, config.nodeId)
  try {
    const running = await startServer(config, { log })
    log.info({ port: running.port, url: running.url, db: config.databaseUrl ? 'pg' : 'pglite', bus: config.redisUrl ? 'redis' : 'memory' }, 'listening')
    printDemoLogins(log, config, running.url)
    const shutdown = (signal: string) => {
      log.info({ signal }, 'shutting down')
      // Persisting what is pending comes first; a shutdown that hangs (a stuck socket, a
      // database that does not answer) still ends, and says so.
      setTimeout(() => {
        log.error({ signal }, `shutdown took longer than ${SHUTDOWN_TIMEOUT_MS} ms; exiting`)
        process.exit(1)
      }, SHUTDOWN_TIMEOUT_MS).unref()
      running.close().then(() => process.exit(0), () => process.exit(1))
    }
    process.once('SIGTERM', () => shutdown('SIGTERM'))
    process.once('SIGINT', () => shutdown('SIGINT'))
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`Configuration error: ${err.message}\n`)
      process.exit(2)
    }
    log.fatal({ err: (err as Error).message }, 'start failed')
    process.exit(1)
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) void main()
