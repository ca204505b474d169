import { defineStore } from 'pinia'
import { readonly, ref } from 'vue'
import type { CaseDetailDto, CaseSummaryDto, CreateCaseBody } from '../../shared/api/schemas'
import { getJson, postJson } from '../api/http'

/**
 * The cases of the signed-in user: the list for the overview and the one case that is
 * open on the plan page.
 */
export const useCasesStore = defineStore('cases', () => {
  const cases = ref<CaseSummaryDto[]>([])
  const isListLoaded = ref(false)
  const current = ref<CaseDetailDto | null>(null)
  // Id of the case the latest loadCase asked for, so a slow older answer cannot win.
  let requestedCaseId: string | null = null

  /**
   * Loads the user's cases.
   * @throws {ApiError} when the list cannot be fetched.
   */
  async function loadCases(): Promise<void> {
    cases.value = await getJson<CaseSummaryDto[]>('/api/cases')
    isListLoaded.value = true
  }

  /**
   * Loads one case with its members into `current`.
   * @throws {ApiError} `forbidden` (403) when the user is not a member, `not_found`.
   */
  async function loadCase(id: string): Promise<void> {
    requestedCaseId = id
    if (current.value?.id !== id) current.value = null
    const detail = await getJson<CaseDetailDto>(`/api/cases/${encodeURIComponent(id)}`)
    if (requestedCaseId === id) current.value = detail
  }

  /**
   * Creates a case with the signed-in user as its first member.
   * @returns the id of the new case.
   * @throws {ApiError} `invalid_input` when the title is empty or too long.
   */
  async function createCase(title: string): Promise<string> {
    const body: CreateCaseBody = { title }
    const created = await postJson<{ id: string }>('/api/cases', body)
    isListLoaded.value = false
    return created.id
  }

  /** Forgets everything, e.g. after logout. */
  function reset(): void {
    cases.value = []
    isListLoaded.value = false
    current.value = null
    requestedCaseId = null
  }

  return {
    cases: readonly(cases),
    isListLoaded: readonly(isListLoaded),
    current: readonly(current),
    loadCases,
    loadCase,
    createCase,
    reset,
  }
})
