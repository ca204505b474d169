/**
 * Which of an item kind's form fields a meeting command carries: the command's schema
 * (shared/meetings/schemas.ts) is the authority on what the server takes, the kind's
 * declaration on what a form shows and in what order. A field added to both appears in
 * the meeting's form without touching it.
 */
import { commandSchema, type MeetingCommandType } from '../../shared/meetings/schemas'
import type { ItemKind } from '../../shared/plan/kinds/kindTypes'

/** The field names a command's schema accepts. */
export function commandKeys(type: MeetingCommandType): readonly string[] {
  const option = commandSchema.options.find((o) => (o.shape.type as { value: unknown }).value === type)
  return option ? Object.keys(option.shape) : []
}

/**
 * The kind's form fields (declaration order) that the command carries.
 * @param kind the declaration; @param type the command that creates the item.
 */
export function commandFormFields(kind: ItemKind, type: MeetingCommandType): string[] {
  const keys = new Set(commandKeys(type))
  return kind.views.form.filter((name) => keys.has(name))
}
