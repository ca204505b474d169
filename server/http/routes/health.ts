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
  router.get('/metrics', async (_req: Request, res: Response) => {
    res.type(deps.registry.contentType).send(await deps.registry.metrics())
  })
  return router
}
