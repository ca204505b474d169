/**
 * Where an action or decision a partner adds in the plan form is written: the plan
 * document (both rings) or the inner document (binnenring only), as the form's
 * "Zichtbaar voor" says (DOMAIN.md §4.1, §5, §7). A plan decision names nobody: who was
 * present with mandate and who dissented go to the inner document's `decisionMandates`.
 * Everything is validated before anything is written, so a refusal writes nothing.
 */
import type * as Y from 'yjs'
import {
  PlanValidationError, addAction, addDecision, addDecisionMandate, addInnerAction, addInnerDecision,
  decisionMandateInputSchema, zodProblems,
  type ActionInput, type DecisionInput, type ItemVisibility, type PlanActor,
} from '../../shared/plan'
import type { FormValues } from './formFields'

/** The name of the form field that holds the visibility. */
export const VISIBILITY_FIELD = 'visibility'

/** The visibility a form chose; anything but `inner` is the plan (both rings). */
export function readVisibility(values: FormValues): ItemVisibility {
  return values[VISIBILITY_FIELD] === 'inner' ? 'inner' : 'plan'
}

/**
 * Adds an action where `visibility` says.
 * @throws PlanValidationError on invalid input, or `inner` without an inner document.
 */
export function addVisibleAction(planDoc: Y.Doc, innerDoc: Y.Doc | null, visibility: ItemVisibility, input: ActionInput, actor: PlanActor): void {
  if (visibility === 'plan') {
    addAction(planDoc, input, actor)
    return
  }
  addInnerAction(requireInner(innerDoc), input, actor)
}

/**
 * Adds a decision where `visibility` says; for a plan decision with mandate or dissent,
 * also its mandate record in the inner document.
 * @throws PlanValidationError on invalid input, or mandate, dissent or `inner` without an inner document.
 */
export function addVisibleDecision(planDoc: Y.Doc, innerDoc: Y.Doc | null, visibility: ItemVisibility, input: DecisionInput, actor: PlanActor): void {
  const { mandatedPresent = [], dissent = [], ...decision } = input
  if (visibility === 'inner') {
    addInnerDecision(requireInner(innerDoc), { ...decision, mandatedPresent, dissent }, actor)
    return
  }
  if (mandatedPresent.length === 0 && dissent.length === 0) {
    addDecision(planDoc, decision, actor)
    return
  }
  const inner = requireInner(innerDoc)
  // Check the mandate record before the decision is written: both or neither.
  const check = decisionMandateInputSchema.safeParse({ decisionId: crypto.randomUUID(), mandatedPresent, dissent })
  if (!check.success) throw new PlanValidationError(zodProblems(check.error))
  const added = addDecision(planDoc, decision, actor)
  addDecisionMandate(inner, { decisionId: added.id, mandatedPresent, dissent }, actor)
}

function requireInner(innerDoc: Y.Doc | null): Y.Doc {
  if (!innerDoc) throw new PlanValidationError([{ path: VISIBILITY_FIELD, message: 'only the binnenring writes here' }])
  return innerDoc
}
