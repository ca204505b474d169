/**
 * One connection's sync step 1s (issue 18, item 1). A y-websocket client sends one when
 * its socket opens; a loop of them must not make the node encode and queue the whole
 * document again and again. So:
 * - no work for a socket that is closing, nor for one whose queue is already over
 *   `maxBufferedBytes` (that reader is closed: too slow, or not reading at all);
 * - at most one reply per connection waits in the socket's queue: step 1s that arrive
 *   meanwhile are coalesced into one answer to the latest (a client's state vector only
 *   grows, so answering the latest answers them all);
 * - more than `maxSyncRequests` in `syncRequestWindowMs` closes the connection (4429).
 * The reply itself comes from syncReply.ts (encoded once per document state).
 */
import { CloseCode } from '../../shared/protocol/closeCodes'
import type { HubLimits } from './types'

/** What the gate needs from its connection. */
export interface SyncGateDeps {
  limits: Pick<HubLimits, 'maxBufferedBytes' | 'maxSyncRequests' | 'syncRequestWindowMs'>
  /** Whether the socket is open (a closing one gets no work). */
  isOpen(): boolean
  /** Bytes queued on the socket and not yet handed to the operating system. */
  bufferedBytes(): number
  /** The frame answering a state vector (HubDoc.syncReplyFor). */
  reply(stateVector: Uint8Array): Uint8Array
  /** Sends a frame; `written` is called once it left the socket's queue (or failed). */
  send(frame: Uint8Array, written: () => void): void
  /** Closes the connection (logged by the caller). */
  refuse(code: number, reason: string): void
}

/** Returns the handler of one connection's sync step 1s. */
export function createSyncGate(deps: SyncGateDeps): (stateVector: Uint8Array) => void {
  let isAnswering = false
  let waiting: Uint8Array | null = null
  let windowStart = 0
  let requests = 0

  const answer = (stateVector: Uint8Array): void => {
    if (!deps.isOpen()) return
    if (deps.bufferedBytes() > deps.limits.maxBufferedBytes) {
      return deps.refuse(CloseCode.ServerError, 'client too slow, reconnect to resync')
    }
    const frame = deps.reply(stateVector)
    isAnswering = true
    deps.send(frame, () => {
      isAnswering = false
      const next = waiting
      waiting = null
      if (next) answer(next)
    })
  }

  return (stateVector) => {
    const now = Date.now()
    if (now - windowStart > deps.limits.syncRequestWindowMs) {
      windowStart = now
      requests = 0
    }
    if (++requests > deps.limits.maxSyncRequests) {
      return deps.refuse(CloseCode.RateLimited, 'too many sync requests')
    }
    if (isAnswering) waiting = stateVector
    else answer(stateVector)
  }
}
