import { RESULT_KEYS, type ResultKey } from '../../shared/plan'

/** What an action (or goal-bound item) is linked to: one goal, or one of the four results. */
export type ActionLink = { goalId: string; resultKey: null } | { goalId: null; resultKey: ResultKey }

const GOAL_PREFIX = 'goal:'
const RESULT_PREFIX = 'result:'

/** The select value of a link: `goal:<id>` or `result:<key>`. */
export function encodeActionLink(link: { goalId: string | null; resultKey: ResultKey | null }): string {
  if (link.goalId !== null) return `${GOAL_PREFIX}${link.goalId}`
  if (link.resultKey !== null) return `${RESULT_PREFIX}${link.resultKey}`
  return ''
}

/**
 * Reads a select value back into the two link fields; an empty or unknown value links to
 * nothing, which the schema then reports as a missing link.
 */
export function decodeActionLink(value: string): { goalId: string | null; resultKey: ResultKey | null } {
  if (value.startsWith(GOAL_PREFIX)) return { goalId: value.slice(GOAL_PREFIX.length), resultKey: null }
  if (value.startsWith(RESULT_PREFIX)) {
    const key = value.slice(RESULT_PREFIX.length)
    const result = RESULT_KEYS.find((k) => k === key)
    if (result !== undefined) return { goalId: null, resultKey: result }
  }
  return { goalId: null, resultKey: null }
}
