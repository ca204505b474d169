/** The doc hub's storage over SQL: table `doc_updates` (log) and `doc_snapshots`. */
import * as Y from 'yjs'
import type { Db, Sql } from '../db/db'
import { toBytes } from '../db/db'
import { applyStoredUpdates } from '../collab/applyLog'
import type { DocLogRead, DocStore, HistoryRow, KnownRows } from '../collab/docStore'

/**
 * How far back anti-entropy re-reads regardless of id. Ids are taken at insert time;
 * a transaction that took id 10 can commit after one that took id 11, so "id > last"
 * alone could skip row 10 forever. No insert stays in flight anywhere near this long.
 */
const RECENT_WINDOW = "interval '10 seconds'"

interface Row {
  id: string | number
  data: unknown
}

async function readSnapshot(q: Sql, docName: string): Promise<{ data: Uint8Array; uptoId: number } | null> {
  const rows = await q.query<{ data: unknown; upto_id: string | number }>(
    'SELECT data, upto_id FROM doc_snapshots WHERE doc_name = $1',
    [docName],
  )
  const r = rows[0]
  return r ? { data: toBytes(r.data), uptoId: Number(r.upto_id) } : null
}

function collect(snapshot: { data: Uint8Array; uptoId: number } | null, rows: Row[]): DocLogRead {
  const updates = snapshot ? [snapshot.data] : []
  const ids: number[] = []
  let lastId = snapshot?.uptoId ?? 0
  for (const r of rows) {
    const id = Number(r.id)
    updates.push(toBytes(r.data))
    ids.push(id)
    lastId = Math.max(lastId, id)
  }
  return { updates, lastId, logRows: rows.length, ids }
}

/**
 * The snapshot and the log rows in ONE statement, so both come from one consistent
 * view of the database (a compaction commits its snapshot and deletes the rows it
 * folded in together; two statements could see the old snapshot and the new log), and
 * in one round trip, which is most of a cold load (docs/BENCHMARKS.md).
 * `since` null: the whole log. Otherwise rows after `afterId` plus the recent window,
 * minus the `known` ones, and the snapshot only if compaction went past `afterId`;
 * `lastId` then still covers the rows left out, so the cursor moves on.
 */
async function readLog(q: Sql, docName: string, since: { afterId: number; known?: KnownRows } | null): Promise<DocLogRead> {
  const params: unknown[] = [docName]
  let window = ''
  let snapshotFilter = ''
  let unknown = ''
  if (since) {
    params.push(since.afterId)
    window = `AND (id > $2 OR created_at > now() - ${RECENT_WINDOW})`
    snapshotFilter = 'AND upto_id > $2'
    if (since.known) {
      params.push(since.known.nodeId, since.known.ids.map(String))
      unknown = 'WHERE node_id <> $3 AND NOT (id = ANY($4::bigint[]))'
    }
  }
  // kind 0: the snapshot, 1: log rows to apply, 2: highest log id in the window.
  const rows = await q.query<{ kind: number; id: string | number | null; data: unknown }>(
    `WITH log AS (SELECT id, node_id, data FROM doc_updates WHERE doc_name = $1 ${window})
     SELECT 0 AS kind, upto_id AS id, data FROM doc_snapshots WHERE doc_name = $1 ${snapshotFilter}
     UNION ALL SELECT 1, id, data FROM log ${unknown}
     UNION ALL SELECT 2, max(id), NULL FROM log
     ORDER BY kind, id`,
    params,
  )
  let snapshot: { data: Uint8Array; uptoId: number } | null = null
  const logRows: Row[] = []
  let maxId = 0
  for (const r of rows) {
    if (r.kind === 0) snapshot = { data: toBytes(r.data), uptoId: Number(r.id) }
    else if (r.kind === 1) logRows.push({ id: r.id!, data: r.data })
    else if (r.id !== null) maxId = Number(r.id)
  }
  const read = collect(snapshot, logRows)
  return { ...read, lastId: Math.max(read.lastId, maxId) }
}

/** History rows per statement: 8 parameters each, well under PostgreSQL's 65,535. */
const HISTORY_ROWS_PER_INSERT = 1000

/**
 * An INSERT of history rows (jsonb values, one row per field) whose parameters are appended
 * to `params`; `$1` must already be the document's name.
 */
function historyInsert(rows: readonly HistoryRow[], params: unknown[]): string {
  const values = rows.map((r) => {
    const base = params.length
    params.push(r.itemId, r.field, JSON.stringify(r.from), JSON.stringify(r.to), r.userId, r.name, r.organisation, r.at)
    return `($1, ${Array.from({ length: 8 }, (_, i) => `$${base + i + 1}`).join(', ')})`
  })
  return `INSERT INTO item_history (doc_name, item_id, field, old_value, new_value, user_id, name, organisation, at) VALUES ${values.join(', ')}`
}

