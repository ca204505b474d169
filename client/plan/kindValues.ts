/**
 * A declared field's value as text for a table cell or the version view, by the field's
 * declared type (pure: the caller hands in labels and date formats). Enum values show
 * their label, dates their local form, lists joined, a link its goal or result.
 */
import type { ItemKind } from '../../shared/plan/kinds/kindTypes'

/** What turning a value into text needs from the app. */
export interface KindValueText {
  value: (kind: ItemKind, name: string, value: string) => string
  formatDate: (date: string | null | undefined) => string
  /** The goal or result an item's link points at. */
  linkLabel: (item: object) => string
}

/** Whether a field is the action's goal-or-result link. */
function isGoalLinkField(kind: ItemKind, name: string): boolean {
  const target = kind.fields[name]?.link
  return target === 'goal' || target === 'result'
}

/** A field of an item, read by name (items are interfaces without an index signature). */
export function fieldOf(item: object, name: string): unknown {
  return (item as Readonly<Record<string, unknown>>)[name]
}

/**
 * One field of an item as text; '' when empty.
 * @param kind the declaration; @param name the field; @param item the item.
 */
export function kindValueText(kind: ItemKind, name: string, item: object, text: KindValueText): string {
  const decl = kind.fields[name]
  const value = fieldOf(item, name)
  if (decl === undefined) return ''
  // The goal link reads as its goal or result; other links are ids no reader should see.
  if (decl.type === 'link') return isGoalLinkField(kind, name) ? text.linkLabel(item) : ''
  if (value === null || value === undefined) return ''
  if (decl.type === 'enum') return text.value(kind, name, String(value))
  if (decl.type === 'date' || decl.type === 'dateTime') return text.formatDate(String(value))
  if (Array.isArray(value)) return value.map(String).join(', ')
  return typeof value === 'object' ? '' : String(value)
}

/** A view's fields that are not empty for this item, with their text. */
export function kindDetails(kind: ItemKind, names: readonly string[], item: object, text: KindValueText): { name: string; value: string }[] {
  return names.map((name) => ({ name, value: kindValueText(kind, name, item, text) }))
}
