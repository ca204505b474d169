import { defineStore } from 'pinia'
import { computed, readonly, ref } from 'vue'
import type { NoticeDto } from '../../shared/api/schemas'
import { listNotices, markNoticeRead } from '../api/versions'

/**
 * The signed-in user's notices of adopted versions: the header's unread count and the
 * inbox page read the same list.
 */
export const useInboxStore = defineStore('inbox', () => {
  const notices = ref<NoticeDto[]>([])
  const isLoaded = ref(false)
  const unreadCount = computed(() => notices.value.filter((n) => n.readAt === null).length)

  /**
   * Loads the notices, newest first.
   * @throws {ApiError} when the inbox cannot be fetched.
   */
  async function load(): Promise<void> {
    notices.value = await listNotices()
    isLoaded.value = true
  }

  /**
   * Marks one notice read, here and on the server.
   * @throws {ApiError} `not_found` when it is not the user's.
   */
  async function markRead(id: string): Promise<void> {
    await markNoticeRead(id)
    const now = new Date().toISOString()
    notices.value = notices.value.map((n) => (n.id === id && n.readAt === null ? { ...n, readAt: now } : n))
  }

  /** Forgets everything, e.g. after logout. */
  function reset(): void {
    notices.value = []
    isLoaded.value = false
  }

  return { notices: readonly(notices), isLoaded: readonly(isLoaded), unreadCount, load, markRead, reset }
})
