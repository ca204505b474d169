/**
 * One document held in memory by this node: its Y.Doc, its awareness, its local
 * connections, and the write path with the durability rule:
 *   client update (validated) → group commit to the update log → only then applied to
 *   the in-memory Y.Doc, broadcast to local connections and published to other nodes.
 * The in-memory Y.Doc therefore never holds anything that is not committed, so the
 * sync step 2 a joining client gets is committed content only.
 * Updates from other nodes (bus, anti-entropy) are already persisted: applied and
 * broadcast locally, never written again. Those arriving in the same turn of the event
 * loop are applied in one transaction, so each local connection gets one frame for all
 * of them (under load this is most of the saving; see docs/BENCHMARKS.md).
 * Presence lives in hubAwareness.ts.
 */
import * as Y from 'yjs'
import type { Bus, BusHandler } from '../bus/bus'
import type { Logger } from '../log'
import type { CollabMetrics } from '../metrics'
import type { DocStore } from './docStore'
import { decodeFanout, docChannel, encodeFanoutAwarenessQuery, encodeFanoutUpdate, type FanoutMessage } from './fanout'
import { HubAwareness } from './hubAwareness'
import { encodeSyncStep1, encodeSyncStep2, encodeUpdateMessage } from './protocol'
import type { HubConnection, HubLimits } from './types'
import { CloseCode } from '../../shared/protocol/closeCodes'

/** Dependencies of a HubDoc. */
export interface HubDocDeps {
  store: DocStore
  bus: Bus
  log: Logger
  metrics: CollabMetrics
  nodeId: string
  limits: HubLimits
  /**
   * Called once after a document is loaded, before any client sees it (schema
   * migrations). Changes made with `origin` are persisted and broadcast like a client's.
   */
  prepare?: (docName: string, doc: Y.Doc, origin: unknown) => void
}

/** Transaction origins that are not a local connection. */
const LOAD = Symbol('load')
const REMOTE = Symbol('remote')
/** Server-made changes (migrations at load): persisted before any client attaches. */
const SYSTEM = Symbol('system')
/** A committed batch being applied to the in-memory document. */
const COMMITTED = Symbol('committed')

/** Attempts and back-off for one group commit before the document gives up. */
const PERSIST_BACKOFF_MS = [50, 200, 800, 2000]
/**
 * How long a row received from another node is remembered, so anti-entropy skips it.
 * Twice the store's recent window: older rows below the cursor are never listed again.
 */
const REMEMBER_REMOTE_ROWS_MS = 20_000
/** Bus messages held while the document loads; more means something is badly wrong. */
const MAX_BUFFERED_BUS_MESSAGES = 10_000

/** A document in memory. Create with `openHubDoc`. */
export class HubDoc {
  readonly ydoc = new Y.Doc()
  readonly presence: HubAwareness
  /** Local connections. */
  readonly conns = new Set<HubConnection>()
  /** Pins held by upgrades in progress; a pinned document is not evicted. */
  pins = 0
  isClosed = false
  /** Anti-entropy cursor: highest update-log id read from the database. */
  private lastReadId = 0
  private rowsSinceCompaction = 0
  private pending: { update: Uint8Array; origin: HubConnection | null }[] = []
  private isFlushing = false
  private flushScheduled = false
  private queuedGen = 0
  private persistedGen = 0
  private genWaiters: { gen: number; resolve: () => void }[] = []
  private busBuffer: FanoutMessage[] | null = []
  private compaction: Promise<void> | null = null
  /** Other nodes' update-log rows this node already has (id → when), for anti-entropy. */
  private readonly remoteRows = new Map<number, number>()
  /** Updates from other nodes waiting for the end of this event-loop turn. */
  private remoteQueue: Uint8Array[] = []
  private readonly channel: string
  private readonly busHandler: BusHandler = (m) => this.handleBusMessage(m)

