/**
 * May this writer make these changes? The server's judgement of every client update to
 * a plan document, from the touches the doc hub read off its trial apply
 * (collab/updateTouches.ts) and the rules in shared/plan/writeRules.ts:
 * - the document's shape: known roots only, `meta` the server's, items as maps of plain
 *   values that pass their schema, rich text the editor can render;
 * - the writer's identity: `author`, `organisation`, `updatedBy`, `recorder`,
 *   `removedBy` are the writer's own; `id`, `createdAt`, `meetingId` never change;
 * - history: decisions and safety scores are append-only, red-flag and phase histories
 *   only grow, items are removed by tombstone (and restorable), never deleted, except
 *   by the case director's audited purge (`canPurge`, only ever set by the purge route);
 * - shares (writeShares.ts): the writer's organisation stays within its share of each
 *   section it writes (live items, item bytes);
 * - the ring (DOMAIN.md §5): who may add, change which fields of, and remove which
 *   items is data (shared/plan/writeEntries.ts), asked through the shared predicates of
 *   shared/plan/abilities.ts, the same the client asks over the abilities the case
 *   detail sends: the buitenring adds and moves its own organisation's actions, and
 *   changes the status of the agreements its organisation is bound to.
 * Returns the first refusal as a short English reason (logged and sent as the close
 * reason; no plan content in it), or null when everything is allowed.
 */
import * as Y from 'yjs'
import type { MemberRole, Ring } from '../../shared/api/schemas'
import type { CasePart } from '../../shared/protocol/docName'
import { SECTION_SPECS } from '../../shared/plan/sections'
import { readFields } from '../../shared/plan/model'
import {
  ITEM_IDENTITY_FIELDS, ITEM_IMMUTABLE_FIELDS, MAX_CLOCK_SKEW_MS, MAX_OFFLINE_AGE_MS, ROOT_RULES, itemShape,
  type RootRule,
} from '../../shared/plan/writeRules'
import { canAddItem, canChangeField, canWriteRoot, type WriteAbilities } from '../../shared/plan/abilities'
import { WRITE_RULES, isAppendOnly, type WriteRules } from '../../shared/plan/writeEntries'
import { addRefusal, changeRefusal, ringName } from './writeRefusals'
import { judgeEntries, judgeFieldMap, judgeFieldValue, judgeLog, judgeRichText, safeJson } from './writePolicyRoots'
import { judgeShare } from './writeShares'
import { liveValue, mapEntry, type Touch, type TouchContext } from '../collab/updateTouches'

/** Who writes: the session's identity and the membership's ring and role. */
export interface Writer {
  name: string
  organisation: string
  ring: Ring
  role: MemberRole
  /**
   * May delete (purge) items outright: the case director through the audited purge
   * route's server-side edit, never a socket (http/routes/purge.ts).
   */
  canPurge?: boolean
}

type Refusal = string | null
type SectionRule = Extract<RootRule, { kind: 'section' }>

/**
 * Judges all touches of one update.
 * @param rules who may write what (a test passes rules with an entry switched off).
 */
export function judgeWrite(part: CasePart, touches: readonly Touch[], ctx: TouchContext, writer: Writer, now = Date.now(), rules: WriteRules = WRITE_RULES): Refusal {
  // Read-only connections never get here (connection.ts drops their writes); this is the second lock.
  if (writer.role === 'reader') return 'readers do not write'
  // The predicates pick the entries that apply to the writer (entriesFor), so the rules
  // serve as they are: no per-update filtering on the hot path.
  const abilities: WriteAbilities = { ring: writer.ring, role: writer.role, organisation: writer.organisation, plan: rules.plan, inner: rules.inner }
  const byRoot = new Map<string, Touch[]>()
  for (const t of touches) byRoot.set(t.root, [...(byRoot.get(t.root) ?? []), t])
  for (const [root, rootTouches] of byRoot) {
    // Own keys only: a root named "constructor" must not find Object's.
    const rule = Object.hasOwn(ROOT_RULES[part], root) ? ROOT_RULES[part][root] : undefined
    if (!rule) return `"${root.slice(0, 40)}" is not part of the ${part} document`
    const refusal = judgeRoot({ part, root, ctx, writer, abilities, now, rules }, rule, rootTouches)
    if (refusal) return refusal
  }
  return null
}

