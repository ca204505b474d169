/**
 * The real doc hub driven directly, without websockets: the hub a node runs, built by
 * the same function server/main.ts calls (server/wiring/nodeHub.ts: plan migration,
 * typed roots, the plan and meeting-lock write checks, item history), over the SQL store
 * (real PostgreSQL), the audit log and a started lock registry, with connections that
 * are plain objects recording what the hub sends them. For tests that push tens of
 * thousands of updates through the write guard, where a socket per update would measure
 * the network stack instead of the guard.
 */
import { randomUUID } from 'node:crypto'
import { pino } from 'pino'
import * as Y from 'yjs'
import { createAuditLog } from '../../server/audit/auditLog'
import type { SessionUser } from '../../server/auth/sessions'
import type { Bus } from '../../server/bus/bus'
import { createMemoryBus } from '../../server/bus/memoryBus'
import type { DocHub } from '../../server/collab/docHub'
import { DEFAULT_HUB_LIMITS } from '../../server/collab/hubLimits'
import type { HubConnection, HubLimits } from '../../server/collab/types'
import type { DocAccess } from '../../server/access/policy'
import type { Db } from '../../server/db/db'
import { migrate } from '../../server/db/migrate'
import { createPgDb } from '../../server/db/pgDb'
import { createLockRegistry, type LockRegistry } from '../../server/meetings/lockRegistry'
import { createMetrics, type Metrics } from '../../server/metrics'
import { initialiseCaseDocs } from '../../server/plan/caseDocs'
import { createSqlDocStore } from '../../server/store/sqlDocStore'
import { createNodeDocHub } from '../../server/wiring/nodeHub'
import type { DocStore } from '../../server/collab/docStore'
import { createPgDatabase } from './databases'

/** A hub over a fresh PostgreSQL database. */
export interface DirectHub {
  hub: DocHub
  store: DocStore
  db: Db
  metrics: Metrics
  /** Starts another hub (another "node") on the same database and bus. */
  another(limits?: Partial<HubLimits>, bus?: Bus): DirectHub
  close(): Promise<void>
}

const silent = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' })

/**
 * `locks` is the first hub's registry for every hub on the database: one registry per
 * process is what a node has, and all of them read the same live meetings.
 */
function wire(db: Db, bus: Bus, locks: LockRegistry, limits: Partial<HubLimits>, onClose: () => Promise<void>): DirectHub {
  const store = createSqlDocStore(db)
  const metrics = createMetrics(`direct-${randomUUID().slice(0, 4)}`)
  const hub = createNodeDocHub({
    store, bus, audit: createAuditLog(db, silent), log: silent, metrics, nodeId: `direct-${randomUUID().slice(0, 8)}`,
    limits: { ...DEFAULT_HUB_LIMITS, ...limits }, locksOf: locks.locksOf,
  })
  const self: DirectHub = {
    hub, store, db, metrics,
    another: (more = limits, otherBus = bus) => wire(db, otherBus, locks, more, async () => undefined),
    async close() {
      await hub.close()
      await onClose()
    },
  }
  return self
}

/** Starts a hub on a new database; `close` also drops the database. */
export async function startDirectHub(limits: Partial<HubLimits> = {}): Promise<DirectHub> {
  const pgDatabase = await createPgDatabase()
  const db = await createPgDb(pgDatabase.url, () => undefined)
  await migrate(db)
  const bus = createMemoryBus()
  const locks = createLockRegistry(db, bus, silent)
  await locks.start()
  return wire(db, bus, locks, limits, async () => {
    await locks.close()
    await db.close()
    await pgDatabase.drop()
  })
}

/** Creates a case's two documents the way POST /api/cases does; returns the case id. */
export async function makeDirectCase(store: DocStore): Promise<string> {
  const caseId = randomUUID()
  await initialiseCaseDocs(store, caseId, 'test')
  return caseId
}

/** A fictional user of an organisation. */
export function testUser(name: string, organisationName: string): SessionUser {
  return {
    id: randomUUID(), email: `${randomUUID().slice(0, 8)}@test.invalid`, name, organisationId: randomUUID(), organisationName,
    organisationKind: 'test', isPrivacyOfficer: false,
  }
}

/** A connection object: records frames and closes; `doc` follows every broadcast update. */
export interface DirectConnection extends HubConnection {
  frames: Uint8Array[]
  closes: { code: number; reason: string }[]
}

/** A connection of `user` with `access`. */
export function directConnection(user: SessionUser, access: DocAccess): DirectConnection {
  const conn: DirectConnection = {
    id: randomUUID(), user, access, frames: [], closes: [], sessionId: randomUUID(),
    doc: { kind: 'case', caseId: randomUUID(), part: 'plan', name: 'case/direct/plan' },
    send(frame) {
      conn.frames.push(frame)
    },
    close(code, reason) {
      conn.closes.push({ code, reason })
    },
  }
  return conn
}

/** Every update a Y.Doc emits from now on (what a y-websocket provider would send). */
export function captureUpdates(doc: Y.Doc): Uint8Array[] {
  const out: Uint8Array[] = []
  doc.on('update', (u: Uint8Array, origin: unknown) => {
    if (origin !== 'remote') out.push(u)
  })
  return out
}

/** Makes `doc` a copy of the hub document's committed state (a client after its sync). */
export function syncFrom(doc: Y.Doc, hubDoc: Y.Doc): void {
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(hubDoc, Y.encodeStateVector(doc)), 'remote')
}
