/**
 * How each plan form's inputs become the fields of an item (pure). One table per form,
 * keyed by form field name; each entry reads one input (text, or a number from
 * `<input type="number">`) into the schema fields it sets. Add forms read every input,
 * edit forms only the ones the user changed, through the same table. The schema judges
 * the result (an empty required text, an age of 300): the readers never throw.
 */
import type {
  ActionPatch, AgreementPatch, DangerStatementPatch, DecisionInput,
  EscalationInput, EscalationPatch, GoalPatch, JusticeItemPatch, JusticeItemType, PersonPatch, PersonRole,
  SafetyScoreInput, SosItemPatch, SosItemType, TraumaScreeningPatch,
} from '../../shared/plan'
import { actionKind } from '../../shared/plan/kinds/action'
import { agreementKind, decisionKind, escalationKind, goalKind } from '../../shared/plan/kinds/planKinds'
import { kindReaders } from './kindForm'
import { asText, emptyToNull, parseWholeNumber, splitList, type FormValues } from './formFields'

/** What a form input may hold. */
type InputValue = string | number | undefined

/** Readers of one form: form field name → the item fields that input sets. */
export type FieldReaders<P> = Readonly<Record<string, (value: InputValue) => Partial<P>>>

/**
 * Reads form values into item fields.
 * @param readers the form's table; @param values the inputs' values;
 * @param names the fields to read (an edit form's changed fields); all that have a reader when omitted.
 */
export function readFormFields<P>(readers: FieldReaders<P>, values: FormValues, names: readonly string[] = Object.keys(readers)): Partial<P> {
  const out: Partial<P> = {}
  for (const name of names) {
    const read = readers[name]
    if (read) Object.assign(out, read(values[name]))
  }
  return out
}

/** An enum value from a select, or the form's default when nothing is chosen. */
function choice<T extends string>(fallback: T): (value: InputValue) => T {
  return (value) => (asText(value) || fallback) as T
}

/** Fields of an action, from its declaration (the `goalId` input sets `goalId` and `resultKey`). */
export const ACTION_READERS = kindReaders(actionKind) as FieldReaders<ActionPatch>

/** Fields of a goal, from its declaration. */
export const GOAL_READERS = kindReaders(goalKind) as FieldReaders<GoalPatch>

/** Fields of a safety agreement, from its declaration (`boundParties` is a comma-separated list). */
export const AGREEMENT_READERS = kindReaders(agreementKind) as FieldReaders<AgreementPatch>

/** The fields of an escalation's outcome form, as declared. */
export const ESCALATION_OUTCOME_FIELDS = ['outcome', 'outcomeDecisionId'] as const

/** Fields of an escalation's outcome, from its declaration (`outcomeDecisionId` empty: no decision). */
export const ESCALATION_OUTCOME_READERS = kindReaders(escalationKind, ESCALATION_OUTCOME_FIELDS) as FieldReaders<EscalationPatch>

/** Fields of a person (the age is a whole number or unknown). */
export const PERSON_READERS: FieldReaders<PersonPatch> = {
  firstName: (v) => ({ firstName: asText(v) }),
  role: (v) => ({ role: choice<PersonRole>('netwerk')(v) }),
  age: (v) => ({ age: parseWholeNumber(v) }),
}

/** Fields of a danger statement (`whoWorries` is a comma-separated list). */
export const DANGER_READERS: FieldReaders<DangerStatementPatch> = {
  whoWorries: (v) => ({ whoWorries: splitList(v) }),
  behaviour: (v) => ({ behaviour: asText(v) }),
  ifNothingChanges: (v) => ({ ifNothingChanges: asText(v) }),
}

/** Fields of a Signs of Safety item. */
export const SOS_READERS: FieldReaders<SosItemPatch> = {
  type: (v) => ({ type: choice<SosItemType>('harm')(v) }),
  text: (v) => ({ text: asText(v) }),
}

/** Fields of a justice or police item. */
export const JUSTICE_READERS: FieldReaders<JusticeItemPatch> = {
  type: (v) => ({ type: choice<JusticeItemType>('other')(v) }),
  date: (v) => ({ date: emptyToNull(v) }),
  text: (v) => ({ text: asText(v) }),
}

/** Fields of a trauma screening record (each date optional). */
export const TRAUMA_READERS: FieldReaders<TraumaScreeningPatch> = {
  offeredOn: (v) => ({ offeredOn: emptyToNull(v) }),
  doneOn: (v) => ({ doneOn: emptyToNull(v) }),
  treatmentStartedOn: (v) => ({ treatmentStartedOn: emptyToNull(v) }),
  note: (v) => ({ note: asText(v) }),
}

/** Fields of a new escalation, from its declaration (`actionId` empty: no action). */
export const ESCALATION_READERS = kindReaders(escalationKind) as FieldReaders<EscalationInput>

/** Fields of a new score on the veiligheidsschaal (an empty score is NaN: the schema says it is missing). */
export const SCORE_READERS: FieldReaders<SafetyScoreInput> = {
  partner: (v) => ({ partner: asText(v) }),
  score: (v) => ({ score: parseWholeNumber(v) ?? Number.NaN }),
  date: (v) => ({ date: asText(v) }),
  reason: (v) => ({ reason: asText(v) }),
  addsPoint: (v) => ({ addsPoint: asText(v) }),
}

/**
 * Fields of a new decision: the declared form's, plus who was present with mandate (kept
 * in the inner document); the two dissent inputs are read together by {@link readDecision}.
 */
export const DECISION_READERS: FieldReaders<DecisionInput> = {
  ...(kindReaders(decisionKind) as FieldReaders<DecisionInput>),
  mandatedPresent: (v) => ({ mandatedPresent: splitList(v) }),
}

/**
 * A new decision from its form: the readers above, plus one dissent entry when either
 * dissent input holds text (the schema then says which half is missing).
 */
export function readDecision(values: FormValues, names: readonly string[]): Partial<DecisionInput> {
  const organisation = asText(values.dissentOrganisation).trim()
  const reason = asText(values.dissentReason).trim()
  const dissent = organisation === '' && reason === '' ? [] : [{ organisation, reason }]
  return { ...readFormFields(DECISION_READERS, values, names), dissent }
}
