/** The Express application: JSON API under /api, health, metrics, and the built client. */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import express, { type Express } from 'express'
import type { Registry } from 'prom-client'
import type { AccessEvents } from '../auth/accessEvents'
import type { LoginLimiter } from '../auth/loginLimiter'
import type { SessionStore } from '../auth/sessions'
import type { AuditLog } from '../audit/auditLog'
import type { Bus } from '../bus/bus'
import type { Db } from '../db/db'
import type { DocStore } from '../collab/docStore'
import { initialiseCaseDocs } from '../plan/caseDocs'
import type { Logger } from '../log'
import { apiNotFound, errorHandler, loadSession, requireSameOrigin, securityHeaders } from './middleware'
import { caseRoutes } from './routes/cases'
import { planRoutes } from './routes/plan'
import { purgeRoutes, type PurgeRouteDeps } from './routes/purge'
import { versionRoutes } from './routes/versions'
import { meetingRoutes } from './routes/meetings'
import type { MeetingService } from '../meetings/meetingService'
import { healthRoutes } from './routes/health'
import { sessionRoutes, toMeDto } from './routes/session'
import { DEMO_USERS } from '../seed'

/** What the HTTP app needs. */
export interface HttpAppDeps {
  db: Db
  store: DocStore
  bus: Bus
  sessions: SessionStore
  audit: AuditLog
  log: Logger
  registry: Registry
  nodeId: string
  isDemo: boolean
  isSecureCookie: boolean
  loginFailures: LoginLimiter
  accessEvents: AccessEvents
  /** Express `trust proxy` (TRUST_PROXY). */
  trustProxy: boolean | number
  /** Bearer token for /metrics from other hosts (METRICS_TOKEN). */
  metricsToken: string | undefined
  /** The browser origin (PUBLIC_ORIGIN); state-changing requests from any other are refused. */
  publicOrigin: string | undefined
  /** Directory of the built client, or null to serve the API only. */
  clientDir: string | null
  meetings: MeetingService
  /** The doc hub's server-side edit and the store's compaction, for the case director's purge. */
  purge: Pick<PurgeRouteDeps, 'edit' | 'compact'>
}

/** Largest JSON body: plan data goes through the websocket, not here. */
const MAX_JSON_BODY = '100kb'

/** Creates the Express app. */
export function createHttpApp(deps: HttpAppDeps): Express {
  const app = express()
  app.disable('x-powered-by')
  app.set('trust proxy', deps.trustProxy)
  app.use(securityHeaders(deps.publicOrigin))
  app.use(healthRoutes({ db: deps.db, bus: deps.bus, registry: deps.registry, nodeId: deps.nodeId, metricsToken: deps.metricsToken }))

  const api = express.Router()
  api.use(requireSameOrigin(deps.publicOrigin))
  api.use(express.json({ limit: MAX_JSON_BODY }))
  api.use(loadSession(deps.sessions))
  api.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store')
    next()
  })
  api.get('/config', (_req, res) => void res.json({
    demo: deps.isDemo,
    // The fictional demo logins (a public contract): who they are, never a password.
    demoAccounts: deps.isDemo
      ? DEMO_USERS.map((u) => ({ email: u.email, name: u.name, organisation: u.org, ring: u.ring, role: u.role, isPrivacyOfficer: u.isPrivacyOfficer ?? false }))
      : [],
  }))
  // "Who is signed in, if anyone": 200 either way, so a first visit logs no 401.
  api.get('/session', (req, res) => void res.json({ me: req.user ? toMeDto(req.user) : null }))
  api.use(sessionRoutes({
    db: deps.db, sessions: deps.sessions, audit: deps.audit, isSecureCookie: deps.isSecureCookie, loginLimiter: deps.loginFailures,
    accessEvents: deps.accessEvents,
  }))
  api.use(caseRoutes({
    db: deps.db, audit: deps.audit, accessEvents: deps.accessEvents, initialiseDocs: (id) => initialiseCaseDocs(deps.store, id, deps.nodeId),
  }))
  api.use(planRoutes({ db: deps.db, store: deps.store, audit: deps.audit }))
  api.use(purgeRoutes({ db: deps.db, audit: deps.audit, ...deps.purge }))
  api.use(versionRoutes({ db: deps.db, store: deps.store, audit: deps.audit }))
  api.use(meetingRoutes({ db: deps.db, audit: deps.audit, meetings: deps.meetings }))
  api.use(apiNotFound)
  app.use('/api', api)

  if (deps.clientDir && existsSync(join(deps.clientDir, 'index.html'))) {
    app.use(express.static(deps.clientDir, { index: false, maxAge: '1h' }))
    // Client-side routes (/, /login, /cases/:id) all get the app shell.
    app.get(/^\/(?!api\/|collab\/|socket\.io\/).*/, (_req, res) => {
      res.set('Cache-Control', 'no-cache')
      res.sendFile(join(deps.clientDir!, 'index.html'))
    })
  }
  app.use(errorHandler(deps.log))
  return app
}
