import { defineStore } from 'pinia'
import { computed, readonly, ref } from 'vue'
import type { MeDto } from '../../shared/api/schemas'
import { deleteResource, getJson, postJson } from '../api/http'
import { deleteLocalCopies } from '../collab/localCopy'
import { useCasesStore } from './cases'

/**
 * The signed-in user. `me` is null until {@link loadMe} or {@link login} succeeds, and
 * after {@link logout}. `isLoaded` tells whether the server was asked at least once.
 */
export const useSessionStore = defineStore('session', () => {
  const me = ref<MeDto | null>(null)
  const isLoaded = ref(false)
  const isLoggedIn = computed(() => me.value !== null)

  /**
   * Asks the server who is signed in. Resolves to null when the session is missing or
   * expired (401).
   * @throws {ApiError} for any other failure (server unreachable, 5xx).
   */
  async function loadMe(): Promise<MeDto | null> {
    try {
      // GET /api/session answers 200 with `me: null` when nobody is signed in: no 401 in the console.
      me.value = (await getJson<{ me: MeDto | null }>('/api/session')).me
    } finally {
      isLoaded.value = true
    }
    return me.value
  }

  /**
   * The server ended this page's session (a websocket closed with 4401): asks it who is
   * signed in now, so the login page is open again. When the server cannot be asked, the
   * socket's word stands and the user counts as signed out. Never rejects.
   */
  async function recheckSession(): Promise<void> {
    try {
      await loadMe()
    } catch {
      // Not reachable: the websocket already told us the session is gone.
      me.value = null
    }
  }

  /**
   * Logs in; the server sets the session cookie.
   * @throws {ApiError} `invalid_credentials` (401), `invalid_input` (400), `rate_limited`.
   */
  async function login(email: string, password: string): Promise<MeDto> {
    const user = await postJson<MeDto>('/api/session', { email, password })
    me.value = user
    isLoaded.value = true
    return user
  }

  /**
   * Ends the session on the server and forgets everything cached for this user,
   * including the plan copies kept in this browser for offline edits (IndexedDB).
   * @throws {ApiError} when the server cannot be reached; local state is cleared anyway.
   * @throws the browser's error when the local copies cannot be deleted.
   */
  async function logout(): Promise<void> {
    const userId = me.value?.id ?? null
    try {
      await deleteResource('/api/session')
    } finally {
      me.value = null
      useCasesStore().reset()
      if (userId !== null) await deleteLocalCopies(userId)
    }
  }

  return { me: readonly(me), isLoaded: readonly(isLoaded), isLoggedIn, loadMe, recheckSession, login, logout }
})
