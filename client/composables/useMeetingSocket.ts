import { onScopeDispose, readonly, ref, shallowReadonly, shallowRef, type Ref, type ShallowRef } from 'vue'
import { io, type Socket } from 'socket.io-client'
import { MEETING_EVENTS, MEETING_NAMESPACE, type MeetingAck, type MeetingCommandInput, type MeetingError } from '../../shared/meetings/schemas'
import type { MeetingView } from '../../shared/meetings/state'
import { isNewerView } from '../meetings/viewOrder'

/** A command as the page sends it: the composable adds the meeting id. */
export type MeetingCommandDraft = MeetingCommandInput extends infer C ? (C extends unknown ? Omit<C, 'meetingId'> : never) : never

/**
 * Where the page stands with the meeting: connecting (first time or again after a drop),
 * joined (state is live), refused (the server said no to `join`), ended (the server
 * ended this participant's part on purpose).
 */
export type MeetingSocketStatus = 'connecting' | 'joined' | 'reconnecting' | 'refused' | 'ended'

/** What {@link useMeetingSocket} returns. */
export interface MeetingSocket {
  /** The newest view of the meeting this page received, or null before the first. */
  state: Readonly<ShallowRef<MeetingView | null>>
  status: Readonly<Ref<MeetingSocketStatus>>
  /** Why `join` was refused, when it was. */
  joinError: Readonly<Ref<MeetingError | null>>
  /** The server's reason for ending this participant's part (`meeting:ended`). */
  endedReason: Readonly<Ref<string | null>>
  /** Server clock minus local clock, measured on the newest view (ms). */
  clockOffsetMs: Readonly<Ref<number>>
  /** Sends a command; resolves to the server's ack (a lost connection acks with an error). */
  send(command: MeetingCommandDraft): Promise<MeetingAck>
  /** Takes a view fetched over REST when it is newer than what the page has. */
  accept(view: MeetingView): void
  /** Asks to join again after a refusal (an admission may have been given meanwhile). */
  retry(): Promise<void>
}

/** How long a command waits for its ack before the page says it failed. */
const ACK_TIMEOUT_MS = 10_000
/**
 * socket.io does not reconnect by itself after the server disconnected a socket; without
 * a `meeting:ended` first that is no verdict on this participant (a node going away), so
 * the page connects again after this pause (the next node answers, or `join` says no).
 */
const SERVER_DISCONNECT_RETRY_MS = 2000

function lostAck(message: string): MeetingAck {
  return { ok: false, error: { code: 'server_error', message } }
}

/**
 * Follows one meeting live: connects to the `/meetings` namespace (websocket only, the
 * session cookie), joins, keeps the newest `meeting:state` (highest `seq`), and joins
 * again after every reconnect so the page takes the current state at once. Disconnects
 * with the calling scope.
 * @param meetingId the meeting; fixed for the scope's lifetime (the view is keyed by it).
 */
export function useMeetingSocket(meetingId: string): MeetingSocket {
  const state = shallowRef<MeetingView | null>(null)
  const status = ref<MeetingSocketStatus>('connecting')
  const joinError = ref<MeetingError | null>(null)
  const endedReason = ref<string | null>(null)
  const clockOffsetMs = ref(0)

  const socket: Socket = io(MEETING_NAMESPACE, { transports: ['websocket'], withCredentials: true })

  function accept(view: MeetingView): void {
    if (view.id !== meetingId || !isNewerView(view, state.value)) return
    // Once per state: the countdown runs in server time from here on.
    clockOffsetMs.value = view.serverNow - Date.now()
    state.value = view
  }

  async function join(): Promise<void> {
    let ack: MeetingAck<{ state: MeetingView }>
    try {
      ack = await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('join', { meetingId })
    } catch {
      // No answer in time: socket.io reconnects and `connect` joins again.
      return
    }
    if (ack.ok) {
      joinError.value = null
      status.value = 'joined'
      accept(ack.state)
    } else {
      joinError.value = ack.error
      status.value = 'refused'
    }
  }

  socket.on('connect', () => {
    if (status.value === 'ended') return
    void join()
  })
  let retryTimer: ReturnType<typeof setTimeout> | null = null
  socket.on('disconnect', (reason) => {
    if (status.value === 'ended') return
    if (status.value === 'joined' || status.value === 'connecting') status.value = 'reconnecting'
    if (reason !== 'io server disconnect') return
    retryTimer = setTimeout(() => {
      retryTimer = null
      if (status.value !== 'ended') socket.connect()
    }, SERVER_DISCONNECT_RETRY_MS)
  })
  socket.on(MEETING_EVENTS.state, (view: MeetingView) => accept(view))
  socket.on(MEETING_EVENTS.ended, (payload: { reason?: unknown }) => {
    endedReason.value = typeof payload?.reason === 'string' ? payload.reason : ''
    status.value = 'ended'
  })

  async function send(command: MeetingCommandDraft): Promise<MeetingAck> {
    if (!socket.connected) return lostAck('not connected')
    try {
      return await socket.timeout(ACK_TIMEOUT_MS).emitWithAck('command', { ...command, meetingId })
    } catch {
      return lostAck('no answer')
    }
  }

  async function retry(): Promise<void> {
    if (status.value !== 'refused') return
    status.value = 'connecting'
    if (socket.connected) await join()
    else socket.connect()
  }

  onScopeDispose(() => {
    if (retryTimer !== null) clearTimeout(retryTimer)
    socket.removeAllListeners()
    socket.disconnect()
  })

  return {
    state: shallowReadonly(state),
    status: readonly(status),
    joinError: readonly(joinError),
    endedReason: readonly(endedReason),
    clockOffsetMs: readonly(clockOffsetMs),
    send,
    accept,
    retry,
  }
}
