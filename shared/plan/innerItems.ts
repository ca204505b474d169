/**
 * Items and states of the inner document `case/<id>/inner`, which only the inner ring
 * reads (DOMAIN.md §4.1): family and network, Signs of Safety map, danger statements,
 * red flags, veiligheidsschaal, justice and police, trauma screening.
 *
 * AVG minimisation (DOMAIN.md §7): a person is a first name, a role, an age and
 * relations. Input schemas are strict, so a surname, BSN, address or birth date is
 * refused, not stored.
 */
import { z } from 'zod'
import type { PlanProblem } from './errors'
import {
  JUSTICE_ITEM_TYPES, MAX_LIST_LENGTH, PERSON_ROLES, RED_FLAG_STATUSES, SAFETY_SCORE_MAX,
  SAFETY_SCORE_MIN, SOS_ITEM_TYPES,
  idListSchema, idSchema, isoDateSchema, isoDateTimeSchema, nameListSchema, nameSchema, redFlagKeySchema,
  requiredOr, requiredTextSchema, textSchema,
  type FieldsOf, type ItemMeta, type RedFlagStatus,
} from './model'

/** Oldest age we accept; anything higher is a typo (or a birth year). */
export const MAX_AGE = 120

/** A first name: letters, with spaces, hyphens, apostrophes or dots between; no digits. */
export const firstNameSchema = nameSchema
  .regex(/^\p{L}[\p{L}\p{M} '’.-]*$/u, 'must be a first name only (letters, no digits)')

/** A relation from one person to another, e.g. `moeder van`. */
export const relationSchema = z.strictObject({ personId: idSchema, relation: nameSchema })
/** A relation from one person to another. */
export interface Relation {
  personId: string
  relation: string
}

/** Person in the family or its network. */
export const personShape = {
  firstName: firstNameSchema,
  role: z.enum(PERSON_ROLES),
  age: z.int({ error: requiredOr('must be a whole number') }).min(0, 'is negative').max(MAX_AGE, 'is too high').nullable(),
  relations: z.array(relationSchema).max(MAX_LIST_LENGTH, 'has too many entries'),
}
/** Fields of a person. */
export type PersonFields = FieldsOf<typeof personShape>
/** A person, in the `family` section. */
export interface Person extends ItemMeta, PersonFields {}
/** Fallback values of a stored person. */
export const PERSON_FALLBACK: PersonFields = { firstName: '', role: 'netwerk', age: null, relations: [] }
/** Input of `addPerson`. */
export const personInputSchema = z.strictObject({
  ...personShape,
  age: personShape.age.default(null),
  relations: personShape.relations.default([]),
})
/** Input of `addPerson`. */
export type PersonInput = z.input<typeof personInputSchema>
/** Patch of `updatePerson`. */
export const personPatchSchema = z.strictObject(personShape).partial()
/** Patch of `updatePerson`. */
export type PersonPatch = z.input<typeof personPatchSchema>

/** Signs of Safety map item. */
export const sosItemShape = { type: z.enum(SOS_ITEM_TYPES), text: requiredTextSchema }
/** Fields of a map item. */
export type SosItemFields = FieldsOf<typeof sosItemShape>
/** A Signs of Safety map item, in the `sosMap` section. */
export interface SosItem extends ItemMeta, SosItemFields {}
/** Fallback values of a stored map item. */
export const SOS_ITEM_FALLBACK: SosItemFields = { type: 'harm', text: '' }
/** Input of `addSosItem`. */
export const sosItemInputSchema = z.strictObject(sosItemShape)
/** Input of `addSosItem`. */
export type SosItemInput = z.input<typeof sosItemInputSchema>
/** Patch of `updateSosItem`. */
export const sosItemPatchSchema = z.strictObject(sosItemShape).partial()
/** Patch of `updateSosItem`. */
export type SosItemPatch = z.input<typeof sosItemPatchSchema>

/** Danger statement (gevaarsomschrijving); `goalIds` point at goals in the plan document. */
export const dangerStatementShape = {
  whoWorries: nameListSchema.min(1, 'names at least one who worries'),
  behaviour: requiredTextSchema,
  ifNothingChanges: requiredTextSchema,
  goalIds: idListSchema,
}
/** Fields of a danger statement. */
export type DangerStatementFields = FieldsOf<typeof dangerStatementShape>
/** A danger statement, in the `dangerStatements` section. */
export interface DangerStatement extends ItemMeta, DangerStatementFields {}
/** Fallback values of a stored danger statement. */
export const DANGER_STATEMENT_FALLBACK: DangerStatementFields = { whoWorries: [], behaviour: '', ifNothingChanges: '', goalIds: [] }
/** Input of `addDangerStatement`. */
export const dangerStatementInputSchema = z.strictObject({ ...dangerStatementShape, goalIds: dangerStatementShape.goalIds.default([]) })
/** Input of `addDangerStatement`. */
export type DangerStatementInput = z.input<typeof dangerStatementInputSchema>
/** Patch of `updateDangerStatement`. */
export const dangerStatementPatchSchema = z.strictObject(dangerStatementShape).partial()
/** Patch of `updateDangerStatement`. */
export type DangerStatementPatch = z.input<typeof dangerStatementPatchSchema>

/** A score on the veiligheidsschaal. */
export const safetyScoreValueSchema = z.int({ error: requiredOr('must be a whole number') })
  .min(SAFETY_SCORE_MIN, `must be ${SAFETY_SCORE_MIN} to ${SAFETY_SCORE_MAX}`)
  .max(SAFETY_SCORE_MAX, `must be ${SAFETY_SCORE_MIN} to ${SAFETY_SCORE_MAX}`)
/**
 * One partner's score at one moment. Entries are append-only: a new moment is a new
 * entry, a mistaken one is tombstoned and re-entered, never overwritten.
 * `score` is null only when a stored entry is unreadable (a missing score must not
 * read as 0, which means "the child cannot safely stay").
 */
export const safetyScoreShape = {
  partner: nameSchema,
  score: safetyScoreValueSchema.nullable(),
  date: isoDateSchema,
  reason: textSchema,
  addsPoint: textSchema,
}
/** Fields of a score entry. */
export type SafetyScoreFields = FieldsOf<typeof safetyScoreShape>
/** A veiligheidsschaal entry, in the `safetyScale` section. */
export interface SafetyScore extends ItemMeta, SafetyScoreFields {}
/** Fallback values of a stored score entry. */
export const SAFETY_SCORE_FALLBACK: SafetyScoreFields = { partner: '', score: null, date: '', reason: '', addsPoint: '' }
/** Input of `addSafetyScore`. */
export const safetyScoreInputSchema = z.strictObject({
  ...safetyScoreShape,
  score: safetyScoreValueSchema,
  reason: safetyScoreShape.reason.default(''),
  addsPoint: safetyScoreShape.addsPoint.default(''),
})
/** Input of `addSafetyScore`. */
export type SafetyScoreInput = z.input<typeof safetyScoreInputSchema>

/** Cross-field rule of a score entry: a stored entry has a score. */
export function checkSafetyScore(s: SafetyScoreFields): PlanProblem[] {
  return s.score === null ? [{ path: 'score', message: 'is required' }] : []
}

/** Justice or police item: ban, arrest, criminal case, supervision, incident. */
export const justiceItemShape = { type: z.enum(JUSTICE_ITEM_TYPES), text: requiredTextSchema, date: isoDateSchema.nullable() }
/** Fields of a justice item. */
export type JusticeItemFields = FieldsOf<typeof justiceItemShape>
/** A justice or police item, in the `justice` section. */
export interface JusticeItem extends ItemMeta, JusticeItemFields {}
/** Fallback values of a stored justice item. */
export const JUSTICE_ITEM_FALLBACK: JusticeItemFields = { type: 'other', text: '', date: null }
/** Input of `addJusticeItem`. */
export const justiceItemInputSchema = z.strictObject({ ...justiceItemShape, date: justiceItemShape.date.default(null) })
/** Input of `addJusticeItem`. */
export type JusticeItemInput = z.input<typeof justiceItemInputSchema>
/** Patch of `updateJusticeItem`. */
export const justiceItemPatchSchema = z.strictObject(justiceItemShape).partial()
/** Patch of `updateJusticeItem`. */
export type JusticeItemPatch = z.input<typeof justiceItemPatchSchema>

/** Trauma screening of one person: offered, done, treatment started (dates). */
export const traumaScreeningShape = {
  personId: idSchema,
  offeredOn: isoDateSchema.nullable(),
  doneOn: isoDateSchema.nullable(),
  treatmentStartedOn: isoDateSchema.nullable(),
  note: textSchema,
}
/** Fields of a trauma screening record. */
export type TraumaScreeningFields = FieldsOf<typeof traumaScreeningShape>
/** A trauma screening record, in the `traumaScreening` section; one per person. */
export interface TraumaScreening extends ItemMeta, TraumaScreeningFields {}
/** Fallback values of a stored screening record. */
export const TRAUMA_SCREENING_FALLBACK: TraumaScreeningFields = { personId: '', offeredOn: null, doneOn: null, treatmentStartedOn: null, note: '' }
/** Input of `addTraumaScreening`. */
export const traumaScreeningInputSchema = z.strictObject({
  ...traumaScreeningShape,
  offeredOn: traumaScreeningShape.offeredOn.default(null),
  doneOn: traumaScreeningShape.doneOn.default(null),
  treatmentStartedOn: traumaScreeningShape.treatmentStartedOn.default(null),
  note: traumaScreeningShape.note.default(''),
})
/** Input of `addTraumaScreening`. */
export type TraumaScreeningInput = z.input<typeof traumaScreeningInputSchema>
/** Patch of `updateTraumaScreening`. */
export const traumaScreeningPatchSchema = z.strictObject(traumaScreeningShape).partial()
/** Patch of `updateTraumaScreening`. */
export type TraumaScreeningPatch = z.input<typeof traumaScreeningPatchSchema>

/** Cross-field rule of a screening: done not before offered, treatment not before done. */
export function checkTraumaScreening(t: TraumaScreeningFields): PlanProblem[] {
  const problems: PlanProblem[] = []
  if (t.offeredOn !== null && t.doneOn !== null && t.doneOn < t.offeredOn) problems.push({ path: 'doneOn', message: 'is before the offer' })
  if (t.doneOn !== null && t.treatmentStartedOn !== null && t.treatmentStartedOn < t.doneOn) {
    problems.push({ path: 'treatmentStartedOn', message: 'is before the screening' })
  }
  return problems
}

/** One recorded state of a red flag (current or past). */
export const redFlagStateShape = {
  status: z.enum(RED_FLAG_STATUSES),
  note: textSchema,
  sourceOrganisation: nameSchema.nullable(),
  date: isoDateSchema.nullable(),
  recorder: nameSchema.nullable(),
  meetingId: idSchema.nullable(),
  updatedAt: isoDateTimeSchema.nullable(),
}
/** One recorded state of a red flag; `updatedAt` null means never recorded (default). */
export interface RedFlagState extends FieldsOf<typeof redFlagStateShape> {
  status: RedFlagStatus
}
/** The state of a flag nobody has recorded yet: unknown. */
export const RED_FLAG_FALLBACK: RedFlagState = {
  status: 'unknown', note: '', sourceOrganisation: null, date: null, recorder: null, meetingId: null, updatedAt: null,
}
/** A red flag: its key, current state and past states (oldest first). */
export interface RedFlag extends RedFlagState {
  key: string
  history: RedFlagState[]
}
/** Input of `setRedFlag`; source organisation defaults to the actor's, date to today. */
export const redFlagInputSchema = z.strictObject({
  key: redFlagKeySchema,
  status: z.enum(RED_FLAG_STATUSES),
  note: textSchema,
  sourceOrganisation: nameSchema.optional(),
  date: isoDateSchema.optional(),
})
/** Extra fields of `setRedFlag`. */
export interface RedFlagOptions {
  /** Organisation that observed it; default the actor's. */
  sourceOrganisation?: string
  /** Date of the observation, YYYY-MM-DD; default today in the Netherlands. */
  date?: string
}
