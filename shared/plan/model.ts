/**
 * The family plan's vocabulary (DOMAIN.md §4): constants, primitive zod schemas, the
 * metadata every item carries, the acting user, and the lenient field reader.
 * Dutch labels are not here: the client's i18n has them, keyed by these values.
 * Item shapes are in `planItems.ts` (plan document) and `innerItems.ts` (inner document);
 * the documents' JSON shapes in `planJson.ts`.
 */
import { z } from 'zod'
import { safeString, toStorableJson } from '../text'

/** The four MDA++ results (DOMAIN.md §4.2), in plan order. */
export const RESULT_KEYS = ['direct-safety', 'stable-safety', 'recovery', 'participation'] as const
/** Key of one MDA++ result. */
export type ResultKey = (typeof RESULT_KEYS)[number]

/** Status of a result and of a goal. */
export const RESULT_STATUSES = ['open', 'achieved', 'at-risk', 'missed'] as const
/** Status of a result and of a goal. */
export type ResultStatus = (typeof RESULT_STATUSES)[number]

/** The ten red flags of DOMAIN.md §4.3; a region may add keys of its own. */
export const RED_FLAG_KEYS = [
  'severity-frequency', 'escalation', 'isolation', 'control-coercion', 'firearms',
  'dependency', 'violence', 'death-threat', 'suicide-threat', 'extreme-fear',
] as const
/** One of the ten standard red flags. */
export type StandardRedFlagKey = (typeof RED_FLAG_KEYS)[number]

/** State of a red flag; `unknown` is the default. */
export const RED_FLAG_STATUSES = ['observed', 'not-observed', 'unknown'] as const
/** State of a red flag. */
export type RedFlagStatus = (typeof RED_FLAG_STATUSES)[number]

/** Status of an action (DOMAIN.md §4.5). */
export const ACTION_STATUSES = ['open', 'in-progress', 'done', 'blocked', 'cancelled'] as const
/** Status of an action. */
export type ActionStatus = (typeof ACTION_STATUSES)[number]

/** Status of a safety agreement (veiligheidsafspraak). */
export const AGREEMENT_STATUSES = ['proposed', 'active', 'broken', 'ended'] as const
/** Status of a safety agreement. */
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number]

/** Type of a decision (besluit). */
export const DECISION_TYPES = [
  'plan', 'phase', 'criminal-route', 'rvdk-request', 'placement', 'step-down', 'close', 'escalate',
] as const
/** Type of a decision. */
export type DecisionType = (typeof DECISION_TYPES)[number]

/** GSaV phases, in their usual order: veiligheid → risico → herstel. */
export const GSAV_PHASES = ['veiligheid', 'risico', 'herstel'] as const
/** A GSaV phase. */
export type GsavPhase = (typeof GSAV_PHASES)[number]

/** Role of a person in the family and its network. */
export const PERSON_ROLES = ['slachtoffer', 'pleger', 'kind', 'ouder', 'ex-partner', 'netwerk'] as const
/** Role of a person. */
export type PersonRole = (typeof PERSON_ROLES)[number]

/** Column of a Signs of Safety map item. */
export const SOS_ITEM_TYPES = ['harm', 'complicating-factor', 'strength', 'existing-safety', 'next-step'] as const
/** Type of a Signs of Safety map item. */
export type SosItemType = (typeof SOS_ITEM_TYPES)[number]

/** Kind of a justice or police item. */
export const JUSTICE_ITEM_TYPES = ['house-ban', 'contact-ban', 'arrest', 'criminal-case', 'supervision', 'incident', 'other'] as const
/** Kind of a justice or police item. */
export type JusticeItemType = (typeof JUSTICE_ITEM_TYPES)[number]

/** Lowest score on the veiligheidsschaal: the child cannot safely stay now. */
export const SAFETY_SCORE_MIN = 0
/** Highest score on the veiligheidsschaal: safe enough to close. */
export const SAFETY_SCORE_MAX = 10

/** Longest name of a person, role holder or organisation. */
export const MAX_NAME_LENGTH = 120
/** Longest text of one item field; longer prose belongs in a rich-text fragment. */
export const MAX_TEXT_LENGTH = 4000
/** Most entries of one list field (bound parties, linked ids): an item is not a register. */
export const MAX_LIST_LENGTH = 50
/** Longest red-flag key, regional keys included. */
export const MAX_RED_FLAG_KEY_LENGTH = 40

/** A zod error map: "is required" for a missing value, else `message`. */
export function requiredOr(message: string): (issue: { input?: unknown }) => string {
  return (issue) => (issue.input === undefined ? 'is required' : message)
}

