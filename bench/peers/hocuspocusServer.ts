/**
 * Baseline peer for the benchmark: a Hocuspocus node with the Redis extension, as its
 * documentation sets it up for several nodes. No authentication. With PERSIST_DATABASE_URL
 * it also stores documents with the Database extension in PostgreSQL (one row per
 * document, the whole state), which the cold-load measurement needs; the live scenarios
 * run it without persistence, as its reference figures were measured.
 *
 * Env: PORT (0 = any), REDIS_URL, REDIS_PREFIX, NODE_ID, PERSIST_DATABASE_URL (optional).
 * Prints `{"msg":"listening","port":…}` when ready.
 */
import { Server, type Extension } from '@hocuspocus/server'
import { Redis } from '@hocuspocus/extension-redis'
import { Database } from '@hocuspocus/extension-database'
import pg from 'pg'

const redisUrl = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379')
const extensions: Extension[] = [
  new Redis({
    host: redisUrl.hostname,
    port: Number(redisUrl.port || 6379),
    prefix: process.env.REDIS_PREFIX ?? 'hocuspocus',
    identifier: process.env.NODE_ID ?? `hp-${process.pid}`,
  }),
]

const persistUrl = process.env.PERSIST_DATABASE_URL
let pool: pg.Pool | null = null
if (persistUrl) {
  pool = new pg.Pool({ connectionString: persistUrl, max: 4 })
  await pool.query('CREATE TABLE IF NOT EXISTS hocuspocus_documents (name text PRIMARY KEY, data bytea NOT NULL)')
  const db = pool
  extensions.push(new Database({
    async fetch({ documentName }) {
      const r = await db.query<{ data: Buffer }>('SELECT data FROM hocuspocus_documents WHERE name = $1', [documentName])
      return r.rows[0] ? new Uint8Array(r.rows[0].data) : null
    },
    async store({ documentName, state }) {
      await db.query(
        'INSERT INTO hocuspocus_documents (name, data) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET data = EXCLUDED.data',
        [documentName, state],
      )
    },
  }))
}

const server = new Server({ port: Number(process.env.PORT ?? 0), address: '127.0.0.1', quiet: true, stopOnSignals: false, extensions })
await server.listen()
process.stdout.write(JSON.stringify({ msg: 'listening', port: server.address.port }) + '\n')

const shutdown = async () => {
  await server.destroy()
  await pool?.end()
  process.exit(0)
}
process.once('SIGTERM', () => void shutdown())
process.once('SIGINT', () => void shutdown())
