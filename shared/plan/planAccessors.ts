/**
 * Typed accessors of the plan document `case/<id>/plan`: goals, safety agreements,
 * actions, decisions and escalations (section items), and the four results, regie and
 * the GSaV phase. Mutators validate, then write in one transaction; on bad input they
 * throw `PlanValidationError` and change nothing. Tombstone items with `removeItem`.
 */
import * as Y from 'yjs'
import { PlanValidationError } from './errors'
import { asYMap, getPhaseHistory, getPhaseMap, getRegieMap, getResultsMap } from './layout'
import { assertPlanDoc } from './migrate'
import { GSAV_PHASES, RESULT_KEYS, readFields, resultKeySchema, type GsavPhase, type PlanActor, type ResultKey } from './model'
import {
  INITIAL_PHASE, REGIE_ROLES, RESULT_FALLBACK, phaseChangeSchema, regieMetaShape, regiePatchSchema, regieShape,
  resultPatchSchema, resultStateShape,
  type Action, type ActionInput, type ActionPatch, type Agreement, type AgreementInput, type AgreementPatch,
  type Decision, type DecisionInput, type DecisionPatch, type Escalation, type EscalationInput, type EscalationPatch,
  type Goal, type GoalInput, type GoalPatch, type PhaseChange, type PhaseState, type RegiePatch, type RegieState,
  type ResultPatch, type ResultState,
} from './planItems'
import { addItem, getItem, listItems, parseActor, updateItem, zodProblems, type ListOptions } from './schema'
import { isDeepEqual } from './deepEqual'

/** Adds a goal under a result. @throws PlanValidationError, PlanDocumentError */
export function addGoal(doc: Y.Doc, input: GoalInput, actor: PlanActor): Goal {
  return addItem(doc, 'goals', input, actor)
}
/** Changes a goal. @throws PlanValidationError, PlanDocumentError */
export function updateGoal(doc: Y.Doc, id: string, patch: GoalPatch, actor: PlanActor): Goal {
  return updateItem(doc, 'goals', id, patch, actor)
}
/** Goals of all results (or of one), in creation order. */
export function listGoals(doc: Y.Doc, options: ListOptions & { resultKey?: ResultKey } = {}): Goal[] {
  return listItems(doc, 'goals', options).filter((g) => options.resultKey === undefined || g.resultKey === options.resultKey)
}

/** Adds a safety agreement. @throws PlanValidationError, PlanDocumentError */
export function addAgreement(doc: Y.Doc, input: AgreementInput, actor: PlanActor): Agreement {
  return addItem(doc, 'agreements', input, actor)
}
/** Changes a safety agreement. @throws PlanValidationError, PlanDocumentError */
export function updateAgreement(doc: Y.Doc, id: string, patch: AgreementPatch, actor: PlanActor): Agreement {
  return updateItem(doc, 'agreements', id, patch, actor)
}
/** Safety agreements in creation order. */
export function listAgreements(doc: Y.Doc, options: ListOptions = {}): Agreement[] {
  return listItems(doc, 'agreements', options)
}

/** Adds an action linked to a live goal or a result. @throws PlanValidationError, PlanDocumentError */
export function addAction(doc: Y.Doc, input: ActionInput, actor: PlanActor): Action {
  return addItem(doc, 'actions', input, actor)
}
/** Changes an action (a blocked one needs `blockedReason`). @throws PlanValidationError, PlanDocumentError */
export function updateAction(doc: Y.Doc, id: string, patch: ActionPatch, actor: PlanActor): Action {
  return updateItem(doc, 'actions', id, patch, actor)
}
/** Actions in creation order. */
export function listActions(doc: Y.Doc, options: ListOptions = {}): Action[] {
  return listItems(doc, 'actions', options)
}

/** Records a decision. @throws PlanValidationError, PlanDocumentError */
export function addDecision(doc: Y.Doc, input: DecisionInput, actor: PlanActor): Decision {
  return addItem(doc, 'decisions', input, actor)
}
/** Corrects a decision. @throws PlanValidationError, PlanDocumentError */
export function updateDecision(doc: Y.Doc, id: string, patch: DecisionPatch, actor: PlanActor): Decision {
  return updateItem(doc, 'decisions', id, patch, actor)
}
/** Decisions in creation order. */
export function listDecisions(doc: Y.Doc, options: ListOptions = {}): Decision[] {
  return listItems(doc, 'decisions', options)
}

/** Adds an escalation (regie). @throws PlanValidationError, PlanDocumentError */
export function addEscalation(doc: Y.Doc, input: EscalationInput, actor: PlanActor): Escalation {
  return addItem(doc, 'escalations', input, actor)
}
/** Changes an escalation, e.g. records its outcome. @throws PlanValidationError, PlanDocumentError */
export function updateEscalation(doc: Y.Doc, id: string, patch: EscalationPatch, actor: PlanActor): Escalation {
  return updateItem(doc, 'escalations', id, patch, actor)
}
/** Escalations in creation order. */
export function listEscalations(doc: Y.Doc, options: ListOptions = {}): Escalation[] {
  return listItems(doc, 'escalations', options)
}

/** One result's state; a result missing from the document reads as open. */
export function getResult(doc: Y.Doc, key: ResultKey): ResultState {
  const map = asYMap(getResultsMap(doc).get(key))
  const raw = (map?.toJSON() ?? {}) as Record<string, unknown>
  return { key, ...readFields(resultStateShape, RESULT_FALLBACK, raw) }
}

