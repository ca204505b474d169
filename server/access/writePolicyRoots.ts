/**
 * The write policy's judges of the roots that are not section maps (writePolicy.ts
 * judges sections and dispatches): entries with their append-only histories (results,
 * red flags), field maps (regie, phase), append-only logs (phase history) and rich text.
 */
import * as Y from 'yjs'
import type { z } from 'zod'
import type { FieldShape } from '../../shared/plan/model'
import { checkRichTextBlocks } from '../../shared/plan/richText'
import {
  ENTRY_HISTORY_KEY, MAX_LOG_ENTRIES,
  STAMPED_NAME_FIELDS, STAMPED_ORGANISATION_FIELDS, LOG_AUTHOR_FIELDS, isEntryKey, type RootRule,
} from '../../shared/plan/writeRules'
import type { Writer } from './writePolicy'
import { LIST_LEVEL, liveValue, mapEntry, type MapLike, type Touch, type TouchContext } from '../collab/updateTouches'

type Refusal = string | null
type EntriesRule = Extract<RootRule, { kind: 'entries' }>

/** A field's new value must pass its schema, stay set, and name the writer where it is stamped. */
export function judgeFieldValue(label: string, schema: z.ZodType, map: MapLike, field: string, writer: Writer): Refusal {
  if (mapEntry(map, field)?.deleted !== false) return `${label} cannot be removed`
  const value = liveValue(map, field)
  if (value instanceof Y.AbstractType) return `${label} must be a plain value`
  if (!schema.safeParse(value).success) return `${label} is not valid`
  if (STAMPED_NAME_FIELDS.includes(field) && value !== null && value !== writer.name) return `${label} must be the writer's own name`
  if (STAMPED_ORGANISATION_FIELDS.includes(field) && value !== null && value !== writer.organisation) return `${label} must be the writer's own organisation`
  return null
}

export function judgeEntries(root: string, rule: EntriesRule, touches: Touch[], ctx: TouchContext, writer: Writer): Refusal {
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

export function judgeFieldMap(root: string, fields: FieldShape, touches: Touch[], ctx: TouchContext, writer: Writer): Refusal {
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

export function judgeLog(root: string, entry: z.ZodType, touches: Touch[], ctx: TouchContext, writer: Writer): Refusal {
  for (const t of touches) {
    if (t.path.length !== 0 || t.key !== null) return `${root} is a list of entries`
    if (t.op === 'delete') return `${root} is append-only`
  }
  return judgeLogEntries(root, entry, ctx.doc.getArray<unknown>(root), ctx, writer)
}

export function judgeRichText(root: string, touches: Touch[], ctx: TouchContext): Refusal {
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
export function safeJson(map: Y.Map<unknown>): Record<string, unknown> {
  try {
    return map.toJSON() as Record<string, unknown>
  } catch {
    return {}
  }
}
