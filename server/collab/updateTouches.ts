/**
 * What one update changed, read from the transaction that applied it to the staging
 * copy (updateGuard.ts): every map key written or deleted and every list or rich-text
 * content change, each located by its root type's name and the map keys on the way
 * down. The write policy (server/access/writePolicy.ts) judges these touches; this file
 * only reads Yjs structures.
 */
import * as Y from 'yjs'

/** A list level (array or XML children) in a touch path: no key names it. */
export const LIST_LEVEL = '[]'
/** Deepest nesting a touch may sit at; the plan's deepest legitimate change is 3 levels (red flag history). */
export const MAX_TOUCH_DEPTH = 32

/** Any Yjs shared type, as Yjs itself types them. */
type AnyType = Parameters<typeof Y.findRootTypeKey>[0]

/** One change of an update. */
export interface Touch {
  /** Name of the root type. */
  root: string
  /** Keys (or LIST_LEVEL) from the root to the changed type; empty for the root itself. */
  path: string[]
  /** The map key written or deleted; null for list or text content. */
  key: string | null
  op: 'write' | 'delete'
  /** For a delete: the struct that was deleted (who created it decides who may delete it). */
  item?: Y.Item
  /**
   * For a delete of a plain map value: the value it held, read before the staging copy's
   * garbage collection empties the struct (an item's history records it).
   */
  previous?: unknown
  /** The item directly under the root on the way down (for rich text: the block changed). */
  top?: Y.Item
}

/** What the policy may ask about the structs of the update being judged. */
export interface TouchContext {
  /** The staging document after the update. */
  doc: Y.Doc
  /** Whether a struct was created by the update being judged. */
  isNew(item: Y.Item): boolean
  /** Whether a struct was written under one of the writer's own client ids. */
  isOwn(item: Y.Item): boolean
}

/** The touches of an update, or a refusal when a change sits where nothing may. */
export type TouchResult = { touches: Touch[]; context: TouchContext } | { refusal: string }

/**
 * Reads the touches of a finished transaction on `doc`.
 * Root names must be read here, before anyone calls a typed getter on the document
 * (that replaces an untyped root instance, which then has no name).
 */
export function readTouches(doc: Y.Doc, tr: Y.Transaction): TouchResult {
  const isNew = (item: Y.Item) => item.id.clock >= (tr.beforeState.get(item.id.client) ?? 0)
  const touches: Touch[] = []
  for (const [type, keys] of tr.changed) {
    const where = locate(type)
    if (typeof where === 'string') return { refusal: where }
    for (const key of keys) touches.push({ ...where, key, op: 'write' })
  }
  let refusal: string | null = null
  Y.iterateDeletedStructs(tr, tr.deleteSet, (struct) => {
    if (refusal !== null || !(struct instanceof Y.Item) || isNew(struct)) return
    const parent = struct.parent
    if (!(parent instanceof Y.AbstractType)) return
    const where = locate(parent)
    if (typeof where === 'string') refusal = where
    else touches.push({ ...where, key: struct.parentSub, op: 'delete', item: struct, ...plainValueOf(struct) })
  })
  if (refusal !== null) return { refusal }
  // Ownership is the admission's to tell (clientIds.ts); until then, nothing is own.
  return { touches, context: { doc, isNew, isOwn: () => false } }
}

/** The plain value a deleted map entry held (JSON content only; types and binary are not history). */
function plainValueOf(struct: Y.Item): { previous?: unknown } {
  if (struct.parentSub === null || !(struct.content instanceof Y.ContentAny)) return {}
  const values = struct.content.getContent()
  return { previous: values[values.length - 1] }
}

function locate(type: AnyType): { root: string; path: string[]; top?: Y.Item } | string {
  const path: string[] = []
  let current = type
  let top: Y.Item | undefined
  while (current._item !== null) {
    if (path.length >= MAX_TOUCH_DEPTH) return `changes nested deeper than ${MAX_TOUCH_DEPTH} levels`
    const item = current._item
    path.push(item.parentSub ?? LIST_LEVEL)
    if (!(item.parent instanceof Y.AbstractType)) return 'a change whose parent could not be resolved'
    top = item
    current = item.parent
  }
  for (const [name, value] of current.doc?.share ?? []) {
    if (value === current) return { root: name, path: path.reverse(), top }
  }
  return 'a change outside any named part of the document'
}

/** Any Yjs type with map entries (Y.Map, an XML element's attributes). */
export interface MapLike {
  _map: Map<string, Y.Item>
}

/** The item (map entry) currently stored under `key` of a map type, deleted or not. */
export function mapEntry(type: MapLike, key: string): Y.Item | undefined {
  return type._map.get(key)
}

/** The live value under `key`, or undefined when the key is absent or deleted. */
export function liveValue(type: MapLike, key: string): unknown {
  const item = type._map.get(key)
  if (!item || item.deleted) return undefined
  const content = item.content.getContent()
  return content[content.length - 1]
}