/** The four results, always all four, in {@link RESULT_KEYS} order. */
export function listResults(doc: Y.Doc): ResultState[] {
  return RESULT_KEYS.map((key) => getResult(doc, key))
}

/**
 * Sets a result's status and/or evidence note.
 * @throws PlanValidationError on an unknown key or invalid patch; PlanDocumentError.
 */
export function setResult(doc: Y.Doc, key: ResultKey, patch: ResultPatch, actor: PlanActor): ResultState {
  assertPlanDoc(doc, 'plan')
  const who = parseActor(actor)
  const parsedKey = resultKeySchema.safeParse(key)
  if (!parsedKey.success) throw new PlanValidationError(zodProblems(parsedKey.error, 'key'))
  const parsed = resultPatchSchema.safeParse(patch)
  if (!parsed.success) throw new PlanValidationError(zodProblems(parsed.error))
  const current = getResult(doc, key)
  const changes = Object.entries(parsed.data).filter(([k, v]) => v !== undefined && !isDeepEqual(current[k as keyof ResultState], v))
  if (changes.length === 0) return current
  doc.transact(() => {
    const results = getResultsMap(doc)
    let map = asYMap(results.get(key))
    if (!map) {
      map = new Y.Map<unknown>()
      results.set(key, map)
    }
    for (const [k, v] of changes) map.set(k, v)
    map.set('updatedAt', new Date().toISOString())
    map.set('updatedBy', who.name)
  }, who.origin)
  return getResult(doc, key)
}

/** The regie roles; an unassigned role is null. */
export function getRegie(doc: Y.Doc): RegieState {
  const raw = getRegieMap(doc).toJSON() as Record<string, unknown>
  const roles = readFields(regieShape, { casusregisseur: null, procesregisseur: null, responsiblePartner: null, doorzettingsmacht: null }, raw)
  return { ...roles, ...readFields(regieMetaShape, { updatedAt: null, updatedBy: null }, raw) }
}

/**
 * Assigns (or, with null, unassigns) regie roles.
 * @throws PlanValidationError on an invalid patch; PlanDocumentError.
 */
export function setRegie(doc: Y.Doc, patch: RegiePatch, actor: PlanActor): RegieState {
  assertPlanDoc(doc, 'plan')
  const who = parseActor(actor)
  const parsed = regiePatchSchema.safeParse(patch)
  if (!parsed.success) throw new PlanValidationError(zodProblems(parsed.error))
  const current = getRegie(doc)
  const changes = REGIE_ROLES.filter((role) => parsed.data[role] !== undefined && !isDeepEqual(current[role], parsed.data[role]))
  if (changes.length === 0) return current
  doc.transact(() => {
    const map = getRegieMap(doc)
    for (const role of changes) map.set(role, parsed.data[role] ?? null)
    map.set('updatedAt', new Date().toISOString())
    map.set('updatedBy', who.name)
  }, who.origin)
  return getRegie(doc)
}

/** The GSaV phase with its history (oldest change first); `veiligheid` before any change. */
export function getPhase(doc: Y.Doc): PhaseState {
  const map = getPhaseMap(doc)
  const current = map.get('current')
  const isKnown = GSAV_PHASES.includes(current as GsavPhase)
  const history: PhaseChange[] = []
  for (const entry of getPhaseHistory(doc).toArray()) {
    const parsed = phaseChangeSchema.safeParse(entry)
    if (parsed.success) history.push(parsed.data)
  }
  history.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
  return {
    current: isKnown ? (current as GsavPhase) : INITIAL_PHASE,
    since: isKnown && typeof map.get('since') === 'string' ? (map.get('since') as string) : null,
    decisionId: isKnown && typeof map.get('decisionId') === 'string' ? (map.get('decisionId') as string) : null,
    history,
  }
}

/**
 * Moves the plan to a GSaV phase. A phase change is a decision (DOMAIN.md §4.4):
 * `decisionId` must be a live decision of type `phase`. The change is appended to the
 * history; setting the current phase again changes nothing.
 * @throws PlanValidationError on an unknown phase or decision; PlanDocumentError.
 */
export function setPhase(doc: Y.Doc, phase: GsavPhase, decisionId: string, actor: PlanActor): PhaseState {
  assertPlanDoc(doc, 'plan')
  const who = parseActor(actor)
  if (!GSAV_PHASES.includes(phase)) throw new PlanValidationError([{ path: 'phase', message: 'is not a GSaV phase' }])
  const decision = getItem(doc, 'decisions', decisionId)
  if (!decision || decision.removedAt !== null || decision.type !== 'phase') {
    throw new PlanValidationError([{ path: 'decisionId', message: 'must be a live decision of type phase' }])
  }
  const state = getPhase(doc)
  if (state.current === phase) return state
  const at = new Date().toISOString()
  const change: PhaseChange = {
    from: state.current, to: phase, at, decisionId, author: who.name, organisation: who.organisation, meetingId: who.meetingId,
  }
  doc.transact(() => {
    getPhaseHistory(doc).push([change])
    const map = getPhaseMap(doc)
    map.set('current', phase)
    map.set('since', at)
    map.set('decisionId', decisionId)
  }, who.origin)
  return getPhase(doc)
}
