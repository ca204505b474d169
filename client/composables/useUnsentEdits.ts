import { readonly, ref, watch, type Ref } from 'vue'
import type { CollabDoc } from './useCollabDoc'

/**
 * Whether local changes were made while the document was not connected, so they may
 * not have reached the server yet, and whether it was ever connected. Local changes
 * are every update whose origin is not the provider (y-websocket applies remote updates
 * with itself as origin). Changes made while the browser is offline count too, even if
 * the socket has not noticed yet. Cleared when the document is synced again.
 */
export function useUnsentEdits(collab: CollabDoc, isBrowserOnline: Readonly<Ref<boolean>> = ref(true)): {
  hasUnsentEdits: Readonly<Ref<boolean>>
  wasConnected: Readonly<Ref<boolean>>
} {
  const hasUnsentEdits = ref(false)
  const wasConnected = ref(false)

  watch(
    collab.doc,
    (doc, _previous, onCleanup) => {
      const handleUpdate = (_update: Uint8Array, origin: unknown): void => {
        if (origin === collab.provider.value) return
        if (!isBrowserOnline.value || collab.status.value !== 'connected' || !collab.synced.value) hasUnsentEdits.value = true
      }
      doc.on('update', handleUpdate)
      onCleanup(() => doc.off('update', handleUpdate))
    },
    { immediate: true },
  )
  watch(collab.status, (status) => {
    if (status === 'connected') wasConnected.value = true
  }, { immediate: true })
  // y-websocket sends what the server lacks during the sync handshake.
  watch(collab.synced, (isSynced) => {
    if (isSynced) hasUnsentEdits.value = false
  })
  return { hasUnsentEdits: readonly(hasUnsentEdits), wasConnected: readonly(wasConnected) }
}
