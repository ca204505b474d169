import { watch } from 'vue'
import { CloseCode } from '../../shared/protocol/closeCodes'
import type { CollabDoc } from './useCollabDoc'

/**
 * Calls `handleChange` when a document tells the page that what the user may do in the
 * case has (probably) changed, so the view asks the server for the case's abilities
 * again instead of guessing:
 * - a document closed with 4410 (removed from the case, or moved to the buitenring and
 *   the inner part closed while the plan stays open as buitenring);
 * - a change was refused (4409): e.g. the user was just made a reader, which the server
 *   enforces on the open socket without closing it.
 * @param docs the page's open documents.
 * @param handleChange called once per such event.
 */
export function useAccessChangeSignal(docs: readonly CollabDoc[], handleChange: () => void): void {
  for (const collab of docs) {
    watch(collab.closeCode, (code) => {
      if (code === CloseCode.AccessRevoked) handleChange()
    })
    watch(() => collab.refusal.value?.at, (at) => {
      if (at !== undefined) handleChange()
    })
  }
}
