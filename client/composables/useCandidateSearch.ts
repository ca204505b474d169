import { computed, onScopeDispose, readonly, ref, watch, type ComputedRef, type Ref } from 'vue'
import type { CandidateDto } from '../../shared/api/schemas'
import { searchCandidates } from '../api/members'
import { useErrorMessage } from './useErrorMessage'

/** Wait after the last keystroke before asking the server: one request per pause, not per key. */
export const SEARCH_DEBOUNCE_MS = 300
/** The server's bounds of a search (`candidateQuerySchema`): shorter finds too much, longer nothing. */
export const MIN_QUERY_LENGTH = 2
export const MAX_QUERY_LENGTH = 100

/** Where a search stands, for the status line under the field. */
export type SearchState = 'idle' | 'too-short' | 'searching' | 'done' | 'failed'

/** What {@link useCandidateSearch} returns. */
export interface CandidateSearch {
  /** What the user typed (bound to the field). */
  query: Ref<string>
  state: Readonly<Ref<SearchState>>
  results: Readonly<Ref<readonly CandidateDto[]>>
  /** Why the last search failed, in the user's language; '' otherwise. */
  errorMessage: ComputedRef<string>
  /** Forgets the query and the results. */
  clear(): void
}

/**
 * Debounced search for partners to add to a case (`GET /api/cases/:id/candidates`).
 * Only the answer to the latest query is shown, so a slow older answer cannot win; the
 * pending timer goes with the calling scope.
 * @param caseId the case whose director searches.
 */
export function useCandidateSearch(caseId: string): CandidateSearch {
  const { describeError } = useErrorMessage()
  const query = ref('')
  const state = ref<SearchState>('idle')
  const results = ref<readonly CandidateDto[]>([])
  const error = ref<unknown>(null)
  let timer: ReturnType<typeof setTimeout> | undefined
  let latest = 0

  async function run(q: string, seq: number): Promise<void> {
    try {
      const found = await searchCandidates(caseId, q)
      if (seq !== latest) return
      results.value = found
      state.value = 'done'
    } catch (caught) {
      if (seq !== latest) return
      error.value = caught
      results.value = []
      state.value = 'failed'
    }
  }

  function schedule(raw: string): void {
    clearTimeout(timer)
    const q = raw.trim().slice(0, MAX_QUERY_LENGTH)
    const seq = ++latest
    error.value = null
    if (q === '') {
      results.value = []
      state.value = 'idle'
      return
    }
    if (q.length < MIN_QUERY_LENGTH) {
      results.value = []
      state.value = 'too-short'
      return
    }
    state.value = 'searching'
    timer = setTimeout(() => void run(q, seq), SEARCH_DEBOUNCE_MS)
  }

  watch(query, schedule)
  onScopeDispose(() => {
    clearTimeout(timer)
    latest++
  })

  return {
    query,
    state: readonly(state),
    results: readonly(results),
    errorMessage: computed(() => (error.value === null ? '' : describeError(error.value))),
    clear: () => {
      query.value = ''
    },
  }
}
