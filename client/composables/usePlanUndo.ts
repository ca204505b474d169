import { onScopeDispose, readonly, ref, type Ref } from 'vue'
import * as Y from 'yjs'

/** One document whose structured sections the local user can undo. */
export interface UndoTarget {
  /** Stable key of the document (e.g. `plan`, `inner`). */
  key: string
  doc: Y.Doc
  /** The root types the user edits through forms (not the rich-text fragments). */
  scope: readonly (Y.Map<unknown> | Y.Array<unknown>)[]
}

/** What {@link usePlanUndo} returns. */
export interface PlanUndo {
  canUndo: Readonly<Ref<boolean>>
  canRedo: Readonly<Ref<boolean>>
  /** Reverts the local user's last change, in whichever document it was. */
  undo: () => void
  /** Re-applies the last undone change. */
  redo: () => void
}

interface StackEvent {
  origin: unknown
  type: 'undo' | 'redo'
}

/**
 * Per-user undo and redo over one or more documents. Each document gets one
 * `Y.UndoManager` that tracks only `origin`: the object this client passes as
 * `actor.origin` to every accessor call. A colleague's change arrives with the provider
 * as origin and is never undone here. One list of document keys keeps the order across
 * documents, so "undo" always reverts the user's most recent change.
 * The rich-text editors keep their own undo (Tiptap's Collaboration) for their fragments.
 * @param targets the documents and the roots to track.
 * @param origin the per-client transaction origin.
 */
export function usePlanUndo(targets: readonly UndoTarget[], origin: object): PlanUndo {
  const managers = new Map<string, Y.UndoManager>()
  const undoOrder: string[] = []
  const redoOrder: string[] = []
  const canUndo = ref(false)
  const canRedo = ref(false)

  function refresh(): void {
    canUndo.value = [...managers.values()].some((m) => m.canUndo())
    canRedo.value = [...managers.values()].some((m) => m.canRedo())
  }

  function handleAdded(key: string, manager: Y.UndoManager, event: StackEvent): void {
    if (event.type === 'redo') {
      redoOrder.push(key)
    } else {
      undoOrder.push(key)
      // A fresh edit (not a redo) ends every redo, in every document.
      if (event.origin !== manager) clearRedo(key)
    }
    refresh()
  }

  function clearRedo(exceptKey: string): void {
    redoOrder.length = 0
    for (const [key, manager] of managers) if (key !== exceptKey) manager.clear(false, true)
  }

  for (const target of targets) {
    const manager = new Y.UndoManager([...target.scope], {
      trackedOrigins: new Set([origin]),
      // Every form submit is its own step, however fast the next one follows.
      captureTimeout: 0,
    })
    manager.on('stack-item-added', (event: StackEvent) => handleAdded(target.key, manager, event))
    manager.on('stack-item-popped', refresh)
    manager.on('stack-cleared', refresh)
    managers.set(target.key, manager)
  }

  function step(order: string[], apply: (manager: Y.UndoManager) => boolean): void {
    while (order.length > 0) {
      const manager = managers.get(order.pop()!)
      if (manager && apply(manager)) break
    }
    refresh()
  }

  function undo(): void {
    step(undoOrder, (m) => m.canUndo() && m.undo() !== null)
  }

  function redo(): void {
    step(redoOrder, (m) => m.canRedo() && m.redo() !== null)
  }

  onScopeDispose(() => {
    for (const manager of managers.values()) manager.destroy()
  })
  return { canUndo: readonly(canUndo), canRedo: readonly(canRedo), undo, redo }
}
