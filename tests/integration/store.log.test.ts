/**
 * The update log as anti-entropy reads it (server/store/sqlDocStore.ts), on PGlite and
 * PostgreSQL: rows this node wrote and rows it already received are left out, the
 * cursor still moves past them, and a compaction that went past the cursor brings the
 * snapshot along.
 */
import * as Y from 'yjs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { DocStore } from '../../server/collab/docStore'
import type { Db } from '../../server/db/db'
import { migrate } from '../../server/db/migrate'
import { createPgDb } from '../../server/db/pgDb'
import { createPgliteDb } from '../../server/db/pgliteDb'
import { createSqlDocStore } from '../../server/store/sqlDocStore'
import { createDataDir, createPgDatabase } from '../helpers/databases'

function textUpdate(text: string): Uint8Array {
  const doc = new Y.Doc()
  doc.getText('t').insert(0, text)
  return Y.encodeStateAsUpdate(doc)
}

function textOf(updates: Uint8Array[]): string {
  const doc = new Y.Doc()
  for (const u of updates) Y.applyUpdate(doc, u)
  return doc.getText('t').toString()
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

describe.each(backends)('update log on %s', (_name, open) => {
  let done: (() => Promise<void>) | null = null
  let store: DocStore
  // A fresh, migrated database per test.
  beforeEach(async () => {
    const opened = await open()
    done = opened.done
    await migrate(opened.db)
    store = createSqlDocStore(opened.db)
  })
  afterEach(async () => {
    await done?.()
    done = null
  })

  it('leaves out own and known rows in an anti-entropy read, yet moves the cursor past them', async () => {
    const doc = 'case/00000000-0000-4000-8000-0000000000aa/plan'
    const own = await store.append(doc, textUpdate('eigen '), 'node-a')
    const received = await store.append(doc, textUpdate('ontvangen '), 'node-b')
    const missed = await store.append(doc, textUpdate('gemist'), 'node-b')

    const read = await store.readSince(doc, 0, { nodeId: 'node-a', ids: [received] })
    expect(read.ids).toEqual([missed])
    expect(textOf(read.updates)).toBe('gemist')
    expect(read.lastId).toBe(Math.max(own, received, missed))

    const everything = await store.readSince(doc, 0)
    expect(everything.ids).toEqual([own, received, missed])
  })

  it('brings the snapshot when a compaction went past the cursor, and only then', async () => {
    const doc = 'case/00000000-0000-4000-8000-0000000000bb/plan'
    const first = await store.append(doc, textUpdate('a'), 'node-b')
    await store.compact(doc)
    const after = await store.append(doc, textUpdate('b'), 'node-b')

    const behind = await store.readSince(doc, 0, { nodeId: 'node-a', ids: [] })
    expect(behind.updates).toHaveLength(2) // snapshot + the row after it
    expect(behind.ids).toEqual([after])

    const current = await store.readSince(doc, first, { nodeId: 'node-a', ids: [after] })
    expect(current.updates).toHaveLength(0)
    expect(current.lastId).toBe(after)
  })
})
