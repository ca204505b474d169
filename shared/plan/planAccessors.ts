/**
 * Typed accessors of the plan document `case/<id>/plan`: goals, safety agreements,
 * actions, decisions and escalations (section items), and the four results, regie and
 * the GSaV phase. Mutators validate, then write in one transaction; on bad input they
 * throw `PlanValidationError` and change nothing. Tombstone items with `removeItem`.
 * The section accessors are aliases of the generic ones in `sectionAccessors.ts`.
 */
import * as Y from 'yjs'
import { PlanValidationError } from './errors'
import { asYMap, getPhaseHistory, getPhaseMap, getRegieMap, getResultsMap } from './layout'
import { assertPlanDoc } from './migrate'
import { GSAV_PHASES, RESULT_KEYS, readFields, resultKeySchema, type GsavPhase, type PlanActor, type ResultKey } from './model'
import {
  INITIAL_PHASE, REGIE_ROLES, RESULT_FALLBACK, phaseChangeSchema, regieMetaShape, regiePatchSchema, regieShape,
  resultPatchSchema, resultStateShape,
  type Goal, type PhaseChange, type PhaseState, type RegiePatch, type RegieState, type ResultPatch, type ResultState,
} from './planItems'
import { getItem, parseActor, zodProblems, type ListOptions } from './schema'
import { accessorsOf } from './sectionAccessors'
import { isDeepEqual } from './deepEqual'

const goals = accessorsOf('goals')
/** Adds a goal under a result; changes a goal. @throws PlanValidationError, PlanDocumentError */
export const { add: addGoal, update: updateGoal } = goals
/** Goals of all results (or of one), in creation order. */
export function listGoals(doc: Y.Doc, options: ListOptions & { resultKey?: ResultKey } = {}): Goal[] {
  return goals.list(doc, options).filter((g) => options.resultKey === undefined || g.resultKey === options.resultKey)
}

/** Adds, changes and lists safety agreements (creation order). @throws PlanValidationError, PlanDocumentError */
export const { add: addAgreement, update: updateAgreement, list: listAgreements } = accessorsOf('agreements')
/**
 * Adds an action linked to a live goal or a result; changes one (a blocked one needs
 * `blockedReason`); lists them in creation order. @throws PlanValidationError, PlanDocumentError
 */
export const { add: addAction, update: updateAction, list: listActions } = accessorsOf('actions')
/** Records, corrects and lists decisions (creation order). @throws PlanValidationError, PlanDocumentError */
export const { add: addDecision, update: updateDecision, list: listDecisions } = accessorsOf('decisions')
/** Adds an escalation (regie), changes one (e.g. records its outcome), lists them. @throws PlanValidationError, PlanDocumentError */
export const { add: addEscalation, update: updateEscalation, list: listEscalations } = accessorsOf('escalations')

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
