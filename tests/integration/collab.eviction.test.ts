/**
 * Idle documents leave memory: once the last connection to a document closes and the
 * eviction delay passes, the node no longer holds it, and opening it again loads the
 * same content from the database.
 */
import { connect } from 'node:net'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { caseDocName } from '../../shared/protocol/docName'
import type { RunningServer } from '../../server/main'
import { makeCase } from '../helpers/cases'
import { connectDoc, synced, type DocClient } from '../helpers/clients'
import { startCluster, type Cluster } from '../helpers/clusters'
import { delayUpdateLogInserts, isUpdateLogInsertDelayed } from '../helpers/dbInspect'
import { healthStatus, readMetric } from '../helpers/metrics'
import { until } from '../helpers/until'

const EVICT_AFTER_MS = 200
const OPEN_DOCS = 'samenspel_collab_open_docs'

describe('collab eviction', () => {
  let cluster: Cluster
  let node: RunningServer
  const clients: DocClient[] = []
  const open = (cookie: string, name: string) => {
    const c = connectDoc(node.url, cookie, name)
    clients.push(c)
    return c
  }

  // A node per test (own database and Redis prefix), so no other test's doc is in its gauge.
  beforeEach(async () => {
    cluster = await startCluster(1, { opts: { limits: { evictAfterMs: EVICT_AFTER_MS } } })
    node = cluster.nodes[0]!
  })
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy()
    await cluster?.close()
  })

  it('drops a document from memory after its last client leaves and reloads its content on the next open', async () => {
    const { caseId, chairCookie } = await makeCase(node.url)
    const plan = caseDocName(caseId, 'plan')
    expect(await readMetric(node.url, OPEN_DOCS)).toBe(0)
    const [a, b] = [open(chairCookie, plan), open(chairCookie, plan)]
    await Promise.all([synced(a), synced(b)])
    expect(await readMetric(node.url, OPEN_DOCS)).toBe(1)
    a.prose().insert(0, 'Huisbezoek donderdag.')
    await until(() => b.text() === 'Huisbezoek donderdag.')

    a.destroy()
    b.destroy()
    await until(async () => (await readMetric(node.url, OPEN_DOCS)) === 0, { message: 'the doc leaves memory' })

    const again = open(chairCookie, plan)
    await synced(again)
    expect(again.text()).toBe('Huisbezoek donderdag.')
    expect(await readMetric(node.url, OPEN_DOCS)).toBe(1)
  })

  it('keeps a document in memory while a client is still connected', async () => {
    const { caseId, chairCookie } = await makeCase(node.url)
    const plan = caseDocName(caseId, 'plan')
    expect(await readMetric(node.url, OPEN_DOCS)).toBe(0)
    const [stays, leaves] = [open(chairCookie, plan), open(chairCookie, plan)]
    await Promise.all([synced(stays), synced(leaves)])
    leaves.destroy()
    await until(async () => (await readMetric(node.url, 'samenspel_collab_connections')) === 1)

    // A negative claim needs time to pass: several eviction delays, bounded.
    const deadline = Date.now() + 5 * EVICT_AFTER_MS
    while (Date.now() < deadline) {
      expect(await readMetric(node.url, OPEN_DOCS)).toBe(1)
      await new Promise((r) => setTimeout(r, EVICT_AFTER_MS / 4))
    }
    stays.prose().insert(0, 'nog open')
    const witness = open(chairCookie, plan)
    await synced(witness)
    await until(() => witness.text() === 'nog open')
  })

  it('shows an edit still being committed when the last client left, on a reopen right after eviction', async () => {
    const { caseId, chairCookie } = await makeCase(node.url)
    const plan = caseDocName(caseId, 'plan')
    expect(await readMetric(node.url, OPEN_DOCS)).toBe(0)
    // Hold this edit's commit in flight for a second, longer than the eviction delay.
    await delayUpdateLogInserts(cluster.databaseUrl, 'laatste woord', 1)
    const a = open(chairCookie, plan)
    await synced(a)
    a.prose().insert(0, 'laatste woord')
    await until(() => isUpdateLogInsertDelayed(cluster.databaseUrl), { message: 'the edit\'s commit is in flight' })
    a.destroy()
    await until(async () => (await readMetric(node.url, OPEN_DOCS)) === 0, { message: 'the doc leaves memory' })

    // Well inside the anti-entropy period (15 s), so only the reload itself can deliver it.
    const again = open(chairCookie, plan)
    await synced(again)
    await until(() => again.text() === 'laatste woord', { timeoutMs: 4000, message: 'the reopened doc has the last edit' })
  })

  it.each(['closes', 'resets'])('evicts a document whose upgrade the client %s mid-handshake', async (how) => {
    const { caseId, chairCookie } = await makeCase(node.url)
    const plan = caseDocName(caseId, 'plan')
    expect(await readMetric(node.url, OPEN_DOCS)).toBe(0)
    const socket = connect(node.port, '127.0.0.1')
    socket.on('error', () => undefined)
    await new Promise<void>((r) => socket.once('connect', () => r()))
    // The server checks the session and loads the doc before it answers; leave meanwhile.
    socket.write([
      `GET /collab/${plan} HTTP/1.1`, `Host: 127.0.0.1:${node.port}`, 'Upgrade: websocket', 'Connection: Upgrade',
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==', 'Sec-WebSocket-Version: 13', `Cookie: ${chairCookie}`, '', '',
    ].join('\r\n'))
    if (how === 'resets') socket.resetAndDestroy()
    else socket.destroy()
    // A normal visit afterwards: once it is over, nothing holds the doc any more.
    const visitor = open(chairCookie, plan)
    await synced(visitor)
    visitor.destroy()

    await until(async () => (await readMetric(node.url, OPEN_DOCS)) === 0, { timeoutMs: 3000, message: 'the doc leaves memory after the visit' })
    expect(await healthStatus(node.url)).toBe(200)
  })
})
