/**
 * An update and its item history are one unit (issue 18 item 7), on PGlite and
 * PostgreSQL: when the history insert fails (here a real CHECK constraint the test adds
 * to `item_history`), the update is not in the log either, and the append rejects so the
 * hub can retry or fail the document (4500, retryable); once the history can be written,
 * both are stored together.
 */
import * as Y from 'yjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DocStore, HistoryRow } from '../../server/collab/docStore'
import type { Db } from '../../server/db/db'
import { migrate } from '../../server/db/migrate'
import { createPgDb } from '../../server/db/pgDb'
import { createPgliteDb } from '../../server/db/pgliteDb'
import { createSqlDocStore } from '../../server/store/sqlDocStore'
import { createDataDir, createPgDatabase } from '../helpers/databases'

const DOC = 'case/00000000-0000-4000-8000-0000000000bb/plan'
const ITEM = '00000000-0000-4000-8000-0000000000cc'

function textUpdate(text: string): Uint8Array {
  const doc = new Y.Doc()
  doc.getText('t').insert(0, text)
  return Y.encodeStateAsUpdate(doc)
}

function row(to: string): HistoryRow {
  return {
    itemId: ITEM, field: 'what', from: 'Huisbezoek', to, userId: '00000000-0000-4000-8000-0000000000dd',
    name: 'Anouk de Wit', organisation: 'Veilig Thuis Noordkust', at: new Date().toISOString(),
  }
}

const backends: [string, () => Promise<{ db: Db; done(): Promise<void> }>][] = [
  ['PGlite', async () => {
    const dir = await createDataDir()
    const db = await createPgliteDb(dir.dir)
    return { db, done: async () => { await db.close(); await dir.remove() } }
  }],
  ['PostgreSQL', async () => {
    const pg = await createPgDatabase()
    const db = await createPgDb(pg.url, () => undefined)
    return { db, done: async () => { await db.close(); await pg.drop() } }
  }],
]

describe.each(backends)('update and item history on %s', (_name, open) => {
  let done: (() => Promise<void>) | null = null
  let db: Db
  let store: DocStore
  // One migrated database per backend (PGlite's start is slow); each test has its own document.
  beforeAll(async () => {
    const opened = await open()
    done = opened.done
    db = opened.db
    await migrate(db)
    store = createSqlDocStore(db)
  }, 120_000)
  afterAll(async () => {
    await done?.()
    done = null
  })

  const logRows = async (doc = DOC) => (await db.query<{ n: string | number }>('SELECT count(*) AS n FROM doc_updates WHERE doc_name = $1', [doc]))[0]!.n
  const historyTo = async (doc = DOC) =>
    (await db.query<{ new_value: unknown }>('SELECT new_value FROM item_history WHERE doc_name = $1 ORDER BY id', [doc])).map((r) => r.new_value)

  it('stores neither the update nor its history when the history insert fails, and both once it succeeds', async () => {
    await store.append(DOC, textUpdate('eerst '), 'node-a', [row('Huisbezoek met wijkagent')])
    await db.exec(`ALTER TABLE item_history ADD CONSTRAINT refuse_for_test CHECK (new_value IS DISTINCT FROM '"Weigeren"'::jsonb)`)

    const update = textUpdate('geweigerd')
    await expect(store.append(DOC, update, 'node-a', [row('Weigeren')])).rejects.toThrow(/refuse_for_test/)
    expect(Number(await logRows())).toBe(1)
    expect(await historyTo()).toEqual(['Huisbezoek met wijkagent'])
    // Also when the rows take more than one statement (one transaction): the refused row is the last.
    const many = [...Array.from({ length: 1000 }, (_, i) => row(`waarde ${i}`)), row('Weigeren')]
    await expect(store.append(DOC, textUpdate('veel geweigerd'), 'node-a', many)).rejects.toThrow(/refuse_for_test/)
    expect(Number(await logRows())).toBe(1)
    expect(await historyTo()).toEqual(['Huisbezoek met wijkagent'])

    // The retry the hub makes, after the cause is gone: update and history together.
    await db.exec('ALTER TABLE item_history DROP CONSTRAINT refuse_for_test')
    await store.append(DOC, update, 'node-a', [row('Weigeren')])
    expect(Number(await logRows())).toBe(2)
    expect(await historyTo()).toEqual(['Huisbezoek met wijkagent', 'Weigeren'])
  })

  it('writes more history rows of one update than one statement takes', async () => {
    const doc = DOC.replace('bb/plan', 'ee/plan')
    const rows = Array.from({ length: 1200 }, (_, i) => row(`waarde ${i}`))
    await store.append(doc, textUpdate('veel'), 'node-a', rows)
    expect(Number(await logRows(doc))).toBe(1)
    expect((await historyTo(doc)).length).toBe(1200)
  })
})
