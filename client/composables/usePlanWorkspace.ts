import { computed, type ComputedRef } from 'vue'
import type * as Y from 'yjs'
import type { MemberRole, Ring } from '../../shared/api/schemas'
import type { PlanActor } from '../../shared/plan'
import { undoableRoots } from '../../shared/plan/writeRules'
import { caseDocName } from '../../shared/protocol/docName'
import { combineConnections, type ConnectionState } from '../plan/connectionState'
import { useSessionStore } from '../stores/session'
import { useCollabDoc, type CollabDoc } from './useCollabDoc'
import { usePlanActor } from './usePlanActor'
import { usePlanDocState, type PlanDocState } from './usePlanDocState'
import { usePlanUndo, type PlanUndo, type UndoTarget } from './usePlanUndo'
import { useUndoShortcuts } from './useUndoShortcuts'
import { useUnsentEdits } from './useUnsentEdits'

/** What the plan page needs to know about the case (a read-only view of `CaseDetailDto`). */
export interface PlanCase {
  id: string
  ring: Ring
  role: MemberRole
  startDate: string
  members: readonly { readonly organisation: { readonly name: string } }[]
}

/** One opened plan document with its readiness. */
export interface WorkspaceDoc {
  collab: CollabDoc
  state: ComputedRef<PlanDocState>
}

/** What {@link usePlanWorkspace} returns. */
export interface PlanWorkspace {
  plan: WorkspaceDoc
  /** The inner document, or null for the outer ring: then it is never opened. */
  inner: WorkspaceDoc | null
  actor: ComputedRef<PlanActor>
  undo: PlanUndo
  connection: ComputedRef<ConnectionState>
  isReadOnly: ComputedRef<boolean>
}

/** The roots the local user's undo tracks: those an undo can revert within the server's rules. */
function undoScope(doc: Y.Doc, part: 'plan' | 'inner'): Y.Map<unknown>[] {
  return undoableRoots(part).map((name) => doc.getMap<unknown>(name))
}

/**
 * Opens the documents of one case's plan page: `case/<id>/plan` always, and
 * `case/<id>/inner` only for the inner ring (an outer-ring page never opens its socket).
 * Sets up per-user undo over both, the keyboard shortcuts and the combined connection.
 * The case (and so the ring) is fixed for the calling component's lifetime.
 */
export function usePlanWorkspace(detail: PlanCase): PlanWorkspace {
  const session = useSessionStore()
  const user = { name: session.me?.name ?? '', organisation: session.me?.organisation.name ?? '' }
  const { actor, origin } = usePlanActor()

  const planCollab = useCollabDoc(caseDocName(detail.id, 'plan'), user)
  const plan: WorkspaceDoc = { collab: planCollab, state: usePlanDocState(planCollab.doc.value, 'plan', planCollab.synced) }
  let inner: WorkspaceDoc | null = null
  if (detail.ring === 'inner') {
    const innerCollab = useCollabDoc(caseDocName(detail.id, 'inner'), user)
    inner = { collab: innerCollab, state: usePlanDocState(innerCollab.doc.value, 'inner', innerCollab.synced) }
  }

  const targets: UndoTarget[] = [{ key: 'plan', doc: plan.collab.doc.value, scope: undoScope(plan.collab.doc.value, 'plan') }]
  if (inner) targets.push({ key: 'inner', doc: inner.collab.doc.value, scope: undoScope(inner.collab.doc.value, 'inner') })
  const undo = usePlanUndo(targets, origin)
  useUndoShortcuts(undo.undo, undo.redo)

  const edits = [plan, ...(inner ? [inner] : [])].map((d) => ({ collab: d.collab, ...useUnsentEdits(d.collab) }))
  const connection = computed(() =>
    combineConnections(edits.map((e) => ({
      status: e.collab.status.value,
      wasConnected: e.wasConnected.value,
      hasUnsentEdits: e.hasUnsentEdits.value,
    }))),
  )
  const isReadOnly = computed(() => detail.role === 'reader')
  return { plan, inner, actor, undo, connection, isReadOnly }
}
