/**
 * The registry of section kinds: for each section map, its field shape, fallback, input
 * and patch schemas (derived from the kind's declaration in `kinds/`), cross-field check,
 * and the references it must resolve inside its own document. `schema.ts` (writing) and
 * `validate.ts` (checking JSON) both use it.
 */
import type * as Y from 'yjs'
import type { z } from 'zod'
import type { PlanProblem } from './errors'
import {
  checkSafetyScore, checkTraumaScreening, safetyScoreInputSchema,
  type DangerStatement, type DangerStatementInput, type DangerStatementPatch, type JusticeItem, type JusticeItemInput,
  type JusticeItemPatch, type Person, type PersonInput, type PersonPatch, type SafetyScore, type SafetyScoreInput,
  type SosItem, type SosItemInput, type SosItemPatch, type TraumaScreening, type TraumaScreeningInput, type TraumaScreeningPatch,
} from './innerItems'
import type {
  DecisionMandate, DecisionMandateInput, InnerAction, InnerDecision, InnerDecisionInput, InnerDecisionPatch,
} from './innerRecords'
import { actionKind } from './kinds/action'
import {
  dangerStatementKind, decisionMandateKind, innerActionKind, innerDecisionKind, justiceItemKind, personKind, safetyScoreKind, sosItemKind,
  traumaScreeningKind,
} from './kinds/innerKinds'
import { fallbackOf, inputSchemaOf, patchSchemaOf, shapeOf, type ItemKind } from './kinds/kindTypes'
import { agreementKind, decisionKind, escalationKind, goalKind } from './kinds/planKinds'
import { asYMap, getSectionMap, type SectionName } from './layout'
import type { FieldShape } from './model'
import {
  checkAction, checkAgreement,
  type Action, type ActionInput, type ActionPatch, type Agreement, type AgreementInput, type AgreementPatch,
  type Decision, type DecisionInput, type DecisionPatch, type Escalation, type EscalationInput, type EscalationPatch,
  type Goal, type GoalInput, type GoalPatch,
} from './planItems'

/** The item type of each section. */
export interface SectionItems {
  goals: Goal
  agreements: Agreement
  actions: Action
  decisions: Decision
  escalations: Escalation
  family: Person
  sosMap: SosItem
  dangerStatements: DangerStatement
  safetyScale: SafetyScore
  justice: JusticeItem
  traumaScreening: TraumaScreening
  innerActions: InnerAction
  innerDecisions: InnerDecision
  decisionMandates: DecisionMandate
}

/** The input type of each section's add function. */
export interface SectionInputs {
  goals: GoalInput
  agreements: AgreementInput
  actions: ActionInput
  decisions: DecisionInput
  escalations: EscalationInput
  family: PersonInput
  sosMap: SosItemInput
  dangerStatements: DangerStatementInput
  safetyScale: SafetyScoreInput
  justice: JusticeItemInput
  traumaScreening: TraumaScreeningInput
  innerActions: ActionInput
  innerDecisions: InnerDecisionInput
  decisionMandates: DecisionMandateInput
}

/** The patch type of each editable section; `safetyScale` and `decisionMandates` are append-only. */
export interface SectionPatches {
  goals: GoalPatch
  agreements: AgreementPatch
  actions: ActionPatch
  decisions: DecisionPatch
  escalations: EscalationPatch
  family: PersonPatch
  sosMap: SosItemPatch
  dangerStatements: DangerStatementPatch
  justice: JusticeItemPatch
  traumaScreening: TraumaScreeningPatch
  innerActions: ActionPatch
  innerDecisions: InnerDecisionPatch
}

/** A section whose items can be edited after they are added. */
export type EditableSectionName = keyof SectionPatches

/** How one section kind is validated (field values are untyped here; see the maps above). */
export interface SectionSpec {
  /** Strict field schemas. */
  shape: FieldShape
  /** What a missing or malformed stored field reads as. */
  fallback: Readonly<Record<string, unknown>>
  /** Input of the add function, with defaults. */
  input: z.ZodType<Record<string, unknown>>
  /** Patch of the update function; null for an append-only section. */
  patch: z.ZodType<Record<string, unknown>> | null
  /** Rules between fields of one item. */
  check(fields: Record<string, unknown>): PlanProblem[]
  /** References to resolve in the same document; `selfId` is null for a new item. */
  refs?(doc: Y.Doc, fields: Record<string, unknown>, selfId: string | null): PlanProblem[]
}

