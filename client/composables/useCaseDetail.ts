import { computed, readonly, ref, toValue, watch, type ComputedRef, type DeepReadonly, type MaybeRefOrGetter, type Ref } from 'vue'
import type { CaseDetailDto } from '../../shared/api/schemas'
import { ApiError } from '../api/http'
import { useCasesStore } from '../stores/cases'
import { useErrorMessage } from './useErrorMessage'

/** Why the page tells the user their access changed: taken away, or different now. */
export type AccessNotice = 'revoked' | 'changed' | null

/** What {@link useCaseDetail} returns. */
export interface CaseDetailState {
  /** The case with the user's abilities, once loaded (a read-only view of the store's). */
  detail: ComputedRef<DeepReadonly<CaseDetailDto> | null>
  /** Why the case could not be loaded, in the user's language; '' when it could. */
  errorMessage: ComputedRef<string>
  /** Whether loading failed because the user is no member of the case (403). */
  isForbidden: ComputedRef<boolean>
  /** Set by {@link CaseDetailState.refreshAccess} when the answer differs from before. */
  notice: Readonly<Ref<AccessNotice>>
  /** Why the last refresh failed (the page keeps what it had), in the user's language. */
  refreshErrorMessage: ComputedRef<string>
  /** Loads the case again. Never rejects: failures land in `errorMessage`. */
  reload(): Promise<void>
  /** Asks the server again after a sign that access changed (a socket closed, a refusal). */
  refreshAccess(): Promise<void>
  dismissNotice(): void
}

/**
 * One key per case and everything the server lets the user do in it: whatever was
 * built for one set of abilities is keyed by it, so new abilities mean a fresh build.
 */
export function accessKey(detail: DeepReadonly<CaseDetailDto>): string {
  return [detail.id, detail.ring, detail.role, detail.isCaseDirector, JSON.stringify(detail.abilities)].join('/')
}

/**
 * Loads one case (with the caller's abilities) into the cases store and keeps it
 * current when the page learns that access changed. Used by the plan and members pages.
 * @param id the case id (a route param).
 */
export function useCaseDetail(id: MaybeRefOrGetter<string>): CaseDetailState {
  const casesStore = useCasesStore()
  const { describeError } = useErrorMessage()
  const loadError = ref<unknown>(null)
  const refreshError = ref<unknown>(null)
  const notice = ref<AccessNotice>(null)
  const detail = computed(() => (casesStore.current?.id === toValue(id) ? casesStore.current : null))

  async function load(caseId: string): Promise<void> {
    loadError.value = null
    try {
      await casesStore.loadCase(caseId)
    } catch (error) {
      if (caseId === toValue(id)) loadError.value = error
    }
  }

  async function refreshAccess(): Promise<void> {
    const caseId = toValue(id)
    const before = detail.value ? accessKey(detail.value) : null
    refreshError.value = null
    try {
      await casesStore.loadCase(caseId)
    } catch (error) {
      if (caseId !== toValue(id)) return
      if (error instanceof ApiError && error.status === 403) notice.value = 'revoked'
      else refreshError.value = error
      return
    }
    if (detail.value && before !== null && accessKey(detail.value) !== before) notice.value = 'changed'
  }

  watch(() => toValue(id), (caseId) => {
    notice.value = null
    void load(caseId)
  }, { immediate: true })

  return {
    detail,
    errorMessage: computed(() => (loadError.value === null ? '' : describeError(loadError.value))),
    isForbidden: computed(() => loadError.value instanceof ApiError && loadError.value.status === 403),
    notice: readonly(notice),
    refreshErrorMessage: computed(() => (refreshError.value === null ? '' : describeError(refreshError.value))),
    reload: () => load(toValue(id)),
    refreshAccess,
    dismissNotice: () => {
      notice.value = null
    },
  }
}
