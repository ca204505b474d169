/**
 * Field-level merge of an edit form with the live item (pure: no Vue, no Yjs).
 *
 * Three sets of values take part, each keyed by form field name:
 * - `baseline`: what the form last took from the item (the values it opened with, and
 *   every later remote value the form adopted or the user answered);
 * - `remote`: the item's values now;
 * - `local`: what the inputs hold now.
 *
 * A field the user changed is `local !== baseline`. Only those are written, so a stale
 * baseline never overwrites a field the user did not touch. A field changed locally and
 * remotely to different values is a conflict the user must decide.
 */
import { asText, type FormValues } from './formFields'

/** What a form may write now, and what it must ask about first. */
export interface FieldMerge {
  /** The fields the user changed and that differ from the item now, with the user's values. */
  patch: FormValues
  /** Fields changed both here and remotely, to different values (in `fields` order). */
  conflicts: string[]
}

/** A form's values after taking in a remote change. */
export interface FieldRebase {
  baseline: FormValues
  local: FormValues
}

// Inputs hand over numbers for <input type="number">; compare as text.
function valueOf(values: Readonly<Record<string, string | number | undefined>>, field: string): string {
  return asText(values[field])
}

/**
 * The patch to write and the conflicting fields.
 * @param fields the form's field names; @param baseline what the form took from the item;
 * @param remote the item's values now; @param local the inputs' values now.
 */
export function mergeFields(fields: readonly string[], baseline: FormValues, remote: FormValues, local: FormValues): FieldMerge {
  const patch: FormValues = {}
  const conflicts: string[] = []
  for (const field of fields) {
    const base = valueOf(baseline, field)
    const theirs = valueOf(remote, field)
    const mine = valueOf(local, field)
    if (mine === base || mine === theirs) continue
    if (theirs !== base) conflicts.push(field)
    else patch[field] = mine
  }
  return { patch, conflicts }
}

/**
 * Takes a remote change into the form: a field the user did not touch follows the item
 * (the form shows the colleague's value at once); a field the user already set to the
 * same value is settled; a field the user changed otherwise keeps both (a conflict).
 * @returns new baseline and local values (the inputs are not changed in place).
 */
export function rebaseFields(fields: readonly string[], baseline: FormValues, remote: FormValues, local: FormValues): FieldRebase {
  const next: FieldRebase = { baseline: { ...baseline }, local: { ...local } }
  for (const field of fields) {
    const base = valueOf(baseline, field)
    const theirs = valueOf(remote, field)
    const mine = valueOf(local, field)
    if (theirs === base) continue
    if (mine === base) {
      next.local[field] = theirs
      next.baseline[field] = theirs
    } else if (mine === theirs) {
      next.baseline[field] = theirs
    }
  }
  return next
}

/**
 * Settles a conflict. `theirs`: the input takes the remote value and nothing is written
 * for it; `mine`: the remote value becomes the baseline, so the user's value is written.
 */
export function resolveConflict(field: string, choice: 'theirs' | 'mine', baseline: FormValues, remote: FormValues, local: FormValues): FieldRebase {
  const theirs = valueOf(remote, field)
  const next: FieldRebase = { baseline: { ...baseline, [field]: theirs }, local: { ...local } }
  if (choice === 'theirs') next.local[field] = theirs
  return next
}
