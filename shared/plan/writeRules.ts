/**
 * What may be written where in the two plan documents: the rules the server's write
 * guard enforces on every update, as data next to the section specs (sections.ts).
 * Shape rules (which roots exist, which fields an entry has, what their values are)
 * are here; who may write which root, field and item (ring, role, own organisation) is
 * data in writeEntries.ts, asked through the predicates of abilities.ts by the server's
 * write guard and the client alike. A later rule is a new entry, not a new branch.
 */
import { z } from 'zod'
import type { Ring } from '../api/schemas'
import type { CasePart } from '../protocol/docName'
import { redFlagStateShape } from './innerItems'
import { INNER_ROOTS, INNER_SECTIONS, META_ROOT, PLAN_ROOTS, PLAN_SECTIONS, RED_FLAG_HISTORY, sectionPart, type SectionName } from './layout'
import { GSAV_PHASES, RESULT_KEYS, idSchema, isoDateTimeSchema, itemMetaShape, nameSchema, redFlagKeySchema, type FieldShape } from './model'
import { phaseChangeSchema, regieMetaShape, regieShape, resultStateShape } from './planItems'
import { SECTION_SPECS } from './sections'
import { scaleAnchorsShape } from './scaleAnchors'
import { WRITE_RULES, isAppendOnly } from './writeEntries'

/** How a root type is written. */
export type RootRule =
  /** Written by the server only (schema version, part). */
  | { kind: 'server' }
  /** A section map: item id → Y.Map of the item's fields (sections.ts). */
  | { kind: 'section'; section: SectionName; appendOnly: boolean }
  /** A map of fixed or patterned keys, each a Y.Map of fields (results, red flags). */
  | { kind: 'entries'; keys: 'fixed' | 'red-flag'; fields: FieldShape; history: boolean }
  /** A map of named fields holding plain values (regie, phase). */
  | { kind: 'fields'; fields: FieldShape }
  /** An append-only array of plain entries (phase history). */
  | { kind: 'log'; entry: z.ZodType }
  /** A Tiptap rich-text fragment (richText.ts). */
  | { kind: 'rich-text' }

/**
 * One organisation's share of a plan document (issue 18): no organisation's volume,
 * and no tombstone, can use up what another organisation writes with.
 * - `liveItemsPerSection`: items of one section the organisation wrote (`organisation`,
 *   the author's) that are not marked removed. Removed items count for nobody here: a
 *   case director's clean-up gives room back, and only the binnenring can remove.
 * - `itemBytesPerSection`: the encoded size of every item of one section the
 *   organisation wrote, removed ones included (a removed item is still in the document
 *   until it is purged). Read from the document's content, so every node measures the same.
 * The binnenring's share is the old plan-wide bound (a plan with more is not a plan any
 * partner can read); each buitenring organisation gets a fifth of it. The document-size
 * budget keeps a reserve the buitenring cannot reach (server/collab/docBudget.ts).
 */
export interface OrganisationShare {
  liveItemsPerSection: number
  itemBytesPerSection: number
}

/** The share of each organisation, by the ring of the writer's membership. */
export const ORGANISATION_SHARES: Readonly<Record<Ring, OrganisationShare>> = {
  inner: { liveItemsPerSection: 500, itemBytesPerSection: 4 * 1024 * 1024 },
  outer: { liveItemsPerSection: 100, itemBytesPerSection: 512 * 1024 },
}
/** Entries in an append-only log (phase history, one red flag's history). */
export const MAX_LOG_ENTRIES = 1000
/** How far a new item's `createdAt` may lie in the future (clock skew between machines). */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000
/** How old a new item's `createdAt` may be: edits made offline arrive late, not years late. */
export const MAX_OFFLINE_AGE_MS = 30 * 24 * 60 * 60_000

/** Item fields that are the writer's own identity: equal to the writer's when written. */
export const ITEM_IDENTITY_FIELDS = { author: 'name', organisation: 'organisation' } as const
/** Fields that name the writer's organisation when set (who last changed an item). */
export const STAMPED_ORGANISATION_FIELDS: readonly string[] = ['updatedByOrganisation']
/** Item fields fixed at creation. */
export { ITEM_IMMUTABLE_FIELDS } from './abilities'

