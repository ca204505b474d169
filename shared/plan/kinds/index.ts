/** Every item kind the plan holds, declared once (issue 19). */
import { actionKind } from './action'
import { INNER_DOC_KINDS } from './innerKinds'
import type { ItemKind } from './kindTypes'
import { PLAN_DOC_KINDS } from './planKinds'

export * from './kindTypes'
export { actionKind, ACTION_MEETING_FIELDS, type ActionMeetingField } from './action'
export * from './planKinds'
export * from './innerKinds'

/** Every kind of both documents. */
export const ALL_KINDS: readonly ItemKind[] = [actionKind, ...PLAN_DOC_KINDS, ...INNER_DOC_KINDS]

/** The kind whose items a section holds. */
export function kindOfSection(section: string): ItemKind | undefined {
  return ALL_KINDS.find((k) => k.section === section)
}
