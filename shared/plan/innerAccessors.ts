/**
 * Typed accessors of the inner document `case/<id>/inner` (inner ring only): family and
 * network, Signs of Safety map, danger statements, veiligheidsschaal (append-only),
 * justice and police items, trauma screening, and the red flags with their history.
 * Mutators validate, then write in one transaction; on bad input they throw
 * `PlanValidationError` and change nothing. Tombstone items with `removeItem`.
 */
import * as Y from 'yjs'
import { todayIsoDate } from './dates'
import { isDeepEqual } from './deepEqual'
import { PlanValidationError } from './errors'
import {
  RED_FLAG_FALLBACK, redFlagInputSchema, redFlagStateShape,
  type DangerStatement, type DangerStatementInput, type DangerStatementPatch, type JusticeItem, type JusticeItemInput,
  type JusticeItemPatch, type Person, type PersonInput, type PersonPatch, type RedFlag, type RedFlagOptions, type RedFlagState,
  type SafetyScore, type SafetyScoreInput, type SosItem, type SosItemInput, type SosItemPatch, type TraumaScreening,
  type TraumaScreeningInput, type TraumaScreeningPatch,
} from './innerItems'
import type {
  DecisionMandate, DecisionMandateInput, InnerAction, InnerDecision, InnerDecisionInput,
} from './innerRecords'
import { RED_FLAG_HISTORY, asYMap, getRedFlagsMap } from './layout'
import { assertPlanDoc, newRedFlagMap } from './migrate'
import { RED_FLAG_KEYS, readFields, redFlagKeySchema, type PlanActor, type RedFlagStatus } from './model'
import type { ActionInput, ActionPatch } from './planItems'
import { addItem, listItems, parseActor, updateItem, zodProblems, type ListOptions } from './schema'

/** Adds a person (first name only). @throws PlanValidationError, PlanDocumentError */
export function addPerson(doc: Y.Doc, input: PersonInput, actor: PlanActor): Person {
  return addItem(doc, 'family', input, actor)
}
/** Changes a person. @throws PlanValidationError, PlanDocumentError */
export function updatePerson(doc: Y.Doc, id: string, patch: PersonPatch, actor: PlanActor): Person {
  return updateItem(doc, 'family', id, patch, actor)
}
/** The family and its network, in creation order. */
export function listPersons(doc: Y.Doc, options: ListOptions = {}): Person[] {
  return listItems(doc, 'family', options)
}

/** Adds a Signs of Safety map item. @throws PlanValidationError, PlanDocumentError */
export function addSosItem(doc: Y.Doc, input: SosItemInput, actor: PlanActor): SosItem {
  return addItem(doc, 'sosMap', input, actor)
}
/** Changes a map item. @throws PlanValidationError, PlanDocumentError */
export function updateSosItem(doc: Y.Doc, id: string, patch: SosItemPatch, actor: PlanActor): SosItem {
  return updateItem(doc, 'sosMap', id, patch, actor)
}
/** Map items in creation order. */
export function listSosItems(doc: Y.Doc, options: ListOptions = {}): SosItem[] {
  return listItems(doc, 'sosMap', options)
}

/** Adds a danger statement. @throws PlanValidationError, PlanDocumentError */
export function addDangerStatement(doc: Y.Doc, input: DangerStatementInput, actor: PlanActor): DangerStatement {
  return addItem(doc, 'dangerStatements', input, actor)
}
/** Changes a danger statement. @throws PlanValidationError, PlanDocumentError */
export function updateDangerStatement(doc: Y.Doc, id: string, patch: DangerStatementPatch, actor: PlanActor): DangerStatement {
  return updateItem(doc, 'dangerStatements', id, patch, actor)
}
/** Danger statements in creation order. */
export function listDangerStatements(doc: Y.Doc, options: ListOptions = {}): DangerStatement[] {
  return listItems(doc, 'dangerStatements', options)
}

