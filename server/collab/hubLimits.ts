/** Default limits of the doc hub, each with the reason for its value. */
import { MAX_CONNECTIONS_PER_USER, MAX_MESSAGE_BYTES, MAX_MESSAGES_PER_SECOND, MESSAGE_BURST } from '../../shared/protocol/limits'
import type { HubLimits } from './types'

export const DEFAULT_HUB_LIMITS: HubLimits = {
  maxMessageBytes: MAX_MESSAGE_BYTES,
  messagesPerSecond: MAX_MESSAGES_PER_SECOND,
  messageBurst: MESSAGE_BURST,
  // Long enough to ride out a page reload or a network blip without reloading the doc.
  evictAfterMs: 10_000,
  // A busy meeting writes a few rows per second; 500 rows keeps cold loads short.
  compactAfterRows: 500,
  // Redis pub/sub is at-most-once: re-read the log this often for live docs.
  antiEntropyMs: 15_000,
  // 8 MiB is several full plan syncs; a client that far behind is better off resyncing.
  maxBufferedBytes: 8 * 1024 * 1024,
  // Detects half-open TCP connections (laptop lid closed) within a minute.
  pingIntervalMs: 30_000,
  // Clients renew every 15 s and drop a state after 30 s of silence: 5 s of coalescing
  // keeps every renewal well inside that window.
  awarenessRenewalDelayMs: 5_000,
  // A cursor redrawn ten times a second looks live; a client moving it faster (or a
  // script) is merged into at most ten frames per second per connection, on every node.
  awarenessMinIntervalMs: 100,
  // y-websocket sends one sync step 1 when its socket opens. A few more leave room for
  // other clients (a resync timer); dozens are a loop asking for the whole plan.
  maxSyncRequests: 4,
  syncRequestWindowMs: 10_000,
  // The demo plan encodes to ~20 KB; a plan with 500 items in every section stays well
  // under 8 MiB. More is abuse or a bug, and every node holding the doc would pay for it.
  maxDocBytes: 8 * 1024 * 1024,
  // A quarter of the budget that only the binnenring (and the chair's meeting writes)
  // can use: far more than a year of meetings writes, so buitenring volume never blocks them.
  binnenringReserveBytes: 2 * 1024 * 1024,
  // Typing all day is a few KB a minute; pasting a long report is ~100 KB. Two frames of
  // the maximum size per minute is generous and stops one account growing memory fast.
  maxUserBytesPerMinute: 4 * 1024 * 1024,
  // One y-websocket provider speaks for one awareness id; a reconnect or an id change
  // in the same tab may briefly add one. More is a client speaking for others.
  maxPresenceIdsPerConnection: 4,
  maxConnectionsPerUser: MAX_CONNECTIONS_PER_USER,
  // A commit normally takes milliseconds; 10 s means a lock or a stuck connection.
  storeTimeoutMs: 10_000,
  // At the message rate limit this is about a second of updates; more means the
  // database is stuck and the client should resend after a reconnect.
  maxQueuedUpdates: 256,
  // Revocations arrive over the bus within milliseconds; this only bounds how long a
  // revocation whose message Redis lost can take. One query per open socket per minute.
  accessSweepMs: 60_000,
}
