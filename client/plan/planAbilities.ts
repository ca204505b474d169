import type { CaseAbilitiesDto } from '../../shared/api/schemas'
import { PLAN_ROOTS } from '../../shared/plan/layout'

/**
 * What the plan page offers the signed-in user, read from the abilities the server sent
 * with the case (`GET /api/cases/:id`, decided in server/access/policy.ts). The client
 * works no ring rule out itself: it only turns the server's lists of writable roots into
 * what the components ask. The server stays the authority: its write guard judges every
 * update and refuses (4409) what these would wrongly offer.
 * Decisions and safety scores are append-only for everyone (a correction is a new
 * entry), so no component offers to edit or remove them, whatever these say.
 */
export interface PlanAbilities {
  /**
   * Everything of the shared plan but actions: the summary, results and goals,
   * agreements, new decisions, regie and escalations, the phase.
   */
  canEditPlan: boolean
  /** Everything of the inner document (only ever true for the binnenring). */
  canEditInner: boolean
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

/** The server's abilities as the page holds them: read-only, lists included. */
export type ServerAbilities = {
  readonly [K in keyof CaseAbilitiesDto]: CaseAbilitiesDto[K] extends string[] ? readonly string[] : CaseAbilitiesDto[K]
}

/** The root of the plan document that holds the actions. */
const ACTIONS_ROOT = 'actions'

/**
 * Roots of the plan document the page's controls outside the actions write. The page
 * offers those controls only when the server lets the user write every one of them:
 * a half-allowed form would end in a refusal.
 */
export const PLAN_EDIT_ROOTS: readonly string[] = [
  'goals', 'agreements', 'decisions', 'escalations',
  PLAN_ROOTS.results, PLAN_ROOTS.regie, PLAN_ROOTS.phase, PLAN_ROOTS.phaseHistory, PLAN_ROOTS.summary,
]

/**
 * The abilities of a case member on the plan page.
 * @param server the abilities the server sent with the case detail.
 * @param organisation the name of the user's organisation (from the session).
 */
export function planAbilities(server: ServerAbilities, organisation: string): PlanAbilities {
  const canAddAction = server.planWritable.includes(ACTIONS_ROOT)
  const actionScope = !canAddAction ? 'none' : server.ownActionsOnly ? 'own-progress' : 'all'
  return {
    canEditPlan: PLAN_EDIT_ROOTS.every((root) => server.planWritable.includes(root)),
    canEditInner: server.canReadInner && server.innerWritable.length > 0,
    canAddAction,
    actionScope,
    organisation,
  }
}

/** Whether the user may change anything at all (then undo and redo are offered). */
export function canWriteAny(abilities: PlanAbilities): boolean {
  return abilities.canEditPlan || abilities.canEditInner || abilities.canAddAction || abilities.actionScope !== 'none'
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
