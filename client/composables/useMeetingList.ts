import { readonly, ref, toValue, watch, type MaybeRefOrGetter, type Ref } from 'vue'
import type { CreateMeetingBody } from '../../shared/meetings/schemas'
import type { MeetingSummary } from '../../shared/meetings/state'
import { createMeeting, listMeetings } from '../api/meetings'

/** What {@link useMeetingList} returns. */
export interface MeetingListState {
  meetings: Readonly<Ref<readonly MeetingSummary[]>>
  isLoaded: Readonly<Ref<boolean>>
  error: Readonly<Ref<unknown>>
  isCreating: Readonly<Ref<boolean>>
  /** Schedules a meeting. @returns its id, or null when it failed (then `error` says why). */
  create(body: CreateMeetingBody): Promise<string | null>
}

/** The meetings of a case, and scheduling a new one (the case's chair or case director). */
export function useMeetingList(caseId: MaybeRefOrGetter<string>): MeetingListState {
  const meetings = ref<MeetingSummary[]>([])
  const isLoaded = ref(false)
  const error = ref<unknown>(null)
  const isCreating = ref(false)

  async function load(id: string): Promise<void> {
    error.value = null
    try {
      const list = await listMeetings(id)
      if (id !== toValue(caseId)) return
      meetings.value = list
      isLoaded.value = true
    } catch (e) {
      if (id === toValue(caseId)) error.value = e
    }
  }

  async function create(body: CreateMeetingBody): Promise<string | null> {
    if (isCreating.value) return null
    const id = toValue(caseId)
    error.value = null
    isCreating.value = true
    try {
      const meetingId = await createMeeting(id, body)
      await load(id)
      return meetingId
    } catch (e) {
      error.value = e
      return null
    } finally {
      isCreating.value = false
    }
  }

  watch(() => toValue(caseId), (id) => {
    isLoaded.value = false
    void load(id)
  }, { immediate: true })

  return { meetings: readonly(meetings), isLoaded: readonly(isLoaded), error: readonly(error), isCreating: readonly(isCreating), create }
}
