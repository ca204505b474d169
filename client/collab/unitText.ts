/**
 * What a partner wrote in one edit unit (editUnits.ts), as plain text to show and copy
 * when the server refused it: the fields that differ from the server's copy, by name,
 * with the value the partner gave them. Item metadata (who, when) is left out: it is not
 * something they typed.
 */
import * as Y from 'yjs'
import { isDeepEqual } from '../../shared/plan/deepEqual'
import { itemMetaShape } from '../../shared/plan/model'
import { ROOT_RULES } from '../../shared/plan/writeRules'
import type { CasePart } from '../../shared/protocol/docName'
import { rootOf, type EditUnit } from './editUnits'

/** One field of a refused edit: its name (a key, labelled by the page) and the text. */
export interface UnitField {
  field: string
  value: string
}

/** What one refused unit held. */
export interface UnitText {
  /** The item's own words that name it (its `what`, `text`, …), or null. */
  title: string | null
  fields: UnitField[]
}

/** Stamps and identities: written by the page, not typed by the partner. */
const HIDDEN_FIELDS: readonly string[] = [...Object.keys(itemMetaShape).filter((k) => k !== 'removedAt'), 'recorder']
/** Fields that name an item, in order of preference. */
const TITLE_FIELDS: readonly string[] = ['what', 'text', 'title', 'description', 'behaviour', 'firstName', 'name']

function plainOf(value: unknown): unknown {
  return value instanceof Y.AbstractType ? (value.toJSON() as unknown) : value
}

/** A value as one line of text. */
export function valueText(value: unknown): string {
  const plain = plainOf(value)
  if (plain === null || plain === undefined) return ''
  if (typeof plain === 'string') return plain
  if (typeof plain === 'number' || typeof plain === 'boolean') return String(plain)
  if (Array.isArray(plain)) return plain.map(valueText).filter((s) => s !== '').join(', ')
  return JSON.stringify(plain)
}

/** The text of a rich-text fragment, one line per block. */
export function fragmentText(fragment: Y.XmlFragment | Y.XmlElement): string {
  const lines: string[] = []
  for (const child of fragment.toArray()) {
    if (child instanceof Y.XmlText) {
      lines.push((child.toDelta() as { insert: unknown }[]).map((op) => (typeof op.insert === 'string' ? op.insert : '')).join(''))
    } else if (child instanceof Y.XmlElement) {
      lines.push(fragmentText(child))
    }
  }
  return lines.filter((line) => line !== '').join('\n')
}

function mapFields(base: Y.Map<unknown> | null, merged: Y.Map<unknown>): UnitField[] {
  return [...merged.keys()]
    .filter((key) => !HIDDEN_FIELDS.includes(key))
    .filter((key) => !isDeepEqual(plainOf(base?.get(key)), plainOf(merged.get(key))))
    .sort()
    .map((field) => ({ field, value: valueText(merged.get(field)) }))
    .filter((f) => f.value !== '')
}

function titleOf(map: Y.Map<unknown>): string | null {
  for (const field of TITLE_FIELDS) {
    const value = map.get(field)
    if (typeof value === 'string' && value.trim() !== '') return value
  }
  return null
}

/**
 * What `merged` holds in `unit` that `base` (the server's copy) does not.
 * @param part the document part; @param base the server's copy; @param merged the copy with the partner's edits.
 */
export function describeUnit(part: CasePart, base: Y.Doc, merged: Y.Doc, unit: EditUnit): UnitText {
  const rule = ROOT_RULES[part][unit.root]
  if (!rule) return { title: null, fields: [] }
  const shared = rootOf(merged, unit.root, rule)
  if (shared instanceof Y.XmlFragment) {
    return { title: null, fields: [{ field: unit.root, value: fragmentText(shared) }] }
  }
  if (unit.key === null) {
    const from = rootOf(base, unit.root, rule)
    if (shared instanceof Y.Array) {
      const before = from instanceof Y.Array ? from.length : 0
      const added = shared.toArray().slice(before)
      return { title: null, fields: added.map((entry) => ({ field: unit.root, value: valueText(entry) })) }
    }
    if (!(shared instanceof Y.Map)) return { title: null, fields: [] }
    return { title: null, fields: mapFields(from instanceof Y.Map ? from : null, shared) }
  }
  const item = merged.getMap<unknown>(unit.root).get(unit.key)
  if (!(item instanceof Y.Map)) return { title: null, fields: [] }
  const before = base.getMap<unknown>(unit.root).get(unit.key)
  return { title: titleOf(item), fields: mapFields(before instanceof Y.Map ? before : null, item) }
}
