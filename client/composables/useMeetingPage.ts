import { computed, readonly, ref, watch, type ComputedRef, type Ref } from 'vue'
import type { MeetingError } from '../../shared/meetings/schemas'
import type { AgendaItem } from '../../shared/meetings/state'
import { ApiError } from '../api/http'
import { closeMeeting, startMeeting } from '../api/meetings'
import { useMeetingSocket, type MeetingCommandDraft, type MeetingSocket } from './useMeetingSocket'
import { useServerNow } from './useServerNow'

/** What {@link useMeetingPage} returns. */
export interface MeetingPage extends MeetingSocket {
  /** The item the chair has the meeting on. */
  currentItem: ComputedRef<AgendaItem | null>
  /** The item this page shows: the current one, unless the user looks elsewhere. */
  viewedItem: ComputedRef<AgendaItem | null>
  isLookingElsewhere: ComputedRef<boolean>
  /** The server's clock, ticking (timers count down in it). */
  serverNow: ComputedRef<number>
  /** The last refusal of a command or a start/close, until the next one succeeds. */
  lastError: Readonly<Ref<MeetingError | null>>
  isBusy: Readonly<Ref<boolean>>
  /** The version the close adopted (from the close answer or the state). */
  adoptedVersion: ComputedRef<number | null>
  lookAt(itemId: string): void
  followCurrent(): void
  /** Sends a command; true when the server took it. */
  run(command: MeetingCommandDraft): Promise<boolean>
  start(): Promise<void>
  close(): Promise<void>
}

function toMeetingError(error: unknown): MeetingError {
  if (error instanceof ApiError && error.status !== 0) {
    const code = (['invalid_input', 'forbidden', 'not_found', 'conflict', 'unauthenticated'] as const).find((c) => c === error.code)
    return { code: code ?? 'server_error', message: error.message }
  }
  return { code: 'server_error', message: error instanceof Error ? error.message : 'request failed' }
}

/**
 * The meeting page's state: the live meeting (useMeetingSocket), which item the page
 * shows ("kijk elders" and back), the server clock, and the chair's start and close
 * (REST). Cleans up with the calling scope.
 * @param meetingId fixed for the scope's lifetime (the view is keyed by it).
 */
export function useMeetingPage(meetingId: string): MeetingPage {
  const socket = useMeetingSocket(meetingId)
  const serverNow = useServerNow(socket.clockOffsetMs)
  const lookedAtId = ref<string | null>(null)
  const lastError = ref<MeetingError | null>(null)
  const isBusy = ref(false)
  const closedVersion = ref<number | null>(null)

  const agenda = computed(() => socket.state.value?.agenda ?? [])
  const currentItem = computed(() => agenda.value.find((i) => i.id === socket.state.value?.currentItemId) ?? null)
  const viewedItem = computed(() => agenda.value.find((i) => i.id === lookedAtId.value) ?? currentItem.value ?? agenda.value[0] ?? null)
  const isLookingElsewhere = computed(() => currentItem.value !== null && viewedItem.value !== null && viewedItem.value.id !== currentItem.value.id)

  // When the chair arrives at the item the user was looking at, the page follows again.
  watch(() => currentItem.value?.id, (id) => {
    if (id !== undefined && id === lookedAtId.value) lookedAtId.value = null
  })

  async function run(command: MeetingCommandDraft): Promise<boolean> {
    const ack = await socket.send(command)
    lastError.value = ack.ok ? null : ack.error
    return ack.ok
  }

  async function withBusy(task: () => Promise<void>): Promise<void> {
    if (isBusy.value) return
    isBusy.value = true
    lastError.value = null
    try {
      await task()
    } catch (error) {
      lastError.value = toMeetingError(error)
    } finally {
      isBusy.value = false
    }
  }

  return {
    ...socket,
    currentItem,
    viewedItem,
    isLookingElsewhere,
    serverNow,
    lastError: readonly(lastError),
    isBusy: readonly(isBusy),
    adoptedVersion: computed(() => closedVersion.value ?? socket.state.value?.version ?? null),
    lookAt(itemId) {
      lookedAtId.value = itemId === currentItem.value?.id ? null : itemId
    },
    followCurrent() {
      lookedAtId.value = null
    },
    run,
    start: () => withBusy(() => startMeeting(meetingId)),
    close: () => withBusy(async () => {
      closedVersion.value = await closeMeeting(meetingId)
    }),
  }
}
