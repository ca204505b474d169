/**
 * One document held in memory by this node: its Y.Doc, its awareness, its local
 * connections, and the write path with the durability rule:
 *   client update → write guard (admission.ts: valid, permitted) → group commit to the
 *   update log → only then applied to the in-memory Y.Doc, broadcast to local
 *   connections and published to other nodes.
 * The in-memory Y.Doc therefore never holds anything that is not committed, so the
 * sync step 2 a joining client gets is committed content only. The guard's staging copy
 * (updateGuard.ts) holds the committed content plus what was accepted and is still
 * being committed.
 * Updates from other nodes (bus, anti-entropy) are already persisted and guarded:
 * applied and broadcast locally, never written again (remoteUpdates.ts).
 * Failure is per document: an error in loading, applying, committing or compacting
 * closes this document's connections (4500, retryable) and the hub loads a fresh copy
 * on the next open; it never ends the process. Rows that cannot be applied are
 * quarantined at load. Presence lives in hubAwareness.ts.
 */
import * as Y from 'yjs'
import { CloseCode } from '../../shared/protocol/closeCodes'
import { admitUpdate, type Refusal } from './admission'
import { ClientOwners } from './clientIds'
import { docBudgetReason, docByteLimit } from './docBudget'
import { CommitQueue } from './commitQueue'
import type { HistoryRow } from './docStore'
import { loadDocState } from './docLoad'
import { DocLog } from './docLog'
import { DocBus } from './docBus'
import { encodeFanoutAwarenessQuery, encodeFanoutUpdate, type FanoutMessage } from './fanout'
import { HubAwareness } from './hubAwareness'
import { encodeSyncStep1, encodeUpdateMessage } from './protocol'
import { RemoteUpdates } from './remoteUpdates'
import { SyncReplies } from './syncReply'
import type { HubConnection, HubDocDeps } from './types'
import { StagingDoc } from './updateGuard'

export type { HubDocDeps } from './types'

/** A committed batch being applied to the in-memory document (not a local connection). */
const COMMITTED = Symbol('committed')

/** A document in memory. Create with `openHubDoc`. */
export class HubDoc {
  /** Replaced once by `load` (a log that needed the slow path builds a new doc). */
  ydoc = new Y.Doc()
  readonly presence: HubAwareness
  /** Local connections. */
  readonly conns = new Set<HubConnection>()
  /** Pins held by upgrades in progress; a pinned document is not evicted. */
  pins = 0
  isClosed = false
  readonly staging: StagingDoc
  private readonly owners: ClientOwners
  private readonly remote: RemoteUpdates
  private readonly commits: CommitQueue
  private readonly link: DocBus
  private readonly updateLog: DocLog
  /** Encoded size of the document as last measured plus what was added since. */
  private approxBytes = 0
  private readonly replies = new SyncReplies(() => this.ydoc)

  constructor(readonly name: string, private readonly deps: HubDocDeps) {
    this.link = new DocBus(name, deps, (m) => this.applyFanout(m))
    this.presence = new HubAwareness(new Y.Doc(), {
      nodeId: deps.nodeId,
      sendEach: (frameFor) => this.sendEach(frameFor),
      publish: (message) => void this.publish(message),
      limits: deps.limits,
    })
    this.updateLog = new DocLog(name, deps, () => this.isClosed)
    this.commits = new CommitQueue({
      persist: (update, history) => this.updateLog.append(update, history),
      committed: (update, id, origin) => this.handleCommitted(update, id, origin),
      fail: (reason, err) => this.fail(reason, err),
      isClosed: () => this.isClosed,
    })
    this.staging = new StagingDoc(
      () => [Y.encodeStateAsUpdate(this.ydoc), ...this.commits.uncommitted()],
      (doc) => deps.typeRoots?.(name, doc),
    )
    this.owners = new ClientOwners(name, deps.store)
    this.remote = new RemoteUpdates({
      docName: name, store: deps.store, nodeId: deps.nodeId, metrics: deps.metrics, timeoutMs: deps.limits.storeTimeoutMs,
      doc: () => this.ydoc, staging: this.staging, isClosed: () => this.isClosed,
      broadcast: (frame) => this.broadcast(frame, null),
      fail: (reason, err) => this.fail(reason, err),
      grew: (bytes) => (this.approxBytes += bytes),
    })
    // No 'update' listener on the document: Yjs would encode every transaction for it.
    // What is committed or received is broadcast as the bytes that came in (see flush).
  }

