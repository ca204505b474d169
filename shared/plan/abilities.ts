/**
 * The shared predicates over the write rules (writeEntries.ts): what one writer may add,
 * change and remove. The server's write guard asks them about every update; the server
 * sends the caller's `WriteAbilities` with the case detail and the client asks the very
 * same functions over that data, so the page offers exactly what the guard accepts.
 */
import type { MemberRole, Ring } from '../api/schemas'
import type { CasePart } from '../protocol/docName'
import { sectionPart, type SectionName } from './layout'
import { SECTION_SPECS } from './sections'
import { WRITER_ROLES, isAppendOnly, type ItemCondition, type WriteEntry, type WriteRules } from './writeEntries'

/** The writer the rules are asked about. */
export interface WriterIdentity {
  ring: Ring
  role: MemberRole
  /** The name of the writer's organisation (the session's). */
  organisation: string
}

/**
 * What one writer may write: their identity and the entries that apply to them, per
 * root that has any (`GET /api/cases/:id` → `abilities.writes`; docs/API.md).
 */
export interface WriteAbilities extends WriterIdentity {
  plan: Readonly<Record<string, readonly WriteEntry[]>>
  inner: Readonly<Record<string, readonly WriteEntry[]>>
}

/** An item's field values, as stored (or as a new item will be). */
export type ItemValues = Readonly<Record<string, unknown>>

/** Item fields stamped on every change (who and when): allowed with any allowed change. */
export const STAMP_FIELDS: readonly string[] = ['updatedAt', 'updatedBy', 'updatedByOrganisation']
/** Item fields of a removal (tombstone) and its restore. */
export const REMOVAL_FIELDS: readonly string[] = ['removedAt', 'removedBy']
/** Item fields fixed at creation. */
export const ITEM_IMMUTABLE_FIELDS: readonly string[] = ['id', 'author', 'organisation', 'createdAt', 'meetingId']

function applies(entry: WriteEntry, who: WriterIdentity): boolean {
  return entry.ring === who.ring && (entry.roles ?? WRITER_ROLES).some((r) => r === who.role)
}

/** The entries of `rules` that apply to `who`, per root that has any. */
export function writeAbilitiesFor(rules: WriteRules, who: WriterIdentity): WriteAbilities {
  const forPart = (part: CasePart) => Object.fromEntries(
    Object.entries(rules[part]).map(([root, entries]) => [root, entries.filter((e) => applies(e, who))] as const).filter(([, e]) => e.length > 0),
  )
  return { ring: who.ring, role: who.role, organisation: who.organisation, plan: forPart('plan'), inner: forPart('inner') }
}

/** The entries for `root` that apply to the writer (own keys only: a root name comes from a client). */
export function entriesFor(a: WriteAbilities, part: CasePart, root: string): readonly WriteEntry[] {
  const byRoot = a[part]
  if (!Object.hasOwn(byRoot, root)) return []
  return (byRoot[root] ?? []).filter((e) => applies(e, a))
}

/** Whether two organisation names are the same, as people type them (case, spaces). */
export function organisationNamesMatch(a: string, b: string): boolean {
  const norm = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase()
  return norm(a) === norm(b)
}

function conditionField(when: ItemCondition | undefined): string | null {
  if (!when) return null
  return 'ownOrganisation' in when ? when.ownOrganisation : when.organisationIn
}

function holds(entry: WriteEntry, a: WriteAbilities, item: ItemValues): boolean {
  if (entry.may === 'write' || !entry.when) return true
  const when = entry.when
  if ('ownOrganisation' in when) return item[when.ownOrganisation] === a.organisation
  const names = item[when.organisationIn]
  return Array.isArray(names) && names.some((n) => typeof n === 'string' && organisationNamesMatch(n, a.organisation))
}

function sectionEntries(a: WriteAbilities, section: SectionName): readonly WriteEntry[] {
  return entriesFor(a, sectionPart(section), section)
}

/** Whether the writer may write `root` of `part` at all (some entry applies). */
export function canWriteRoot(a: WriteAbilities, part: CasePart, root: string): boolean {
  return entriesFor(a, part, root).length > 0
}

