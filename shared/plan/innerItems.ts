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
import { inputSchemaOf, shapeOf, type KindFields, type KindInput, type KindPatch } from './kinds/kindTypes'
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

/** A person in the family or its network, in the `family` section (declared in kinds/innerKinds.ts). */
export interface Person extends ItemMeta, KindFields<typeof personKind> {}
/** Input of `addPerson`. */
export type PersonInput = KindInput<typeof personKind>
/** Patch of `updatePerson`. */
export type PersonPatch = KindPatch<typeof personKind>

/** A Signs of Safety map item, in the `sosMap` section. */
export interface SosItem extends ItemMeta, KindFields<typeof sosItemKind> {}
/** Input of `addSosItem`. */
export type SosItemInput = KindInput<typeof sosItemKind>
/** Patch of `updateSosItem`. */
export type SosItemPatch = KindPatch<typeof sosItemKind>

/** A danger statement (gevaarsomschrijving), in the `dangerStatements` section. */
export interface DangerStatement extends ItemMeta, KindFields<typeof dangerStatementKind> {}
/** Input of `addDangerStatement`. */
export type DangerStatementInput = KindInput<typeof dangerStatementKind>
/** Patch of `updateDangerStatement`. */
export type DangerStatementPatch = KindPatch<typeof dangerStatementKind>

/** Fields of a veiligheidsschaal entry (append-only; a stored malformed score reads null). */
export type SafetyScoreFields = KindFields<typeof safetyScoreKind>
/** A veiligheidsschaal entry, in the `safetyScale` section. */
export interface SafetyScore extends ItemMeta, SafetyScoreFields {}
/** Input of `addSafetyScore`: unlike a stored entry, it must carry a score. */
export const safetyScoreInputSchema = inputSchemaOf(safetyScoreKind).extend({ score: safetyScoreValueSchema })
/** Input of `addSafetyScore`. */
export type SafetyScoreInput = z.input<typeof safetyScoreInputSchema>

/** Cross-field rule of a score entry: a stored entry has a score. */
export function checkSafetyScore(s: SafetyScoreFields): PlanProblem[] {
  return s.score === null ? [{ path: 'score', message: 'is required' }] : []
}

/** A justice or police item, in the `justice` section. */
export interface JusticeItem extends ItemMeta, KindFields<typeof justiceItemKind> {}
/** Input of `addJusticeItem`. */
export type JusticeItemInput = KindInput<typeof justiceItemKind>
/** Patch of `updateJusticeItem`. */
export type JusticeItemPatch = KindPatch<typeof justiceItemKind>

/** Fields of a trauma screening record (one per person). */
export type TraumaScreeningFields = KindFields<typeof traumaScreeningKind>
/** A trauma screening record (one per person), in the `traumaScreening` section. */
export interface TraumaScreening extends ItemMeta, TraumaScreeningFields {}
/** Input of `addTraumaScreening`. */
export type TraumaScreeningInput = KindInput<typeof traumaScreeningKind>
/** Patch of `updateTraumaScreening`. */
export type TraumaScreeningPatch = KindPatch<typeof traumaScreeningKind>

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
