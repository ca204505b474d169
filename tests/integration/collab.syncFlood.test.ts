/**
 * Sync-step-1 amplification (issue 18, item 1): every 4-byte sync step 1 used to be
 * answered with the whole document, encoded on the event loop each time, also after
 * the server had decided to close the socket. Here the school (buitenring) sends 400 of
 * them over 4 raw connections to an 8 MiB plan on a node of its own process, while a
 * prober asks that node's /healthz, a partner's edits in another case travel through
 * it, and its memory is sampled. Two nodes, PostgreSQL and Redis.
 */
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import * as Y from 'yjs'
import { afterEach, describe, expect, it } from 'vitest'
import { appendParagraph, getSummaryFragment } from '../../shared/plan'
import { CloseCode } from '../../shared/protocol/closeCodes'
import { caseDocName } from '../../shared/protocol/docName'
import { createPgDb } from '../../server/db/pgDb'
import { createSqlDocStore } from '../../server/store/sqlDocStore'
import { makeCase } from '../helpers/cases'
import { connectDoc, DEMO, login, synced, type DocClient } from '../helpers/clients'
import { startCluster, type Cluster } from '../helpers/clusters'
import { readMetric } from '../helpers/metrics'
import { spawnNode, type SpawnedNode } from '../helpers/nodes'
import { closedWithin, openRawSocket, type RawSocket } from '../helpers/rawSockets'
import { until } from '../helpers/until'

const MiB = 1024 * 1024
/** `00 00 01 00`: sync, step 1, a state vector of zero entries ("send me everything"). */
const EMPTY_STEP1 = Uint8Array.of(0, 0, 1, 0)

/**
 * Writes an 8 MiB plan straight into the update log, as if it had grown over months:
 * through the hub it would take the per-user byte budget hours. Fictional text only.
 */
async function seedBigPlan(databaseUrl: string, docName: string): Promise<number> {
  const db = await createPgDb(databaseUrl, () => undefined)
  try {
    const store = createSqlDocStore(db)
    const doc = new Y.Doc()
    for (const u of (await store.load(docName)).updates) Y.applyUpdate(doc, u)
    const before = Y.encodeStateVector(doc)
    const line = 'Gezin Proef uit Verzonnenstad krijgt elke week een huisbezoek van het wijkteam; alle namen en feiten in deze tekst zijn verzonnen. '
    const summary = getSummaryFragment(doc)
    for (let i = 0; i < 2040; i++) appendParagraph(summary, `${i}. ${line.repeat(31)}`)
    await store.append(docName, Y.encodeStateAsUpdate(doc, before), 'seed')
    return Y.encodeStateAsUpdate(doc).byteLength
  } finally {
    await db.close()
  }
}

/** Resident memory of a process, from /proc (Linux, as the prober). */
function rssOf(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
  return Number(m![1]) * 1024
}

/**
 * The prober: its own process, so what it measures is node a (the test process holds
 * node b and a dozen clients, and its own pauses would count otherwise). It asks
 * /healthz one request after the other and samples node a's resident memory every
 * 20 ms, on its own timer, until its stdin closes; one JSON line per probe, the peak
 * memory last.
 */
const PROBER = `
const [url, pid] = process.argv.slice(1)
const fs = require('node:fs')
const rss = () => Number(/VmRSS:\\s+(\\d+) kB/.exec(fs.readFileSync('/proc/' + pid + '/status', 'utf8'))[1]) * 1024
let peak = rss(), running = true
const sampler = setInterval(() => { peak = Math.max(peak, rss()) }, 20)
process.stdin.on('data', () => {}).on('end', () => { running = false })
;(async () => {
  while (running) {
    const t = performance.now()
    let status = 0
    try {
      const res = await fetch(url + '/healthz')
      await res.arrayBuffer()
      status = res.status
    } catch {
      // A reset or refused connection is a failed probe (status 0), not the end of probing.
    }
    process.stdout.write(JSON.stringify({ ms: performance.now() - t, status, at: Date.now() }) + '\\n')
    await new Promise((r) => setTimeout(r, 10))
  }
  clearInterval(sampler)
  process.stdout.write(JSON.stringify({ peakRss: peak }) + '\\n')
})()
`

