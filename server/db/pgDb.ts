/** `Db` over node-postgres, for a real PostgreSQL server (`DATABASE_URL`). */
import pg from 'pg'
import type { Db, Sql } from './db'

/** Pool size per node; PostgreSQL's default max_connections (100) fits many nodes. */
const POOL_SIZE = 10
/**
 * Connections opened at start and kept open: a new PostgreSQL connection costs a backend
 * fork and several ms, which the first document opens after a restart used to pay.
 */
const POOL_MIN = 4
const IDLE_TIMEOUT_MS = 60_000
/**
 * Bounds on every query, so a lock or a stuck connection fails a document cleanly
 * instead of stalling it forever: waiting for a pooled connection, a statement on the
 * server (also bounds advisory-lock waits), and the client's own wait for an answer
 * (a server that stopped answering altogether).
 */
const CONNECT_TIMEOUT_MS = 5_000
const STATEMENT_TIMEOUT_MS = 15_000
const QUERY_TIMEOUT_MS = 20_000
const IDLE_IN_TRANSACTION_TIMEOUT_MS = 30_000
/** Distinct statement texts we prepare by name; beyond this they run unnamed. */
const MAX_NAMED_STATEMENTS = 256

/**
 * Parameterised statements run as named prepared statements: PostgreSQL parses and plans
 * each text once per connection instead of on every call (the update-log insert runs for
 * every edit). Our statement texts are constants, so the set stays small; the cap guards
 * against a future caller building texts dynamically.
 */
const statementNames = new Map<string, string>()
function statement(text: string, values: unknown[] | undefined): pg.QueryConfig | string {
  if (values === undefined) return text
  let name = statementNames.get(text)
  if (name === undefined) {
    if (statementNames.size >= MAX_NAMED_STATEMENTS) return { text, values } as pg.QueryConfig
    name = `s${statementNames.size}`
    statementNames.set(text, name)
  }
  return { name, text, values }
}

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
  const pool = new pg.Pool({
    connectionString: url, max: POOL_SIZE, min: POOL_MIN, idleTimeoutMillis: IDLE_TIMEOUT_MS,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS, statement_timeout: STATEMENT_TIMEOUT_MS, query_timeout: QUERY_TIMEOUT_MS,
    idle_in_transaction_session_timeout: IDLE_IN_TRANSACTION_TIMEOUT_MS,
  })
  // An idle client losing its connection must not crash the process.
  pool.on('error', onError)
  const warm = await Promise.all(Array.from({ length: POOL_MIN }, () => pool.connect()))
  for (const c of warm) c.release()

  const query = async <T>(text: string, params?: readonly unknown[]): Promise<T[]> =>
    (await pool.query(statement(text, toPgParams(params)))).rows as T[]

  return {
    kind: 'pg',
    query,
    async transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T> {
      const c = await pool.connect()
      try {
        await c.query('BEGIN')
        const tx: Sql = {
          query: async <R>(text: string, params?: readonly unknown[]) =>
            (await c.query(statement(text, toPgParams(params)))).rows as R[],
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
