/** Default limits of the doc hub, each with the reason for its value. */
import { MAX_MESSAGE_BYTES, MAX_MESSAGES_PER_SECOND, MESSAGE_BURST } from '../../shared/protocol/limits'
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
}
