/** Types shared by the doc hub's files. */
import type { DocRef } from '../../shared/protocol/docName'
import type { SessionUser } from '../auth/sessions'
import type { DocAccess } from '../access/policy'
import type { Touch, TouchContext } from './updateTouches'
import type * as Y from 'yjs'
import type { AuditLog } from '../audit/auditLog'
import type { Bus } from '../bus/bus'
import type { Logger } from '../log'
import type { CollabMetrics } from '../metrics'
import type { DocStore, HistoryRow } from './docStore'
import type { HubDoc } from './hubDoc'
import type { UserBudgets } from './userBudgets'

/** One client connection to one document, as a HubDoc sees it. */
export interface HubConnection {
  readonly id: string
  readonly user: SessionUser
  /** The stored id of the session the socket was opened with (revocation by session). */
  readonly sessionId: string
  /** The document it is connected to. */
  readonly doc: DocRef
  /** What it may do now: replaced when a re-check downgrades it (access/revocation). */
  access: DocAccess
  /** Sends one frame; drops it when the socket is no longer open. */
  send(frame: Uint8Array): void
  close(code: number, reason: string): void
}

/** Where a connection comes from, for audit and logs. */
export interface ConnectionContext {
  doc: DocRef
  user: SessionUser
  access: DocAccess
  sessionId: string
  /** When the session ends unless used again (ms since the epoch): the socket is re-checked then. */
  sessionDeadline: number
  caseId: string | null
  ip: string | null
  client: string | null
}

/** Tunables of the hub; defaults in hubLimits.ts. */
export interface HubLimits {
  /** Largest accepted frame in bytes. */
  maxMessageBytes: number
  /** Token-bucket refill per second and capacity, per connection. */
  messagesPerSecond: number
  messageBurst: number
  /** Keep an idle document in memory this long after its last connection left. */
  evictAfterMs: number
  /** Compact the update log after this many rows written by this node. */
  compactAfterRows: number
  /** Anti-entropy period for live documents. */
  antiEntropyMs: number
  /** Close a connection whose unsent data exceeds this (a stalled client). */
  maxBufferedBytes: number
  /** Ping period; a connection that missed one pong is terminated. */
  pingIntervalMs: number
  /** Longest an unchanged presence renewal waits to be forwarded with others (hubAwareness.ts). */
  awarenessRenewalDelayMs: number
  /** Shortest time between two presence changes forwarded for one connection (later ones are merged). */
  awarenessMinIntervalMs: number
  /** Sync step 1s one connection may send per window before it is closed (syncGate.ts). */
  maxSyncRequests: number
  syncRequestWindowMs: number
  /** Size budget of one document's encoded state, in bytes. */
  maxDocBytes: number
  /** Bytes of `maxDocBytes` the buitenring cannot fill: kept for the binnenring (docBudget.ts). */
  binnenringReserveBytes: number
  /** Update bytes one user may send per minute to this node, over all their connections. */
  maxUserBytesPerMinute: number
  /** Presence (awareness) client ids one connection may speak for. */
  maxPresenceIdsPerConnection: number
  /** Open document connections per user on this node. */
  maxConnectionsPerUser: number
  /** Longest a storage call may take before the document gives up on it. */
  storeTimeoutMs: number
  /** Client updates one connection may have waiting for admission. */
  maxQueuedUpdates: number
  /** Every open connection's access is re-checked this often (a lost revocation message). */
  accessSweepMs: number
}

/** The outcome of re-checking an open connection: its access now, or why it must close. */
export type Reauthorization = { access: DocAccess; sessionDeadline: number } | { code: number; reason: string }

/** What a write check sees of one update. */
export interface WriteCheckInput {
  docName: string
  touches: readonly Touch[]
  context: TouchContext
  conn: HubConnection
}

/**
 * One named step of the write guard (schema, authority, a chair's lock later): returns
 * a refusal reason without plan content, or null to let the update pass.
 */
export interface WriteCheck {
  name: string
  judge(input: WriteCheckInput): string | null
}

/** Dependencies of a HubDoc. */
export interface HubDocDeps {
  store: DocStore
  bus: Bus
  audit: AuditLog
  log: Logger
  metrics: CollabMetrics
  /** This process's id on the bus and in the update log (unique per process). */
  nodeId: string
  limits: HubLimits
  /** The write guard's checks (schema, authority), in order. */
  checks: readonly WriteCheck[]
  /** Per-user update budgets of this node. */
  budgets: UserBudgets
  /**
   * Called once after a document is loaded, before any client sees it (schema
   * migrations). Changes made with `origin` are persisted and broadcast like a client's.
   */
  prepare?: (docName: string, doc: Y.Doc, origin: unknown) => void
  /** Creates the document's root types with their types (on the guard's staging copy). */
  typeRoots?: (docName: string, doc: Y.Doc) => void
  /** Told when the document failed and closed itself, so the hub forgets it. */
  onFailed?: (doc: HubDoc) => void
  /** The history rows of an accepted change, committed in the same transaction (an item's history, server/plan/itemHistory.ts). */
  historyOf?: (input: WriteCheckInput) => readonly HistoryRow[]
}
