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
import { fallbackOf, inputSchemaOf, patchSchemaOf, shapeOf } from './kinds/kindTypes'
import {
  dangerStatementKind, justiceItemKind, personKind, redFlagKind, safetyScoreKind, safetyScoreValueSchema, sosItemKind, traumaScreeningKind,
} from './kinds/innerKinds'
import { RED_FLAG_STATUSES, isoDateSchema, nameSchema, redFlagKeySchema, textSchema, type FieldsOf, type ItemMeta, type RedFlagStatus } from './model'

export { MAX_AGE, firstNameSchema, relationSchema, safetyScoreValueSchema } from './kinds/innerKinds'

/** A relation from one person to another. */
export interface Relation {
  personId: string
  relation: string
}

/** Person in the family or its network (declared in kinds/innerKinds.ts; shape, fallback, input and patch derive from it). */
export const personShape = shapeOf(personKind)
/** Fields of a person in the family or its network. */
export type PersonFields = FieldsOf<typeof personShape>
/** A person in the family or its network, in the `family` section. */
export interface Person extends ItemMeta, PersonFields {}
/** Fallback values of a stored person in the family or its network. */
export const PERSON_FALLBACK: PersonFields = fallbackOf(personKind)
/** Input of `addPerson`. */
export const personInputSchema = inputSchemaOf(personKind)
/** Input of `addPerson`. */
export type PersonInput = z.input<typeof personInputSchema>
/** Patch of `updatePerson`. */
export const personPatchSchema = patchSchemaOf(personKind)
/** Patch of `updatePerson`. */
export type PersonPatch = z.input<typeof personPatchSchema>

/** Signs of Safety map item (declared in kinds/innerKinds.ts; shape, fallback, input and patch derive from it). */
export const sosItemShape = shapeOf(sosItemKind)
/** Fields of a Signs of Safety map item. */
export type SosItemFields = FieldsOf<typeof sosItemShape>
/** A Signs of Safety map item, in the `sosMap` section. */
export interface SosItem extends ItemMeta, SosItemFields {}
/** Fallback values of a stored Signs of Safety map item. */
export const SOS_ITEM_FALLBACK: SosItemFields = fallbackOf(sosItemKind)
/** Input of `addSosItem`. */
export const sosItemInputSchema = inputSchemaOf(sosItemKind)
/** Input of `addSosItem`. */
export type SosItemInput = z.input<typeof sosItemInputSchema>
/** Patch of `updateSosItem`. */
export const sosItemPatchSchema = patchSchemaOf(sosItemKind)
/** Patch of `updateSosItem`. */
export type SosItemPatch = z.input<typeof sosItemPatchSchema>

/** Danger statement (gevaarsomschrijving) (declared in kinds/innerKinds.ts; shape, fallback, input and patch derive from it). */
export const dangerStatementShape = shapeOf(dangerStatementKind)
/** Fields of a danger statement (gevaarsomschrijving). */
export type DangerStatementFields = FieldsOf<typeof dangerStatementShape>
/** A danger statement (gevaarsomschrijving), in the `dangerStatements` section. */
export interface DangerStatement extends ItemMeta, DangerStatementFields {}
/** Fallback values of a stored danger statement (gevaarsomschrijving). */
export const DANGER_STATEMENT_FALLBACK: DangerStatementFields = fallbackOf(dangerStatementKind)
/** Input of `addDangerStatement`. */
export const dangerStatementInputSchema = inputSchemaOf(dangerStatementKind)
/** Input of `addDangerStatement`. */
export type DangerStatementInput = z.input<typeof dangerStatementInputSchema>
/** Patch of `updateDangerStatement`. */
export const dangerStatementPatchSchema = patchSchemaOf(dangerStatementKind)
/** Patch of `updateDangerStatement`. */
export type DangerStatementPatch = z.input<typeof dangerStatementPatchSchema>

/** Veiligheidsschaal entry (append-only; a stored malformed score reads null) (declared in kinds/innerKinds.ts; shape, fallback, input and patch derive from it). */
export const safetyScoreShape = shapeOf(safetyScoreKind)
/** Fields of a veiligheidsschaal entry (append-only; a stored malformed score reads null). */
export type SafetyScoreFields = FieldsOf<typeof safetyScoreShape>
/** A veiligheidsschaal entry (append-only; a stored malformed score reads null), in the `safetyScale` section. */
export interface SafetyScore extends ItemMeta, SafetyScoreFields {}
/** Fallback values of a stored veiligheidsschaal entry (append-only; a stored malformed score reads null). */
export const SAFETY_SCORE_FALLBACK: SafetyScoreFields = fallbackOf(safetyScoreKind)
/** Input of `addSafetyScore`. */
export const safetyScoreInputSchema = inputSchemaOf(safetyScoreKind).extend({ score: safetyScoreValueSchema })
/** Input of `addSafetyScore`. */
export type SafetyScoreInput = z.input<typeof safetyScoreInputSchema>

/** Cross-field rule of a score entry: a stored entry has a score. */
export function checkSafetyScore(s: SafetyScoreFields): PlanProblem[] {
  return s.score === null ? [{ path: 'score', message: 'is required' }] : []
}

/** Justice or police item (declared in kinds/innerKinds.ts; shape, fallback, input and patch derive from it). */
export const justiceItemShape = shapeOf(justiceItemKind)
/** Fields of a justice or police item. */
export type JusticeItemFields = FieldsOf<typeof justiceItemShape>
/** A justice or police item, in the `justice` section. */
export interface JusticeItem extends ItemMeta, JusticeItemFields {}
/** Fallback values of a stored justice or police item. */
export const JUSTICE_ITEM_FALLBACK: JusticeItemFields = fallbackOf(justiceItemKind)
/** Input of `addJusticeItem`. */
export const justiceItemInputSchema = inputSchemaOf(justiceItemKind)
/** Input of `addJusticeItem`. */
export type JusticeItemInput = z.input<typeof justiceItemInputSchema>
/** Patch of `updateJusticeItem`. */
export const justiceItemPatchSchema = patchSchemaOf(justiceItemKind)
/** Patch of `updateJusticeItem`. */
export type JusticeItemPatch = z.input<typeof justiceItemPatchSchema>

/** Trauma screening record (one per person) (declared in kinds/innerKinds.ts; shape, fallback, input and patch derive from it). */
export const traumaScreeningShape = shapeOf(traumaScreeningKind)
/** Fields of a trauma screening record (one per person). */
export type TraumaScreeningFields = FieldsOf<typeof traumaScreeningShape>
/** A trauma screening record (one per person), in the `traumaScreening` section. */
export interface TraumaScreening extends ItemMeta, TraumaScreeningFields {}
/** Fallback values of a stored trauma screening record (one per person). */
export const TRAUMA_SCREENING_FALLBACK: TraumaScreeningFields = fallbackOf(traumaScreeningKind)
/** Input of `addTraumaScreening`. */
export const traumaScreeningInputSchema = inputSchemaOf(traumaScreeningKind)
/** Input of `addTraumaScreening`. */
export type TraumaScreeningInput = z.input<typeof traumaScreeningInputSchema>
/** Patch of `updateTraumaScreening`. */
export const traumaScreeningPatchSchema = patchSchemaOf(traumaScreeningKind)
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
export const redFlagStateShape = shapeOf(redFlagKind)
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