/**
 * Appends one partner's score (0–10) on the veiligheidsschaal. There is no update:
 * scores are never overwritten; a mistaken entry is removed (tombstone) and re-entered.
 * @throws PlanValidationError, PlanDocumentError
 */
export function addSafetyScore(doc: Y.Doc, input: SafetyScoreInput, actor: PlanActor): SafetyScore {
  return addItem(doc, 'safetyScale', input, actor)
}
/** All score entries in creation order: the scale's history. */
export function listSafetyScores(doc: Y.Doc, options: ListOptions = {}): SafetyScore[] {
  return listItems(doc, 'safetyScale', options)
}

/** Adds a justice or police item. @throws PlanValidationError, PlanDocumentError */
export function addJusticeItem(doc: Y.Doc, input: JusticeItemInput, actor: PlanActor): JusticeItem {
  return addItem(doc, 'justice', input, actor)
}
/** Changes a justice or police item. @throws PlanValidationError, PlanDocumentError */
export function updateJusticeItem(doc: Y.Doc, id: string, patch: JusticeItemPatch, actor: PlanActor): JusticeItem {
  return updateItem(doc, 'justice', id, patch, actor)
}
/** Justice and police items in creation order. */
export function listJusticeItems(doc: Y.Doc, options: ListOptions = {}): JusticeItem[] {
  return listItems(doc, 'justice', options)
}

/** Adds the trauma screening record of a person (one per person). @throws PlanValidationError, PlanDocumentError */
export function addTraumaScreening(doc: Y.Doc, input: TraumaScreeningInput, actor: PlanActor): TraumaScreening {
  return addItem(doc, 'traumaScreening', input, actor)
}
/** Changes a trauma screening record. @throws PlanValidationError, PlanDocumentError */
export function updateTraumaScreening(doc: Y.Doc, id: string, patch: TraumaScreeningPatch, actor: PlanActor): TraumaScreening {
  return updateItem(doc, 'traumaScreening', id, patch, actor)
}
/** Trauma screening records in creation order. */
export function listTraumaScreenings(doc: Y.Doc, options: ListOptions = {}): TraumaScreening[] {
  return listItems(doc, 'traumaScreening', options)
}

/** Adds an action only the binnenring sees (e.g. a perpetrator programme). @throws PlanValidationError, PlanDocumentError */
export function addInnerAction(doc: Y.Doc, input: ActionInput, actor: PlanActor, options: { id?: string } = {}): InnerAction {
  return addItem(doc, 'innerActions', input, actor, options)
}
/** Changes an inner action. @throws PlanValidationError, PlanDocumentError */
export function updateInnerAction(doc: Y.Doc, id: string, patch: ActionPatch, actor: PlanActor): InnerAction {
  return updateItem(doc, 'innerActions', id, patch, actor)
}
/** Inner actions in creation order. */
export function listInnerActions(doc: Y.Doc, options: ListOptions = {}): InnerAction[] {
  return listItems(doc, 'innerActions', options)
}

/** Records a decision only the binnenring sees, with mandate and dissent. @throws PlanValidationError, PlanDocumentError */
export function addInnerDecision(doc: Y.Doc, input: InnerDecisionInput, actor: PlanActor, options: { id?: string } = {}): InnerDecision {
  return addItem(doc, 'innerDecisions', input, actor, options)
}
/** Inner decisions in creation order. */
export function listInnerDecisions(doc: Y.Doc, options: ListOptions = {}): InnerDecision[] {
  return listItems(doc, 'innerDecisions', options)
}

/**
 * Records who was present with mandate and who dissented when a plan decision was
 * taken (append-only; the plan decision names nobody). @throws PlanValidationError, PlanDocumentError
 */
export function addDecisionMandate(doc: Y.Doc, input: DecisionMandateInput, actor: PlanActor, options: { id?: string } = {}): DecisionMandate {
  return addItem(doc, 'decisionMandates', input, actor, options)
}
/** Mandate records in creation order. */
export function listDecisionMandates(doc: Y.Doc, options: ListOptions = {}): DecisionMandate[] {
  return listItems(doc, 'decisionMandates', options)
}