/** Starts the prober on the node at `baseUrl` whose process is `pid`. */
function startProber(baseUrl: string, pid: number) {
  const child = spawn(process.execPath, ['-e', PROBER, baseUrl, String(pid)], { stdio: ['pipe', 'pipe', 'inherit'] })
  let out = ''
  child.stdout.on('data', (d: Buffer) => (out += d.toString()))
  const exited = new Promise<void>((r) => child.once('exit', () => r()))
  const lines = () => out.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { ms?: number; status?: number; at?: number; peakRss?: number })
  return {
    /** Probes answered so far. */
    count: () => lines().filter((l) => l.ms !== undefined).length,
    /** Stops it; every probe's time and status, and the peak memory it saw. */
    async stop() {
      child.stdin.end()
      await exited
      const all = lines()
      return { probes: all.filter((l) => l.ms !== undefined) as { ms: number; status: number; at: number }[], peakRss: all.find((l) => l.peakRss)?.peakRss ?? Number.NaN }
    },
  }
}

describe('collab sync-step-1 flood', () => {
  let cluster: Cluster | null = null
  let spawned: SpawnedNode | null = null
  const clients: DocClient[] = []
  const sockets: RawSocket[] = []
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy()
    for (const s of sockets.splice(0)) s.ws.terminate()
    await spawned?.kill()
    spawned = null
    await cluster?.close()
    cluster = null
  })

  it('keeps the node answering while the school sends 400 step 1s to an 8 MiB plan; closes the school; memory stays bounded', { timeout: 180_000 }, async () => {
    cluster = await startCluster(1)
    const b = cluster.nodes[0]!
    const big = await makeCase(b.url, [{ email: DEMO.school, ring: 'outer', role: 'member' }], 'Gezin Groot')
    const other = await makeCase(b.url, [{ email: DEMO.politie, ring: 'inner', role: 'member' }], 'Gezin Ander')
    const bigPlan = caseDocName(big.caseId, 'plan')
    const bytes = await seedBigPlan(cluster.databaseUrl, bigPlan)
    expect(bytes).toBeGreaterThan(7.9 * MiB)
    expect(bytes).toBeLessThanOrEqual(8 * MiB)

    // Node a, in its own process so its event loop and memory are its own.
    spawned = await spawnNode(cluster.env)
    const a = spawned
    const pid = a.process.pid!
    const chairA = await login(a.url, DEMO.chair)
    // The plan is open at the chair's on node a (a raw socket: the test process need not
    // hold 8 MiB of Yjs), so node a loads it before the flood.
    const open = openRawSocket(a.url, chairA, bigPlan)
    sockets.push(open)
    await open.opened
    await until(() => open.messages.length > 0, { timeoutMs: 60_000, message: 'plan loaded on node a' })
    // Another case: the politie types on node b, the chair reads along on node a.
    const otherPlan = caseDocName(other.caseId, 'plan')
    const typist = connectDoc(b.url, await login(b.url, DEMO.politie), otherPlan)
    const reader = connectDoc(a.url, chairA, otherPlan)
    clients.push(typist, reader)
    await Promise.all([synced(typist), synced(reader)])

    const school = await login(a.url, DEMO.school)
    const flood = Array.from({ length: 4 }, () => openRawSocket(a.url, school, bigPlan))
    sockets.push(...flood)
    await Promise.all(flood.map((s) => s.opened))

    const heapBefore = await readMetric(a.url, 'nodejs_heap_size_used_bytes')
    const rssBefore = rssOf(pid)
    const prober = startProber(a.url, pid)
    const typed: number[] = []
    const arrivals: number[] = []
    const typing = setInterval(() => {
      typed.push(Date.now())
      typist.prose().insert(typist.prose().length, ` r${typed.length - 1}`)
    }, 100)
    reader.doc.on('update', () => {
      while (arrivals.length < typed.length && reader.text().includes(` r${arrivals.length}`)) arrivals.push(Date.now())
    })
    await until(() => arrivals.length >= 3 && prober.count() >= 3, { timeoutMs: 10_000, message: 'edits and probes flow before the flood' })
    // A quiet stretch first, to tell the machine's own noise from the flood's cost.
    const quietFrom = Date.now()
    const quietProbes = prober.count()
    await until(() => prober.count() >= quietProbes + 40, { timeoutMs: 30_000, message: 'quiet probes' })
    const floodAt = Date.now()

    for (const s of flood) for (let i = 0; i < 100; i++) s.ws.send(EMPTY_STEP1)
    const closes = await Promise.all(flood.map((s) => closedWithin(s, 60_000)))
    // Two more seconds of edits and probes after the last close.
    const target = typed.length + 20
    await until(() => arrivals.length >= target, { timeoutMs: 60_000, message: 'edits keep arriving' })
    clearInterval(typing)
    const { probes, peakRss } = await prober.stop()
    const heapAfter = await readMetric(a.url, 'nodejs_heap_size_used_bytes')

    const quiet = probes.filter((p) => p.at >= quietFrom && p.at - p.ms < floodAt)
    const during = probes.filter((p) => p.at - p.ms >= floodAt)
    const slowest = Math.max(...during.map((p) => p.ms))
    const slowQuiet = Math.max(...quiet.map((p) => p.ms))
    const lag = Math.max(...arrivals.map((t, i) => t - typed[i]!))
    const seen = `${during.length} probes from the flood on, slowest ${slowest.toFixed(0)} ms (quiet before: ${slowQuiet.toFixed(0)} ms); ` +
      `slow ones at ${JSON.stringify(during.filter((p) => p.ms > 100).map((p) => [Math.round(p.at - p.ms - floodAt), Math.round(p.ms)]))}; edit lag ≤ ${lag} ms; ` +
      `rss ${(rssBefore / MiB).toFixed(0)} → peak ${(peakRss / MiB).toFixed(0)} MiB; heap ${(heapBefore / MiB).toFixed(0)} → ${(heapAfter / MiB).toFixed(0)} MiB`

    expect(closes.map((c) => c.code), seen).toEqual(Array(4).fill(CloseCode.RateLimited))
    expect(during.length, seen).toBeGreaterThan(20)
    expect(probes.every((p) => p.status === 200), seen).toBe(true)
    expect(slowest, seen).toBeLessThan(250)
    // Through Redis and two nodes, while the test process (node b, every client) also
    // receives the four 8 MiB replies on a shared 2-core machine: 0.7–1.1 s seen alone,
    // 3.3 s with another test file running beside it. Today's code stalls node a for
    // tens of seconds (36.8 s seen), so 5 s still tells the two apart.
    expect(lag, seen).toBeLessThan(5000)
    // What the flood may cost node a: the reply was encoded (and cached) when the plan
    // loaded, and the four sockets queue that same buffer, so close to nothing (1 MiB
    // seen). 24 MiB is three copies of the plan; today's code peaked at +39 MiB while
    // encoding 400 of them (3 GiB allocated, most of it collected at once).
    expect(peakRss - rssBefore, seen).toBeLessThan(24 * MiB)
    expect(heapAfter - heapBefore, seen).toBeLessThan(24 * MiB)
    // The plan is still served whole: a fresh reader syncs all of it.
    const late = connectDoc(a.url, chairA, bigPlan)
    clients.push(late)
    await synced(late, 30_000)
    expect(Y.encodeStateAsUpdate(late.doc).byteLength).toBe(bytes)
  })
})
