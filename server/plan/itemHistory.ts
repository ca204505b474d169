/**
 * An item's history (issue 12): the server records, from every committed update to a
 * plan document, which field of which section item changed, from what to what, by whom.
 * Read from the touches the write guard already computed (so server-side edits of
 * meetings are recorded too), written to `item_history` in the same transaction as the
 * update itself (server/store/sqlDocStore.ts `append`), so no accepted change is ever
 * missing from its history (issue 18 item 7), never from what a client claims. Read back by
 * server/store/itemHistory.ts. Bookkeeping fields (`updatedAt`, `updatedBy`,
 * `updatedByOrganisation`) are not history of their own: they say who made each change.
 */
import * as Y from 'yjs'
import { ROOT_RULES } from '../../shared/plan/writeRules'
import { parseDocName } from '../../shared/protocol/docName'
import { toStorableJson } from '../../shared/text'
import type { HistoryRow } from '../collab/docStore'
import type { WriteCheckInput } from '../collab/types'

/** Fields that only record who changed an item and when. */
const BOOKKEEPING_FIELDS = new Set(['updatedAt', 'updatedBy', 'updatedByOrganisation'])

interface FieldChange {
  itemId: string
  field: string
  from: unknown
  to: unknown
}

/** The field changes of one accepted update (pure: reads the staging copy and the touches). */
export function fieldChanges(input: WriteCheckInput): FieldChange[] {
  const ref = parseDocName(input.docName)
  if (ref?.kind !== 'case') return []
  const previous = new Map<string, unknown>()
  for (const t of input.touches) {
    if (t.op === 'delete' && t.path.length === 1 && t.key !== null && 'previous' in t) previous.set(`${t.root}\u0000${t.path[0]}\u0000${t.key}`, t.previous)
  }
  const rows: FieldChange[] = []
  for (const t of input.touches) {
    if (t.op !== 'write' || t.path.length !== 1 || t.key === null || BOOKKEEPING_FIELDS.has(t.key)) continue
    if (ROOT_RULES[ref.part][t.root]?.kind !== 'section') continue
    const id = `${t.root}\u0000${t.path[0]}\u0000${t.key}`
    // A new item's fields have no earlier value: its creation is shown by its own metadata.
    if (!previous.has(id)) continue
    const item = input.context.doc.getMap<unknown>(t.root).get(t.path[0]!)
    const to = item instanceof Y.Map ? item.get(t.key) : undefined
    const from = previous.get(id)
    if (JSON.stringify(from) === JSON.stringify(to)) continue
    rows.push({ itemId: t.path[0]!, field: t.key, from: from ?? null, to: to ?? null })
  }
  return rows
}

/**
 * The history rows of one accepted update, for the commit queue to write with it. Values
 * are made storable (shared/text.ts): the guard refuses NUL and lone surrogates, but an
 * old value may predate that, and must not make the update itself fail to commit.
 */
export function itemHistoryOf(input: WriteCheckInput): HistoryRow[] {
  const changes = fieldChanges(input)
  if (changes.length === 0) return []
  const who = input.conn.user
  // The time of acceptance, not of the insert: commits of two nodes may land in either order.
  const at = new Date().toISOString()
  return changes.map((c) => ({
    itemId: toStorableJson(c.itemId) as string, field: toStorableJson(c.field) as string, from: toStorableJson(c.from), to: toStorableJson(c.to),
    userId: who.id, name: who.name, organisation: who.organisationName, at,
  }))
}
