/**
 * The doc hub: which documents this node holds, loading them once, evicting them when
 * idle, and anti-entropy for live ones. Gets every dependency as an argument.
 */
import type { WebSocket } from 'ws'
import type * as Y from 'yjs'
import { CloseCode } from '../../shared/protocol/closeCodes'
import type { AuditLog } from '../audit/auditLog'
import type { Bus } from '../bus/bus'
import type { Logger } from '../log'
import type { Metrics } from '../metrics'
import { startConnection } from './connection'
import type { DocStore, HistoryRow } from './docStore'
import { HubDoc } from './hubDoc'
import type { Refusal } from './admission'
import { applyServerEdit, type ServerEditor } from './serverEdit'
import { parseDocName } from '../../shared/protocol/docName'
import type { ConnectionContext, HubConnection, HubLimits, Reauthorization, WriteCheck, WriteCheckInput } from './types'
import { createUserBudgets } from './userBudgets'

/** Dependencies of the hub. */
export interface DocHubDeps {
  store: DocStore
  bus: Bus
  audit: AuditLog
  log: Logger
  metrics: Metrics
  nodeId: string
  limits: HubLimits
  /** See HubDocDeps.prepare (schema migrations on load). */
  prepare?: (docName: string, doc: Y.Doc, origin: unknown) => void
  /** The write guard's checks (schema, authority), in order; see HubDocDeps. */
  checks?: readonly WriteCheck[]
  /** See HubDocDeps.typeRoots. */
  typeRoots?: (docName: string, doc: Y.Doc) => void
  /**
   * The single access check of an open connection, the same as at upgrade: is its session
   * still live, and what may its user do with its document now (server/main.ts wires it).
   */
  reauthorize?: (conn: HubConnection) => Promise<Reauthorization>
  /** Records activity of a session (its idle limit). */
  touchSession?: (sessionId: string) => void
  /** See HubDocDeps.historyOf. */
  historyOf?: (input: WriteCheckInput) => readonly HistoryRow[]
}

/** The doc hub of one node. */
export interface DocHub {
  /** Loads (or finds) a document and pins it until `release`; keep the pin across the upgrade. */
  acquire(docName: string): Promise<HubDoc>
  release(doc: HubDoc): void
  /** Serves a websocket on a pinned document. */
  connect(ws: WebSocket, doc: HubDoc, ctx: ConnectionContext): void
  /** Documents in memory. */
  openDocNames(): string[]
  connectionCount(): number
  /** Open document connections of one user on this node. */
  connectionsOf(userId: string): number
  /**
   * Re-checks the open connections `match` selects (a membership, a session, a user)
   * and closes or downgrades those whose access changed.
   * @returns how many were closed.
   */
  recheck(match: (conn: HubConnection) => boolean): Promise<number>
  /**
   * A server-side edit for `editor` (serverEdit.ts): loads the document if needed, runs
   * `change` against its current state and commits the result through the write guard.
   * @returns null when committed, else the guard's refusal.
   */
  edit(docName: string, editor: ServerEditor, change: (doc: Y.Doc) => void): Promise<Refusal | null>
  /** Closes every connection with `code` and persists and frees every document. */
  close(code?: number): Promise<void>
}

