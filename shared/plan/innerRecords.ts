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
import { decisionMandateKind, innerDecisionKind } from './kinds/innerKinds'
import { inputSchemaOf, type KindFields, type KindInput, type KindPatch } from './kinds/kindTypes'
import type { ItemMeta } from './model'
import type { ActionFields } from './planItems'

/** Where an action or decision is visible: `plan` both rings, `inner` the binnenring only. */
export const ITEM_VISIBILITIES = ['plan', 'inner'] as const
/** Where an action or decision is visible (the document it is written to). */
export type ItemVisibility = (typeof ITEM_VISIBILITIES)[number]

/** An action only the binnenring reads, in the `innerActions` section (same fields as a plan action; `goalId` points at a plan goal). */
export interface InnerAction extends ItemMeta, ActionFields {}

/** A decision only the binnenring reads, in the `innerDecisions` section: the plan decision's fields, and mandate and dissent may be named here. */
export interface InnerDecision extends ItemMeta, KindFields<typeof innerDecisionKind> {}
/** Input of `addInnerDecision`. */
export type InnerDecisionInput = KindInput<typeof innerDecisionKind>
/** Patch of `updateInnerDecision` (the section is append-only; the guard refuses changes but removal). */
export type InnerDecisionPatch = KindPatch<typeof innerDecisionKind>

/**
 * Attendance, mandate and dissent of a plan decision, in the `decisionMandates`
 * section: the decision's text, type and chair stay in the plan; who was present, who
 * had mandate and who disagreed (and why) only here. `decisionId` is the plan
 * decision's id; names are `name (organisation)` or an organisation.
 */
export interface DecisionMandate extends ItemMeta, KindFields<typeof decisionMandateKind> {}
/** Input of `addDecisionMandate`. */
export const decisionMandateInputSchema = inputSchemaOf(decisionMandateKind)
/** Input of `addDecisionMandate`. */
export type DecisionMandateInput = KindInput<typeof decisionMandateKind>
