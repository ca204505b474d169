/**
 * The family plan as plain JSON, in the schema's own shape: what `planToJson` returns,
 * what an adopted version stores for comparison, and what `diffPlans` and
 * `validatePlanJson` take. The inner part's keys are present only when the reader may
 * see the inner document; otherwise they are absent, not empty.
 */
import type { ResultDeadline } from './deadlines'
import type { DangerStatement, JusticeItem, Person, RedFlag, SafetyScore, SosItem, TraumaScreening } from './innerItems'
import type { DecisionMandate, InnerAction, InnerDecision } from './innerRecords'
import type { Action, Agreement, Decision, Escalation, Goal, PhaseState, RegieState, ResultState } from './planItems'

/** One MDA++ result with its dates and goals. */
export interface ResultJson extends ResultState {
  /** Dates from the case's start date; null when the start date is unknown. */
  deadlines: ResultDeadline | null
  /** Goals of this result, in creation order. */
  goals: Goal[]
}

/** Regie roles with the escalations. */
export interface RegieJson extends RegieState {
  escalations: Escalation[]
}

/** The part of the plan both rings may read (`case/<id>/plan`). */
export interface PlanPartJson {
  schemaVersion: number
  /** Entry into MDA++, `YYYY-MM-DD`, or null when unknown. */
  caseStartDate: string | null
  /** Always all four, in `RESULT_KEYS` order. */
  results: ResultJson[]
  agreements: Agreement[]
  actions: Action[]
  decisions: Decision[]
  regie: RegieJson
  phase: PhaseState
  /** The prose summary as plain text, paragraphs joined by "\n". */
  summaryText: string
}

/** The inner ring's part (`case/<id>/inner`). */
export interface InnerPartJson {
  family: Person[]
  sosMap: SosItem[]
  dangerStatements: DangerStatement[]
  /** One entry per flag: the ten standard ones first, then regional ones. */
  redFlags: RedFlag[]
  safetyScale: SafetyScore[]
  justice: JusticeItem[]
  traumaScreening: TraumaScreening[]
  /** Actions a school must not see. */
  innerActions: InnerAction[]
  /** Decisions a school must not see, with mandate and dissent. */
  innerDecisions: InnerDecision[]
  /** Mandate and dissent of plan decisions, by `decisionId`. */
  decisionMandates: DecisionMandate[]
  /** The prose inner notes as plain text. */
  innerNotesText: string
}

/** A plan as JSON; the inner keys are present only for a reader of the inner document. */
export interface PlanJson extends PlanPartJson, Partial<InnerPartJson> {}

/** The keys of {@link InnerPartJson}: absent from a plan-only JSON. */
export const INNER_JSON_KEYS = [
  'family', 'sosMap', 'dangerStatements', 'redFlags', 'safetyScale', 'justice', 'traumaScreening',
  'innerActions', 'innerDecisions', 'decisionMandates', 'innerNotesText',
] as const satisfies readonly (keyof InnerPartJson)[]

/** Whether a plan JSON carries the inner part. */
export function hasInnerPart(json: PlanJson): json is PlanJson & InnerPartJson {
  return INNER_JSON_KEYS.every((key) => json[key] !== undefined)
}
