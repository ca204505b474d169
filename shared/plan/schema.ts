/**
 * Typed access to the section maps of the plan documents (layout in `layout.ts`):
 * add, update, tombstone, get and list items. Every mutator validates first and
 * writes inside one `doc.transact`, so bad input throws and changes nothing.
 * Per-kind wrappers (`addAction`, `listActions`, …) are in `planAccessors.ts` and
 * `innerAccessors.ts`.
 */
import * as Y from 'yjs'
import type { z } from 'zod'
import { isDeepEqual } from './deepEqual'
import { PlanValidationError, formatProblemPath, joinProblemPath, type PlanProblem } from './errors'
import { asYMap, getSectionMap, sectionPart, type SectionName } from './layout'
import { assertPlanDoc } from './migrate'
import { ITEM_META_FALLBACK, itemMetaShape, planActorSchema, readFields, type ItemMeta, type PlanActor } from './model'
import { SECTION_SPECS, type EditableSectionName, type SectionInputs, type SectionItems, type SectionPatches } from './sections'

/** Options of the list functions. */
export interface ListOptions {
  /** Also return tombstoned items (for diffs); default false. */
  includeRemoved?: boolean
}

/** A validated actor, with defaults filled in. */
export interface ParsedActor {
  name: string
  organisation: string
  meetingId: string | null
  origin: unknown
}

/**
 * Validates the acting user.
 * @throws PlanValidationError with problems under `actor.`.
 */
export function parseActor(actor: PlanActor): ParsedActor {
  const parsed = planActorSchema.safeParse(actor)
  if (!parsed.success) throw new PlanValidationError(zodProblems(parsed.error, 'actor'))
  return { name: parsed.data.name, organisation: parsed.data.organisation, meetingId: parsed.data.meetingId ?? null, origin: actor.origin ?? null }
}

/** zod issues as plan problems under a path prefix. */
export function zodProblems(error: z.ZodError, prefix = ''): PlanProblem[] {
  return error.issues.map((issue) => ({ path: joinProblemPath(prefix, formatProblemPath(issue.path)), message: issue.message }))
}

function fail(problems: PlanProblem[]): void {
  if (problems.length > 0) throw new PlanValidationError(problems)
}

/** Current time as stored in items. */
function nowIso(): string {
  return new Date().toISOString()
}

/** Reads one stored item; the map key is its id. */
function readItem<N extends SectionName>(section: N, id: string, map: Y.Map<unknown>): SectionItems[N] {
  const raw = map.toJSON() as Record<string, unknown>
  const spec = SECTION_SPECS[section]
  const meta = readFields(itemMetaShape, ITEM_META_FALLBACK, raw)
  const fields = readFields(spec.shape, spec.fallback, raw)
  return { ...meta, ...fields, id } as unknown as SectionItems[N]
}

function itemFields(section: SectionName, item: ItemMeta): Record<string, unknown> {
  const source = item as unknown as Record<string, unknown>
  return Object.fromEntries(Object.keys(SECTION_SPECS[section].shape).map((k) => [k, source[k]]))
}

/**
 * Adds an item to a section, with a fresh uuid and the actor as author.
 * @returns the stored item.
 * @throws PlanValidationError on invalid input or actor, or an unresolved reference.
 * @throws PlanDocumentError when `doc` is not migrated or is the other part.
 */
export function addItem<N extends SectionName>(
  doc: Y.Doc, section: N, input: SectionInputs[N], actor: PlanActor, options: { id?: string } = {},
): SectionItems[N] {
  assertPlanDoc(doc, sectionPart(section))
  const who = parseActor(actor)
  const spec = SECTION_SPECS[section]
  const parsed = spec.input.safeParse(input)
  if (!parsed.success) throw new PlanValidationError(zodProblems(parsed.error))
  fail([...spec.check(parsed.data), ...(spec.refs?.(doc, parsed.data, null) ?? [])])
  // A caller may choose the id (a meeting records the id before the server writes the item).
  const id = options.id ?? crypto.randomUUID()
  const now = nowIso()
  const meta: ItemMeta = {
    id, author: who.name, organisation: who.organisation, meetingId: who.meetingId, createdAt: now, updatedAt: now,
    updatedBy: who.name, updatedByOrganisation: who.organisation, removedAt: null, removedBy: null,
  }
  doc.transact(() => {
    const map = new Y.Map<unknown>()
    for (const [key, value] of Object.entries({ ...meta, ...parsed.data })) map.set(key, value)
    getSectionMap(doc, section).set(id, map)
  }, who.origin)
  return getItem(doc, section, id)!
}

/**
 * Changes fields of a live item; only fields whose value differs are written, so a
 * partner editing another field at the same time keeps their edit.
 * @returns the item after the change.
 * @throws PlanValidationError on an invalid patch, an unknown or removed item, or when
 *   the patched item breaks a cross-field rule (e.g. an action without a link).
 * @throws PlanDocumentError when `doc` is not migrated or is the other part.
 */
