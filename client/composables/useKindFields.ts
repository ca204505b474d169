import { computed, type ComputedRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { RESULT_KEYS, type Goal } from '../../shared/plan'
import type { ItemKind, LinkTarget } from '../../shared/plan/kinds/kindTypes'
import { encodeActionLink } from '../plan/actionLink'
import type { FormField, FormOption } from '../plan/formFields'
import { kindFormFields, type KindFormLabels, type KindFormOptions } from '../plan/kindForm'
import { fieldOf, type KindValueText } from '../plan/kindValues'
import { useDateFormat } from './useDateFormat'
import { ORGANISATION_LIST_ID } from './usePlanFields'

/** Labels of a kind's fields and values, from the shared catalogue (`kinds.*`). */
export interface KindLabels {
  field: (kind: ItemKind, name: string) => string
  value: (kind: ItemKind, name: string, value: string) => string
}

/** The catalogue's labels of item kinds, in the page's language. */
export function useKindLabels(): KindLabels {
  const { t } = useI18n()
  return {
    field: (kind, name) => t(`${kind.labelKey}.fields.${name}`),
    value: (kind, name, value) => t(`${kind.labelKey}.values.${name}.${value}`),
  }
}

/**
 * The options of a link select: an empty choice, the live goals under "Doelen", then
 * the four results.
 */
export function linkOptionsOf(goals: readonly Goal[], t: (key: string) => string): FormOption[] {
  return [
    { value: '', label: t('plan.action.linkPlaceholder') },
    ...goals.map((goal) => ({ value: encodeActionLink({ goalId: goal.id, resultKey: null }), label: goal.text, group: t('plan.action.goalsGroup') })),
    ...RESULT_KEYS.map((key) => ({ value: encodeActionLink({ goalId: null, resultKey: key }), label: t(`plan.result.keys.${key}`), group: t('plan.action.resultsGroup') })),
  ]
}

/** The text of an item's link: its goal, its result, or "removed goal". */
export function useLinkLabel(goals: () => readonly Goal[]): (item: object) => string {
  const { t } = useI18n()
  return (item) => {
    const resultKey = fieldOf(item, 'resultKey')
    const goalId = fieldOf(item, 'goalId')
    if (typeof resultKey === 'string') return t(`plan.result.keys.${resultKey}`)
    if (typeof goalId !== 'string') return ''
    return goals().find((g) => g.id === goalId)?.text ?? t('plan.action.removedGoal')
  }
}

/** Everything a table cell needs to show a kind's values (see kindValues.ts). */
export function useKindValueText(goals: () => readonly Goal[]): KindValueText {
  const labels = useKindLabels()
  const { formatDate } = useDateFormat()
  return { value: labels.value, formatDate, linkLabel: useLinkLabel(goals) }
}

/** The options of links to other things than goals: target → its options, empty choice first. */
export type OtherLinkOptions = Partial<Record<Exclude<LinkTarget, 'goal'>, () => FormOption[]>>

/**
 * The fields of a kind's form, from its declaration, in the page's language.
 * @param kind the declaration; @param goals the goals a goal link's select offers;
 * @param names the fields to show (the declaration's form view when it returns undefined);
 * @param links the options of the form's other links (an escalation's action).
 */
export function useKindFormFields(
  kind: ItemKind, goals: () => readonly Goal[], options: KindFormOptions = {}, names: () => readonly string[] | undefined = () => undefined,
  links: OtherLinkOptions = {},
): ComputedRef<FormField[]> {
  const { t } = useI18n()
  const labels = useKindLabels()
  const linkOptions = (target: LinkTarget): FormOption[] => (target === 'goal' ? linkOptionsOf(goals(), t) : links[target]?.() ?? [])
  const formLabels: KindFormLabels = { ...labels, linkOptions, listHint: () => t('plan.common.listHint') }
  // Names suggest the case's organisations (the plan page renders the datalist).
  return computed(() => kindFormFields(kind, formLabels, { nameListId: ORGANISATION_LIST_ID, ...options }, names()))
}
