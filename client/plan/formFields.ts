/** Kinds of input the generic plan form renders. */
export type FormFieldKind = 'text' | 'textarea' | 'date' | 'select' | 'number'

/** One choice of a select; options with the same `group` share an optgroup. */
export interface FormOption {
  value: string
  label: string
  group?: string
}

/** One field of a plan form. `name` matches the schema field, so problems land next to it. */
export interface FormField {
  name: string
  label: string
  kind: FormFieldKind
  options?: readonly FormOption[]
  isRequired?: boolean
  hint?: string
  testId?: string
  min?: number
  max?: number
  /** Id of a datalist with suggestions (text fields). */
  list?: string
  /** Shown but not editable (a value the user may not choose, e.g. a fixed owner). */
  isReadOnly?: boolean
  /** Schema paths whose problems belong next to this field (e.g. `goalId` for a link select). */
  problemPaths?: readonly string[]
}

/**
 * A form's values as the inputs hold them: text, except that Vue's v-model gives a
 * number for `<input type="number">` (and an empty string when cleared). Every reader
 * below takes either.
 */
export type FormValues = Record<string, string>

/** A form value as text, whatever the input handed over. */
export function asText(value: string | number | null | undefined): string {
  return value === null || value === undefined ? '' : String(value)
}

/** A comma-separated list as trimmed, non-empty entries. */
export function splitList(value: string | number | undefined): string[] {
  return asText(value).split(',').map((entry) => entry.trim()).filter((entry) => entry !== '')
}

/** An optional text field: empty or blank becomes null. */
export function emptyToNull(value: string | number | undefined): string | null {
  const trimmed = asText(value).trim()
  return trimmed === '' ? null : trimmed
}

/** A whole number from a text input, or NaN-free null when empty (the schema then says what is wrong). */
export function parseWholeNumber(value: string | number | undefined): number | null {
  const trimmed = asText(value).trim()
  if (trimmed === '') return null
  const n = Number(trimmed)
  return Number.isFinite(n) ? n : null
}