/** An item id: a uuid as `crypto.randomUUID()` makes it. */
export const idSchema = z.uuid({ error: requiredOr('must be a uuid') })
/** A calendar date, `YYYY-MM-DD`. */
export const isoDateSchema = z.iso.date({ error: requiredOr('must be a date as YYYY-MM-DD') })
/** A moment, ISO 8601 in UTC (`Date.prototype.toISOString`). */
export const isoDateTimeSchema = z.iso.datetime({ error: requiredOr('must be an ISO date-time in UTC') })
/** A required short name (person, organisation). */
export const nameSchema = safeString({ error: requiredOr('must be text') }).trim().min(1, 'is required').max(MAX_NAME_LENGTH, 'is too long')
/** Optional free text (may be empty). NUL and lone surrogates are refused in every text (shared/text.ts). */
export const textSchema = safeString({ error: requiredOr('must be text') }).max(MAX_TEXT_LENGTH, 'is too long')
/** Required free text. */
export const requiredTextSchema = safeString({ error: requiredOr('must be text') }).trim().min(1, 'is required').max(MAX_TEXT_LENGTH, 'is too long')
/** A list of item ids. */
export const idListSchema = z.array(idSchema).max(MAX_LIST_LENGTH, 'has too many entries')
/** A list of names. */
export const nameListSchema = z.array(nameSchema).max(MAX_LIST_LENGTH, 'has too many entries')
/** One of the four result keys. */
export const resultKeySchema = z.enum(RESULT_KEYS)
/** A red-flag key: one of the ten, or a regional one written the same way. */
export const redFlagKeySchema = z.string({ error: requiredOr('must be text') })
  .max(MAX_RED_FLAG_KEY_LENGTH, 'is too long')
  .regex(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/, 'must be lower-case words joined by hyphens')

/** The metadata every section item carries (DOMAIN.md §4.1). */
export interface ItemMeta {
  /** uuid, also the item's key in its section map. */
  id: string
  /** Name of the user who created the item. */
  author: string
  /** Organisation of that user. */
  organisation: string
  /** Meeting in which the item was created, or null outside meetings. */
  meetingId: string | null
  /** ISO date-time of creation. */
  createdAt: string
  /** ISO date-time of the last change. */
  updatedAt: string
  /** Name of the user who made the last change (the author until someone else changes it); null in items older than this field. */
  updatedBy: string | null
  /** Organisation of that user. */
  updatedByOrganisation: string | null
  /** ISO date-time of removal (tombstone), or null while the item is live. */
  removedAt: string | null
  /** Name of the user who removed it, or null. */
  removedBy: string | null
}

/** zod shape of {@link ItemMeta}. */
export const itemMetaShape = {
  id: idSchema,
  author: nameSchema,
  organisation: nameSchema,
  meetingId: idSchema.nullable(),
  createdAt: isoDateTimeSchema,
  updatedAt: isoDateTimeSchema,
  updatedBy: nameSchema.nullable(),
  updatedByOrganisation: nameSchema.nullable(),
  removedAt: isoDateTimeSchema.nullable(),
  removedBy: nameSchema.nullable(),
}

/** What a stored item's metadata reads as when a field is missing or malformed. */
export const ITEM_META_FALLBACK: ItemMeta = {
  id: '', author: '', organisation: '', meetingId: null, createdAt: '', updatedAt: '', updatedBy: null, updatedByOrganisation: null,
  removedAt: null, removedBy: null,
}

/** The user on whose behalf a mutator writes; becomes the item's author metadata. */
export interface PlanActor {
  /** User name (shown as author). */
  name: string
  /** The user's organisation. */
  organisation: string
  /** The meeting in which the change is made, if any. */
  meetingId?: string | null
  /** Yjs transaction origin (e.g. for an UndoManager); default null. */
  origin?: unknown
}

/** zod schema of {@link PlanActor}. */
export const planActorSchema = z.object({
  name: nameSchema,
  organisation: nameSchema,
  meetingId: idSchema.nullable().optional(),
  origin: z.unknown().optional(),
})

/** A zod shape: field name → field schema. */
export type FieldShape = Record<string, z.ZodType>
/** The parsed values of a {@link FieldShape}. */
export type FieldsOf<S extends FieldShape> = { [K in keyof S]: z.output<S[K]> }

/**
 * Reads the fields of a shape from a stored record. A field that is missing or fails
 * its schema takes its fallback value, so a document written by a buggy or hostile
 * client still reads; `validate.ts` reports what is wrong.
 * @param shape the field schemas, @param fallback per-field fallback, @param raw stored values.
 */
export function readFields<S extends FieldShape>(shape: S, fallback: FieldsOf<S>, raw: Readonly<Record<string, unknown>>): FieldsOf<S> {
  const out: Partial<FieldsOf<S>> = {}
  for (const key of Object.keys(shape) as (keyof S & string)[]) {
    let parsed = shape[key]!.safeParse(raw[key])
    // Text stored before NUL and lone surrogates were refused still reads, with U+FFFD.
    if (!parsed.success) parsed = shape[key]!.safeParse(toStorableJson(raw[key]))
    out[key] = parsed.success ? (parsed.data as FieldsOf<S>[typeof key]) : structuredClone(fallback[key])
  }
  return out as FieldsOf<S>
}
