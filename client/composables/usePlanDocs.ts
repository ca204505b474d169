import type { ComputedRef } from 'vue'
import type * as Y from 'yjs'
import { undoableRoots } from '../../shared/plan/writeRules'
import type { CasePart } from '../../shared/protocol/docName'
import type { CollabDoc } from './useCollabDoc'
import { usePlanDocState, type PlanDocState } from './usePlanDocState'
import { usePlanUndo, type PlanUndo, type UndoTarget } from './usePlanUndo'
import type { PlanWorkspace } from './usePlanWorkspace'
import { useUndoShortcuts } from './useUndoShortcuts'

/** The current copy of one opened plan document, with its readiness. */
export interface WorkspaceDoc {
  collab: CollabDoc
  /** The Y.Doc of the current session; replaced (with a new generation) after a refusal. */
  doc: Y.Doc
  state: ComputedRef<PlanDocState>
}

/** What {@link usePlanDocs} returns. */
export interface PlanDocs {
  plan: WorkspaceDoc
  inner: WorkspaceDoc | null
  undo: PlanUndo
}

/** The roots the local user's undo tracks: those an undo can revert within the server's rules. */
function undoScope(doc: Y.Doc, part: CasePart): Y.Map<unknown>[] {
  return undoableRoots(part).map((name) => doc.getMap<unknown>(name))
}

function openDoc(collab: CollabDoc, part: CasePart): WorkspaceDoc {
  const doc = collab.doc.value
  return { collab, doc, state: usePlanDocState(doc, part, collab.synced) }
}

/**
 * What works on the current copies of a plan page's documents: their readiness, and
 * per-user undo over both with its keyboard shortcuts. Reads each `doc.value` once, so
 * call it in a component keyed by the workspace's `generation`: a fresh copy (after a
 * refused update) then gets fresh state and an empty undo history, and nothing keeps
 * writing to the dropped copy.
 */
export function usePlanDocs(workspace: PlanWorkspace): PlanDocs {
  const plan = openDoc(workspace.plan, 'plan')
  const inner = workspace.inner ? openDoc(workspace.inner, 'inner') : null
  const targets: UndoTarget[] = [{ key: 'plan', doc: plan.doc, scope: undoScope(plan.doc, 'plan') }]
  if (inner) targets.push({ key: 'inner', doc: inner.doc, scope: undoScope(inner.doc, 'inner') })
  const undo = usePlanUndo(targets, workspace.origin)
  useUndoShortcuts(undo.undo, undo.redo)
  return { plan, inner, undo }
}
