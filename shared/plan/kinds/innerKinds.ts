/**
 * Declarations of the inner document's item kinds (binnenring only; see kindTypes.ts):
 * person, SoS-map item, danger statement, safety score, justice item, trauma screening,
 * red-flag state, the inner-only action and decision, and a plan decision's mandate record.
 */
import { z } from 'zod'
import {
  JUSTICE_ITEM_TYPES, MAX_LIST_LENGTH, PERSON_ROLES, RED_FLAG_KEYS, RED_FLAG_STATUSES, SAFETY_SCORE_MAX, SAFETY_SCORE_MIN, SOS_ITEM_TYPES,
  idListSchema, idSchema, isoDateSchema, isoDateTimeSchema, nameListSchema, nameSchema, requiredOr, requiredTextSchema, textSchema,
} from '../model'
import { actionKind } from './action'
import { declareKind, enumField, field } from './kindTypes'
import { decisionKind, dissentSchema } from './planKinds'

/** Oldest age a person record accepts. */
export const MAX_AGE = 120
/** A first name: letters (with marks), spaces, apostrophes, dots and hyphens; no digits. */
export const firstNameSchema = nameSchema
  .regex(/^\p{L}[\p{L}\p{M} '’.-]*$/u, 'must be a first name only (letters, no digits)')
/** A relation of a person to another person of the family. */
export const relationSchema = z.strictObject({ personId: idSchema, relation: nameSchema })
/** A safety score: a whole number 0..10. */
export const safetyScoreValueSchema = z.int({ error: requiredOr('must be a whole number') })
  .min(SAFETY_SCORE_MIN, `must be ${SAFETY_SCORE_MIN} to ${SAFETY_SCORE_MAX}`)
  .max(SAFETY_SCORE_MAX, `must be ${SAFETY_SCORE_MIN} to ${SAFETY_SCORE_MAX}`)
/** Who was present with mandate when a decision was taken, and who dissented (binnenring only). */
const mandateFields = {
  mandatedPresent: field(nameListSchema, { fallback: [], type: 'nameList' }),
  dissent: field(z.array(dissentSchema).max(MAX_LIST_LENGTH, 'has too many entries'), { fallback: [], type: 'object' }),
}
/** Views that show the same fields. */
const all = <const F extends readonly string[]>(f: F) => ({ table: f, form: f, pdf: f, diff: f, history: f })
/** The same, with the diff comparing `diff` (every content field). */
const withDiff = <const F extends readonly string[], const D extends readonly string[]>(f: F, diff: D) => ({ ...all(f), diff })

/** A person of the family or network: first name, role, age. */
export const personKind = declareKind({
  kind: 'person', doc: 'inner', section: 'family', labelKey: 'kinds.person',
  fields: {
    firstName: field(firstNameSchema, { fallback: '', required: true, type: 'name' }),
    role: enumField(PERSON_ROLES, 'netwerk', true),
    age: field(z.int({ error: requiredOr('must be a whole number') }).min(0, 'is negative').max(MAX_AGE, 'is too high').nullable(), { fallback: null, type: 'number' }),
    relations: field(z.array(relationSchema).max(MAX_LIST_LENGTH, 'has too many entries'), { fallback: [], type: 'object' }),
  },
  views: withDiff(['firstName', 'role', 'age'], ['firstName', 'role', 'age', 'relations']),
})

/** An item of the Signs of Safety map. */
export const sosItemKind = declareKind({
  kind: 'sosItem', doc: 'inner', section: 'sosMap', labelKey: 'kinds.sosItem',
  fields: { type: enumField(SOS_ITEM_TYPES, 'harm', true), text: field(requiredTextSchema, { fallback: '', required: true, type: 'longText' }) },
  views: all(['type', 'text']),
})

/** A danger statement: who worries about what behaviour, and what happens if nothing changes. */
export const dangerStatementKind = declareKind({
  kind: 'dangerStatement', doc: 'inner', section: 'dangerStatements', labelKey: 'kinds.dangerStatement',
  fields: {
    whoWorries: field(nameListSchema.min(1, 'names at least one who worries'), { fallback: [], required: true, type: 'nameList' }),
    behaviour: field(requiredTextSchema, { fallback: '', required: true, type: 'longText' }),
    ifNothingChanges: field(requiredTextSchema, { fallback: '', required: true, type: 'longText' }),
    goalIds: field(idListSchema, { fallback: [], type: 'idList' }),
  },
  views: { ...withDiff(['whoWorries', 'behaviour', 'ifNothingChanges'], ['whoWorries', 'behaviour', 'ifNothingChanges', 'goalIds']), form: ['whoWorries', 'behaviour', 'ifNothingChanges', 'goalIds'] },
})

/** A partner's safety score (append-only). `score` reads null when stored malformed; the input requires it. */
export const safetyScoreKind = declareKind({
  kind: 'safetyScore', doc: 'inner', section: 'safetyScale', labelKey: 'kinds.safetyScore',
  fields: {
    partner: field(nameSchema, { fallback: '', required: true, type: 'name' }),
    score: field(safetyScoreValueSchema.nullable(), { fallback: null, required: true, type: 'number' }),
    date: field(isoDateSchema, { fallback: '', required: true, type: 'date' }),
    reason: field(textSchema, { fallback: '', type: 'longText' }),
    addsPoint: field(textSchema, { fallback: '', type: 'longText' }),
  },
  views: all(['partner', 'score', 'date', 'reason', 'addsPoint']),
})

/** A justice or police fact or measure. */
export const justiceItemKind = declareKind({
  kind: 'justiceItem', doc: 'inner', section: 'justice', labelKey: 'kinds.justiceItem',
  fields: {
    type: enumField(JUSTICE_ITEM_TYPES, 'other', true),
    text: field(requiredTextSchema, { fallback: '', required: true, type: 'longText' }),
    date: field(isoDateSchema.nullable(), { fallback: null, type: 'date' }),
  },
  views: all(['type', 'text', 'date']),
})

/** Trauma screening of one person: offered, done, treatment started. */
export const traumaScreeningKind = declareKind({
  kind: 'traumaScreening', doc: 'inner', section: 'traumaScreening', labelKey: 'kinds.traumaScreening',
  fields: {
    personId: field(idSchema, { fallback: '', required: true, type: 'link', link: 'person' }),
    offeredOn: field(isoDateSchema.nullable(), { fallback: null, type: 'date' }),
    doneOn: field(isoDateSchema.nullable(), { fallback: null, type: 'date' }),
    treatmentStartedOn: field(isoDateSchema.nullable(), { fallback: null, type: 'date' }),
    note: field(textSchema, { fallback: '', type: 'longText' }),
  },
  views: all(['personId', 'offeredOn', 'doneOn', 'treatmentStartedOn', 'note']),
})

/** The state of one red flag (the `redFlags` map, keyed by flag; a region may add keys). */
export const redFlagKind = declareKind({
  kind: 'redFlag', doc: 'inner', section: 'redFlags', labelKey: 'kinds.redFlag', keys: RED_FLAG_KEYS,
  fields: {
    status: enumField(RED_FLAG_STATUSES, 'unknown'),
    note: field(textSchema, { fallback: '', type: 'longText' }),
    sourceOrganisation: field(nameSchema.nullable(), { fallback: null, type: 'name' }),
    date: field(isoDateSchema.nullable(), { fallback: null, type: 'date' }),
    recorder: field(nameSchema.nullable(), { fallback: null, type: 'name' }),
    meetingId: field(idSchema.nullable(), { fallback: null, type: 'link', link: 'meeting' }),
    updatedAt: field(isoDateTimeSchema.nullable(), { fallback: null, type: 'dateTime' }),
  },
  views: { ...all(['status', 'note']), history: ['status', 'note', 'sourceOrganisation', 'date', 'recorder'] },
})

/** An action only the binnenring sees: the action's fields, in the inner document. */
export const innerActionKind = declareKind({ ...actionKind, kind: 'innerAction', doc: 'inner', section: 'innerActions' })

/** A decision only the binnenring sees, with its mandate and dissent. */
export const innerDecisionKind = declareKind({
  kind: 'innerDecision', doc: 'inner', section: 'innerDecisions', labelKey: 'kinds.decision',
  fields: { ...decisionKind.fields, ...mandateFields },
  views: { ...decisionKind.views, pdf: ['text', 'type', 'chair', 'mandatedPresent', 'dissent'] },
})

/** Attendance, mandate and dissent of a plan decision (keyed by the decision's id). */
export const decisionMandateKind = declareKind({
  kind: 'decisionMandate', doc: 'inner', section: 'decisionMandates', labelKey: 'kinds.decisionMandate',
  fields: { decisionId: field(idSchema, { fallback: '', required: true, type: 'link', link: 'decision' }), present: field(nameListSchema, { fallback: [], type: 'nameList' }), ...mandateFields },
  views: all(['decisionId', 'present', 'mandatedPresent', 'dissent']),
})

/** The kinds of the inner document. */
export const INNER_DOC_KINDS = [
  personKind, sosItemKind, dangerStatementKind, safetyScoreKind, justiceItemKind, traumaScreeningKind, redFlagKind,
  innerActionKind, innerDecisionKind, decisionMandateKind,
] as const
