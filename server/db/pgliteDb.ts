/** `Db` over PGlite: PostgreSQL in WASM, in-process, files under `DATA_DIR`. */
import { mkdir } from 'node:fs/promises'
import { PGlite } from '@electric-sql/pglite'
import type { Db, Sql } from './db'

/**
 * Opens (or creates) the embedded database in `dir`.
 * PGlite has one connection; it queues concurrent queries itself, and a transaction
 * holds that connection until it ends.
 */
export async function createPgliteDb(dir: string): Promise<Db> {
  await mkdir(dir, { recursive: true })
  const lite = await PGlite.create(dir)
  const query = async <T>(text: string, params?: readonly unknown[]): Promise<T[]> =>
    (await lite.query<T>(text, params as unknown[] | undefined)).rows

  return {
    kind: 'pglite',
    query,
    transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
      return lite.transaction((t) =>
        fn({ query: async <R>(text: string, params?: readonly unknown[]) => (await t.query<R>(text, params as unknown[] | undefined)).rows }),
      )
    },
    async exec(text: string) {
      await lite.exec(text)
    },
    async ping() {
      try {
        await lite.query('SELECT 1')
        return true
      } catch {
        return false
      }
    },
    close: () => lite.close(),
  }
}
