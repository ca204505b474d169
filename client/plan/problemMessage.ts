import { PlanDocumentError, PlanValidationError, type PlanProblem } from '../../shared/plan'
import { UNSAFE_TEXT_MESSAGE } from '../../shared/text'

/**
 * i18n keys (under `plan.problem`) for the English problem messages of the plan schema.
 * The schema's messages are stable strings (they name fields, never content), so the
 * client can show each one in the user's language.
 */
const MESSAGE_KEYS: Readonly<Record<string, string>> = {
  'is required': 'required',
  'is too long': 'tooLong',
  [UNSAFE_TEXT_MESSAGE]: 'unsafeText',
  'must be text': 'required',
  'must be a date as YYYY-MM-DD': 'date',
  'must be a uuid': 'choose',
  'names at least one bound party': 'boundParty',
  'names at least one who worries': 'whoWorries',
  'is before the start date': 'beforeStart',
  'link the action to exactly one goal or result': 'link',
  'is required while the action is blocked': 'blockedReason',
  'refers to no live goal': 'staleRef',
  'refers to no live action': 'staleRef',
  'refers to no live decision': 'staleRef',
  'refers to no live person': 'staleRef',
  'must be a first name only (letters, no digits)': 'firstName',
  'must be a whole number': 'wholeNumber',
  'is negative': 'ageRange',
  'is too high': 'ageRange',
  'must be 0 to 10': 'scoreRange',
  'already has a trauma screening record: update that one': 'traumaExists',
  'is before the offer': 'dateOrder',
  'is before the screening': 'dateOrder',
  'must be a live decision of type phase': 'phaseDecision',
  'has too many entries': 'tooMany',
  'the item is removed': 'removed',
}

/** The i18n key of one schema problem; an unknown message falls back to `plan.problem.invalid`. */
export function problemMessageKey(problem: PlanProblem): string {
  if (problem.path === 'actor' || problem.path.startsWith('actor.')) return 'plan.problem.actor'
  const known = MESSAGE_KEYS[problem.message]
  if (known !== undefined) return `plan.problem.${known}`
  if (problem.message.startsWith('Invalid option')) return 'plan.problem.choose'
  return 'plan.problem.invalid'
}

/** A form field as far as problems are concerned: its name and any schema paths it stands for. */
export interface ProblemTarget {
  name: string
  problemPaths?: readonly string[]
}

function isUnder(path: string, name: string): boolean {
  return path === name || path.startsWith(`${name}.`) || path.startsWith(`${name}[`)
}

/**
 * The form field a problem belongs to: the field whose name (or one of whose schema
 * paths) is the problem's path or a prefix of it; null for the item as a whole.
 */
export function problemField(problem: PlanProblem, fields: readonly ProblemTarget[]): string | null {
  const field = fields.find((f) => [f.name, ...(f.problemPaths ?? [])].some((name) => isUnder(problem.path, name)))
  return field?.name ?? null
}

/**
 * Turns what a plan accessor threw into problems to show next to the form. Validation
 * errors keep their problems; a document that is not ready (not migrated, newer, other
 * part) becomes one problem without a field.
 * @returns null when the error is not one of the plan schema's: the caller rethrows it.
 */
export function planErrorProblems(error: unknown): PlanProblem[] | null {
  if (error instanceof PlanValidationError) return [...error.problems]
  if (error instanceof PlanDocumentError) return [{ path: '', message: `document:${error.reason}` }]
  return null
}

/** The i18n key of a document problem made by {@link planErrorProblems}, or null. */
export function documentProblemKey(problem: PlanProblem): string | null {
  if (!problem.message.startsWith('document:')) return null
  const reason = problem.message.slice('document:'.length)
  if (reason === 'newer-version') return 'plan.problem.newerVersion'
  if (reason === 'wrong-part') return 'plan.problem.wrongPart'
  return 'plan.problem.notReady'
}
