import { computed, type ComputedRef } from 'vue'
import { useI18n } from 'vue-i18n'
import {
  JUSTICE_ITEM_TYPES, PERSON_ROLES, SAFETY_SCORE_MAX, SAFETY_SCORE_MIN, type SosItemType,
} from '../../shared/plan'
import type { FormField } from '../plan/formFields'
import { ORGANISATION_LIST_ID } from './usePlanFields'

/** Fields of a person in the family or network (first name only: AVG minimisation). */
export function usePersonFields(): ComputedRef<FormField[]> {
  const { t } = useI18n()
  return computed(() => [
    { name: 'firstName', label: t('inner.person.firstName'), kind: 'text', isRequired: true, hint: t('inner.person.firstNameHint') },
    { name: 'role', label: t('inner.person.role'), kind: 'select', options: PERSON_ROLES.map((r) => ({ value: r, label: t(`inner.person.roles.${r}`) })) },
    { name: 'age', label: t('inner.person.age'), kind: 'number', min: 0, max: 120 },
  ])
}

/** Fields of a Signs of Safety item in one column (the column decides which types fit). */
export function useSosFields(types: readonly SosItemType[]): ComputedRef<FormField[]> {
  const { t } = useI18n()
  return computed(() => {
    const fields: FormField[] = []
    if (types.length > 1) {
      fields.push({ name: 'type', label: t('inner.sos.type'), kind: 'select', options: types.map((v) => ({ value: v, label: t(`inner.sos.types.${v}`) })) })
    }
    fields.push({ name: 'text', label: t('inner.sos.text'), kind: 'textarea', isRequired: true })
    return fields
  })
}

/** Fields of a danger statement (gevaarsomschrijving). */
export function useDangerFields(): ComputedRef<FormField[]> {
  const { t } = useI18n()
  return computed(() => [
    { name: 'whoWorries', label: t('inner.danger.whoWorries'), kind: 'text', isRequired: true, hint: t('plan.common.listHint'), list: ORGANISATION_LIST_ID },
    { name: 'behaviour', label: t('inner.danger.behaviour'), kind: 'textarea', isRequired: true },
    { name: 'ifNothingChanges', label: t('inner.danger.ifNothingChanges'), kind: 'textarea', isRequired: true },
  ])
}

/** Fields of a score on the veiligheidsschaal. */
export function useScoreFields(): ComputedRef<FormField[]> {
  const { t } = useI18n()
  return computed(() => {
    const scores = Array.from({ length: SAFETY_SCORE_MAX - SAFETY_SCORE_MIN + 1 }, (_, i) => String(SAFETY_SCORE_MIN + i))
    return [
      { name: 'partner', label: t('inner.scale.partner'), kind: 'text', isRequired: true, list: ORGANISATION_LIST_ID },
      {
        name: 'score', label: t('inner.scale.score'), kind: 'select', isRequired: true, hint: t('inner.scale.anchors'),
        options: [{ value: '', label: t('inner.scale.choose') }, ...scores.map((s) => ({ value: s, label: s }))],
      },
      { name: 'date', label: t('inner.scale.date'), kind: 'date', isRequired: true },
      { name: 'reason', label: t('inner.scale.reason'), kind: 'textarea' },
      { name: 'addsPoint', label: t('inner.scale.addsPoint'), kind: 'textarea' },
    ]
  })
}

/** Fields of a justice or police item. */
export function useJusticeFields(): ComputedRef<FormField[]> {
  const { t } = useI18n()
  return computed(() => [
    { name: 'type', label: t('inner.justice.type'), kind: 'select', options: JUSTICE_ITEM_TYPES.map((v) => ({ value: v, label: t(`inner.justice.types.${v}`) })) },
    { name: 'date', label: t('inner.justice.date'), kind: 'date' },
    { name: 'text', label: t('inner.justice.text'), kind: 'textarea', isRequired: true },
  ])
}

/** Fields of a trauma screening record (the person is chosen by the row). */
export function useTraumaFields(): ComputedRef<FormField[]> {
  const { t } = useI18n()
  return computed(() => [
    { name: 'offeredOn', label: t('inner.trauma.offeredOn'), kind: 'date' },
    { name: 'doneOn', label: t('inner.trauma.doneOn'), kind: 'date' },
    { name: 'treatmentStartedOn', label: t('inner.trauma.treatmentStartedOn'), kind: 'date' },
    { name: 'note', label: t('inner.trauma.note'), kind: 'textarea' },
  ])
}
