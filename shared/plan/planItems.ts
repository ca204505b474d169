/**
 * Items and states of the plan document `case/<id>/plan`, which both rings read
 * (DOMAIN.md §4.1): everything here must be fit for a school to read. A plan item may
 * point at an inner item by id (`innerRefs`), never copy its text.
 *
 * Per item kind: its item, input and patch types (derived from its declaration in
 * `kinds/`, as are its schemas: see `sections.ts`) and, where fields depend on each
 * other, a cross-field check.
 */
import { z } from 'zod'
import type { PlanProblem } from './errors'
import { actionKind } from './kinds/action'
import { fallbackOf, inputSchemaOf, patchSchemaOf, shapeOf, type KindFields, type KindInput, type KindPatch } from './kinds/kindTypes'
import { agreementKind, decisionKind, dissentSchema, escalationKind, goalKind, phaseChangeKind, regieHolderSchema, regieKind, resultKind } from './kinds/planKinds'
import {
  RESULT_STATUSES, isoDateTimeSchema, nameSchema, textSchema,
  type FieldsOf, type GsavPhase, type ItemMeta, type ResultKey, type ResultStatus,
} from './model'

/** A goal, in the `goals` section; `resultKey` places it under its result (declared in kinds/planKinds.ts). */
export interface Goal extends ItemMeta, KindFields<typeof goalKind> {}
/** Input of `addGoal`. */
export type GoalInput = KindInput<typeof goalKind>
/** Patch of `updateGoal`. */
export type GoalPatch = KindPatch<typeof goalKind>

/** Fields of a safety agreement (veiligheidsafspraak), declared in kinds/planKinds.ts. */
export type AgreementFields = KindFields<typeof agreementKind>
/** A safety agreement, in the `agreements` section. */
export interface Agreement extends ItemMeta, AgreementFields {}
/** Input of `addAgreement`. */
export type AgreementInput = KindInput<typeof agreementKind>
/** Patch of `updateAgreement`. */
export type AgreementPatch = KindPatch<typeof agreementKind>

/** Cross-field rule of an agreement: the review date is not before the start. */
export function checkAgreement(a: AgreementFields): PlanProblem[] {
  if (a.reviewDate !== null && a.startDate !== '' && a.reviewDate < a.startDate) {
    return [{ path: 'reviewDate', message: 'is before the start date' }]
  }
  return []
}

/** Fields of an action (actie), declared in kinds/action.ts. */
export type ActionFields = KindFields<typeof actionKind>
/** An action, in the `actions` section. */
export interface Action extends ItemMeta, ActionFields {}
/** Fallback values of a stored action. */
export const ACTION_FALLBACK: ActionFields = fallbackOf(actionKind)
/** Input of `addAction`: link it to either `goalId` or `resultKey`. */
export const actionInputSchema = inputSchemaOf(actionKind)
/** Input of `addAction`. */
export type ActionInput = KindInput<typeof actionKind>
/** Patch of `updateAction`; to relink, set the new link and null the other one. */
export const actionPatchSchema = patchSchemaOf(actionKind)
/** Patch of `updateAction`. */
export type ActionPatch = KindPatch<typeof actionKind>

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

/** A decision (besluit), in the `decisions` section; in the plan `mandatedPresent` and `dissent` stay empty (see decisionKind). */
export interface Decision extends ItemMeta, KindFields<typeof decisionKind> {}
/** Input of `addDecision`. */
export type DecisionInput = KindInput<typeof decisionKind>
/** Patch of `updateDecision`. */
export type DecisionPatch = KindPatch<typeof decisionKind>

/** An escalation under regie, in the `escalations` section (declared in kinds/planKinds.ts). */
export interface Escalation extends ItemMeta, KindFields<typeof escalationKind> {}
/** Input of `addEscalation`. */
export type EscalationInput = KindInput<typeof escalationKind>
/** Patch of `updateEscalation`. */
export type EscalationPatch = KindPatch<typeof escalationKind>

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
