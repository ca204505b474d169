/**
 * Items and states of the plan document `case/<id>/plan`, which both rings read
 * (DOMAIN.md §4.1): everything here must be fit for a school to read. A plan item may
 * point at an inner item by id (`innerRefs`), never copy its text.
 *
 * Per item kind: a field shape (strict schemas, used to validate), a fallback (what a
 * missing or malformed stored field reads as), an input schema (with defaults), a
 * patch schema and, where fields depend on each other, a cross-field check.
 */
import { z } from 'zod'
import type { PlanProblem } from './errors'
import { actionKind } from './kinds/action'
import { fallbackOf, inputSchemaOf, patchSchemaOf, shapeOf } from './kinds/kindTypes'
import {
  AGREEMENT_STATUSES, DECISION_TYPES, GSAV_PHASES, RESULT_STATUSES,
  idListSchema, idSchema, isoDateSchema, isoDateTimeSchema, nameListSchema, nameSchema, requiredTextSchema,
  resultKeySchema, textSchema,
  type FieldsOf, type GsavPhase, type ItemMeta, type ResultKey, type ResultStatus, MAX_LIST_LENGTH,
} from './model'

/** Goal of a result: what must be observable, and for how long. */
export const goalShape = {
  resultKey: resultKeySchema,
  text: requiredTextSchema,
  observableFor: textSchema,
  status: z.enum(RESULT_STATUSES),
  evidence: textSchema,
  innerRefs: idListSchema,
}
/** Fields of a goal. */
export type GoalFields = FieldsOf<typeof goalShape>
/** A goal, in the `goals` section; `resultKey` places it under its result. */
export interface Goal extends ItemMeta, GoalFields {}
/** Fallback values of a stored goal. */
export const GOAL_FALLBACK: GoalFields = { resultKey: 'direct-safety', text: '', observableFor: '', status: 'open', evidence: '', innerRefs: [] }
/** Input of `addGoal`. */
export const goalInputSchema = z.strictObject({
  ...goalShape,
  observableFor: goalShape.observableFor.default(''),
  status: goalShape.status.default('open'),
  evidence: goalShape.evidence.default(''),
  innerRefs: goalShape.innerRefs.default([]),
})
/** Input of `addGoal`. */
export type GoalInput = z.input<typeof goalInputSchema>
/** Patch of `updateGoal`. */
export const goalPatchSchema = z.strictObject(goalShape).partial()
/** Patch of `updateGoal`. */
export type GoalPatch = z.input<typeof goalPatchSchema>

/** Safety agreement (veiligheidsafspraak). */
export const agreementShape = {
  text: requiredTextSchema,
  boundParties: nameListSchema.min(1, 'names at least one bound party'),
  checkedBy: nameSchema,
  checkMethod: textSchema,
  ifBroken: textSchema,
  startDate: isoDateSchema,
  reviewDate: isoDateSchema.nullable(),
  status: z.enum(AGREEMENT_STATUSES),
  innerRefs: idListSchema,
}
/** Fields of a safety agreement. */
export type AgreementFields = FieldsOf<typeof agreementShape>
/** A safety agreement, in the `agreements` section. */
export interface Agreement extends ItemMeta, AgreementFields {}
/** Fallback values of a stored agreement. */
export const AGREEMENT_FALLBACK: AgreementFields = {
  text: '', boundParties: [], checkedBy: '', checkMethod: '', ifBroken: '', startDate: '', reviewDate: null, status: 'active', innerRefs: [],
}
/** Input of `addAgreement`. */
export const agreementInputSchema = z.strictObject({
  ...agreementShape,
  checkMethod: agreementShape.checkMethod.default(''),
  ifBroken: agreementShape.ifBroken.default(''),
  reviewDate: agreementShape.reviewDate.default(null),
  status: agreementShape.status.default('active'),
  innerRefs: agreementShape.innerRefs.default([]),
})
/** Input of `addAgreement`. */
export type AgreementInput = z.input<typeof agreementInputSchema>
/** Patch of `updateAgreement`. */
export const agreementPatchSchema = z.strictObject(agreementShape).partial()
/** Patch of `updateAgreement`. */
export type AgreementPatch = z.input<typeof agreementPatchSchema>

/** Cross-field rule of an agreement: the review date is not before the start. */
export function checkAgreement(a: AgreementFields): PlanProblem[] {
  if (a.reviewDate !== null && a.startDate !== '' && a.reviewDate < a.startDate) {
    return [{ path: 'reviewDate', message: 'is before the start date' }]
  }
  return []
}

