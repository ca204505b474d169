import type { CaseAbilitiesDto } from '../../shared/api/schemas'
import {
  canAddItem, canRemoveItem, canWriteWholeRoot, changeableFields, changeScope, requiredOnAdd,
  type ItemValues, type WriteAbilities,
} from '../../shared/plan/abilities'
import { PLAN_ROOTS, PLAN_SECTIONS, type SectionName } from '../../shared/plan/layout'
import { ACTION_PROGRESS_FIELDS } from '../../shared/plan/writeEntries'

/**
 * What the plan page offers the signed-in user, read from the abilities the server sent
 * with the case (`GET /api/cases/:id`, `abilities.writes`: the write rules that apply to
 * the user, decided in server/access/policy.ts). The client works no ring rule out
 * itself: it asks the shared predicates of shared/plan/abilities.ts over that data, the
 * same predicates the server's write guard asks, which stays the authority (it refuses,
 * 4409, whatever these would wrongly offer).
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
  /** The server's write abilities: ask `itemAccess` (or the shared predicates) per item. */
  writes: WriteAbilities
}

/** What may be changed of one action: everything, only its progress, or nothing. */
export type ActionAccess = 'full' | 'progress' | 'none'

/** What the user may do with one item: which fields change, and whether it may be removed. */
export interface ItemAccess {
  /** 'all' fields, a list (the form shows only these), or [] (read-only). */
  fields: 'all' | readonly string[]
  canRemove: boolean
}

/** The action fields the buitenring may change on its own organisation's actions (the rules' data). */
export const PROGRESS_FIELDS: readonly string[] = ACTION_PROGRESS_FIELDS

/** The server's abilities as the page holds them: read-only, lists included. */
export type ServerAbilities = {
  readonly [K in keyof CaseAbilitiesDto]: CaseAbilitiesDto[K] extends string[] ? readonly string[] : CaseAbilitiesDto[K]
}

/**
 * Roots of the plan document the page's controls outside the actions write. The page
 * offers those controls only when the server lets the user write every one of them:
 * a half-allowed form would end in a refusal.
 */
export const PLAN_EDIT_ROOTS: readonly string[] = [
  'goals', 'agreements', 'decisions', 'escalations',
  PLAN_ROOTS.results, PLAN_ROOTS.regie, PLAN_ROOTS.phase, PLAN_ROOTS.phaseHistory, PLAN_ROOTS.summary,
]

const isPlanSection = (root: string) => (PLAN_SECTIONS as readonly string[]).includes(root)

/**
 * The abilities of a case member on the plan page.
 * @param server the abilities the server sent with the case detail.
 * @param organisation the name of the user's organisation (from the session; the
 *   server's `writes.organisation` is the same and is what the rules are asked with).
 */
export function planAbilities(server: ServerAbilities, organisation: string): PlanAbilities {
  const writes = server.writes
  const scope = changeScope(writes, 'actions')
  return {
    canEditPlan: PLAN_EDIT_ROOTS.every((root) => canWriteWholeRoot(writes, 'plan', root, isPlanSection(root))),
    canEditInner: server.canReadInner && Object.keys(writes.inner).length > 0,
    canAddAction: canAddItem(writes, 'actions'),
    actionScope: scope === 'all' ? 'all' : scope === 'some' ? 'own-progress' : 'none',
    organisation: writes.organisation || organisation,
    writes,
  }
}

/** What the user may change of one item of `section`, and whether they may remove it. */
export function itemAccess(abilities: PlanAbilities, section: SectionName, item: ItemValues): ItemAccess {
  return { fields: changeableFields(abilities.writes, section, item), canRemove: canRemoveItem(abilities.writes, section, item) }
}

/**
 * Field values a new item of `section` must hold for the user to add it
 * (`{ ownerOrganisation }` for the buitenring's actions), {} for none, null when the
 * user adds no items there.
 */
export function requiredOnNewItem(abilities: PlanAbilities, section: SectionName): Readonly<Record<string, string>> | null {
  return requiredOnAdd(abilities.writes, section)
}

/** Whether the user may change anything at all (then undo and redo are offered). */
export function canWriteAny(abilities: PlanAbilities): boolean {
  return Object.keys(abilities.writes.plan).length > 0 || abilities.canEditInner
}

/** The owner organisation a new action must have, or null when the user chooses it. */
export function fixedActionOwner(abilities: PlanAbilities): string | null {
  return requiredOnNewItem(abilities, 'actions')?.ownerOrganisation ?? null
}

/** What the user may change of one action (itemAccess for the actions section). */
export function actionAccess(abilities: PlanAbilities, action: { ownerOrganisation: string }): ActionAccess {
  // A page that narrowed the scope by hand (older callers of a meeting lock) is followed.
  if (abilities.actionScope === 'none') return 'none'
  const fields = itemAccess(abilities, 'actions', action).fields
  if (fields === 'all') return 'full'
  return fields.length > 0 ? 'progress' : 'none'
}
