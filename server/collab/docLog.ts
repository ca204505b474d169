/**
 * One document's writes to the update log (hubDoc.ts): a group commit's append with
 * retries and a bound per attempt, and compaction once enough rows piled up (in the
 * background while the document is live, and what is left when it closes).
 */
import type { Logger } from '../log'
import type { CollabMetrics } from '../metrics'
import type { DocStore, HistoryRow } from './docStore'
import { withTimeout } from './timeouts'
import type { HubLimits } from './types'

/** What the log writer needs (a subset of HubDocDeps). */
export interface DocLogDeps {
  store: DocStore
  log: Logger
  metrics: CollabMetrics
  nodeId: string
  limits: Pick<HubLimits, 'storeTimeoutMs' | 'compactAfterRows'>
}

/** Attempts and back-off for one group commit before the document gives up. */
const PERSIST_BACKOFF_MS = [50, 200, 800, 2000]

/** Appends and compacts one document's update log. */
export class DocLog {
  /** Rows this node wrote (or found at load) that are not folded into the snapshot yet. */
  private rowsSinceCompaction = 0
  private compaction: Promise<void> | null = null

  constructor(private readonly name: string, private readonly deps: DocLogDeps, private readonly isClosed: () => boolean) {}

  /** The log rows found at load; compacts at once when they are already too many. */
  loaded(logRows: number): void {
    this.rowsSinceCompaction = logRows
    if (logRows >= this.deps.limits.compactAfterRows) this.startCompaction()
  }

  /**
   * Appends an update with its history rows, with retries and a bound per attempt.
   * @returns its log id, or null when the database stays unavailable (or the document closed).
   */
  async append(update: Uint8Array, history: readonly HistoryRow[]): Promise<number | null> {
    for (let attempt = 0; ; attempt++) {
      const stop = this.deps.metrics.persistSeconds.startTimer()
      try {
        const id = await withTimeout(this.deps.store.append(this.name, update, this.deps.nodeId, history), this.deps.limits.storeTimeoutMs, 'committing')
        stop()
        return id
      } catch (err) {
        const wait = PERSIST_BACKOFF_MS[attempt]
        this.deps.log.error({ docName: this.name, attempt, err: (err as Error).message }, 'persisting update failed')
        if (wait === undefined || this.isClosed()) return null
        await new Promise((r) => setTimeout(r, wait))
      }
    }
  }

  /** Counts a committed row; compacts in the background after `compactAfterRows`. */
  counted(): void {
    this.rowsSinceCompaction++
    if (this.rowsSinceCompaction >= this.deps.limits.compactAfterRows) this.startCompaction()
  }

  /** Waits for a running compaction, then folds in whatever is left (the document is closing). */
  async finish(): Promise<void> {
    await this.compaction
    if (this.rowsSinceCompaction > 0) await this.compactNow()
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
      await withTimeout(this.deps.store.compact(this.name), this.deps.limits.storeTimeoutMs * 3, 'compacting')
      this.rowsSinceCompaction = Math.max(0, this.rowsSinceCompaction - rows)
    } catch (err) {
      this.deps.log.error({ docName: this.name, err: (err as Error).message }, 'compaction failed')
    }
  }
}
