import { computed, type ComputedRef } from 'vue'
import type { PlanActor } from '../../shared/plan'
import { useSessionStore } from '../stores/session'

/** The transaction origin of this client's own plan changes (see `usePlanUndo`). */
export interface LocalEditOrigin {
  readonly kind: 'samenspel-local-edit'
}

/**
 * The signed-in user as the plan accessors' actor, with a per-client origin object that
 * every change carries, so this client's undo manager recognises its own changes.
 */
export function usePlanActor(): { actor: ComputedRef<PlanActor>; origin: LocalEditOrigin } {
  const session = useSessionStore()
  // A fresh object per page: identity, not content, is what the undo manager compares.
  const origin: LocalEditOrigin = Object.freeze({ kind: 'samenspel-local-edit' })
  const actor = computed<PlanActor>(() => ({
    name: session.me?.name ?? '',
    organisation: session.me?.organisation.name ?? '',
    origin,
  }))
  return { actor, origin }
}
