import { computed, type ComputedRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { ITEM_VISIBILITIES } from '../../shared/plan'
import { VISIBILITY_FIELD } from '../plan/visibleWrites'
import type { FormField } from '../plan/formFields'

/** Id of the datalist with the case members' organisations (rendered by the plan page). */
export const ORGANISATION_LIST_ID = 'plan-organisations'

/**
 * The "Zichtbaar voor" field of an action or decision form, shown first so a partner
 * sees where an item lands before saving: the plan (both rings) or the binnenring only.
 * Without the inner document (`canChooseInner` false) it offers the plan alone and says so.
 */
export function useVisibilityField(canChooseInner: () => boolean, testId?: string): ComputedRef<FormField> {
  const { t } = useI18n()
  return computed(() => {
    const values = canChooseInner() ? ITEM_VISIBILITIES : (['plan'] as const)
    return {
      name: VISIBILITY_FIELD, label: t('plan.visibility.label'), kind: 'select', testId,
      hint: canChooseInner() ? t('plan.visibility.hint') : t('plan.visibility.planOnlyHint'),
      options: values.map((value) => ({ value, label: t(`plan.visibility.${value}`) })),
    }
  })
}

/**
 * The mandate inputs of a decision form (the declared fields come from the decision's
 * declaration): who was present with mandate and one dissent, for a writer of the inner
 * document, where they are kept.
 */
export function useDecisionMandateFields(): ComputedRef<FormField[]> {
  const { t } = useI18n()
  return computed(() => [
    { name: 'mandatedPresent', label: t('plan.decision.mandatedPresent'), kind: 'text', hint: t('plan.decision.mandateHint') },
    { name: 'dissentOrganisation', label: t('plan.decision.dissentOrganisation'), kind: 'text', list: ORGANISATION_LIST_ID },
    { name: 'dissentReason', label: t('plan.decision.dissentReason'), kind: 'text' },
  ])
}
