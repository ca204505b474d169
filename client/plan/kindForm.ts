/**
 * A plan form and its values derived from an item kind's declaration (shared/plan/kinds):
 * which fields a form shows, in what order, with which input, and how an input becomes a
 * field again. Pure (no Vue): the caller hands in the labels. A field added to a kind's
 * `views.form` appears in every form built here without touching this file.
 *
 * Field type → input: `longText` a textarea, `date` a date input, `enum` a select of the
 * declared values, `link` a select of what it points at (a `goal` link: goals and results,
 * setting `goalId` and `resultKey`; any other: that kind's items, or none),
 * `nameList` a comma-separated text, `number` a number input, anything else a text input.
 */
import { RESULT_KEYS, type ResultKey } from '../../shared/plan'
import type { FieldDecl, ItemKind, LinkTarget } from '../../shared/plan/kinds/kindTypes'
import { decodeActionLink, encodeActionLink } from './actionLink'
import { fieldOf } from './kindValues'
import { asText, emptyToNull, parseWholeNumber, splitList, type FormField, type FormFieldKind, type FormOption, type FormValues } from './formFields'

/** What a kind's form needs from the app: labels, and the options of a link select. */
export interface KindFormLabels {
  field: (kind: ItemKind, name: string) => string
  value: (kind: ItemKind, name: string, value: string) => string
  /** Options of a `link` select of what it points at, with its empty choice first. */
  linkOptions: (target: LinkTarget) => FormOption[]
  /** The hint under a comma-separated list input. */
  listHint?: () => string
}

/** Options of one kind's form. */
export interface KindFormOptions {
  /** Prefix of the inputs' test ids (an add form's stable hooks); none when omitted. */
  testIdPrefix?: string
  /** Id of a datalist that `name` fields suggest from (the case's organisations). */
  nameListId?: string
}

/**
 * Test ids the e2e suites used before the declarations, kept so they need no rewrite:
 * field name → the suffix they know. Any other field's test id is its name.
 */
const TEST_ID_SUFFIXES: Readonly<Record<string, string>> = { ownerOrganisation: 'owner', goalId: 'link' }

const INPUT_KINDS: Partial<Record<FieldDecl['type'], FormFieldKind>> = {
  longText: 'textarea', date: 'date', enum: 'select', link: 'select', number: 'number',
}

/** Whether a field is the action's goal-or-result link (one input, two stored fields). */
function isGoalLink(decl: FieldDecl | undefined): boolean {
  return decl?.link === 'goal' || decl?.link === 'result'
}

/** Whether a declared field may be left empty (its stored value may be null or blank). */
function isNullable(decl: FieldDecl): boolean {
  return decl.fallback === null
}

/**
 * The fields of a kind's form, in the declaration's `views.form` order (or `names`).
 * @param kind the declaration; @param labels the app's labels; @param names the fields to show.
 */
export function kindFormFields(kind: ItemKind, labels: KindFormLabels, options: KindFormOptions = {}, names: readonly string[] = kind.views.form): FormField[] {
  return names.flatMap((name): FormField[] => {
    const decl = kind.fields[name]
    if (decl === undefined) return []
    const field: FormField = { name, label: labels.field(kind, name), kind: INPUT_KINDS[decl.type] ?? 'text' }
    // The goal link must name a goal or a result (the schema says so); other links may stay empty.
    if (decl.required === true || decl.link === 'goal') field.isRequired = true
    if (options.testIdPrefix !== undefined) field.testId = `${options.testIdPrefix}-${TEST_ID_SUFFIXES[name] ?? name}`
    if (decl.type === 'name' && options.nameListId !== undefined) field.list = options.nameListId
    if (decl.type === 'nameList' && labels.listHint) field.hint = labels.listHint()
    if (decl.type === 'enum') field.options = (decl.values ?? []).map((value) => ({ value, label: labels.value(kind, name, value) }))
    if (decl.type === 'link') field.options = labels.linkOptions(decl.link ?? 'goal')
    // The goal link is two stored fields; the schema reports on either.
    if (decl.link === 'goal') field.problemPaths = Object.keys(kind.fields).filter((other) => isGoalLink(kind.fields[other]))
    return [field]
  })
}

/** Reads one input into the item fields it sets (a link sets both of its fields). */
function readInput(decl: FieldDecl, name: string, value: string | number | undefined): Record<string, unknown> {
  switch (decl.type) {
    case 'link':
      if (decl.link === 'goal') return decodeActionLink(asText(value))
      return { [name]: isNullable(decl) ? emptyToNull(value) : asText(value) }
    case 'nameList':
      return { [name]: splitList(value) }
    case 'number':
      return { [name]: parseWholeNumber(value) }
    case 'enum':
      // Nothing chosen: the declared fallback (the schema's default).
      return { [name]: asText(value) || decl.fallback }
    default:
      return { [name]: isNullable(decl) ? emptyToNull(value) : asText(value) }
  }
}

/**
 * A reader per field of a kind's form: form field name → the item fields that input sets.
 * @param names the form's fields; the declaration's form view when omitted.
 */
export function kindReaders(kind: ItemKind, names: readonly string[] = kind.views.form): Record<string, (value: string | number | undefined) => Record<string, unknown>> {
  const out: Record<string, (value: string | number | undefined) => Record<string, unknown>> = {}
  for (const name of names) {
    const decl = kind.fields[name]
    if (decl !== undefined) out[name] = (value) => readInput(decl, name, value)
  }
  return out
}

/**
 * Reads a kind's form values into item fields. The schema judges the result: the
 * readers never throw.
 * @param names the inputs to read (an edit form's changed fields); the form's when omitted.
 */
export function readKindForm(kind: ItemKind, values: FormValues, names: readonly string[] = kind.views.form): Record<string, unknown> {
  const readers = kindReaders(kind)
  const out: Record<string, unknown> = {}
  for (const name of names) {
    const read = readers[name]
    if (read !== undefined) Object.assign(out, read(values[name]))
  }
  return out
}

/** The goal or result an item links to (a `link` field's two stored values). */
function linkOf(item: object): { goalId: string | null; resultKey: ResultKey | null } {
  const goalId = fieldOf(item, 'goalId')
  const resultKey = RESULT_KEYS.find((key) => key === fieldOf(item, 'resultKey'))
  return { goalId: typeof goalId === 'string' ? goalId : null, resultKey: resultKey ?? null }
}

/** One stored value as its input holds it. */
function inputValue(decl: FieldDecl, item: object, name: string): string {
  const value = fieldOf(item, name)
  if (decl.link === 'goal') return encodeActionLink(linkOf(item))
  if (Array.isArray(value)) return value.join(', ')
  return value === null || value === undefined ? '' : String(value)
}

/**
 * An item's values as its edit form holds them (the form's `remote`).
 * @param names the form's fields; the declaration's form view when omitted.
 */
export function kindFormValues(kind: ItemKind, item: object, names: readonly string[] = kind.views.form): FormValues {
  const out: FormValues = {}
  for (const name of names) {
    const decl = kind.fields[name]
    if (decl !== undefined) out[name] = inputValue(decl, item, name)
  }
  return out
}

/** An add form's starting values: each enum at its declared fallback. */
export function kindInitialValues(kind: ItemKind, names: readonly string[] = kind.views.form): FormValues {
  const out: FormValues = {}
  for (const name of names) {
    const decl = kind.fields[name]
    if (decl?.type === 'enum') out[name] = String(decl.fallback)
  }
  return out
}
