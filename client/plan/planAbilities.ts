import type { MemberRole, Ring } from '../../shared/api/schemas'

/**
 * What the plan page offers the signed-in user, from their ring and role in the case
 * (DOMAIN.md §5). The server is the authority: its write guard
 * (server/access/writePolicy.ts) judges every update and closes the connection on a
 * refusal. This only hides controls whose changes it would refuse, so the components
 * ask here instead of each deciding about rings.
 * Decisions and safety scores are append-only for everyone (a correction is a new
 * entry), so no component offers to edit or remove them, whatever these say.
 */
export interface PlanAbilities {
  /**
   * Everything but actions: the rich texts, results and goals, agreements, new
   * decisions, regie and escalations, the phase, and the inner part.
   */
  canEditPlan: boolean
  /** Whether the user may add actions. */
  canAddAction: boolean
  /**
   * Which existing actions may be changed: all of them, only the progress (status, done
   * note, blocked reason) of the user's own organisation's actions, or none.
   */
  actionScope: 'all' | 'own-progress' | 'none'
  /** The user's organisation: the owner of actions the buitenring adds. */
  organisation: string
}

/** What may be changed of one action: everything, only its progress, or nothing. */
export type ActionAccess = 'full' | 'progress' | 'none'

/** The action fields the buitenring may change on its own organisation's actions. */
export const PROGRESS_FIELDS: readonly string[] = ['status', 'blockedReason', 'doneNote']

/**
 * The abilities of a case member on the plan page.
 * @param member the user's ring and role in the case (from the case detail).
 * @param organisation the name of the user's organisation (from the session).
 */
export function planAbilities(member: { ring: Ring; role: MemberRole }, organisation: string): PlanAbilities {
  if (member.role === 'reader') return { canEditPlan: false, canAddAction: false, actionScope: 'none', organisation }
  if (member.ring === 'outer') return { canEditPlan: false, canAddAction: true, actionScope: 'own-progress', organisation }
  return { canEditPlan: true, canAddAction: true, actionScope: 'all', organisation }
}

/** Whether the user may change anything at all (then undo and redo are offered). */
export function canWriteAny(abilities: PlanAbilities): boolean {
  return abilities.canEditPlan || abilities.canAddAction || abilities.actionScope !== 'none'
}

/** The owner organisation a new action must have, or null when the user chooses it. */
export function fixedActionOwner(abilities: PlanAbilities): string | null {
  return abilities.actionScope === 'all' ? null : abilities.organisation
}

/** What the user may change of one action. */
export function actionAccess(abilities: PlanAbilities, action: { ownerOrganisation: string }): ActionAccess {
  switch (abilities.actionScope) {
    case 'all':
      return 'full'
    case 'own-progress':
      return action.ownerOrganisation === abilities.organisation ? 'progress' : 'none'
    case 'none':
      return 'none'
  }
}
