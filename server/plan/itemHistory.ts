/**
 * An item's history (issue 12): the server records, from every committed update to a
 * plan document, which field of which section item changed, from what to what, by whom.
 * Read from the touches the write guard already computed (so server-side edits of
 * meetings are recorded too), written to `item_history` once the update is committed,
 * never from what a client claims. Bookkeeping fields (`updatedAt`, `updatedBy`,
 * `updatedByOrganisation`) are not history of their own: they say who made each change.
 */
import * as Y from 'yjs'
import { ROOT_RULES } from '../../shared/plan/writeRules'
import { parseDocName } from '../../shared/protocol/docName'
import type { WriteCheckInput } from '../collab/types'
import type { Sql } from '../db/db'
import type { Logger } from '../log'

/** Fields that only record who changed an item and when. */
const BOOKKEEPING_FIELDS = new Set(['updatedAt', 'updatedBy', 'updatedByOrganisation'])

/** One recorded change of one field. */
export interface ItemChange {
  field: string
  from: unknown
  to: unknown
  by: string
  organisation: string
  at: string
}

interface HistoryRow {
  docName: string
  itemId: string
  field: string
  from: unknown
  to: unknown
}

/** The field changes of one accepted update (pure: reads the staging copy and the touches). */
export function historyRows(input: WriteCheckInput): HistoryRow[] {
  const ref = parseDocName(input.docName)
  if (ref?.kind !== 'case') return []
  const previous = new Map<string, unknown>()
  for (const t of input.touches) {
    if (t.op === 'delete' && t.path.length === 1 && t.key !== null && 'previous' in t) previous.set(`${t.root}\u0000${t.path[0]}\u0000${t.key}`, t.previous)
  }
  const rows: HistoryRow[] = []
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
    rows.push({ docName: input.docName, itemId: t.path[0]!, field: t.key, from: from ?? null, to: to ?? null })
  }
  return rows
}

/** Records history rows after their update commits. */
export function createItemHistoryRecorder(db: Sql, log: Logger) {
  return (input: WriteCheckInput, committed: Promise<void>): void => {
    const rows = historyRows(input)
    if (rows.length === 0) return
    const who = input.conn.user
    // The time of acceptance, not of the insert: inserts of two nodes may land in either order.
    const at = new Date().toISOString()
    committed
      .then(async () => {
        for (const r of rows) {
          await db.query(
            `INSERT INTO item_history (doc_name, item_id, field, old_value, new_value, user_id, name, organisation, at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
            [r.docName, r.itemId, r.field, JSON.stringify(r.from), JSON.stringify(r.to), who.id, who.name, who.organisationName, at],
          )
        }
      })
      .catch((err: Error) => log.error({ docName: input.docName, err: err.message }, 'item history not recorded'))
  }
}

/** The recorded changes of one item, newest first. */
export async function listItemHistory(db: Sql, docName: string, itemId: string): Promise<ItemChange[]> {
  const rows = await db.query<{ field: string; old_value: unknown; new_value: unknown; name: string; organisation: string; at: Date | string }>(
    'SELECT field, old_value, new_value, name, organisation, at FROM item_history WHERE doc_name = $1 AND item_id = $2 ORDER BY at DESC, id DESC LIMIT 500',
    [docName, itemId],
  )
  // Both drivers hand jsonb back parsed.
  return rows.map((r) => ({ field: r.field, from: r.old_value, to: r.new_value, by: r.name, organisation: r.organisation, at: new Date(r.at).toISOString() }))
}
