import { computed, onScopeDispose, ref, watch, type ComputedRef, type Ref } from 'vue'
import type * as Y from 'yjs'
import { PlanDocumentError, assertReadablePlanDoc, getMetaMap, readDocMeta } from '../../shared/plan'
import type { CasePart } from '../../shared/protocol/docName'

/**
 * Whether the structured sections of a document can be shown and edited:
 * `loading` until the first sync brought a migrated document (the server migrates it;
 * the client never writes a migration), `newer-version` or `wrong-part` when this client
 * cannot handle it, else `ready`.
 */
export type PlanDocState = 'loading' | 'ready' | 'newer-version' | 'wrong-part'

function readState(doc: Y.Doc, part: CasePart, hasSynced: boolean): PlanDocState {
  try {
    assertReadablePlanDoc(doc, part)
  } catch (error) {
    if (error instanceof PlanDocumentError && error.reason !== 'not-migrated') return error.reason
    throw error
  }
  const meta = readDocMeta(doc)
  return hasSynced && meta.schemaVersion !== null && meta.part === part ? 'ready' : 'loading'
}

/**
 * Tracks {@link PlanDocState} of one document from its `meta` map and sync state.
 * @param doc the document (fixed for the scope's lifetime).
 * @param part which part it must hold.
 * @param synced the `synced` ref of `useCollabDoc`; once true, stays counted as synced.
 */
export function usePlanDocState(doc: Y.Doc, part: CasePart, synced: Readonly<Ref<boolean>>): ComputedRef<PlanDocState> {
  // Bumped on every meta change, so the computed re-reads the (non-reactive) Y.Map.
  const metaVersion = ref(0)
  const hasSynced = ref(synced.value)
  const meta = getMetaMap(doc)
  const handleMeta = (): void => {
    metaVersion.value++
  }
  meta.observe(handleMeta)
  onScopeDispose(() => meta.unobserve(handleMeta))
  // A later disconnect must not send the sections back to "loading": the data stays.
  watch(synced, (isSynced) => {
    if (isSynced) hasSynced.value = true
  })
  return computed(() => {
    void metaVersion.value
    return readState(doc, part, hasSynced.value || synced.value)
  })
}
