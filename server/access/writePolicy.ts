/**
 * May this writer make these changes? The server's judgement of every client update to
 * a plan document, from the touches the doc hub read off its trial apply
 * (collab/updateTouches.ts) and the rules in shared/plan/writeRules.ts:
 * - the document's shape: known roots only, `meta` the server's, items as maps of plain
 *   values that pass their schema, rich text the editor can render;
 * - the writer's identity: `author`, `organisation`, `updatedBy`, `recorder`,
 *   `removedBy` are the writer's own; `id`, `createdAt`, `meetingId` never change;
 * - history: decisions and safety scores are append-only, red-flag and phase histories
 *   only grow, items are removed by tombstone (and restorable), never deleted;
 * - the ring (DOMAIN.md §5): the buitenring writes only its own organisation's actions
 *   (adds them, and moves their status), nothing else.
 * Returns the first refusal as a short English reason (logged and sent as the close
 * reason; no plan content in it), or null when everything is allowed.
 */
import * as Y from 'yjs'
import type { z } from 'zod'
import type { MemberRole, Ring } from '../../shared/api/schemas'
import type { CasePart } from '../../shared/protocol/docName'
import { SECTION_SPECS } from '../../shared/plan/sections'
import { readFields, type FieldShape } from '../../shared/plan/model'
import { checkRichTextBlocks } from '../../shared/plan/richText'
import {
  ENTRY_HISTORY_KEY, ITEM_IDENTITY_FIELDS, ITEM_IMMUTABLE_FIELDS, MAX_CLOCK_SKEW_MS, MAX_ITEMS_PER_SECTION, MAX_LOG_ENTRIES,
  MAX_OFFLINE_AGE_MS, OUTER_RING_ACTION_FIELDS, ROOT_RULES, STAMPED_NAME_FIELDS, STAMPED_ORGANISATION_FIELDS, LOG_AUTHOR_FIELDS, isEntryKey, itemShape,
  type RootRule,
} from '../../shared/plan/writeRules'
import { LIST_LEVEL, liveValue, mapEntry, type MapLike, type Touch, type TouchContext } from '../collab/updateTouches'

/** Who writes: the session's identity and the membership's ring and role. */
export interface Writer {
  name: string
  organisation: string
  ring: Ring
  role: MemberRole
}

type Refusal = string | null
type SectionRule = Extract<RootRule, { kind: 'section' }>
type EntriesRule = Extract<RootRule, { kind: 'entries' }>

/** Judges all touches of one update. */
export function judgeWrite(part: CasePart, touches: readonly Touch[], ctx: TouchContext, writer: Writer, now = Date.now()): Refusal {
  // Read-only connections never get here (connection.ts drops their writes); this is the second lock.
  if (writer.role === 'reader') return 'readers do not write'
  const byRoot = new Map<string, Touch[]>()
  for (const t of touches) byRoot.set(t.root, [...(byRoot.get(t.root) ?? []), t])
  for (const [root, rootTouches] of byRoot) {
    const rule = ROOT_RULES[part][root]
    if (!rule) return `"${root.slice(0, 40)}" is not part of the ${part} document`
    const refusal = judgeRoot(root, rule, rootTouches, ctx, writer, now)
    if (refusal) return refusal
  }
  return null
}

function judgeRoot(root: string, rule: RootRule, touches: Touch[], ctx: TouchContext, writer: Writer, now: number): Refusal {
  if (rule.kind === 'server') return `${root} is written by the server only`
  if (writer.ring === 'outer' && !(rule.kind === 'section' && rule.outerRing === 'own-actions')) {
    return `the buitenring may not change ${root}`
  }
  switch (rule.kind) {
    case 'section':
      return judgeSection(root, rule, touches, ctx, writer, now)
    case 'entries':
      return judgeEntries(root, rule, touches, ctx, writer)
    case 'fields':
      return judgeFieldMap(root, rule.fields, touches, ctx, writer)
    case 'log':
      return judgeLog(root, rule.entry, touches, ctx, writer)
    case 'rich-text':
      return judgeRichText(root, touches, ctx)
  }
}