function noProblems(): PlanProblem[] {
  return []
}

/** Whether `id` is a live (not tombstoned) item of a section in `doc`. */
export function isLiveItem(doc: Y.Doc, section: SectionName, id: string): boolean {
  const item = asYMap(getSectionMap(doc, section).get(id))
  return item !== null && item.get('removedAt') == null
}

function refProblem(doc: Y.Doc, section: SectionName, id: unknown, path: string, what: string): PlanProblem[] {
  if (typeof id !== 'string' || isLiveItem(doc, section, id)) return []
  return [{ path, message: `refers to no live ${what}` }]
}

function actionRefs(doc: Y.Doc, fields: Record<string, unknown>): PlanProblem[] {
  return fields.goalId == null ? [] : refProblem(doc, 'goals', fields.goalId, 'goalId', 'goal')
}

function escalationRefs(doc: Y.Doc, fields: Record<string, unknown>): PlanProblem[] {
  return [
    ...(fields.actionId == null ? [] : refProblem(doc, 'actions', fields.actionId, 'actionId', 'action')),
    ...(fields.outcomeDecisionId == null ? [] : refProblem(doc, 'decisions', fields.outcomeDecisionId, 'outcomeDecisionId', 'decision')),
  ]
}

function personRefs(doc: Y.Doc, fields: Record<string, unknown>, selfId: string | null): PlanProblem[] {
  const relations = (fields.relations ?? []) as readonly { personId: string }[]
  return relations.flatMap((r, i) =>
    r.personId === selfId
      ? [{ path: `relations[${i}].personId`, message: 'refers to the person itself' }]
      : refProblem(doc, 'family', r.personId, `relations[${i}].personId`, 'person'))
}

function traumaRefs(doc: Y.Doc, fields: Record<string, unknown>, selfId: string | null): PlanProblem[] {
  const problems = refProblem(doc, 'family', fields.personId, 'personId', 'person')
  getSectionMap(doc, 'traumaScreening').forEach((value, id) => {
    const other = asYMap(value)
    if (id !== selfId && other && other.get('removedAt') == null && other.get('personId') === fields.personId) {
      problems.push({ path: 'personId', message: 'already has a trauma screening record: update that one' })
    }
  })
  return problems
}

/** What a section adds to its kind's declaration: rules, and an input stricter than the stored shape. */
interface SectionRules {
  check?: SectionSpec['check']
  refs?: SectionSpec['refs']
  input?: SectionSpec['input']
  /** Entries are never changed: removed and added again (no patch schema). */
  isAppendOnly?: true
}

/** A section's spec: shape, fallback, input and patch derived from its kind's declaration. */
function specOf(kind: ItemKind, rules: SectionRules = {}): SectionSpec {
  const spec: SectionSpec = {
    shape: shapeOf(kind), fallback: fallbackOf(kind), input: rules.input ?? inputSchemaOf(kind),
    patch: rules.isAppendOnly ? null : patchSchemaOf(kind), check: rules.check ?? noProblems,
  }
  return rules.refs ? { ...spec, refs: rules.refs } : spec
}

/** The registry: one spec per section. */
export const SECTION_SPECS: Readonly<Record<SectionName, SectionSpec>> = {
  goals: specOf(goalKind),
  agreements: specOf(agreementKind, { check: checkAgreement }),
  actions: specOf(actionKind, { check: checkAction, refs: actionRefs }),
  decisions: specOf(decisionKind),
  escalations: specOf(escalationKind, { refs: escalationRefs }),
  family: specOf(personKind, { refs: personRefs }),
  sosMap: specOf(sosItemKind),
  dangerStatements: specOf(dangerStatementKind),
  safetyScale: specOf(safetyScoreKind, { input: safetyScoreInputSchema, check: checkSafetyScore, isAppendOnly: true }),
  justice: specOf(justiceItemKind),
  traumaScreening: specOf(traumaScreeningKind, { check: checkTraumaScreening, refs: traumaRefs }),
  // goalId of an inner action points at a goal in the plan document: not resolvable here (like danger statements' goalIds).
  innerActions: specOf(innerActionKind, { check: checkAction }),
  innerDecisions: specOf(innerDecisionKind),
  decisionMandates: specOf(decisionMandateKind, { isAppendOnly: true }),
}