  /**
   * Subscribes to the bus first, then loads (docLoad.ts), so nothing published meanwhile
   * is missed. Rows that cannot be applied are quarantined (with an audit event) and left out.
   * @throws when the database cannot be read, or the snapshot itself cannot be applied.
   */
  async load(): Promise<void> {
    await this.link.subscribe()
    const loaded = await loadDocState(this.name, this.deps)
    this.ydoc.destroy()
    this.ydoc = loaded.doc
    if (loaded.migrated) void this.publish(encodeFanoutUpdate(this.deps.nodeId, loaded.migrated.id, loaded.migrated.update))
    this.remote.setCursor(loaded.lastId)
    this.approxBytes = this.replies.fullState().byteLength // also warms the sync reply cache
    this.link.open()
    void this.publish(encodeFanoutAwarenessQuery(this.deps.nodeId))
    this.updateLog.loaded(loaded.logRows)
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

  /** The sync step 2 answering a client's step 1: committed content only (file comment), encoded once per state (syncReply.ts). */
  syncReplyFor(stateVector: Uint8Array): Uint8Array {
    return this.replies.replyTo(stateVector)
  }

  /**
   * Runs a writer's update through the write guard and queues it for commit.
   * `isSyncReply`: the client's sync step 2, which usually holds nothing new (y-websocket
   * always answers, and always with its whole delete set); that is dropped here rather
   * than committed and broadcast to everyone.
   * @returns null when accepted or dropped, else the refusal (nothing was stored).
   */
  async submitClientUpdate(conn: HubConnection, update: Uint8Array, { isSyncReply = false } = {}): Promise<Refusal | null> {
    if (this.isClosed) return null
    if (isSyncReply && !this.isNewToDoc(update)) return null
    const overBudget = this.checkBudgets(conn, update)
    if (overBudget) return overBudget
    return admitUpdate(
      {
        docName: this.name, staging: this.staging, owners: this.owners, checks: this.deps.checks,
        catchUp: () => this.catchUp(), isClosed: () => this.isClosed,
        historyOf: this.deps.historyOf,
      },
      conn, update, (accepted, history) => this.enqueue(conn, accepted, history),
    )
  }

  /** Whether an update holds anything this document (with what is being committed) lacks. */
  isNewToDoc(update: Uint8Array): boolean {
    // Without anything uncommitted the document itself answers: a reader's sync reply
    // does not build a staging copy.
    if (!this.staging.isBuilt() && !this.commits.hasUncommitted()) {
      return !Y.snapshotContainsUpdate(Y.snapshot(this.ydoc), update)
    }
    return this.staging.isNew(update)
  }

  private checkBudgets(conn: HubConnection, update: Uint8Array): Refusal | null {
    if (!this.deps.budgets.take(conn.user.id, update.byteLength)) {
      return { step: 'budget', reason: `more than ${this.deps.limits.maxUserBytesPerMinute} update bytes in a minute` }
    }
    const limit = docByteLimit(this.deps.limits, conn)
    if (this.approxBytes + update.byteLength > limit) {
      // The estimate only grows; measure before refusing.
      this.approxBytes = Y.encodeStateAsUpdate(this.staging.get()).byteLength
      if (this.approxBytes + update.byteLength > limit) return { step: 'budget', reason: docBudgetReason(this.deps.limits, conn) }
    }
    return null
  }

  private enqueue(conn: HubConnection, update: Uint8Array, history: readonly HistoryRow[]): void {
    this.deps.metrics.updatesIn.inc()
    this.approxBytes += update.byteLength
    this.commits.enqueue(update, conn, history)
  }

  /** Sends every presence state it may see to one connection. */
  sendAwarenessTo(conn: HubConnection): void {
    const frame = this.presence.encodeAllFor(conn)
    if (frame) conn.send(frame)
  }

  /** Re-reads the update log since our cursor (anti-entropy) and applies what was missed. */
  async catchUp(): Promise<void> {
    if (this.isClosed || this.link.isLoading) return
    await this.remote.catchUp()
  }

  /** Persists what is pending, stops listening, compacts if worthwhile, frees memory. */
  async close(): Promise<void> {
    if (this.isClosed) return
    await this.commits.whenCommitted()
    this.isClosed = true
    await this.link.unsubscribe()
    await this.updateLog.finish()
    this.release()
  }

  /** Resolves once every update accepted so far is committed (and applied and broadcast). */
  whenCommitted(): Promise<void> {
    return this.commits.whenCommitted()
  }

  /** A persisted batch: into the in-memory document, to every connection (one frame), to the other nodes. */
  private handleCommitted(merged: Uint8Array, id: number, origin: HubConnection | null): void {
    Y.applyUpdate(this.ydoc, merged, COMMITTED)
    // The sender of a one-origin batch has it already.
    this.broadcast(encodeUpdateMessage(merged), origin)
    void this.publish(encodeFanoutUpdate(this.deps.nodeId, id, merged))
    this.updateLog.counted()
  }

  /**
   * Something failed that this document cannot recover from in place (the database
   * stayed down, an update did not apply): drop the in-memory state by closing every
   * connection with 4500 (clients keep their edits and re-send them on reconnect, to a
   * freshly loaded copy) and stop. Logged with ids, never content.
   */
  fail(reason: string, err?: unknown): void {
    if (this.isClosed) return
    this.deps.log.error({ docName: this.name, reason, err: err instanceof Error ? err.message : undefined }, 'document failed and was closed')
    this.deps.metrics.docFailures.inc()
    this.isClosed = true
    for (const conn of [...this.conns]) conn.close(CloseCode.ServerError, 'document reloading, reconnecting')
    void this.link.unsubscribe()
    this.release()
    this.deps.onFailed?.(this)
  }

  private release(): void {
    this.presence.destroy()
    this.staging.discard()
    this.replies.clear()
    this.ydoc.destroy()
    this.commits.releaseWaiters()
  }

  private sendEach(frameFor: (conn: HubConnection) => Uint8Array | null): void {
    let sent = 0
    for (const conn of this.conns) {
      const frame = frameFor(conn)
      if (!frame) continue
      conn.send(frame)
      sent++
    }
    this.deps.metrics.updatesOut.inc(sent)
  }

  private broadcast(frame: Uint8Array, except: HubConnection | null): void {
    this.sendEach((conn) => (conn === except ? null : frame))
  }

  private applyFanout(m: FanoutMessage): void {
    if (this.isClosed) return
    switch (m.type) {
      case 'update':
        return this.remote.queue(m.seq, m.update)
      case 'awareness':
        return this.presence.applyFromRemote(m.update)
      case 'awareness-query':
        return this.answerAwarenessQuery()
    }
  }

  private answerAwarenessQuery(): void {
    const message = this.presence.encodeLocalForFanout()
    if (message) void this.publish(message)
  }

  private publish(message: Uint8Array): Promise<void> {
    return this.link.publish(message)
  }
}