function judgeSection(root: string, rule: SectionRule, touches: Touch[], ctx: TouchContext, writer: Writer, now: number): Refusal {
  const section = ctx.doc.getMap<unknown>(root)
  const changedFields = new Map<string, Set<string>>()
  const added = new Set<string>()
  const removed = new Set<string>()
  for (const t of touches) {
    if (t.path.length === 0) {
      if (t.key === null) return `${root} holds items by id`
      if (t.op === 'delete') {
        // Removal is a tombstone (restorable, in the diff). Only an item the writer added
        // themselves may disappear: their own undo of that addition.
        if (rule.appendOnly || !t.item || !ctx.isOwn(t.item)) return `${rule.section} items are removed by marking them removed, never deleted`
        removed.add(t.key)
        continue
      }
      added.add(t.key)
    } else if (t.path.length === 1 && t.key !== null) {
      const fields = changedFields.get(t.path[0]!) ?? new Set<string>()
      fields.add(t.key)
      changedFields.set(t.path[0]!, fields)
    } else {
      return `${rule.section} items hold plain values only`
    }
  }
  for (const id of added) {
    const refusal = judgeNewItem(rule, section, id, ctx, writer, now)
    if (refusal) return refusal
  }
  for (const [id, fields] of changedFields) {
    // The fields of an item deleted above (the writer's undo of their own addition) went with it.
    if (removed.has(id) && liveValue(section, id) === undefined) continue
    const refusal = judgeItemChange(rule, section, id, fields, writer)
    if (refusal) return refusal
  }
  return null
}

function judgeNewItem(rule: SectionRule, section: Y.Map<unknown>, id: string, ctx: TouchContext, writer: Writer, now: number): Refusal {
  const entry = mapEntry(section, id)
  // Deleted: an undo of the writer's own addition, judged with its delete touch above.
  if (!entry || entry.deleted) return null
  // A replaced live item shows as a delete touch (refused above unless it was the writer's own).
  if (!ctx.isNew(entry)) return `${rule.section} items are changed field by field, never replaced`
  const map = liveValue(section, id)
  if (!(map instanceof Y.Map)) return `${rule.section} items must be maps`
  if (section.size > MAX_ITEMS_PER_SECTION) return `${rule.section} holds at most ${MAX_ITEMS_PER_SECTION} items`
  const shape = itemShape(rule.section)
  const raw: Record<string, unknown> = {}
  for (const [key, value] of map.entries()) {
    if (!(key in shape)) return `${rule.section} items have no field "${key.slice(0, 40)}"`
    if (value instanceof Y.AbstractType) return `${rule.section}.${key} must be a plain value`
    raw[key] = value
  }
  for (const [key, schema] of Object.entries(shape)) {
    if (!(key in raw)) return `a new ${rule.section} item needs ${key}`
    if (!schema.safeParse(raw[key]).success) return `${rule.section}.${key} is not valid`
  }
  if (raw.id !== id) return `${rule.section} item id must be its key`
  for (const [field, own] of Object.entries(ITEM_IDENTITY_FIELDS)) {
    if (raw[field] !== writer[own]) return `${rule.section}.${field} must be the writer's own`
  }
  if (raw.removedAt !== null || raw.removedBy !== null) return `a new ${rule.section} item cannot be removed already`
  if ((raw.updatedBy !== null && raw.updatedBy !== writer.name) || (raw.updatedByOrganisation !== null && raw.updatedByOrganisation !== writer.organisation)) {
    return `${rule.section}.updatedBy must be the writer's own`
  }
  const created = Date.parse(raw.createdAt as string)
  if (created > now + MAX_CLOCK_SKEW_MS || created < now - MAX_OFFLINE_AGE_MS) return `${rule.section}.createdAt is not the time of writing`
  if (writer.ring === 'outer' && raw.ownerOrganisation !== writer.organisation) return 'the buitenring adds actions of its own organisation only'
  const problem = SECTION_SPECS[rule.section].check(raw)[0]
  return problem ? `${rule.section}.${problem.path}: ${problem.message}` : null
}

function judgeItemChange(rule: SectionRule, section: Y.Map<unknown>, id: string, fields: Set<string>, writer: Writer): Refusal {
  if (rule.appendOnly) return `${rule.section} are append-only: add a new entry instead`
  const map = liveValue(section, id)
  if (!(map instanceof Y.Map)) return `${rule.section} items must be maps`
  const shape = itemShape(rule.section)
  if (writer.ring === 'outer') {
    if (liveValue(map, 'ownerOrganisation') !== writer.organisation) return 'the buitenring changes actions of its own organisation only'
    for (const f of fields) if (!OUTER_RING_ACTION_FIELDS.includes(f)) return `the buitenring may not change ${rule.section}.${f}`
  }
  for (const f of fields) {
    const schema = shape[f]
    if (!schema) return `${rule.section} items have no field "${f.slice(0, 40)}"`
    if (ITEM_IMMUTABLE_FIELDS.includes(f)) return `${rule.section}.${f} cannot be changed`
    const refusal = judgeFieldValue(`${rule.section}.${f}`, schema, map, f, writer)
    if (refusal) return refusal
  }
  const current = readFields(shape, {}, safeJson(map))
  if (current.removedAt !== null && current.removedAt !== undefined) return null
  const problem = SECTION_SPECS[rule.section].check(current as Record<string, unknown>)[0]
  return problem ? `${rule.section}.${problem.path}: ${problem.message}` : null
}

