/** `Db` over node-postgres, for a real PostgreSQL server (`DATABASE_URL`). */
import pg from 'pg'
import type { Db, Sql } from './db'

/** Pool size per node; PostgreSQL's default max_connections (100) fits many nodes. */
const POOL_SIZE = 10

/** Converts Uint8Array parameters to Buffer (pg only sends Buffers as bytea). */
function toPgParams(params: readonly unknown[] | undefined): unknown[] | undefined {
  return params?.map((p) =>
    p instanceof Uint8Array && !Buffer.isBuffer(p) ? Buffer.from(p.buffer, p.byteOffset, p.byteLength) : p,
  )
}

/**
 * Connects a pool to PostgreSQL.
 * @throws when the server cannot be reached.
 */
export async function createPgDb(url: string, onError: (err: Error) => void): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max: POOL_SIZE })
  // An idle client losing its connection must not crash the process.
  pool.on('error', onError)
  const client = await pool.connect()
  client.release()

  const query = async <T>(text: string, params?: readonly unknown[]): Promise<T[]> =>
    (await pool.query(text, toPgParams(params))).rows as T[]

  return {
    kind: 'pg',
    query,
    async transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
      const c = await pool.connect()
      try {
        await c.query('BEGIN')
        const tx: Sql = {
          query: async <R>(text: string, params?: readonly unknown[]) =>
            (await c.query(text, toPgParams(params))).rows as R[],
        }
        const result = await fn(tx)
        await c.query('COMMIT')
        return result
      } catch (err) {
        await c.query('ROLLBACK').catch(() => undefined)
        throw err
      } finally {
        c.release()
      }
    },
    async exec(text: string) {
      await pool.query(text)
    },
    async ping() {
      try {
        await pool.query('SELECT 1')
        return true
      } catch {
        return false
      }
    },
    close: () => pool.end(),
  }
}
