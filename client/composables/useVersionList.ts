import { readonly, ref, toValue, watch, type MaybeRefOrGetter, type Ref } from 'vue'
import type { VersionSummaryDto } from '../../shared/api/schemas'
import { adoptVersion, listVersions } from '../api/versions'

/** What {@link useVersionList} returns. */
export interface VersionListState {
  versions: Readonly<Ref<readonly VersionSummaryDto[]>>
  isLoaded: Readonly<Ref<boolean>>
  error: Readonly<Ref<unknown>>
  isAdopting: Readonly<Ref<boolean>>
  /** The number of the version just adopted here, for the announcement. */
  adopted: Readonly<Ref<number | null>>
  /** Adopts the live plan as the next version. Never rejects: failures land in `error`. */
  adopt(): Promise<void>
}

/** The adopted versions of a case, and adopting one outside a meeting (case director). */
export function useVersionList(caseId: MaybeRefOrGetter<string>): VersionListState {
  const versions = ref<VersionSummaryDto[]>([])
  const isLoaded = ref(false)
  const error = ref<unknown>(null)
  const isAdopting = ref(false)
  const adopted = ref<number | null>(null)

  async function load(id: string): Promise<void> {
    error.value = null
    try {
      const list = await listVersions(id)
      if (id !== toValue(caseId)) return
      versions.value = list
      isLoaded.value = true
    } catch (e) {
      if (id === toValue(caseId)) error.value = e
    }
  }

  async function adopt(): Promise<void> {
    if (isAdopting.value) return
    const id = toValue(caseId)
    error.value = null
    adopted.value = null
    isAdopting.value = true
    try {
      adopted.value = await adoptVersion(id)
      await load(id)
    } catch (e) {
      error.value = e
    } finally {
      isAdopting.value = false
    }
  }

  watch(() => toValue(caseId), (id) => {
    isLoaded.value = false
    adopted.value = null
    void load(id)
  }, { immediate: true })

  return { versions: readonly(versions), isLoaded: readonly(isLoaded), error: readonly(error), isAdopting: readonly(isAdopting), adopted: readonly(adopted), adopt }
}