function judgeFieldValue(label: string, schema: z.ZodType, map: MapLike, field: string, writer: Writer): Refusal {
  if (mapEntry(map, field)?.deleted !== false) return `${label} cannot be removed`
  const value = liveValue(map, field)
  if (value instanceof Y.AbstractType) return `${label} must be a plain value`
  if (!schema.safeParse(value).success) return `${label} is not valid`
  if (STAMPED_NAME_FIELDS.includes(field) && value !== null && value !== writer.name) return `${label} must be the writer's own name`
  if (STAMPED_ORGANISATION_FIELDS.includes(field) && value !== null && value !== writer.organisation) return `${label} must be the writer's own organisation`
  return null
}

function judgeEntries(root: string, rule: EntriesRule, touches: Touch[], ctx: TouchContext, writer: Writer): Refusal {
  const entries = ctx.doc.getMap<unknown>(root)
  for (const t of touches) {
    const [key, sub] = t.path
    if (t.path.length === 0 && t.key !== null) {
      const refusal = judgeNewEntry(root, rule, entries, t, ctx, writer)
      if (refusal) return refusal
    } else if (t.path.length === 1 && t.key !== null) {
      const entry = liveValue(entries, key!)
      if (!(entry instanceof Y.Map)) return `${root}.${key!.slice(0, 40)} must be a map`
      const refusal = t.key === ENTRY_HISTORY_KEY && rule.history
        ? judgeHistoryKey(root, entry, t, ctx)
        : rule.fields[t.key]
          ? judgeFieldValue(`${root}.${t.key}`, rule.fields[t.key]!, entry, t.key, writer)
          : `${root} entries have no field "${t.key.slice(0, 40)}"`
      if (refusal) return refusal
    } else if (t.path.length === 2 && sub === ENTRY_HISTORY_KEY && rule.history && t.key === null) {
      const entry = liveValue(entries, key!)
      const history = entry instanceof Y.Map ? entry.get(ENTRY_HISTORY_KEY) : null
      if (!(history instanceof Y.Array)) return `${root} history must be a list`
      const refusal = t.op === 'delete' ? `${root} history is append-only` : judgeLogEntries(`${root} history`, rule.fields, history, ctx, writer)
      if (refusal) return refusal
    } else {
      return `${root} holds no such value`
    }
  }
  return null
}

function judgeNewEntry(root: string, rule: EntriesRule, entries: Y.Map<unknown>, t: Touch, ctx: TouchContext, writer: Writer): Refusal {
  const key = t.key!
  const item = mapEntry(entries, key)
  if (t.op === 'delete' || !item || item.deleted || item.left !== null) return `${root} entries are never removed or replaced`
  if (rule.keys === 'fixed') return `${root} entries are created by the server`
  if (!isEntryKey(rule, key)) return `"${key.slice(0, 40)}" is not a valid key in ${root}`
  const map = liveValue(entries, key)
  if (!(map instanceof Y.Map)) return `${root}.${key.slice(0, 40)} must be a map`
  for (const [field, value] of map.entries()) {
    if (field === ENTRY_HISTORY_KEY && rule.history) {
      if (!(value instanceof Y.Array)) return `${root} history must be a list`
      const refusal = judgeLogEntries(`${root} history`, rule.fields, value, ctx, writer)
      if (refusal) return refusal
      continue
    }
    const schema = rule.fields[field]
    if (!schema) return `${root} entries have no field "${field.slice(0, 40)}"`
    const refusal = judgeFieldValue(`${root}.${field}`, schema, map, field, writer)
    if (refusal) return refusal
  }
  return null
}

function judgeHistoryKey(root: string, entry: Y.Map<unknown>, t: Touch, ctx: TouchContext): Refusal {
  const item = mapEntry(entry, ENTRY_HISTORY_KEY)
  if (t.op === 'delete' || !item || item.deleted || item.left !== null || !ctx.isNew(item)) return `${root} history is append-only`
  return null
}