/** What judging one root needs. */
interface Judging {
  part: CasePart
  root: string
  ctx: TouchContext
  writer: Writer
  abilities: WriteAbilities
  now: number
  rules: WriteRules
}

function judgeRoot(j: Judging, rule: RootRule, touches: Touch[]): Refusal {
  const { root, ctx, writer } = j
  if (rule.kind === 'server') return `${root} is written by the server only`
  if (!canWriteRoot(j.abilities, j.part, root)) return `the ${ringName(writer.ring)} may not change ${root}`
  switch (rule.kind) {
    case 'section':
      // Append-only follows the rules judged by (the same data ROOT_RULES reads).
      return judgeSection(j, { ...rule, appendOnly: isAppendOnly(j.rules[j.part][root] ?? []) }, touches)
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

function judgeSection(j: Judging, rule: SectionRule, touches: Touch[]): Refusal {
  const { root, ctx, writer } = j
  const section = ctx.doc.getMap<unknown>(root)
  const changedFields = new Map<string, Set<string>>()
  const added = new Set<string>()
  const removed = new Set<string>()
  for (const t of touches) {
    if (t.path.length === 0) {
      if (t.key === null) return `${root} holds items by id`
      if (t.op === 'delete') {
        // Removal is a tombstone (restorable, in the diff). Only an item the writer added
        // themselves may disappear: their own undo of that addition; or the case
        // director's purge.
        const isPurge = writer.canPurge === true && writer.ring === 'inner'
        if (rule.appendOnly || !t.item || !(isPurge || ctx.isOwn(t.item))) return `${rule.section} items are removed by marking them removed, never deleted`
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
    const refusal = judgeNewItem(j, rule, section, id)
    if (refusal) return refusal
  }
  for (const [id, fields] of changedFields) {
    // The fields of an item deleted above (the writer's undo of their own addition) went with it.
    if (removed.has(id) && liveValue(section, id) === undefined) continue
    const refusal = judgeItemChange(j, rule, section, id, fields)
    if (refusal) return refusal
  }
  if (added.size === 0 && changedFields.size === 0) return null
  return judgeShare(rule.section, section, writer, added.size > 0)
}

function judgeNewItem(j: Judging, rule: SectionRule, section: Y.Map<unknown>, id: string): Refusal {
  const { ctx, writer, now } = j
  const entry = mapEntry(section, id)
  // Deleted: an undo of the writer's own addition, judged with its delete touch above.
  if (!entry || entry.deleted) return null
  // A replaced live item shows as a delete touch (refused above unless it was the writer's own).
  if (!ctx.isNew(entry)) return `${rule.section} items are changed field by field, never replaced`
  const map = liveValue(section, id)
  if (!(map instanceof Y.Map)) return `${rule.section} items must be maps`
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
  if (!canAddItem(j.abilities, rule.section, raw)) return addRefusal(j.abilities, rule.section)
  const problem = SECTION_SPECS[rule.section].check(raw)[0]
  return problem ? `${rule.section}.${problem.path}: ${problem.message}` : null
}

function judgeItemChange(j: Judging, rule: SectionRule, section: Y.Map<unknown>, id: string, fields: Set<string>): Refusal {
  const { writer } = j
  if (rule.appendOnly) return `${rule.section} are append-only: add a new entry instead`
  const map = liveValue(section, id)
  if (!(map instanceof Y.Map)) return `${rule.section} items must be maps`
  const shape = itemShape(rule.section)
  // The item as it is after the update: an entry never grants the field its condition reads.
  const after = safeJson(map)
  for (const f of fields) {
    if (!canChangeField(j.abilities, rule.section, after, f)) return changeRefusal(j.abilities, rule.section, after, f)
  }
  for (const f of fields) {
    const schema = shape[f]
    if (!schema) return `${rule.section} items have no field "${f.slice(0, 40)}"`
    if (ITEM_IMMUTABLE_FIELDS.includes(f)) return `${rule.section}.${f} cannot be changed`
    const refusal = judgeFieldValue(`${rule.section}.${f}`, schema, map, f, writer)
    if (refusal) return refusal
  }
  const current = readFields(shape, {}, after)
  if (current.removedAt !== null && current.removedAt !== undefined) return null
  const problem = SECTION_SPECS[rule.section].check(current as Record<string, unknown>)[0]
  return problem ? `${rule.section}.${problem.path}: ${problem.message}` : null
}
