/** `GET /healthz` (database and bus status) and `GET /metrics` (Prometheus text). */
import { Router, type Request, type Response } from 'express'
import type { Registry } from 'prom-client'
import type { Bus } from '../../bus/bus'
import type { Db } from '../../db/db'

/** What the health routes need. */
export interface HealthRouteDeps {
  db: Db
  bus: Bus
  registry: Registry
  nodeId: string
  /** Without it, only loopback (and no proxied request) may read /metrics. */
  metricsToken: string | undefined
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1'])

/** /metrics tells how busy each document is: loopback scrapers, or the configured token. */
function mayReadMetrics(req: Request, token: string | undefined): boolean {
  if (token && req.get('authorization') === `Bearer ${token}`) return true
  return LOOPBACK.has(req.socket.remoteAddress ?? '') && req.get('x-forwarded-for') === undefined
}

/** Creates the health and metrics router (mounted at the root, not under /api). */
export function healthRoutes(deps: HealthRouteDeps): Router {
  const router = Router()
  router.get('/healthz', async (_req: Request, res: Response) => {
    const dbOk = await deps.db.ping()
    const busOk = deps.bus.isConnected()
    const ok = dbOk && busOk
    res.status(ok ? 200 : 503).json({
      status: ok ? 'ok' : 'degraded',
      nodeId: deps.nodeId,
      database: { kind: deps.db.kind, ok: dbOk },
      bus: { kind: deps.bus.kind, ok: busOk },
    })
  })
  router.get('/metrics', async (req: Request, res: Response) => {
    if (!mayReadMetrics(req, deps.metricsToken)) {
      res.status(403).json({ error: { code: 'forbidden', message: 'Metrics are for loopback or a METRICS_TOKEN bearer.' } })
      return
    }
    res.type(deps.registry.contentType).send(await deps.registry.metrics())
  })
  return router
}
