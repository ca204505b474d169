/**
 * What the doc hub needs from storage: an append-only update log per document plus a
 * snapshot that compaction folds the log into. Implemented over SQL in
 * server/store/sqlDocStore.ts.
 */

/** Updates read from the log, oldest first, and the highest log id among them. */
export interface DocLogRead {
  updates: Uint8Array[]
  /** Highest update-log id read, or the snapshot's `upto_id`; 0 for a new document. */
  lastId: number
  /** Log rows that are not yet folded into the snapshot. */
  logRows: number
  /** Ids of the log rows read, in order (the snapshot has none). */
  ids: number[]
}

/** Rows anti-entropy need not read again. */
export interface KnownRows {
  /** This node's own rows: it applied each of them right after committing it. */
  nodeId: string
  /** Other nodes' rows already received over the bus or read before. */
  ids: readonly number[]
}

/**
 * One changed field of one section item, written in the same transaction as the update
 * that changed it (an item's history, server/plan/itemHistory.ts): no accepted change is
 * ever stored without its history, and no history without its change.
 */
export interface HistoryRow {
  itemId: string
  field: string
  /** JSON values every store can hold (no NUL, no lone surrogate: shared/text.ts). */
  from: unknown
  to: unknown
  userId: string
  name: string
  organisation: string
  /** ISO time of acceptance. */
  at: string
}

/** Durable storage of Yjs documents. */
export interface DocStore {
  /** Snapshot plus every logged update. */
  load(docName: string): Promise<DocLogRead>
  /**
   * Appends one (merged) update and, in the same transaction, the history rows of the
   * changes it holds; resolves with its log id once committed. Rejects, storing
   * nothing, when any part fails.
   */
  append(docName: string, update: Uint8Array, nodeId: string, history?: readonly HistoryRow[]): Promise<number>
  /**
   * Updates logged after `afterId`, plus any committed in the last few seconds whatever
   * their id (ids are assigned at insert, so a slower transaction can commit a lower id
   * after a higher one is visible). Includes the snapshot when compaction went past
   * `afterId`. Leaves out `known` rows, so a pass that finds nothing missed reads no
   * update data. Used for anti-entropy.
   */
  readSince(docName: string, afterId: number, known?: KnownRows): Promise<DocLogRead>
  /**
   * Folds the log into the snapshot in one transaction. Rows that cannot be applied are
   * left in the log (the hub quarantines them).
   */
  compact(docName: string): Promise<void>
  /** The owners (user ids) of those of `clientIds` that have one. */
  ownersOf(docName: string, clientIds: readonly number[]): Promise<Map<number, string>>
  /**
   * Claims unowned client ids for `userId`; resolves with the owner of each id after
   * the claim (another user's where they claimed it first).
   */
  claimClients(docName: string, clientIds: readonly number[], userId: string): Promise<Map<number, string>>
  /**
   * Moves update-log rows that cannot be applied to `doc_quarantine`, with the reason.
   * @returns how many rows were moved.
   */
  quarantine(docName: string, ids: readonly number[], reason: string): Promise<number>
}
