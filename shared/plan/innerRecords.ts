/**
 * The binnenring's actions and decisions (DOMAIN.md §4.1 "Justitie en politie": actions
 * and decisions a school must not see), and the binnenring side of every decision: who
 * was present with mandate and who dissented (DOMAIN.md §4.5, §5, §7: that an
 * organisation sits at the table is itself binnenring information). All three live in
 * the inner document `case/<id>/inner`; the plan document never names them.
 *
 * An inner action or decision has the same fields as its plan twin, so one form, one
 * table and one meeting command serve both; only the document differs.
 */
import { z } from 'zod'
import { idSchema, nameListSchema, type FieldsOf, type ItemMeta } from './model'
import {
  ACTION_FALLBACK, DECISION_FALLBACK, actionInputSchema, actionPatchSchema, actionShape, decisionShape, mandateShape,
  type ActionFields,
} from './planItems'

/** Where an action or decision is visible: `plan` both rings, `inner` the binnenring only. */
export const ITEM_VISIBILITIES = ['plan', 'inner'] as const
/** Where an action or decision is visible (the document it is written to). */
export type ItemVisibility = (typeof ITEM_VISIBILITIES)[number]

/** An action only the binnenring reads, in the `innerActions` section (same fields as a plan action). */
export interface InnerAction extends ItemMeta, ActionFields {}
/** Fields of an inner action: the plan action's. `goalId` points at a goal in the plan document. */
export const innerActionShape = actionShape
/** Fallback values of a stored inner action. */
export const INNER_ACTION_FALLBACK: ActionFields = ACTION_FALLBACK
/** Input of `addInnerAction`. */
export const innerActionInputSchema = actionInputSchema
/** Patch of `updateInnerAction`. */
export const innerActionPatchSchema = actionPatchSchema

/** Fields of an inner decision: the plan decision's, and mandate and dissent may be named here. */
export const innerDecisionShape = { ...decisionShape, ...mandateShape }
/** Fields of an inner decision. */
export type InnerDecisionFields = FieldsOf<typeof innerDecisionShape>
/** A decision only the binnenring reads, in the `innerDecisions` section. */
export interface InnerDecision extends ItemMeta, InnerDecisionFields {}
/** Fallback values of a stored inner decision. */
export const INNER_DECISION_FALLBACK: InnerDecisionFields = DECISION_FALLBACK
/** Input of `addInnerDecision`. */
export const innerDecisionInputSchema = z.strictObject({
  ...innerDecisionShape,
  chair: innerDecisionShape.chair.default(null),
  mandatedPresent: innerDecisionShape.mandatedPresent.default([]),
  dissent: innerDecisionShape.dissent.default([]),
  innerRefs: innerDecisionShape.innerRefs.default([]),
})
/** Input of `addInnerDecision`. */
export type InnerDecisionInput = z.input<typeof innerDecisionInputSchema>
/** Patch of `updateInnerDecision` (the section is append-only; the guard refuses changes but removal). */
export const innerDecisionPatchSchema = z.strictObject(innerDecisionShape).partial()
/** Patch of `updateInnerDecision`. */
export type InnerDecisionPatch = z.input<typeof innerDecisionPatchSchema>

/**
 * Attendance, mandate and dissent of a plan decision, in the `decisionMandates`
 * section: the decision's text, type and chair stay in the plan; who was present, who
 * had mandate and who disagreed (and why) only here. `decisionId` is the plan
 * decision's id; names are `name (organisation)` or an organisation.
 */
export const decisionMandateShape = { decisionId: idSchema, present: nameListSchema, ...mandateShape }
/** Fields of a decision's mandate record. */
export type DecisionMandateFields = FieldsOf<typeof decisionMandateShape>
/** A decision's mandate record. */
export interface DecisionMandate extends ItemMeta, DecisionMandateFields {}
/** Fallback values of a stored mandate record. */
export const DECISION_MANDATE_FALLBACK: DecisionMandateFields = { decisionId: '', present: [], mandatedPresent: [], dissent: [] }
/** Input of `addDecisionMandate`. */
export const decisionMandateInputSchema = z.strictObject({
  ...decisionMandateShape,
  present: decisionMandateShape.present.default([]),
  mandatedPresent: decisionMandateShape.mandatedPresent.default([]),
  dissent: decisionMandateShape.dissent.default([]),
})
/** Input of `addDecisionMandate`. */
export type DecisionMandateInput = z.input<typeof decisionMandateInputSchema>