// Append-only (decisions, safety scores, mandates) is data in writeEntries.ts: nobody has a change or remove entry.
function sectionRule(section: SectionName): RootRule {
  return { kind: 'section', section, appendOnly: isAppendOnly(WRITE_RULES[sectionPart(section)][section] ?? []) }
}

const phaseFields: FieldShape = {
  current: z.enum(GSAV_PHASES),
  since: isoDateTimeSchema.nullable(),
  decisionId: idSchema.nullable(),
}

const resultFields: FieldShape = resultStateShape
const redFlagFields: FieldShape = redFlagStateShape
const regieFields: FieldShape = { ...regieShape, ...regieMetaShape }

/** Every root type each document part may hold, and how it is written. */
export const ROOT_RULES: Readonly<Record<CasePart, Readonly<Record<string, RootRule>>>> = {
  plan: {
    [META_ROOT]: { kind: 'server' },
    ...Object.fromEntries(PLAN_SECTIONS.map((s) => [s, sectionRule(s)])),
    [PLAN_ROOTS.results]: { kind: 'entries', keys: 'fixed', fields: resultFields, history: false },
    [PLAN_ROOTS.regie]: { kind: 'fields', fields: regieFields },
    [PLAN_ROOTS.phase]: { kind: 'fields', fields: phaseFields },
    [PLAN_ROOTS.phaseHistory]: { kind: 'log', entry: phaseChangeSchema },
    [PLAN_ROOTS.summary]: { kind: 'rich-text' },
  },
  inner: {
    [META_ROOT]: { kind: 'server' },
    ...Object.fromEntries(INNER_SECTIONS.map((s) => [s, sectionRule(s)])),
    [INNER_ROOTS.redFlags]: { kind: 'entries', keys: 'red-flag', fields: redFlagFields, history: true },
    [INNER_ROOTS.innerNotes]: { kind: 'rich-text' },
    [INNER_ROOTS.scaleAnchors]: { kind: 'fields', fields: scaleAnchorsShape },
  },
}

/** The name of the nested history array in an `entries` root with history. */
export const ENTRY_HISTORY_KEY = RED_FLAG_HISTORY

/** Fields in entries and field maps that name the writer: equal to the writer's name when set. */
export const STAMPED_NAME_FIELDS: readonly string[] = ['updatedBy', 'recorder', 'removedBy']

/** The full field shape of an item of `section`: metadata plus the section's fields. */
export function itemShape(section: SectionName): FieldShape {
  return { ...itemMetaShape, ...SECTION_SPECS[section].shape }
}

/** Whether `key` may name an entry of an `entries` root. */
export function isEntryKey(rule: Extract<RootRule, { kind: 'entries' }>, key: string): boolean {
  if (rule.keys === 'fixed') return (RESULT_KEYS as readonly string[]).includes(key)
  return redFlagKeySchema.safeParse(key).success
}

/** A phase-history entry must be written by its author. */
export const LOG_AUTHOR_FIELDS = { author: 'name', organisation: 'organisation' } as const

/** Names must parse as names (used for stamped fields). */
export const stampedNameSchema = nameSchema

/**
 * Roots a partner's own undo (client/composables/usePlanUndo.ts) may revert: every
 * change there can be taken back within the rules above. Append-only roots (decisions,
 * safety scores, red flags with their history, the phase with its history) are left
 * out: undoing there would remove history, which the server refuses; a correction is a
 * new entry.
 */
export function undoableRoots(part: CasePart): string[] {
  return Object.entries(ROOT_RULES[part])
    .filter(([, rule]) => (rule.kind === 'section' && !rule.appendOnly) || (rule.kind === 'entries' && !rule.history) || rule.kind === 'fields')
    .map(([name]) => name)
    .filter((name) => name !== PLAN_ROOTS.phase)
}
