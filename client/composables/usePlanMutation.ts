import { readonly, shallowRef, type Ref } from 'vue'
import type { PlanProblem } from '../../shared/plan'
import { planErrorProblems } from '../plan/problemMessage'

/** What {@link usePlanMutation} returns. */
export interface PlanMutation {
  /** Problems of the last attempt; empty after a success. */
  problems: Readonly<Ref<readonly PlanProblem[]>>
  /**
   * Runs one change through the plan accessors. Validation errors (and a document that
   * is not ready) become {@link problems} instead of a crash.
   * @returns whether the change was made.
   * @throws whatever else the change throws (a bug, not user input).
   */
  run: (change: () => void) => boolean
  /** Forgets the problems, e.g. when a form is closed. */
  clear: () => void
}

/** One form's or row's changes to the plan, with its own problems to show next to it. */
export function usePlanMutation(): PlanMutation {
  const problems = shallowRef<readonly PlanProblem[]>([])

  function run(change: () => void): boolean {
    try {
      change()
    } catch (error) {
      const found = planErrorProblems(error)
      if (found === null) throw error
      problems.value = found
      return false
    }
    problems.value = []
    return true
  }

  function clear(): void {
    problems.value = []
  }

  return { problems: readonly(problems), run, clear }
}
