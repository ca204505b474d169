import { computed, readonly, ref, toValue, watch, type ComputedRef, type MaybeRefOrGetter, type Ref } from 'vue'
import type { VersionSummaryDto } from '../../shared/api/schemas'
import type { PlanDiff, PlanJson } from '../../shared/plan'
import { acknowledgeVersion, getVersion, getVersionDiff, listVersionAcks, listVersions, type VersionAckDto, type VersionDetailDto } from '../api/versions'

/** What {@link useVersionView} returns. */
export interface VersionViewState {
  versions: Readonly<Ref<readonly VersionSummaryDto[]>>
  version: Readonly<Ref<VersionDetailDto | null>>
  /** The version the changes are marked against (the reader's last acknowledged one before this), or null. */
  fromVersion: ComputedRef<number | null>
  diff: Readonly<Ref<PlanDiff | null>>
  /** The plan of {@link VersionViewState.fromVersion}, for the old prose. */
  before: Readonly<Ref<PlanJson | null>>
  acks: Readonly<Ref<readonly VersionAckDto[] | null>>
  isAcknowledged: ComputedRef<boolean>
  loadError: Readonly<Ref<unknown>>
  ackError: Readonly<Ref<unknown>>
  isAcking: Readonly<Ref<boolean>>
  /** Acknowledges the shown version. Never rejects: failures land in `ackError`. */
  acknowledge(objection: string): Promise<boolean>
}

/**
 * Loads one adopted version with everything its page shows: all versions (for the
 * picker), the plan, the diff from the reader's last acknowledged earlier version and,
 * for whoever may see them (`canSeeAcks`, from the server's abilities), the
 * acknowledgements.
 */
export function useVersionView(caseId: MaybeRefOrGetter<string>, n: MaybeRefOrGetter<number>, canSeeAcks: MaybeRefOrGetter<boolean>): VersionViewState {
  const versions = ref<VersionSummaryDto[]>([])
  const version = ref<VersionDetailDto | null>(null)
  const diff = ref<PlanDiff | null>(null)
  const before = ref<PlanJson | null>(null)
  const acks = ref<VersionAckDto[] | null>(null)
  const loadError = ref<unknown>(null)
  const ackError = ref<unknown>(null)
  const isAcking = ref(false)
  // The page's inputs at the last load, so a slow older answer cannot win.
  let requested = ''

  const fromVersion = computed(() => {
    const earlier = versions.value.filter((v) => v.acknowledged && v.n < toValue(n)).map((v) => v.n)
    return earlier.length === 0 ? null : Math.max(...earlier)
  })
  const isAcknowledged = computed(() => versions.value.some((v) => v.n === toValue(n) && v.acknowledged))

  async function loadAcks(id: string, at: number): Promise<void> {
    acks.value = toValue(canSeeAcks) ? await listVersionAcks(id, at) : null
  }

  async function load(): Promise<void> {
    const id = toValue(caseId)
    const at = toValue(n)
    const key = `${id}/${at}`
    requested = key
    loadError.value = null
    try {
      const [list, detail] = await Promise.all([listVersions(id), getVersion(id, at)])
      if (requested !== key) return
      versions.value = list
      version.value = detail
      const from = fromVersion.value
      const [changes, old] = from === null ? [null, null] : await Promise.all([getVersionDiff(id, at, from), getVersion(id, from)])
      if (requested !== key) return
      diff.value = changes?.diff ?? null
      before.value = old?.plan ?? null
      await loadAcks(id, at)
    } catch (error) {
      if (requested === key) loadError.value = error
    }
  }

  async function acknowledge(objection: string): Promise<boolean> {
    const id = toValue(caseId)
    const at = toValue(n)
    ackError.value = null
    isAcking.value = true
    try {
      await acknowledgeVersion(id, at, objection)
      versions.value = versions.value.map((v) => (v.n === at ? { ...v, acknowledged: true } : v))
      await loadAcks(id, at)
      return true
    } catch (error) {
      ackError.value = error
      return false
    } finally {
      isAcking.value = false
    }
  }

  watch(() => [toValue(caseId), toValue(n), toValue(canSeeAcks)], () => void load(), { immediate: true })

  return {
    versions: readonly(versions), version: readonly(version) as Readonly<Ref<VersionDetailDto | null>>, fromVersion,
    diff: readonly(diff) as Readonly<Ref<PlanDiff | null>>, before: readonly(before) as Readonly<Ref<PlanJson | null>>,
    acks: readonly(acks), isAcknowledged, loadError: readonly(loadError), ackError: readonly(ackError), isAcking: readonly(isAcking), acknowledge,
  }
}
