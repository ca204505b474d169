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
import { agreementKind, decisionKind, dissentSchema, escalationKind, goalKind, phaseChangeKind, regieHolderSchema, regieKind, resultKind } from './kinds/planKinds'
import {
  RESULT_STATUSES, isoDateTimeSchema, nameListSchema, nameSchema, textSchema,
  type FieldsOf, type GsavPhase, type ItemMeta, type ResultKey, type ResultStatus, MAX_LIST_LENGTH,
} from './model'

/** Goal of a result: declared in kinds/planKinds.ts; shape, fallback, input and patch derive from it. */
export const goalShape = shapeOf(goalKind)
/** Fields of Goal. */
export type GoalFields = FieldsOf<typeof goalShape>
/** A goal, in the `goals` section; `resultKey` places it under its result. */
export interface Goal extends ItemMeta, GoalFields {}
/** Fallback values of a stored goal. */
export const GOAL_FALLBACK: GoalFields = fallbackOf(goalKind)
/** Input of `addGoal`. */
export const goalInputSchema = inputSchemaOf(goalKind)
/** Input of `addGoal`. */
export type GoalInput = z.input<typeof goalInputSchema>
/** Patch of `updateGoal`. */
export const goalPatchSchema = patchSchemaOf(goalKind)
/** Patch of `updateGoal`. */
export type GoalPatch = z.input<typeof goalPatchSchema>

/** Safety agreement (veiligheidsafspraak): declared in kinds/planKinds.ts; shape, fallback, input and patch derive from it. */
export const agreementShape = shapeOf(agreementKind)
/** Fields of Agreement. */
export type AgreementFields = FieldsOf<typeof agreementShape>
/** A safety agreement, in the `agreements` section. */
export interface Agreement extends ItemMeta, AgreementFields {}
/** Fallback values of a stored agreement. */
export const AGREEMENT_FALLBACK: AgreementFields = fallbackOf(agreementKind)
/** Input of `addAgreement`. */
export const agreementInputSchema = inputSchemaOf(agreementKind)
/** Input of `addAgreement`. */
export type AgreementInput = z.input<typeof agreementInputSchema>
/** Patch of `updateAgreement`. */
export const agreementPatchSchema = patchSchemaOf(agreementKind)
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
export { dissentSchema }
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

/** Decision (besluit); in the plan `mandatedPresent` and `dissent` stay empty (see decisionKind): declared in kinds/planKinds.ts; shape, fallback, input and patch derive from it. */
export const decisionShape = shapeOf(decisionKind)
/** Fields of Decision. */
export type DecisionFields = FieldsOf<typeof decisionShape>
/** A decision, in the `decisions` section. */
export interface Decision extends ItemMeta, DecisionFields {}
/** Fallback values of a stored decision. */
export const DECISION_FALLBACK: DecisionFields = fallbackOf(decisionKind)
/** Input of `addDecision`. */
export const decisionInputSchema = inputSchemaOf(decisionKind)
/** Input of `addDecision`. */
export type DecisionInput = z.input<typeof decisionInputSchema>
/** Patch of `updateDecision`. */
export const decisionPatchSchema = patchSchemaOf(decisionKind)
/** Patch of `updateDecision`. */
export type DecisionPatch = z.input<typeof decisionPatchSchema>

/** Escalation under regie: declared in kinds/planKinds.ts; shape, fallback, input and patch derive from it. */
export const escalationShape = shapeOf(escalationKind)
/** Fields of Escalation. */
export type EscalationFields = FieldsOf<typeof escalationShape>
/** An escalation, in the `escalations` section. */
export interface Escalation extends ItemMeta, EscalationFields {}
/** Fallback values of a stored escalation. */
export const ESCALATION_FALLBACK: EscalationFields = fallbackOf(escalationKind)
/** Input of `addEscalation`. */
export const escalationInputSchema = inputSchemaOf(escalationKind)
/** Input of `addEscalation`. */
export type EscalationInput = z.input<typeof escalationInputSchema>
/** Patch of `updateEscalation`. */
export const escalationPatchSchema = patchSchemaOf(escalationKind)
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
/** Stored fields of a result's map (declared in kinds/planKinds.ts). */
export const resultStateShape = shapeOf(resultKind)
/** What a result reads as before anyone changed it. */
export const RESULT_FALLBACK: Omit<ResultState, 'key'> = fallbackOf(resultKind)
/** Patch of `setResult`. */
export const resultPatchSchema = z.strictObject({ status: z.enum(RESULT_STATUSES), evidence: textSchema }).partial()
/** Patch of `setResult`. */
export type ResultPatch = z.input<typeof resultPatchSchema>

/** Who holds a regie role: an organisation, optionally a person in it. */
export { regieHolderSchema }
/** Who holds a regie role. */
export interface RegieHolder {
  organisation: string
  person: string | null
}
/** Regie bookkeeping: when the roles last changed and by whom. */
export const regieMetaShape = { updatedAt: isoDateTimeSchema.nullable(), updatedBy: nameSchema.nullable() }
/** The four regie roles (DOMAIN.md §4.5, declared in kinds/planKinds.ts); null while unassigned. */
export const regieShape = shapeOf(regieKind)
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
export const phaseChangeSchema: z.ZodType<PhaseChange> = z.strictObject(shapeOf(phaseChangeKind))
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