  constructor(readonly name: string, private readonly deps: HubDocDeps) {
    this.channel = docChannel(name)
    this.presence = new HubAwareness(this.ydoc, {
      nodeId: deps.nodeId,
      broadcast: (frame) => this.broadcast(frame, null),
      publish: (message) => void this.publish(message),
      renewalDelayMs: deps.limits.awarenessRenewalDelayMs,
    })
    // No 'update' listener on the document: Yjs would encode every transaction for it.
    // What is committed or received is broadcast as the bytes that came in (see flush).
  }

  /** Subscribes to the bus first, then loads, so nothing published meanwhile is missed. */
  async load(): Promise<void> {
    await this.deps.bus.subscribe(this.channel, this.busHandler)
    const read = await this.deps.store.load(this.name)
    this.ydoc.transact(() => {
      for (const u of read.updates) Y.applyUpdate(this.ydoc, u)
    }, LOAD)
    this.lastReadId = read.lastId
    this.rowsSinceCompaction = read.logRows
    await this.prepareAndPersist()
    const buffered = this.busBuffer ?? []
    this.busBuffer = null
    for (const m of buffered) this.applyFanout(m)
    void this.publish(encodeFanoutAwarenessQuery(this.deps.nodeId))
    if (read.logRows >= this.deps.limits.compactAfterRows) this.startCompaction()
  }

  /** Runs the `prepare` hook (migrations) and commits what it changed, before any client sees it. */
  private async prepareAndPersist(): Promise<void> {
    if (!this.deps.prepare) return
    const changes: Uint8Array[] = []
    const capture = (u: Uint8Array, origin: unknown) => origin === SYSTEM && changes.push(u)
    this.ydoc.on('update', capture)
    this.deps.prepare(this.name, this.ydoc, SYSTEM)
    this.ydoc.off('update', capture)
    if (changes.length === 0) return
    const update = Y.mergeUpdates(changes)
    const id = await this.deps.store.append(this.name, update, this.deps.nodeId)
    void this.publish(encodeFanoutUpdate(this.deps.nodeId, id, update))
  }

  /** Adds a connection and starts its sync: our state vector, then everyone's presence. */
  attach(conn: HubConnection): void {
    this.conns.add(conn)
    this.presence.attach(conn)
    conn.send(encodeSyncStep1(Y.encodeStateVector(this.ydoc)))
    this.sendAwarenessTo(conn)
  }

  /** Removes a connection and its presence. */
  detach(conn: HubConnection): void {
    if (!this.conns.delete(conn)) return
    this.presence.detach(conn)
  }

  /**
   * Answers a client's sync step 1 from the in-memory document, which holds committed
   * content only (see the file comment).
   */
  handleSyncStep1(conn: HubConnection, stateVector: Uint8Array): void {
    conn.send(encodeSyncStep2(Y.encodeStateAsUpdate(this.ydoc, stateVector)))
  }

  /**
   * Queues a writer's update (already validated by the protocol decoder) for commit.
   * `isSyncReply`: the client's sync step 2, which usually holds nothing new (y-websocket
   * always answers, and always with its whole delete set); that is dropped here rather
   * than committed and broadcast to everyone.
   */
  applyClientUpdate(conn: HubConnection, update: Uint8Array, { isSyncReply = false } = {}): void {
    if (this.isClosed) return
    if (isSyncReply && !this.isNewToDoc(update)) return
    this.deps.metrics.updatesIn.inc()
    this.pending.push({ update, origin: conn })
    this.queuedGen++
    this.scheduleFlush()
  }

  /**
   * Whether an update holds anything this document lacks. y-websocket clients always
   * answer our sync step 1 with a step 2, usually empty or with deletions we already
   * have; for a read-only connection that is not a write attempt.
   */
  isNewToDoc(update: Uint8Array): boolean {
    return !Y.snapshotContainsUpdate(Y.snapshot(this.ydoc), update)
  }

  /** Sends every known presence state to one connection. */
  sendAwarenessTo(conn: HubConnection): void {
    const frame = this.presence.encodeAll()
    if (frame) conn.send(frame)
  }