function readState(raw: unknown): RedFlagState {
  const record = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {}
  return readFields(redFlagStateShape, RED_FLAG_FALLBACK, record)
}

function readHistory(map: Y.Map<unknown>): RedFlagState[] {
  const history = map.get(RED_FLAG_HISTORY)
  if (!(history instanceof Y.Array)) return []
  const states: RedFlagState[] = []
  for (const entry of history.toArray()) {
    const state = readState(entry)
    // Two partners setting the flag at once both push the same previous state: keep it once.
    if (!states.some((s) => isDeepEqual(s, state))) states.push(state)
  }
  return states
}

function readFlag(key: string, map: Y.Map<unknown> | null): RedFlag {
  if (!map) return { key, ...RED_FLAG_FALLBACK, history: [] }
  return { key, ...readState(map.toJSON()), history: readHistory(map) }
}

/** One red flag; a standard flag missing from the document reads as unknown; an absent regional one is null. */
export function getRedFlag(doc: Y.Doc, key: string): RedFlag | null {
  const map = asYMap(getRedFlagsMap(doc).get(key))
  if (!map && !(RED_FLAG_KEYS as readonly string[]).includes(key)) return null
  return readFlag(key, map)
}

/** All red flags: the ten standard ones in {@link RED_FLAG_KEYS} order, then regional ones by key. */
export function listRedFlags(doc: Y.Doc): RedFlag[] {
  const flags = getRedFlagsMap(doc)
  const standard: readonly string[] = RED_FLAG_KEYS
  const regional = [...flags.keys()].filter((k) => !standard.includes(k) && redFlagKeySchema.safeParse(k).success).sort()
  return [...standard, ...regional].map((key) => readFlag(key, asYMap(flags.get(key))))
}

/**
 * Records a red flag's state; the previous state goes into its history. A new key adds
 * a regional flag. The recorder is the actor; source organisation defaults to the
 * actor's and the date to today. Recording the same state again changes nothing.
 * @throws PlanValidationError on an invalid key, status, note or option; PlanDocumentError.
 */
export function setRedFlag(
  doc: Y.Doc, key: string, status: RedFlagStatus, note: string, actor: PlanActor, options: RedFlagOptions = {},
): RedFlag {
  assertPlanDoc(doc, 'inner')
  const who = parseActor(actor)
  const parsed = redFlagInputSchema.safeParse({ key, status, note, ...options })
  if (!parsed.success) throw new PlanValidationError(zodProblems(parsed.error))
  const flags = getRedFlagsMap(doc)
  const existing = asYMap(flags.get(key))
  const previous = existing ? readState(existing.toJSON()) : null
  const next: RedFlagState = {
    status: parsed.data.status,
    note: parsed.data.note,
    sourceOrganisation: parsed.data.sourceOrganisation ?? who.organisation,
    date: parsed.data.date ?? todayIsoDate(),
    recorder: who.name,
    meetingId: who.meetingId,
    updatedAt: new Date().toISOString(),
  }
  if (previous && isSameObservation(previous, next)) return readFlag(key, existing)
  doc.transact(() => {
    const map = existing ?? newRedFlagMap()
    if (!existing) flags.set(key, map)
    let history = map.get(RED_FLAG_HISTORY)
    if (!(history instanceof Y.Array)) {
      history = new Y.Array<unknown>()
      map.set(RED_FLAG_HISTORY, history)
    }
    if (previous) (history as Y.Array<unknown>).push([previous])
    for (const [field, value] of Object.entries(next)) map.set(field, value)
  }, who.origin)
  return readFlag(key, asYMap(flags.get(key)))
}

function isSameObservation(a: RedFlagState, b: RedFlagState): boolean {
  return a.status === b.status && a.note === b.note && a.sourceOrganisation === b.sourceOrganisation && a.date === b.date
}