/** Action (actie): declared in kinds/action.ts; shape, fallback, input and patch derive from it. */
export const actionShape = shapeOf(actionKind)
/** Fields of an action. */
export type ActionFields = FieldsOf<typeof actionShape>
/** An action, in the `actions` section. */
export interface Action extends ItemMeta, ActionFields {}
/** Fallback values of a stored action. */
export const ACTION_FALLBACK: ActionFields = fallbackOf(actionKind)
/** Input of `addAction`: link it to either `goalId` or `resultKey`. */
export const actionInputSchema = inputSchemaOf(actionKind)
/** Input of `addAction`. */
export type ActionInput = z.input<typeof actionInputSchema>
/** Patch of `updateAction`; to relink, set the new link and null the other one. */
export const actionPatchSchema = patchSchemaOf(actionKind)
/** Patch of `updateAction`. */
export type ActionPatch = z.input<typeof actionPatchSchema>

/** Cross-field rules of an action: exactly one link; a blocked action says why. */
export function checkAction(a: ActionFields): PlanProblem[] {
  const problems: PlanProblem[] = []
  if ((a.goalId === null) === (a.resultKey === null)) {
    problems.push({ path: 'goalId', message: 'link the action to exactly one goal or result' })
  }
  if (a.status === 'blocked' && a.blockedReason.trim() === '') {
    problems.push({ path: 'blockedReason', message: 'is required while the action is blocked' })
  }
  return problems
}

/** A partner that disagreed with a decision, and why. */
export const dissentSchema = z.strictObject({ organisation: nameSchema, reason: requiredTextSchema })
/** A partner that disagreed with a decision, and why. */
export interface Dissent {
  organisation: string
  reason: string
}

/** Who was present with mandate when a decision was taken, and who dissented (binnenring only). */
export const mandateShape = {
  mandatedPresent: nameListSchema,
  dissent: z.array(dissentSchema).max(MAX_LIST_LENGTH, 'has too many entries'),
}

/** Why a plan decision names nobody: that an organisation sits at the table is binnenring information (DOMAIN.md §5, §7). */
const MANDATE_IS_INNER = 'belongs in the inner document (decisionMandates), not in the plan a school reads'

/**
 * Decision (besluit). `meetingId` is the item metadata's. In the plan document
 * `mandatedPresent` and `dissent` stay empty (kept for the JSON contract): who was
 * present with mandate and who dissented is written to the inner document's
 * `decisionMandates`, keyed by the decision's id.
 */
export const decisionShape = {
  text: requiredTextSchema,
  type: z.enum(DECISION_TYPES),
  chair: nameSchema.nullable(),
  mandatedPresent: z.array(nameSchema).max(0, MANDATE_IS_INNER),
  dissent: z.array(dissentSchema).max(0, MANDATE_IS_INNER),
  innerRefs: idListSchema,
}
/** Fields of a decision. */
export type DecisionFields = FieldsOf<typeof decisionShape>
/** A decision, in the `decisions` section. */
export interface Decision extends ItemMeta, DecisionFields {}
/** Fallback values of a stored decision. */
export const DECISION_FALLBACK: DecisionFields = { text: '', type: 'plan', chair: null, mandatedPresent: [], dissent: [], innerRefs: [] }
/** Input of `addDecision`. */
export const decisionInputSchema = z.strictObject({
  ...decisionShape,
  chair: decisionShape.chair.default(null),
  mandatedPresent: decisionShape.mandatedPresent.default([]),
  dissent: decisionShape.dissent.default([]),
  innerRefs: decisionShape.innerRefs.default([]),
})
/** Input of `addDecision`. */
export type DecisionInput = z.input<typeof decisionInputSchema>
/** Patch of `updateDecision`. */
export const decisionPatchSchema = z.strictObject(decisionShape).partial()
/** Patch of `updateDecision`. */
export type DecisionPatch = z.input<typeof decisionPatchSchema>

