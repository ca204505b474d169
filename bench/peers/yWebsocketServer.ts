/**
 * Baseline peer for the benchmark: `@y/websocket-server`, the reference y-websocket
 * backend (one node; it has no multi-node story). No authentication. With
 * PERSIST_DATABASE_URL it keeps documents in PostgreSQL through its persistence hook
 * (whole state per document, written when the last client leaves and on shutdown), for
 * the cold-load measurement.
 *
 * Env: PORT (0 = any), PERSIST_DATABASE_URL (optional). Prints `{"msg":"listening","port":…}`.
 */
import http from 'node:http'
import { WebSocketServer } from 'ws'
import * as Y from 'yjs'
import pg from 'pg'
import { setupWSConnection, setPersistence, docs } from '@y/websocket-server/utils'

const persistUrl = process.env.PERSIST_DATABASE_URL
let pool: pg.Pool | null = null
if (persistUrl) {
  pool = new pg.Pool({ connectionString: persistUrl, max: 4 })
  await pool.query('CREATE TABLE IF NOT EXISTS yws_documents (name text PRIMARY KEY, data bytea NOT NULL)')
  const db = pool
  setPersistence({
    provider: db,
    async bindState(name: string, doc: Y.Doc) {
      const r = await db.query<{ data: Buffer }>('SELECT data FROM yws_documents WHERE name = $1', [name])
      if (r.rows[0]) Y.applyUpdate(doc, new Uint8Array(r.rows[0].data))
    },
    async writeState(name: string, doc: Y.Doc) {
      await db.query(
        'INSERT INTO yws_documents (name, data) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET data = EXCLUDED.data',
        [name, Buffer.from(Y.encodeStateAsUpdate(doc))],
      )
    },
  })
}

const wss = new WebSocketServer({ noServer: true })
wss.on('connection', setupWSConnection)
const server = http.createServer((_req, res) => res.end('okay'))
server.on('upgrade', (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req)))
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  process.stdout.write(JSON.stringify({ msg: 'listening', port }) + '\n')
})

const shutdown = async () => {
  for (const ws of wss.clients) ws.terminate()
  if (pool) {
    for (const [name, doc] of docs) {
      await pool.query(
        'INSERT INTO yws_documents (name, data) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET data = EXCLUDED.data',
        [name, Buffer.from(Y.encodeStateAsUpdate(doc))],
      )
    }
    await pool.end()
  }
  process.exit(0)
}
process.once('SIGTERM', () => void shutdown())
process.once('SIGINT', () => void shutdown())
