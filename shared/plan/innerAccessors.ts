/**
 * Typed accessors of the inner document `case/<id>/inner` (inner ring only): family and
 * network, Signs of Safety map, danger statements, veiligheidsschaal (append-only),
 * justice and police items, trauma screening, and the red flags with their history.
 * Mutators validate, then write in one transaction; on bad input they throw
 * `PlanValidationError` and change nothing. Tombstone items with `removeItem`.
 * The section accessors are aliases of the generic ones in `sectionAccessors.ts`.
 */
import * as Y from 'yjs'
import { todayIsoDate } from './dates'
import { isDeepEqual } from './deepEqual'
import { PlanValidationError } from './errors'
import { RED_FLAG_FALLBACK, redFlagInputSchema, redFlagStateShape, type RedFlag, type RedFlagOptions, type RedFlagState } from './innerItems'
import { RED_FLAG_HISTORY, asYMap, getRedFlagsMap } from './layout'
import { assertPlanDoc, newRedFlagMap } from './migrate'
import { RED_FLAG_KEYS, readFields, redFlagKeySchema, type PlanActor, type RedFlagStatus } from './model'
import { parseActor, zodProblems } from './schema'
import { accessorsOf, appendOnlyAccessorsOf } from './sectionAccessors'

/** Adds a person (first name only), changes one, lists the family and its network. @throws PlanValidationError, PlanDocumentError */
export const { add: addPerson, update: updatePerson, list: listPersons } = accessorsOf('family')
/** Adds, changes and lists Signs of Safety map items. @throws PlanValidationError, PlanDocumentError */
export const { add: addSosItem, update: updateSosItem, list: listSosItems } = accessorsOf('sosMap')
/** Adds, changes and lists danger statements. @throws PlanValidationError, PlanDocumentError */
export const { add: addDangerStatement, update: updateDangerStatement, list: listDangerStatements } = accessorsOf('dangerStatements')
/**
 * Appends one partner's score (0–10) on the veiligheidsschaal; lists every entry (the
 * scale's history). There is no update: scores are never overwritten; a mistaken entry is
 * removed (tombstone) and re-entered. @throws PlanValidationError, PlanDocumentError
 */
export const { add: addSafetyScore, list: listSafetyScores } = appendOnlyAccessorsOf('safetyScale')
/** Adds, changes and lists justice and police items. @throws PlanValidationError, PlanDocumentError */
export const { add: addJusticeItem, update: updateJusticeItem, list: listJusticeItems } = accessorsOf('justice')
/** Adds the trauma screening record of a person (one per person), changes and lists them. @throws PlanValidationError, PlanDocumentError */
export const { add: addTraumaScreening, update: updateTraumaScreening, list: listTraumaScreenings } = accessorsOf('traumaScreening')
/** Adds (optionally with a chosen id), changes and lists actions only the binnenring sees (e.g. a perpetrator programme). */
export const { add: addInnerAction, update: updateInnerAction, list: listInnerActions } = accessorsOf('innerActions')
/** Records (optionally with a chosen id) and lists decisions only the binnenring sees, with mandate and dissent. */
export const { add: addInnerDecision, list: listInnerDecisions } = appendOnlyAccessorsOf('innerDecisions')
/**
 * Records who was present with mandate and who dissented when a plan decision was
 * taken (append-only; the plan decision names nobody), and lists those records.
 * @throws PlanValidationError, PlanDocumentError
 */
export const { add: addDecisionMandate, list: listDecisionMandates } = appendOnlyAccessorsOf('decisionMandates')

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
