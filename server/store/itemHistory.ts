/**
 * The `item_history` table: the earlier values of one plan item, read and purged. Rows are
 * written with the update itself (sqlDocStore.ts `append`); what goes in them is
 * server/plan/itemHistory.ts.
 */
import type { ItemChangeDto } from '../../shared/api/schemas'
import type { Sql } from '../db/db'

/** At most this many changes of one item are sent (newest first). */
const MAX_CHANGES = 500

/** The recorded changes of one item, newest first. */
export async function listItemHistory(db: Sql, docName: string, itemId: string): Promise<ItemChangeDto[]> {
  const rows = await db.query<{ field: string; old_value: unknown; new_value: unknown; name: string; organisation: string; at: Date | string }>(
    'SELECT field, old_value, new_value, name, organisation, at FROM item_history WHERE doc_name = $1 AND item_id = $2 ORDER BY at DESC, id DESC LIMIT $3',
    [docName, itemId, MAX_CHANGES],
  )
  // Both drivers hand jsonb back parsed.
  return rows.map((r) => ({ field: r.field, from: r.old_value, to: r.new_value, by: r.name, organisation: r.organisation, at: new Date(r.at).toISOString() }))
}

/** Forgets every recorded change of one item (a purge: its earlier values must go too). */
export async function deleteItemHistory(db: Sql, docName: string, itemId: string): Promise<void> {
  await db.query('DELETE FROM item_history WHERE doc_name = $1 AND item_id = $2', [docName, itemId])
}
