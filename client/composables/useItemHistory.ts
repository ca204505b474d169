import { readonly, ref } from 'vue'
import { useRoute } from 'vue-router'
import type { SectionName } from '../../shared/plan'
import { getItemHistory, type ItemChangeDto } from '../api/itemHistory'

/**
 * An item's history, loaded when asked for (the server builds it from the committed
 * updates; nothing of it lives in the page). The case comes from the route (`:id`).
 */
export function useItemHistory(section: () => SectionName, itemId: () => string) {
  const route = useRoute()
  const changes = ref<ItemChangeDto[] | null>(null)
  const isLoading = ref(false)
  const hasFailed = ref(false)
  async function load(): Promise<void> {
    const caseId = String(route.params.id ?? '')
    if (!caseId) return
    isLoading.value = true
    hasFailed.value = false
    try {
      changes.value = await getItemHistory(caseId, section(), itemId())
    } catch {
      hasFailed.value = true
    } finally {
      isLoading.value = false
    }
  }
  return { changes: readonly(changes), isLoading: readonly(isLoading), hasFailed: readonly(hasFailed), load }
}
