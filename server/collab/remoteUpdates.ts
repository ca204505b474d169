/**
 * Updates that other nodes committed: received over the bus, or read back from the
 * update log by anti-entropy (Redis pub/sub is at-most-once). They are persisted and
 * were guarded where they came in, so they are applied and broadcast locally and never
 * written again. Those arriving in the same turn of the event loop are applied in one
 * transaction, so each local connection gets one frame for all of them (under load this
 * is most of the saving; see docs/BENCHMARKS.md). An update that still fails to apply
 * (a bug) fails the document, never the process.
 */
import * as Y from 'yjs'
import type { CollabMetrics } from '../metrics'
import type { DocStore } from './docStore'
import { encodeUpdateMessage } from './protocol'
import { withTimeout } from './timeouts'
import type { StagingDoc } from './updateGuard'

/**
 * How long a row received from another node is remembered, so anti-entropy skips it.
 * Twice the store's recent window: older rows below the cursor are never listed again.
 */
const REMEMBER_REMOTE_ROWS_MS = 20_000

/** Transaction origin of updates from other nodes. */
export const REMOTE = Symbol('remote')

/** What remote updates need from their document. */
export interface RemoteUpdatesDeps {
  docName: string
  store: DocStore
  nodeId: string
  metrics: CollabMetrics
  timeoutMs: number
  doc(): Y.Doc
  staging: StagingDoc
  isClosed(): boolean
  broadcast(frame: Uint8Array): void
  fail(reason: string, err: unknown): void
  /** Bytes added to the document (for its size budget). */
  grew(bytes: number): void
}

/** The remote side of one document. */
export class RemoteUpdates {
  /** Anti-entropy cursor: highest update-log id read from the database. */
  private lastReadId = 0
  /** Other nodes' update-log rows this node already has (id → when), for anti-entropy. */
  private readonly seen = new Map<number, number>()
  private waiting: Uint8Array[] = []

  constructor(private readonly deps: RemoteUpdatesDeps) {}

  /** Sets the cursor after a load. */
  setCursor(lastId: number): void {
    this.lastReadId = lastId
  }

  /** Collects another node's update; all of this turn's are applied (and broadcast) together. */
  queue(seq: number, update: Uint8Array): void {
    this.seen.set(seq, Date.now())
    this.waiting.push(update)
    if (this.waiting.length > 1) return
    setImmediate(() => this.applyWaiting())
  }

  private applyWaiting(): void {
    const queue = this.waiting
    this.waiting = []
    if (this.deps.isClosed()) return
    try {
      this.apply(queue)
      this.deps.broadcast(encodeUpdateMessage(queue.length === 1 ? queue[0]! : Y.mergeUpdates(queue)))
    } catch (err) {
      this.deps.fail('an update from another node did not apply', err)
    }
  }

  private apply(updates: readonly Uint8Array[]): void {
    const doc = this.deps.doc()
    doc.transact(() => {
      for (const u of updates) Y.applyUpdate(doc, u)
    }, REMOTE)
    for (const u of updates) {
      this.deps.staging.applyKnown(u)
      this.deps.grew(u.byteLength)
    }
  }

  /** Re-reads the update log since the cursor and applies what was missed. */
  async catchUp(): Promise<void> {
    const now = Date.now()
    for (const [id, at] of this.seen) {
      if (now - at > REMEMBER_REMOTE_ROWS_MS && id <= this.lastReadId) this.seen.delete(id)
    }
    // Own rows were applied at commit, rows received over the bus on arrival: only what
    // was missed is read, usually nothing.
    const read = await withTimeout(
      this.deps.store.readSince(this.deps.docName, this.lastReadId, { nodeId: this.deps.nodeId, ids: [...this.seen.keys()] }),
      this.deps.timeoutMs, 'anti-entropy read',
    )
    if (this.deps.isClosed()) return
    for (const id of read.ids) this.seen.set(id, now)
    // Mostly known content: broadcast only what was actually missing.
    const missing: Uint8Array[] = []
    const capture = (u: Uint8Array) => missing.push(u)
    const doc = this.deps.doc()
    doc.on('update', capture)
    try {
      this.apply(read.updates)
    } catch (err) {
      return this.deps.fail('a row read by anti-entropy did not apply', err)
    } finally {
      doc.off('update', capture)
    }
    for (const u of missing) this.deps.broadcast(encodeUpdateMessage(u))
    this.lastReadId = Math.max(this.lastReadId, read.lastId)
    this.deps.metrics.antiEntropyApplied.inc()
  }
}
