import { computed, watch, type ComputedRef } from 'vue'
import type { MemberRole } from '../../shared/api/schemas'
import type { PlanActor } from '../../shared/plan'
import { caseDocName } from '../../shared/protocol/docName'
import { deleteLocalCopy } from '../collab/localCopy'
import { combineConnections, type ConnectionState } from '../plan/connectionState'
import { planAbilities, type PlanAbilities, type ServerAbilities } from '../plan/planAbilities'
import { useSessionStore } from '../stores/session'
import { useBrowserOnline } from './useBrowserOnline'
import { useCollabDoc, type CollabDoc } from './useCollabDoc'
import { useLeaveGuard } from './useLeaveGuard'
import { usePlanActor, type LocalEditOrigin } from './usePlanActor'
import { useUnsentEdits } from './useUnsentEdits'

/** What the plan page needs to know about the case (a read-only view of `CaseDetailDto`). */
export interface PlanCase {
  id: string
  role: MemberRole
  /** What the server lets this user do in the case: the only source of ring rules here. */
  abilities: ServerAbilities
  startDate: string
  members: readonly { readonly organisation: { readonly name: string } }[]
}

/** What {@link usePlanWorkspace} returns. */
export interface PlanWorkspace {
  plan: CollabDoc
  /** The inner document, or null for the outer ring: then it is never opened. */
  inner: CollabDoc | null
  actor: ComputedRef<PlanActor>
  /** The transaction origin of this page's own changes: what its undo tracks. */
  origin: LocalEditOrigin
  connection: ComputedRef<ConnectionState>
  /** What the page offers this user (planAbilities.ts; the server decides). */
  abilities: ComputedRef<PlanAbilities>
  /**
   * Changes whenever a document was opened afresh (after a refused update). Whatever
   * holds on to a document's `doc.value` is keyed by it, so it is built again.
   */
  generation: ComputedRef<string>
}

/**
 * Opens the documents of one case's plan page: `case/<id>/plan` always, and
 * `case/<id>/inner` only when the server's abilities say the user reads it (an outer-ring
 * page never opens its socket).
 * Tracks their combined connection and what the user may change. What works on the
 * current copy of a document (readiness, undo) is `usePlanDocs`, keyed by `generation`.
 * The case and its abilities are fixed for the calling component's lifetime (the view
 * builds it again when they change).
 */
export function usePlanWorkspace(detail: PlanCase): PlanWorkspace {
  const session = useSessionStore()
  const user = { id: session.me?.id ?? '', name: session.me?.name ?? '', organisation: session.me?.organisation.name ?? '' }
  const { actor, origin } = usePlanActor()

  const plan = useCollabDoc(caseDocName(detail.id, 'plan'), user)
  const inner = detail.abilities.canReadInner ? useCollabDoc(caseDocName(detail.id, 'inner'), user) : null
  // Moved to the outer ring: no copy of the inner part stays in this browser.
  if (!inner) void deleteLocalCopy(user.id, caseDocName(detail.id, 'inner'))

  const isBrowserOnline = useBrowserOnline()
  const collabs = [plan, ...(inner ? [inner] : [])]
  const edits = collabs.map((collab) => ({ collab, ...useUnsentEdits(collab, isBrowserOnline) }))
  const connection = computed(() =>
    combineConnections(edits.map((e) => ({
      status: e.collab.status.value,
      wasConnected: e.wasConnected.value,
      hasUnsentEdits: e.hasUnsentEdits.value,
    })), isBrowserOnline.value),
  )
  // A socket notices a dropped network only at its next timeout: close it when the
  // browser says offline, and reconnect at once (no backoff) when it is back, so edits
  // made meanwhile go out in a fresh sync handshake.
  watch(isBrowserOnline, (isOnline) => {
    for (const collab of collabs) {
      if (collab.status.value === 'denied') continue
      if (isOnline) collab.provider.value.connect()
      else collab.provider.value.disconnect()
    }
  })
  useLeaveGuard(computed(() => edits.some((e) => e.hasUnsentEdits.value)))
  const abilities = computed(() => planAbilities(detail.abilities, session.me?.organisation.name ?? ''))
  const generation = computed(() => `${plan.generation.value}/${inner?.generation.value ?? 0}`)
  return { plan, inner, actor, origin, connection, abilities, generation }
}