/** New entries of an append-only list: each a plain value that passes the schema, count bounded. */
function judgeLogEntries(label: string, schema: FieldShape | z.ZodType, list: Y.Array<unknown>, ctx: TouchContext, writer: Writer): Refusal {
  if (list.length > MAX_LOG_ENTRIES) return `${label} holds at most ${MAX_LOG_ENTRIES} entries`
  for (let item = list._start; item !== null; item = item.right) {
    if (item.deleted || !ctx.isNew(item)) continue
    for (const value of item.content.getContent()) {
      if (value instanceof Y.AbstractType) return `${label} entries must be plain values`
      const refusal = judgeLogEntry(label, schema, value, writer)
      if (refusal) return refusal
    }
  }
  return null
}

function judgeLogEntry(label: string, schema: FieldShape | z.ZodType, value: unknown, writer: Writer): Refusal {
  if (isZodType(schema)) {
    if (!schema.safeParse(value).success) return `${label} entry is not valid`
    const entry = value as Record<string, unknown>
    for (const [field, own] of Object.entries(LOG_AUTHOR_FIELDS)) {
      if (entry[field] !== writer[own]) return `${label} entry must be the writer's own`
    }
    return null
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return `${label} entry is not valid`
  for (const [field, fieldValue] of Object.entries(value)) {
    const fieldSchema = schema[field]
    if (!fieldSchema || !fieldSchema.safeParse(fieldValue).success) return `${label} entry is not valid`
  }
  return null
}

function judgeFieldMap(root: string, fields: FieldShape, touches: Touch[], ctx: TouchContext, writer: Writer): Refusal {
  const map = ctx.doc.getMap<unknown>(root)
  for (const t of touches) {
    if (t.path.length !== 0 || t.key === null) return `${root} holds plain values only`
    const schema = fields[t.key]
    if (!schema) return `${root} has no field "${t.key.slice(0, 40)}"`
    // A field only the writer ever set, taken back by their undo: the key is gone again.
    const entry = mapEntry(map, t.key)
    if (entry?.deleted && isOnlyOwnHistory(entry, ctx)) continue
    const refusal = judgeFieldValue(`${root}.${t.key}`, schema, map, t.key, writer)
    if (refusal) return refusal
  }
  return null
}

function judgeLog(root: string, entry: z.ZodType, touches: Touch[], ctx: TouchContext, writer: Writer): Refusal {
  for (const t of touches) {
    if (t.path.length !== 0 || t.key !== null) return `${root} is a list of entries`
    if (t.op === 'delete') return `${root} is append-only`
  }
  return judgeLogEntries(root, entry, ctx.doc.getArray<unknown>(root), ctx, writer)
}

function judgeRichText(root: string, touches: Touch[], ctx: TouchContext): Refusal {
  const fragment = ctx.doc.getXmlFragment(root)
  const blocks = new Set<Y.XmlElement | Y.XmlText | Y.XmlFragment>()
  let isRootChanged = false
  for (const t of touches) {
    if (t.path.length === 0 && t.key !== null) return `${root} is rich text and has no fields`
    // Below the fragment there are only lists of children; a key names an attribute.
    if (t.path.some((p) => p !== LIST_LEVEL)) return `${root} holds rich text only`
    if (t.path.length === 0) isRootChanged = true
    else if (t.top && !t.top.deleted) addBlock(blocks, t.top)
  }
  // Blocks the update added at the top are checked whole.
  if (isRootChanged) {
    for (let item = fragment._start; item !== null; item = item.right) {
      if (!item.deleted && ctx.isNew(item)) addBlock(blocks, item)
    }
  }
  return checkRichTextBlocks(fragment, blocks, isRootChanged)
}

function addBlock(blocks: Set<Y.XmlElement | Y.XmlText | Y.XmlFragment>, item: Y.Item): void {
  const content = item.content
  if (content instanceof Y.ContentType) blocks.add(content.type as Y.XmlElement)
  else blocks.add(new Y.XmlText('not an element'))
}

/** Whether every value a map key ever held (this entry and those it replaced) was the writer's. */
function isOnlyOwnHistory(entry: Y.Item, ctx: TouchContext): boolean {
  for (let item: Y.Item | null = entry; item !== null; item = item.left) {
    if (!ctx.isOwn(item)) return false
  }
  return true
}

function isZodType(schema: FieldShape | z.ZodType): schema is z.ZodType {
  return typeof (schema as z.ZodType).safeParse === 'function'
}

/** JSON of a map, or {} when it cannot be read (nesting too deep for the stack). */
function safeJson(map: Y.Map<unknown>): Record<string, unknown> {
  try {
    return map.toJSON() as Record<string, unknown>
  } catch {
    return {}
  }
}
