/** Types shared by the doc hub's files. */
import type { DocRef } from '../../shared/protocol/docName'
import type { SessionUser } from '../auth/sessions'
import type { DocAccess } from '../access/policy'

/** One client connection to one document, as a HubDoc sees it. */
export interface HubConnection {
  readonly id: string
  readonly user: SessionUser
  readonly access: DocAccess
  /** Sends one frame; drops it when the socket is no longer open. */
  send(frame: Uint8Array): void
  close(code: number, reason: string): void
}

/** Where a connection comes from, for audit and logs. */
export interface ConnectionContext {
  doc: DocRef
  user: SessionUser
  access: DocAccess
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
}
