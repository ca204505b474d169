/**
 * A document's changes cut into units the write guard can judge one by one: one section
 * item, one entry (a result, a red flag), one field map (regie, phase, scale anchors),
 * one log (phase history) or one rich text. The cut follows the root rules in
 * shared/plan/writeRules.ts, so a new root kind is a new rule there, not a branch here.
 *
 * Used after a refused update (4409): the browser's copy held changes the server never
 * got, the refused one among them. Yjs cannot resend part of them under their old client
 * id (a gap in that client's clocks leaves the rest pending on the server for ever), so
 * each unit's resulting value is written again as a new edit of a fresh copy, through
 * the same Y.Map/Y.Array/Y.XmlFragment roots the plan's accessors write, and the guard
 * judges each on its own. See useRefusalRecovery.ts for the rounds.
 */
import * as Y from 'yjs'
import { isDeepEqual } from '../../shared/plan/deepEqual'
import { ROOT_RULES, type RootRule } from '../../shared/plan/writeRules'
import type { CasePart } from '../../shared/protocol/docName'

/** One independently judged part of a document. */
export interface EditUnit {
  root: string
  /** Item id or entry key; null for a whole root (field map, log, rich text). */
  key: string | null
}

/** A stable name for a unit (`root` or `root/key`). */
export function unitId(unit: EditUnit): string {
  return unit.key === null ? unit.root : `${unit.root}/${unit.key}`
}

type WritableRule = Exclude<RootRule, { kind: 'server' }>

function writableRoots(part: CasePart): [string, WritableRule][] {
  return Object.entries(ROOT_RULES[part]).filter((entry): entry is [string, WritableRule] => entry[1].kind !== 'server')
}

/** The root type of `name` in `doc`, created with the type its rule says. */
export function rootOf(doc: Y.Doc, name: string, rule: RootRule): Y.Map<unknown> | Y.Array<unknown> | Y.XmlFragment {
  if (rule.kind === 'log') return doc.getArray<unknown>(name)
  if (rule.kind === 'rich-text') return doc.getXmlFragment(name)
  return doc.getMap<unknown>(name)
}

function jsonOf(value: unknown): unknown {
  return value instanceof Y.AbstractType ? (value.toJSON() as unknown) : value
}

/** Keys of a keyed root whose value differs between the two documents. */
function changedKeys(a: Y.Map<unknown>, b: Y.Map<unknown>): string[] {
  const keys = new Set([...a.keys(), ...b.keys()])
  return [...keys].filter((key) => !isDeepEqual(jsonOf(a.get(key)), jsonOf(b.get(key)))).sort()
}

/**
 * The units in which `changed` differs from `base`, in root-rule order, then by key.
 * @param part which document part both are.
 */
export function listChangedUnits(part: CasePart, base: Y.Doc, changed: Y.Doc): EditUnit[] {
  const units: EditUnit[] = []
  for (const [root, rule] of writableRoots(part)) {
    const from = rootOf(base, root, rule)
    const to = rootOf(changed, root, rule)
    if (rule.kind === 'section' || rule.kind === 'entries') {
      for (const key of changedKeys(from as Y.Map<unknown>, to as Y.Map<unknown>)) units.push({ root, key })
    } else if (!isDeepEqual(jsonOf(from), jsonOf(to))) {
      units.push({ root, key: null })
    }
  }
  return units
}

/**
 * The server's copy with this browser's unsent changes merged in, as Yjs merges them:
 * what the page showed, plus what others wrote meanwhile.
 * @param server a document holding (at least) what the server has.
 * @param local the browser's copy that held unsent changes.
 */
export function mergeUnsent(server: Y.Doc, local: Y.Doc): Y.Doc {
  const merged = new Y.Doc()
  Y.applyUpdate(merged, Y.encodeStateAsUpdate(server))
  Y.applyUpdate(merged, Y.encodeStateAsUpdate(local, Y.encodeStateVector(server)))
  return merged
}

/** Appends the entries of `source` that `target` lacks (append-only arrays: logs, histories). */
function appendMissing(target: Y.Array<unknown>, source: Y.Array<unknown>): void {
  const have = target.toArray().map(jsonOf)
  const missing = source.toArray().map(jsonOf).filter((entry) => {
    const at = have.findIndex((h) => isDeepEqual(h, entry))
    if (at === -1) return true
    have.splice(at, 1)
    return false
  })
  if (missing.length > 0) target.push(missing.map((entry) => structuredClone(entry)))
}

/** Sets `key` of `target` to the value `source` holds (plain values cloned, arrays grown). */
function copyValue(target: Y.Map<unknown>, key: string, source: unknown): void {
  if (source instanceof Y.Array) {
    const existing = target.get(key)
    if (existing instanceof Y.Array) return appendMissing(existing, source)
    const fresh = new Y.Array<unknown>()
    target.set(key, fresh)
    return appendMissing(fresh, source)
  }
  if (source === undefined) return
  target.set(key, structuredClone(jsonOf(source)))
}

/** Writes the differing fields of one map (an item, an entry, a field root). */
function copyMap(target: Y.Map<unknown>, source: Y.Map<unknown>): void {
  for (const key of changedKeys(target, source)) copyValue(target, key, source.get(key))
}

function copyKeyed(targetRoot: Y.Map<unknown>, sourceRoot: Y.Map<unknown>, key: string): void {
  const source = sourceRoot.get(key)
  if (!(source instanceof Y.Map)) return
  const existing = targetRoot.get(key)
  if (existing instanceof Y.Map) return copyMap(existing, source)
  const fresh = new Y.Map<unknown>()
  targetRoot.set(key, fresh)
  copyMap(fresh, source)
}

/** Replaces the rich text with the merged one (which already holds the others' edits). */
function copyRichText(target: Y.XmlFragment, source: Y.XmlFragment): void {
  if (target.length > 0) target.delete(0, target.length)
  const children = source.toArray().map((child) => child.clone())
  if (children.length > 0) target.insert(0, children as (Y.XmlElement | Y.XmlText)[])
}

/**
 * Writes one unit's value from `source` into `target` as a new change of `target`, in one
 * transaction (so it leaves as one update, judged on its own). Removals of whole items are
 * not written: items are removed by tombstone (a field), never deleted.
 * @param origin the transaction origin (the page's own edits, so undo and unsent tracking see it).
 */
export function writeUnit(part: CasePart, target: Y.Doc, source: Y.Doc, unit: EditUnit, origin: unknown): void {
  const rule = ROOT_RULES[part][unit.root]
  if (!rule || rule.kind === 'server') return
  target.transact(() => {
    const to = rootOf(target, unit.root, rule)
    const from = rootOf(source, unit.root, rule)
    if (unit.key !== null) copyKeyed(to as Y.Map<unknown>, from as Y.Map<unknown>, unit.key)
    else if (rule.kind === 'log') appendMissing(to as Y.Array<unknown>, from as Y.Array<unknown>)
    else if (rule.kind === 'rich-text') copyRichText(to as Y.XmlFragment, from as Y.XmlFragment)
    else copyMap(to as Y.Map<unknown>, from as Y.Map<unknown>)
  }, origin)
}