/** Creates the doc hub. */
export function createDocHub(deps: DocHubDeps): DocHub {
  const docs = new Map<string, Promise<HubDoc>>()
  /** The loaded copy behind each name: a timer of an old copy must not remove its successor. */
  const current = new Map<string, HubDoc>()
  /** Evicted documents still committing their last updates; a reopen waits for them. */
  const closing = new Map<string, Promise<void>>()
  const evictTimers = new Map<HubDoc, NodeJS.Timeout>()
  const userConnections = new Map<string, number>()
  /** When each open connection's session must be looked at again (idle or absolute end). */
  const sessionTimers = new Map<HubConnection, NodeJS.Timeout>()
  const forget = (doc: HubDoc) => {
    if (current.get(doc.name) !== doc) return
    current.delete(doc.name)
    docs.delete(doc.name)
  }
  const docDeps = {
    ...deps, metrics: deps.metrics.collab, checks: deps.checks ?? [], budgets: createUserBudgets(deps.limits.maxUserBytesPerMinute),
    onFailed: (doc: HubDoc) => {
      liveDocs.delete(doc)
      forget(doc)
      const timer = evictTimers.get(doc)
      if (timer) clearTimeout(timer)
      evictTimers.delete(doc)
    },
  }

  deps.metrics.gauge('samenspel_collab_open_docs', 'Documents held in memory', () => docs.size)
  deps.metrics.gauge('samenspel_collab_connections', 'Open document connections', () => countConnections())
  deps.metrics.gauge('samenspel_bus_connected', '1 when the bus (Redis) is connected', () => (deps.bus.isConnected() ? 1 : 0))

  const loaded = () => [...docs.values()]
  const countConnections = () => {
    let n = 0
    for (const t of liveDocs) n += t.conns.size
    return n
  }
  const liveDocs = new Set<HubDoc>()

  const load = (name: string): Promise<HubDoc> => {
    const doc = new HubDoc(name, docDeps)
    const p = doc.load().then(
      () => {
        if (doc.isClosed) throw new Error('the document failed while loading')
        liveDocs.add(doc)
        current.set(name, doc)
        return doc
      },
      (err: unknown) => {
        if (docs.get(name) === p) docs.delete(name)
        doc.fail('loading failed', err)
        throw err
      },
    )
    docs.set(name, p)
    return p
  }

  const scheduleEviction = (doc: HubDoc) => {
    if (doc.conns.size > 0 || doc.pins > 0 || evictTimers.has(doc) || doc.isClosed) return
    const timer = setTimeout(() => {
      evictTimers.delete(doc)
      if (doc.conns.size > 0 || doc.pins > 0 || doc.isClosed) return
      forget(doc)
      liveDocs.delete(doc)
      const done = doc
        .close()
        .catch((err: Error) => deps.log.error({ docName: doc.name, err: err.message }, 'closing doc failed'))
        .finally(() => closing.delete(doc.name))
      closing.set(doc.name, done)
    }, deps.limits.evictAfterMs)
    evictTimers.set(doc, timer)
  }

  const catchUp = (doc: HubDoc) =>
    doc.catchUp().catch((err: Error) => deps.log.warn({ docName: doc.name, err: err.message }, 'anti-entropy failed'))
  // After a bus outage every live document may have missed updates: all of them, one
  // after the other.
  deps.bus.onReconnect(() => {
    void (async () => {
      for (const doc of [...liveDocs]) await catchUp(doc)
    })()
  })
  // The periodic pass is spread over the period, one document at a time: each live
  // document is re-read about every `antiEntropyMs`, and the database never gets all of
  // them at once (with 100 live documents that burst queued the commits behind it and
  // showed as a latency tail: docs/BENCHMARKS.md).
  let round: HubDoc[] = []
  let antiEntropy: NodeJS.Timeout
  const antiEntropyStep = () => {
    if (round.length === 0) round = [...liveDocs]
    const doc = round.shift()
    if (doc && !doc.isClosed) void catchUp(doc)
    antiEntropy = setTimeout(antiEntropyStep, deps.limits.antiEntropyMs / Math.max(1, liveDocs.size))
  }
  antiEntropy = setTimeout(antiEntropyStep, deps.limits.antiEntropyMs)

  const scheduleSessionCheck = (conn: HubConnection, deadline: number) => {
    clearTimeout(sessionTimers.get(conn))
    // Timers run at most ~24 days ahead; a re-check before the deadline just reschedules.
    const delay = Math.min(Math.max(0, deadline - Date.now()) + 50, 2 ** 31 - 1)
    const timer = setTimeout(() => void recheckOne(conn), delay)
    timer.unref()
    sessionTimers.set(conn, timer)
  }
  const recheckOne = async (conn: HubConnection): Promise<boolean> => {
    if (!deps.reauthorize) return false
    let r: Reauthorization
    try {
      r = await deps.reauthorize(conn)
    } catch (err) {
      deps.log.warn({ userId: conn.user.id, err: (err as Error).message }, 'access re-check failed; trying again shortly')
      scheduleSessionCheck(conn, Date.now() + 5_000)
      return false
    }
    // Counted once the outcome is in force (tests wait on it as their marker).
    deps.metrics.collab.accessRechecks.inc()
    if ('code' in r) {
      conn.close(r.code, r.reason)
      return true
    }
    if (!r.access.canRead) {
      conn.close(CloseCode.AccessRevoked, 'access revoked')
      return true
    }
    conn.access = r.access
    scheduleSessionCheck(conn, r.sessionDeadline)
    return false
  }
  const openConnections = () => [...liveDocs].flatMap((d) => [...d.conns])
  // Redis pub/sub is at-most-once: every open connection is also re-checked now and then.
  const sweep = setInterval(() => {
    void Promise.all(openConnections().map((c) => recheckOne(c)))
  }, deps.limits.accessSweepMs)
  sweep.unref()

  return {
    async recheck(match) {
      const closed = await Promise.all(openConnections().filter(match).map((c) => recheckOne(c)))
      return closed.filter(Boolean).length
    },
    async acquire(name) {
      // A copy loaded while the evicted one still commits would miss that commit (and
      // ignore its bus echo, which carries this node's id).
      const pendingClose = closing.get(name)
      if (pendingClose && !docs.has(name)) await pendingClose
      const promise = docs.get(name) ?? load(name)
      const doc = await promise
      if (doc.isClosed) {
        // It failed or was evicted while we waited; load a fresh copy.
        forget(doc)
        if (docs.get(name) === promise) docs.delete(name)
        liveDocs.delete(doc)
        return this.acquire(name)
      }
      doc.pins++
      const timer = evictTimers.get(doc)
      if (timer) {
        clearTimeout(timer)
        evictTimers.delete(doc)
      }
      return doc
    },
    release(doc) {
      doc.pins--
      scheduleEviction(doc)
    },
    connect(ws, doc, ctx) {
      const userId = ctx.user.id
      userConnections.set(userId, (userConnections.get(userId) ?? 0) + 1)
      const conn = startConnection(ws, doc, ctx, {
        log: deps.log, metrics: deps.metrics.collab, audit: deps.audit, limits: deps.limits, touchSession: deps.touchSession,
      })
      scheduleSessionCheck(conn, ctx.sessionDeadline)
      ws.on('close', () => {
        clearTimeout(sessionTimers.get(conn))
        sessionTimers.delete(conn)
        const left = (userConnections.get(userId) ?? 1) - 1
        if (left > 0) userConnections.set(userId, left)
        else userConnections.delete(userId)
        scheduleEviction(doc)
      })
    },
    async edit(docName, editor, change) {
      const ref = parseDocName(docName)
      if (!ref) throw new Error('not a document name')
      const doc = await this.acquire(docName)
      try {
        return await applyServerEdit(doc, ref, editor, change)
      } finally {
        this.release(doc)
      }
    },
    openDocNames: () => [...docs.keys()],
    connectionCount: countConnections,
    connectionsOf: (userId) => userConnections.get(userId) ?? 0,
    async close(code = CloseCode.ServerShutdown) {
      clearTimeout(antiEntropy)
      clearInterval(sweep)
      for (const t of sessionTimers.values()) clearTimeout(t)
      sessionTimers.clear()
      for (const t of evictTimers.values()) clearTimeout(t)
      evictTimers.clear()
      const all = await Promise.allSettled(loaded())
      for (const r of all) {
        if (r.status !== 'fulfilled') continue
        for (const conn of r.value.conns) conn.close(code, 'server shutting down')
      }
      await Promise.allSettled(all.map((r) => (r.status === 'fulfilled' ? r.value.close() : undefined)))
      docs.clear()
      liveDocs.clear()
    },
  }
}
