/**
 * One document's group commit: accepted updates wait here until they are in the update
 * log. Everything that arrives in one turn of the event loop goes into one commit; while
 * a commit is in flight, arrivals queue up for the next. Only once the database has a
 * batch is it handed on (applied to the in-memory document, broadcast, published) by the
 * owner's `committed` callback: the durability rule of hubDoc.ts.
 */
import * as Y from 'yjs'
import type { HistoryRow } from './docStore'
import type { HubConnection } from './types'

/** What the queue needs from its document. */
export interface CommitQueueDeps {
  /**
   * Appends one merged batch to the update log with the history rows of its updates, in
   * one transaction; its row id, or null when the database stays unavailable.
   */
  persist(update: Uint8Array, history: readonly HistoryRow[]): Promise<number | null>
  /** A batch is persisted: apply, broadcast and publish it. `origin` is the batch's only sender, if it had one. */
  committed(update: Uint8Array, rowId: number, origin: HubConnection | null): void
  /** The batch could not be persisted (or committing threw): the document gives up. */
  fail(reason: string, err?: unknown): void
  isClosed(): boolean
}

/** The commit queue of one document. */
export class CommitQueue {
  private pending: { update: Uint8Array; origin: HubConnection | null; history: readonly HistoryRow[] }[] = []
  /** The batch being committed: accepted, not yet handed on. */
  private inflight: Uint8Array | null = null
  private isFlushing = false
  private flushScheduled = false
  private queuedGen = 0
  private persistedGen = 0
  private waiters: { gen: number; resolve: () => void }[] = []

  constructor(private readonly deps: CommitQueueDeps) {}

  /** Accepted updates not yet handed on, oldest first (the guard's staging copy builds on them). */
  uncommitted(): Uint8Array[] {
    return [...(this.inflight ? [this.inflight] : []), ...this.pending.map((p) => p.update)]
  }

  /** Whether anything accepted is still waiting for the database. */
  hasUncommitted(): boolean {
    return this.inflight !== null || this.pending.length > 0
  }

  /** Queues an accepted update, with the history rows of its changes, for the next commit. */
  enqueue(update: Uint8Array, origin: HubConnection | null, history: readonly HistoryRow[] = []): void {
    this.pending.push({ update, origin, history })
    this.queuedGen++
    this.scheduleFlush()
  }

  /** Resolves once every update accepted so far is committed (or the document closed). */
  whenCommitted(): Promise<void> {
    const gen = this.queuedGen
    if (this.persistedGen >= gen || this.deps.isClosed()) return Promise.resolve()
    return new Promise((resolve) => this.waiters.push({ gen, resolve }))
  }

  /** Lets every waiter go (the document is closing or failed). */
  releaseWaiters(): void {
    for (const w of this.waiters) w.resolve()
    this.waiters = []
  }

  private scheduleFlush(): void {
    if (this.isFlushing || this.flushScheduled) return
    this.flushScheduled = true
    setImmediate(() => {
      this.flushScheduled = false
      this.flush().catch((err: Error) => this.deps.fail('commit failed', err))
    })
  }

  private async flush(): Promise<void> {
    if (this.isFlushing || this.pending.length === 0 || this.deps.isClosed()) return
    this.isFlushing = true
    const batch = this.pending
    this.pending = []
    const gen = this.queuedGen
    const merged = batch.length === 1 ? batch[0]!.update : Y.mergeUpdates(batch.map((b) => b.update))
    this.inflight = merged
    const id = await this.deps.persist(merged, batch.flatMap((b) => b.history))
    this.isFlushing = false
    if (id === null) return this.deps.fail('updates could not be persisted')
    if (this.deps.isClosed()) return
    const soleOrigin = batch.every((b) => b.origin === batch[0]!.origin) ? batch[0]!.origin : null
    this.deps.committed(merged, id, soleOrigin)
    this.inflight = null
    this.markPersisted(gen)
    if (this.pending.length > 0) this.scheduleFlush()
  }

  private markPersisted(gen: number): void {
    this.persistedGen = gen
    const ready = this.waiters.filter((w) => w.gen <= gen)
    this.waiters = this.waiters.filter((w) => w.gen > gen)
    for (const w of ready) w.resolve()
  }
}