export function updateItem<N extends EditableSectionName>(
  doc: Y.Doc, section: N, id: string, patch: SectionPatches[N], actor: PlanActor,
): SectionItems[N] {
  assertPlanDoc(doc, sectionPart(section))
  const who = parseActor(actor)
  const spec = SECTION_SPECS[section]
  // The type forbids it; a JavaScript caller may still try to overwrite a score.
  if (!spec.patch) throw new PlanValidationError([{ path: '', message: `${section} entries are append-only: remove and add instead` }])
  const map = requireLiveItem(doc, section, id)
  const parsed = spec.patch.safeParse(patch)
  if (!parsed.success) throw new PlanValidationError(zodProblems(parsed.error))
  const current = itemFields(section, readItem(section, id, map))
  const changes = Object.entries(parsed.data).filter(([key, value]) => value !== undefined && !isDeepEqual(current[key], value))
  const merged = { ...current, ...Object.fromEntries(changes) }
  fail([...spec.check(merged), ...(spec.refs?.(doc, merged, id) ?? [])])
  if (changes.length > 0) {
    doc.transact(() => {
      for (const [key, value] of changes) map.set(key, value)
      stampChange(map, who)
    }, who.origin)
  }
  return readItem(section, id, map)
}

/**
 * Removes an item by tombstone (`removedAt`, `removedBy`), so a diff can still show
 * it. Removing a removed item changes nothing.
 * @throws PlanValidationError when there is no such item.
 * @throws PlanDocumentError when `doc` is not migrated or is the other part.
 */
export function removeItem(doc: Y.Doc, section: SectionName, id: string, actor: PlanActor): void {
  assertPlanDoc(doc, sectionPart(section))
  const who = parseActor(actor)
  const map = asYMap(getSectionMap(doc, section).get(id))
  if (!map) throw new PlanValidationError([{ path: 'id', message: `no such item in ${section}` }])
  if (map.get('removedAt') != null) return
  const now = nowIso()
  doc.transact(() => {
    map.set('removedAt', now)
    map.set('removedBy', who.name)
    stampChange(map, who, now)
  }, who.origin)
}

/**
 * Brings a tombstoned item back: clears `removedAt` and `removedBy` and stamps the
 * change with the actor. Restoring a live item changes nothing.
 * @throws PlanValidationError when there is no such item, or when something it points
 *   at is removed meanwhile (restore that first).
 * @throws PlanDocumentError when `doc` is not migrated or is the other part.
 */
export function restoreItem(doc: Y.Doc, section: SectionName, id: string, actor: PlanActor): void {
  assertPlanDoc(doc, sectionPart(section))
  const who = parseActor(actor)
  const map = asYMap(getSectionMap(doc, section).get(id))
  if (!map) throw new PlanValidationError([{ path: 'id', message: `no such item in ${section}` }])
  if (map.get('removedAt') == null) return
  const fields = itemFields(section, readItem(section, id, map))
  fail(SECTION_SPECS[section].refs?.(doc, fields, id) ?? [])
  doc.transact(() => {
    map.set('removedAt', null)
    map.set('removedBy', null)
    stampChange(map, who)
  }, who.origin)
}

/** Records who changed an item, and when (the server checks that it is the writer). */
function stampChange(map: Y.Map<unknown>, who: ParsedActor, at = nowIso()): void {
  map.set('updatedAt', at)
  if (map.get('updatedBy') !== who.name) map.set('updatedBy', who.name)
  if (map.get('updatedByOrganisation') !== who.organisation) map.set('updatedByOrganisation', who.organisation)
}

function requireLiveItem(doc: Y.Doc, section: SectionName, id: string): Y.Map<unknown> {
  const map = asYMap(getSectionMap(doc, section).get(id))
  if (!map) throw new PlanValidationError([{ path: 'id', message: `no such item in ${section}` }])
  if (map.get('removedAt') != null) throw new PlanValidationError([{ path: 'id', message: 'the item is removed' }])
  return map
}

/** One item by id, tombstoned ones included; null when absent. */
export function getItem<N extends SectionName>(doc: Y.Doc, section: N, id: string): SectionItems[N] | null {
  const map = asYMap(getSectionMap(doc, section).get(id))
  return map ? readItem(section, id, map) : null
}

/** Orders items by creation time, then id: the same order on every peer. */
export function compareItems(a: ItemMeta, b: ItemMeta): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

/** The items of a section, ordered by `createdAt` then id; tombstoned ones only on request. */
export function listItems<N extends SectionName>(doc: Y.Doc, section: N, options: ListOptions = {}): SectionItems[N][] {
  const items: SectionItems[N][] = []
  getSectionMap(doc, section).forEach((value, id) => {
    const map = asYMap(value)
    if (!map) return
    const item = readItem(section, id, map)
    if (options.includeRemoved || item.removedAt === null) items.push(item)
  })
  return items.sort(compareItems)
}
