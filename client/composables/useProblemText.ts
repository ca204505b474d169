import { useI18n } from 'vue-i18n'
import type { PlanProblem } from '../../shared/plan'
import { documentProblemKey, problemMessageKey } from '../plan/problemMessage'

/**
 * Puts a plan problem into words in the active locale, prefixed with the label of the
 * field it is about when the caller knows it.
 */
export function useProblemText(): { describeProblem: (problem: PlanProblem, fieldLabel?: string | null) => string } {
  const { t } = useI18n()

  function describeProblem(problem: PlanProblem, fieldLabel: string | null = null): string {
    const text = t(documentProblemKey(problem) ?? problemMessageKey(problem))
    return fieldLabel ? t('plan.problem.withField', { field: fieldLabel, problem: text }) : text
  }

  return { describeProblem }
}