/** Escalation under regie: the outcome is text plus, once taken, a decision. */
export const escalationShape = {
  issue: requiredTextSchema,
  raisedBy: nameSchema,
  raisedTo: nameSchema,
  due: isoDateSchema,
  actionId: idSchema.nullable(),
  outcome: textSchema,
  outcomeDecisionId: idSchema.nullable(),
}
/** Fields of an escalation. */
export type EscalationFields = FieldsOf<typeof escalationShape>
/** An escalation, in the `escalations` section. */
export interface Escalation extends ItemMeta, EscalationFields {}
/** Fallback values of a stored escalation. */
export const ESCALATION_FALLBACK: EscalationFields = { issue: '', raisedBy: '', raisedTo: '', due: '', actionId: null, outcome: '', outcomeDecisionId: null }
/** Input of `addEscalation`. */
export const escalationInputSchema = z.strictObject({
  ...escalationShape,
  actionId: escalationShape.actionId.default(null),
  outcome: escalationShape.outcome.default(''),
  outcomeDecisionId: escalationShape.outcomeDecisionId.default(null),
})
/** Input of `addEscalation`. */
export type EscalationInput = z.input<typeof escalationInputSchema>
/** Patch of `updateEscalation`. */
export const escalationPatchSchema = z.strictObject(escalationShape).partial()
/** Patch of `updateEscalation`. */
export type EscalationPatch = z.input<typeof escalationPatchSchema>

/** State of one MDA++ result; its goals are items of the `goals` section. */
export interface ResultState {
  key: ResultKey
  status: ResultStatus
  evidence: string
  /** Last change, or null when never changed after migration. */
  updatedAt: string | null
  updatedBy: string | null
}
/** Stored fields of a result's map. */
export const resultStateShape = {
  status: z.enum(RESULT_STATUSES),
  evidence: textSchema,
  updatedAt: isoDateTimeSchema.nullable(),
  updatedBy: nameSchema.nullable(),
}
/** What a result reads as before anyone changed it. */
export const RESULT_FALLBACK: Omit<ResultState, 'key'> = { status: 'open', evidence: '', updatedAt: null, updatedBy: null }
/** Patch of `setResult`. */
export const resultPatchSchema = z.strictObject({ status: z.enum(RESULT_STATUSES), evidence: textSchema }).partial()
/** Patch of `setResult`. */
export type ResultPatch = z.input<typeof resultPatchSchema>

/** Who holds a regie role: an organisation, optionally a person in it. */
export const regieHolderSchema = z.strictObject({ organisation: nameSchema, person: nameSchema.nullable().default(null) })
/** Who holds a regie role. */
export interface RegieHolder {
  organisation: string
  person: string | null
}
/** Regie bookkeeping: when the roles last changed and by whom. */
export const regieMetaShape = { updatedAt: isoDateTimeSchema.nullable(), updatedBy: nameSchema.nullable() }
/** The four regie roles (DOMAIN.md §4.5); null while unassigned. */
export const regieShape = {
  casusregisseur: regieHolderSchema.nullable(),
  procesregisseur: regieHolderSchema.nullable(),
  responsiblePartner: regieHolderSchema.nullable(),
  doorzettingsmacht: regieHolderSchema.nullable(),
}
/** Names of the regie roles. */
export const REGIE_ROLES = ['casusregisseur', 'procesregisseur', 'responsiblePartner', 'doorzettingsmacht'] as const
/** The regie roles and when they last changed. */
export interface RegieState extends FieldsOf<typeof regieShape> {
  updatedAt: string | null
  updatedBy: string | null
}
/** Patch of `setRegie`: a role set to null is unassigned. */
export const regiePatchSchema = z.strictObject(regieShape).partial()
/** Patch of `setRegie`. */
export type RegiePatch = z.input<typeof regiePatchSchema>

/** One GSaV phase change; a phase change is a decision (DOMAIN.md §4.4). */
export interface PhaseChange {
  from: GsavPhase
  to: GsavPhase
  at: string
  decisionId: string
  author: string
  organisation: string
  meetingId: string | null
}
/** zod schema of {@link PhaseChange}. */
export const phaseChangeSchema: z.ZodType<PhaseChange> = z.strictObject({
  from: z.enum(GSAV_PHASES),
  to: z.enum(GSAV_PHASES),
  at: isoDateTimeSchema,
  decisionId: idSchema,
  author: nameSchema,
  organisation: nameSchema,
  meetingId: idSchema.nullable(),
})
/** The phase a plan starts in, before any phase decision. */
export const INITIAL_PHASE: GsavPhase = 'veiligheid'
/** The GSaV phase with its history, oldest change first. */
export interface PhaseState {
  current: GsavPhase
  /** When the current phase began, or null for the initial phase. */
  since: string | null
  /** The phase decision behind the current phase, or null for the initial phase. */
  decisionId: string | null
  history: PhaseChange[]
}