  /** Re-reads the update log since our cursor (anti-entropy) and applies what was missed. */
  async catchUp(): Promise<void> {
    if (this.isClosed || this.busBuffer !== null) return
    const now = Date.now()
    for (const [id, at] of this.remoteRows) {
      if (now - at > REMEMBER_REMOTE_ROWS_MS && id <= this.lastReadId) this.remoteRows.delete(id)
    }
    // Own rows were applied at commit, rows received over the bus on arrival: only what
    // was missed is read, usually nothing.
    const read = await this.deps.store.readSince(this.name, this.lastReadId, { nodeId: this.deps.nodeId, ids: [...this.remoteRows.keys()] })
    if (this.isClosed) return
    for (const id of read.ids) this.remoteRows.set(id, now)
    // Mostly known content: broadcast only what was actually missing.
    const missing: Uint8Array[] = []
    const capture = (u: Uint8Array) => missing.push(u)
    this.ydoc.on('update', capture)
    this.ydoc.transact(() => {
      for (const u of read.updates) Y.applyUpdate(this.ydoc, u)
    }, REMOTE)
    this.ydoc.off('update', capture)
    for (const u of missing) this.broadcast(encodeUpdateMessage(u), null)
    this.lastReadId = Math.max(this.lastReadId, read.lastId)
    this.deps.metrics.antiEntropyApplied.inc()
  }

  /** Persists what is pending, stops listening, compacts if worthwhile, frees memory. */
  async close(): Promise<void> {
    if (this.isClosed) return
    await this.whenPersisted(this.queuedGen)
    this.isClosed = true
    await this.deps.bus.unsubscribe(this.channel, this.busHandler).catch((err: Error) =>
      this.deps.log.warn({ docName: this.name, err: err.message }, 'bus unsubscribe failed'),
    )
    await this.compaction
    if (this.rowsSinceCompaction > 0) await this.compactNow()
    this.presence.destroy()
    this.ydoc.destroy()
    for (const w of this.genWaiters) w.resolve()
  }

  /** Resolves once every update queued up to generation `gen` is persisted. */
  whenPersisted(gen: number): Promise<void> {
    if (this.persistedGen >= gen || this.isClosed) return Promise.resolve()
    return new Promise((resolve) => this.genWaiters.push({ gen, resolve }))
  }

  private scheduleFlush(): void {
    if (this.isFlushing || this.flushScheduled) return
    this.flushScheduled = true
    // setImmediate: everything that arrived in this turn of the event loop goes into one
    // commit; while a commit is in flight, arrivals queue up for the next (group commit).
    setImmediate(() => {
      this.flushScheduled = false
      void this.flush()
    })
  }

  private async flush(): Promise<void> {
    if (this.isFlushing || this.pending.length === 0) return
    this.isFlushing = true
    const batch = this.pending
    this.pending = []
    const gen = this.queuedGen
    const merged = batch.length === 1 ? batch[0]!.update : Y.mergeUpdates(batch.map((b) => b.update))
    const id = await this.persist(merged)
    this.isFlushing = false
    if (id === null) return this.fail()
    const soleOrigin = batch.every((b) => b.origin === batch[0]!.origin) ? batch[0]!.origin : null
    Y.applyUpdate(this.ydoc, merged, COMMITTED)
    // One encoded frame for every connection; the sender of a one-origin batch has it.
    this.broadcast(encodeUpdateMessage(merged), soleOrigin)
    void this.publish(encodeFanoutUpdate(this.deps.nodeId, id, merged))
    this.markPersisted(gen)
    this.rowsSinceCompaction++
    if (this.rowsSinceCompaction >= this.deps.limits.compactAfterRows) this.startCompaction()
    if (this.pending.length > 0) void this.flush()
  }

  /** Appends to the update log with retries; null when the database stays unavailable. */
  private async persist(update: Uint8Array): Promise<number | null> {
    for (let attempt = 0; ; attempt++) {
      const stop = this.deps.metrics.persistSeconds.startTimer()
      try {
        const id = await this.deps.store.append(this.name, update, this.deps.nodeId)
        stop()
        return id
      } catch (err) {
        const wait = PERSIST_BACKOFF_MS[attempt]
        this.deps.log.error({ docName: this.name, attempt, err: (err as Error).message }, 'persisting update failed')
        if (wait === undefined) return null
        await new Promise((r) => setTimeout(r, wait))
      }
    }
  }

