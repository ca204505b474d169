/** The doc hub's storage over SQL: table `doc_updates` (log) and `doc_snapshots`. */
import * as Y from 'yjs'
import type { Db, Sql } from '../db/db'
import { toBytes } from '../db/db'
import type { DocLogRead, DocStore } from '../collab/docStore'

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
  let lastId = snapshot?.uptoId ?? 0
  for (const r of rows) {
    updates.push(toBytes(r.data))
    lastId = Math.max(lastId, Number(r.id))
  }
  return { updates, lastId, logRows: rows.length }
}

/**
 * The snapshot and the log rows in ONE statement, so both come from one consistent
 * view of the database (a compaction commits its snapshot and deletes the rows it
 * folded in together; two statements could see the old snapshot and the new log), and
 * in one round trip, which is most of a cold load (docs/BENCHMARKS.md).
 * `afterId` null: the whole log; otherwise rows after it plus the recent window.
 */
async function readLog(q: Sql, docName: string, afterId: number | null): Promise<DocLogRead> {
  const logFilter = afterId === null ? '' : `AND (id > $2 OR created_at > now() - ${RECENT_WINDOW})`
  const rows = await q.query<{ is_snapshot: boolean; id: string | number; data: unknown }>(
    `SELECT true AS is_snapshot, upto_id AS id, data FROM doc_snapshots WHERE doc_name = $1
     UNION ALL
     SELECT false, id, data FROM (SELECT id, data FROM doc_updates WHERE doc_name = $1 ${logFilter}) AS log
     ORDER BY is_snapshot DESC, id`,
    afterId === null ? [docName] : [docName, afterId],
  )
  const first = rows[0]
  const snapshot = first?.is_snapshot ? { data: toBytes(first.data), uptoId: Number(first.id) } : null
  const logRows = snapshot ? rows.slice(1) : rows
  const useSnapshot = snapshot !== null && (afterId === null || snapshot.uptoId > afterId)
  return collect(useSnapshot ? snapshot : null, logRows)
}

/** Advisory-lock key of one document (compactions of one doc never overlap). */
const lockKeySql = "hashtext('doc:' || $1)"

/** Creates the SQL-backed DocStore. */
export function createSqlDocStore(db: Db): DocStore {
  return {
    load: (docName) => readLog(db, docName, null),
    async append(docName, update, nodeId) {
      const rows = await db.query<{ id: string | number }>(
        'INSERT INTO doc_updates (doc_name, data, node_id) VALUES ($1, $2, $3) RETURNING id',
        [docName, update, nodeId],
      )
      return Number(rows[0]!.id)
    },
    readSince: (docName, afterId) => readLog(db, docName, afterId),
    async compact(docName) {
      await db.transaction(async (tx) => {
        await tx.query(`SELECT pg_advisory_xact_lock(${lockKeySql})`, [docName])
        const snapshot = await readSnapshot(tx, docName)
        const rows = await tx.query<Row>('SELECT id, data FROM doc_updates WHERE doc_name = $1 ORDER BY id', [docName])
        if (rows.length === 0) return
        const read = collect(snapshot, rows)
        // Through a Y.Doc rather than Y.mergeUpdates: the doc garbage-collects deleted content.
        const doc = new Y.Doc()
        for (const u of read.updates) Y.applyUpdate(doc, u)
        const state = Y.encodeStateAsUpdate(doc)
        doc.destroy()
        await tx.query(
          `INSERT INTO doc_snapshots (doc_name, data, upto_id, updated_at) VALUES ($1, $2, $3, now())
           ON CONFLICT (doc_name) DO UPDATE SET data = EXCLUDED.data, upto_id = EXCLUDED.upto_id, updated_at = now()`,
          [docName, state, read.lastId],
        )
        // Exactly the rows folded in: a row whose insert took a lower id but committed after
        // our read is not in the snapshot and must stay in the log.
        await tx.query('DELETE FROM doc_updates WHERE doc_name = $1 AND id = ANY($2::bigint[])', [docName, rows.map((r) => String(r.id))])
      })
    },
  }
}