/** Advisory-lock key of one document (compactions of one doc never overlap). */
const lockKeySql = "hashtext('doc:' || $1)"

/** Creates the SQL-backed DocStore. */
export function createSqlDocStore(db: Db): DocStore {
  const ownersOf = async (docName: string, clientIds: readonly number[]): Promise<Map<number, string>> => {
    const rows = await db.query<{ client_id: string | number; user_id: string }>(
      'SELECT client_id, user_id FROM doc_clients WHERE doc_name = $1 AND client_id = ANY($2::bigint[])',
      [docName, clientIds.map(String)],
    )
    return new Map(rows.map((r) => [Number(r.client_id), r.user_id]))
  }
  return {
    load: (docName) => readLog(db, docName, null),
    async append(docName, update, nodeId, history = []) {
      // An update is never stored without its item history, nor history without its update
      // (issue 18 item 7): one statement (atomic, one round trip on the group commit's path),
      // or one transaction when the rows need more than one statement.
      const params: unknown[] = [docName, update, nodeId]
      const insertUpdate = 'INSERT INTO doc_updates (doc_name, data, node_id) VALUES ($1, $2, $3) RETURNING id'
      if (history.length <= HISTORY_ROWS_PER_INSERT) {
        const sql = history.length === 0 ? insertUpdate : `WITH u AS (${insertUpdate}), h AS (${historyInsert(history, params)}) SELECT id FROM u`
        const rows = await db.query<{ id: string | number }>(sql, params)
        return Number(rows[0]!.id)
      }
      return db.transaction(async (tx) => {
        const rows = await tx.query<{ id: string | number }>(insertUpdate, params)
        for (let i = 0; i < history.length; i += HISTORY_ROWS_PER_INSERT) {
          const chunk: unknown[] = [docName]
          await tx.query(historyInsert(history.slice(i, i + HISTORY_ROWS_PER_INSERT), chunk), chunk)
        }
        return Number(rows[0]!.id)
      })
    },
    readSince: (docName, afterId, known) => readLog(db, docName, { afterId, known }),
    async compact(docName) {
      await db.transaction(async (tx) => {
        await tx.query(`SELECT pg_advisory_xact_lock(${lockKeySql})`, [docName])
        const snapshot = await readSnapshot(tx, docName)
        const rows = await tx.query<Row>('SELECT id, data FROM doc_updates WHERE doc_name = $1 ORDER BY id', [docName])
        if (rows.length === 0) return
        const read = collect(snapshot, rows)
        // Through a Y.Doc rather than Y.mergeUpdates: the doc garbage-collects deleted
        // content. A row that cannot be applied stays in the log, unfolded, for the hub to
        // quarantine; if the snapshot itself cannot be applied nothing is folded.
        const { doc, bad } = applyStoredUpdates(read.updates)
        const offset = read.updates.length - read.ids.length
        if (bad.some((b) => b.index < offset)) return doc.destroy()
        const skipped = new Set(bad.map((b) => read.ids[b.index - offset]!))
        const folded = read.ids.filter((id) => !skipped.has(id))
        const state = Y.encodeStateAsUpdate(doc)
        doc.destroy()
        if (folded.length === 0) return
        await tx.query(
          `INSERT INTO doc_snapshots (doc_name, data, upto_id, updated_at) VALUES ($1, $2, $3, now())
           ON CONFLICT (doc_name) DO UPDATE SET data = EXCLUDED.data, upto_id = EXCLUDED.upto_id, updated_at = now()`,
          [docName, state, Math.max(snapshot?.uptoId ?? 0, ...folded)],
        )
        // Exactly the rows folded in: a row whose insert took a lower id but committed after
        // our read is not in the snapshot and must stay in the log.
        await tx.query('DELETE FROM doc_updates WHERE doc_name = $1 AND id = ANY($2::bigint[])', [docName, folded.map(String)])
      })
    },
    ownersOf,
    async claimClients(docName, clientIds, userId) {
      await db.query(
        `INSERT INTO doc_clients (doc_name, client_id, user_id)
         SELECT $1, c, $3 FROM unnest($2::bigint[]) AS c ON CONFLICT (doc_name, client_id) DO NOTHING`,
        [docName, clientIds.map(String), userId],
      )
      return ownersOf(docName, clientIds)
    },
    async quarantine(docName, ids, reason) {
      return db.transaction(async (tx) => {
        const moved = await tx.query<{ id: string | number }>(
          `WITH gone AS (DELETE FROM doc_updates WHERE doc_name = $1 AND id = ANY($2::bigint[]) RETURNING id, doc_name, data, node_id, created_at)
           INSERT INTO doc_quarantine (id, doc_name, data, node_id, created_at, reason)
           SELECT id, doc_name, data, node_id, created_at, $3 FROM gone ON CONFLICT (id) DO NOTHING RETURNING id`,
          [docName, ids.map(String), reason],
        )
        return moved.length
      })
    },
  }
}