  /**
   * The database stayed down: drop the unpersisted in-memory state by closing every
   * connection (clients keep their edits and re-send them on reconnect) and stop.
   */
  private fail(): void {
    this.deps.log.error({ docName: this.name }, 'document closed: updates could not be persisted')
    this.isClosed = true
    for (const conn of [...this.conns]) conn.close(CloseCode.ServerError, 'could not save, reconnecting')
    void this.deps.bus.unsubscribe(this.channel, this.busHandler).catch(() => undefined)
    for (const w of this.genWaiters) w.resolve()
    this.genWaiters = []
  }

  private markPersisted(gen: number): void {
    this.persistedGen = gen
    const ready = this.genWaiters.filter((w) => w.gen <= gen)
    this.genWaiters = this.genWaiters.filter((w) => w.gen > gen)
    for (const w of ready) w.resolve()
  }

  private broadcast(frame: Uint8Array, except: HubConnection | null): void {
    let sent = 0
    for (const conn of this.conns) {
      if (conn === except) continue
      conn.send(frame)
      sent++
    }
    this.deps.metrics.updatesOut.inc(sent)
  }

  private handleBusMessage(bytes: Uint8Array): void {
    const m = decodeFanout(bytes)
    if (!m) return void this.deps.log.warn({ docName: this.name }, 'ignored unknown bus message')
    if (m.nodeId === this.deps.nodeId) return
    this.deps.metrics.busMessagesIn.inc()
    if (this.busBuffer) {
      if (this.busBuffer.length < MAX_BUFFERED_BUS_MESSAGES) this.busBuffer.push(m)
      return
    }
    this.applyFanout(m)
  }

  private applyFanout(m: FanoutMessage): void {
    if (this.isClosed) return
    switch (m.type) {
      case 'update':
        this.remoteRows.set(m.seq, Date.now())
        return this.queueRemote(m.update)
      case 'awareness':
        return this.presence.applyFromRemote(m.update)
      case 'awareness-query':
        return this.answerAwarenessQuery()
    }
  }

  /** Collects another node's update; all of this turn's are applied (and broadcast) together. */
  private queueRemote(update: Uint8Array): void {
    this.remoteQueue.push(update)
    if (this.remoteQueue.length > 1) return
    setImmediate(() => {
      const queue = this.remoteQueue
      this.remoteQueue = []
      if (this.isClosed) return
      this.ydoc.transact(() => {
        for (const u of queue) Y.applyUpdate(this.ydoc, u)
      }, REMOTE)
      this.broadcast(encodeUpdateMessage(queue.length === 1 ? queue[0]! : Y.mergeUpdates(queue)), null)
    })
  }

  private answerAwarenessQuery(): void {
    const message = this.presence.encodeLocalForFanout()
    if (message) void this.publish(message)
  }

  private async publish(message: Uint8Array): Promise<void> {
    try {
      await this.deps.bus.publish(this.channel, message)
    } catch (err) {
      // At-most-once by design: anti-entropy on the other nodes picks this up.
      this.deps.metrics.busPublishFailures.inc()
      this.deps.log.debug({ docName: this.name, err: (err as Error).message }, 'bus publish failed')
    }
  }

  private startCompaction(): void {
    if (this.compaction) return
    this.compaction = this.compactNow().finally(() => {
      this.compaction = null
    })
  }

  private async compactNow(): Promise<void> {
    const rows = this.rowsSinceCompaction
    try {
      await this.deps.store.compact(this.name)
      this.rowsSinceCompaction = Math.max(0, this.rowsSinceCompaction - rows)
    } catch (err) {
      this.deps.log.error({ docName: this.name, err: (err as Error).message }, 'compaction failed')
    }
  }
}

