/**
 * Errors of the plan schema. Messages name fields and paths, never plan content
 * (STYLE.md: plan content never goes into a log or an error message).
 */

/** One problem found in plan input or plan JSON: where, and what is wrong. */
export interface PlanProblem {
  /** Dotted path with array indexes, e.g. `actions[2].due`; '' for the whole value. */
  path: string
  /** What is wrong, in English, without the offending value. */
  message: string
}

/** Turns a zod-style issue path into `a.b[0].c`. */
export function formatProblemPath(path: readonly PropertyKey[]): string {
  let out = ''
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`
    else out += out === '' ? String(segment) : `.${String(segment)}`
  }
  return out
}

/** Joins a prefix and a relative path from {@link formatProblemPath}. */
export function joinProblemPath(prefix: string, rest: string): string {
  if (prefix === '') return rest
  if (rest === '') return prefix
  return rest.startsWith('[') ? `${prefix}${rest}` : `${prefix}.${rest}`
}

/**
 * Thrown by a plan mutator whose input is invalid. Nothing was written to the document.
 * `code` matches the API's `invalid_input`, so the server can map it onto `AppError`.
 */
export class PlanValidationError extends Error {
  /** Stable error code, the same as the HTTP API's. */
  readonly code = 'invalid_input'
  /** Every problem found, in input order. */
  readonly problems: readonly PlanProblem[]

  /** @param problems at least one problem; the message lists them all. */
  constructor(problems: readonly PlanProblem[]) {
    super(`Invalid plan input: ${problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join('; ')}`)
    this.name = 'PlanValidationError'
    this.problems = problems
  }
}

/** Why a document cannot be written (or read) by this code. */
export type PlanDocumentErrorReason = 'not-migrated' | 'wrong-part' | 'newer-version'

/**
 * Thrown when a Y.Doc is not fit for the operation: not migrated yet, the other part
 * of the plan (an inner section written into the plan document would leak it to the
 * outer ring), or written by a newer version of the code.
 */
export class PlanDocumentError extends Error {
  /** Stable error code. */
  readonly code = 'plan_document'
  /** Which of the three cases. */
  readonly reason: PlanDocumentErrorReason

  /** @param reason the case; @param message what to do about it. */
  constructor(reason: PlanDocumentErrorReason, message: string) {
    super(message)
    this.name = 'PlanDocumentError'
    this.reason = reason
  }
}