/**
 * Whether the writer may add items to `section`; with `item`, whether they may add that
 * item (its fields meet the entry's condition).
 */
export function canAddItem(a: WriteAbilities, section: SectionName, item?: ItemValues): boolean {
  return sectionEntries(a, section).some((e) => e.may === 'add' && (item === undefined || holds(e, a, item)))
}

/**
 * Fields a new item must hold for the writer to add it (`{ ownerOrganisation: <own> }`
 * for the buitenring's actions): {} when any item may be added, null when none.
 */
export function requiredOnAdd(a: WriteAbilities, section: SectionName): Record<string, string> | null {
  const adds = sectionEntries(a, section).filter((e) => e.may === 'add')
  if (adds.length === 0) return null
  if (adds.some((e) => e.may === 'add' && !e.when)) return {}
  const required: Record<string, string> = {}
  for (const e of adds) if (e.may === 'add' && e.when && 'ownOrganisation' in e.when) required[e.when.ownOrganisation] = a.organisation
  return required
}

/** Whether the writer may mark `item` of `section` removed, or restore it. */
export function canRemoveItem(a: WriteAbilities, section: SectionName, item: ItemValues): boolean {
  const entries = sectionEntries(a, section)
  return !isAppendOnly(entries) && entries.some((e) => e.may === 'remove' && holds(e, a, item))
}

/**
 * The fields of `item` the writer may change: 'all' (every field that may change at
 * all), a list, or [] for none. Stamps and removal fields are not listed (see canChangeField).
 */
export function changeableFields(a: WriteAbilities, section: SectionName, item: ItemValues): 'all' | readonly string[] {
  const entries = sectionEntries(a, section)
  if (isAppendOnly(entries)) return []
  const fields = new Set<string>()
  for (const e of entries) {
    if (e.may !== 'change' || !holds(e, a, item)) continue
    const own = conditionField(e.when)
    if (e.fields === 'all' && own === null) return 'all'
    // A conditioned 'all' is every field of the section but the one its condition reads.
    const granted = e.fields === 'all' ? Object.keys(SECTION_SPECS[section].shape) : e.fields
    for (const f of granted) if (f !== own && !ITEM_IMMUTABLE_FIELDS.includes(f)) fields.add(f)
  }
  return [...fields]
}

/** Whether the writer may change `field` of `item` in `section` (one field of one update). */
export function canChangeField(a: WriteAbilities, section: SectionName, item: ItemValues, field: string): boolean {
  if (ITEM_IMMUTABLE_FIELDS.includes(field)) return false
  if (REMOVAL_FIELDS.includes(field)) return canRemoveItem(a, section, item)
  const fields = changeableFields(a, section, item)
  if (STAMP_FIELDS.includes(field)) return fields === 'all' || fields.length > 0 || canRemoveItem(a, section, item)
  return fields === 'all' || fields.includes(field)
}

/**
 * How much of a section's existing items the writer may change: 'all' of every item,
 * 'some' (some fields or some items, by their conditions), or 'none'.
 */
export function changeScope(a: WriteAbilities, section: SectionName): 'all' | 'some' | 'none' {
  const entries = sectionEntries(a, section)
  if (isAppendOnly(entries)) return 'none'
  const changes = entries.filter((e) => e.may === 'change')
  if (changes.some((e) => e.may === 'change' && e.fields === 'all' && !e.when)) return 'all'
  return changes.length > 0 ? 'some' : 'none'
}

/**
 * Whether the writer writes all of `root`: any item added, changed and removed (for an
 * append-only section: any item added), or the whole of a root that is not a section.
 */
export function canWriteWholeRoot(a: WriteAbilities, part: CasePart, root: string, isSection: boolean): boolean {
  const entries = entriesFor(a, part, root)
  if (!isSection) return entries.some((e) => e.may === 'write')
  if (!entries.some((e) => e.may === 'add' && !e.when)) return false
  if (isAppendOnly(entries)) return true
  return entries.some((e) => e.may === 'change' && e.fields === 'all' && !e.when) && entries.some((e) => e.may === 'remove' && !e.when)
}
