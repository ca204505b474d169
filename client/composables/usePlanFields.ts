import { computed, type ComputedRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { DECISION_TYPES, ITEM_VISIBILITIES } from '../../shared/plan'
import { VISIBILITY_FIELD } from '../plan/visibleWrites'
import type { FormField, FormOption } from '../plan/formFields'

/** Id of the datalist with the case members' organisations (rendered by the plan page). */
export const ORGANISATION_LIST_ID = 'plan-organisations'

function useOptions(): (values: readonly string[], prefix: string) => FormOption[] {
  const { t } = useI18n()
  return (values, prefix) => values.map((value) => ({ value, label: t(`${prefix}.${value}`) }))
}

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
 * Fields of a decision; `withType` false for the phase form, where the type is fixed.
 * Mandate and dissent only with `withMandate` (a writer of the inner document, where they are kept).
 */
export function useDecisionFields(withType: boolean, withMandate = true): ComputedRef<FormField[]> {
  const { t } = useI18n()
  const options = useOptions()
  return computed(() => {
    const fields: FormField[] = [{ name: 'text', label: t('plan.decision.text'), kind: 'textarea', isRequired: true }]
    if (withType) fields.push({ name: 'type', label: t('plan.decision.type'), kind: 'select', options: options(DECISION_TYPES, 'plan.decision.types') })
    fields.push({ name: 'chair', label: t('plan.decision.chair'), kind: 'text' })
    if (!withMandate) return fields
    fields.push({ name: 'mandatedPresent', label: t('plan.decision.mandatedPresent'), kind: 'text', hint: t('plan.decision.mandateHint') })
    if (withType) {
      fields.push(
        { name: 'dissentOrganisation', label: t('plan.decision.dissentOrganisation'), kind: 'text', list: ORGANISATION_LIST_ID },
        { name: 'dissentReason', label: t('plan.decision.dissentReason'), kind: 'text' },
      )
    }
    return fields
  })
}

/** Fields of an escalation. */
export function useEscalationFields(): ComputedRef<FormField[]> {
  const { t } = useI18n()
  return computed(() => [
    { name: 'issue', label: t('plan.escalation.issue'), kind: 'textarea', isRequired: true },
    { name: 'raisedBy', label: t('plan.escalation.raisedBy'), kind: 'text', isRequired: true, list: ORGANISATION_LIST_ID },
    { name: 'raisedTo', label: t('plan.escalation.raisedTo'), kind: 'text', isRequired: true, list: ORGANISATION_LIST_ID },
    { name: 'due', label: t('plan.escalation.due'), kind: 'date', isRequired: true },
  ])
}
