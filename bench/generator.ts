/**
 * The load generator: one process, every client a real provider with its own Y.Doc.
 * Each client types into its own paragraph of the plan's summary (rich text, as a partner
 * types in the editor, and what Samenspel's write guard accepts): an edit appends the
 * token `[<editId>]`; every other client of the document records when the token arrives
 * (in the delta of its text event, which costs only the change), and an edit's latency
 * is the time until the *last* of them has it. Edits made during warm-up are tracked for
 * loss but not timed. (Before the write guard the generator set keys of a `bench` map;
 * a root of its own is refused now, and typing is the most common real edit anyway.)
 *
 * Scheduling: every client edits every 1/rate seconds with a random phase; since all
 * periods are equal, a ring ordered by next-due time is always in order, so each tick
 * costs only the edits it makes.
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks'
import * as Y from 'yjs'
import { ownParagraph, PROSE_FIELD } from './lib/prose'
import { cpuDeltaMs, cpuMs, cpuSnapshot, rssMiB } from './lib/proc'
import { mapLimit } from './lib/pool'
import { hubWindow, type HubWindow } from './lib/promText'
import { percentile, sortedCopy } from './lib/stats'
import type { Scenario } from './scenarios'
import type { BenchClient, RunningTarget } from './targets/target'

/** One scenario's figures for one target. */
export interface ScenarioResult {
  scenario: string
  target: string
  nodes: number
  clients: number
  /** Latency to every other client of the document, ms. */
  p50: number
  p95: number
  p99: number
  max: number
  /** Edits sent in the measured window, fully delivered, never fully delivered. */
  sent: number
  delivered: number
  lost: number
  /** Warm-up edits never fully delivered (counted apart; must also be 0). */
  lostWarmup: number
  editsPerSecond: number
  cpuMsPer1000Edits: number
  redisCpuMsPer1000Edits: number
  postgresCpuMsPer1000Edits: number
  /** Largest node RSS at the end of the measured window, and each node's. */
  rssMiB: number
  rssMiBPerNode: number[]
  connectMs: number
  generator: { cpuPercent: number; eventLoopDelayP99Ms: number; limited: boolean }
  /** Samenspel only: what its /metrics say about the measured window. */
  hub?: HubWindow & { editsPerCommit: number; framesOutPerEdit: number }
}

interface Pending {
  sentAt: number
  remaining: number
  measured: boolean
}

interface GenClient {
  index: number
  client: BenchClient
  text: Y.XmlText
  nextDue: number
  seq: number
}

const CONNECT_CONCURRENCY = 50
const SYNC_TIMEOUT_MS = 60_000
const DRAIN_TIMEOUT_MS = 15_000
/** Above this share of one core, or this event-loop delay, the generator is the bottleneck. */
const GENERATOR_CPU_LIMIT = 0.85
const GENERATOR_ELD_LIMIT_MS = 50

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
/** An edit's token in the text: `[<client index>.<seq>]`. */
const TOKEN = /\[(\d+\.\d+)\]/g

/** Every token in a newly arrived paragraph (or anything nested in it). */
function scanTokens(type: unknown, receive: (id: string) => void): void {
  if (type instanceof Y.XmlText) {
    for (const m of type.toString().matchAll(TOKEN)) receive(m[1]!)
  } else if (type instanceof Y.XmlElement) {
    for (const child of type.toArray()) scanTokens(child, receive)
  }
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms)
    p.then((v) => { clearTimeout(t); resolve(v) }, (e: unknown) => { clearTimeout(t); reject(e as Error) })
  })
}

/** Connects every client (bounded concurrency) and waits for each first sync. */
export async function connectAll(target: RunningTarget, specs: ReturnType<RunningTarget['prepare']> extends Promise<infer S> ? S : never): Promise<{ clients: BenchClient[][]; connectMs: number }> {
  const start = performance.now()
  const flat = specs.flatMap((docSpecs, d) => docSpecs.map((spec, k) => ({ spec, d, k })))
  const clients: BenchClient[][] = specs.map(() => [])
  await mapLimit(flat, CONNECT_CONCURRENCY, async ({ spec, d, k }) => {
    const c = target.connect(spec)
    clients[d]![k] = c
    await withTimeout(c.synced, SYNC_TIMEOUT_MS, `sync of client ${k} on ${spec.docName}`)
  })
  return { clients, connectMs: performance.now() - start }
}

/** Runs one scenario against a started target and returns its figures. */
export async function runScenario(target: RunningTarget, targetName: string, nodes: number, s: Scenario, log: (line: string) => void): Promise<ScenarioResult> {
  const specs = await target.prepare(s.docs, s.clientsPerDoc)
  const { clients, connectMs } = await connectAll(target, specs)
  log(`  ${clients.flat().length} clients connected and synced in ${Math.round(connectMs)} ms`)
  const texts = clients.map((docClients) => docClients.map((c) => ownParagraph(c.doc)))
  await sleep(1000) // let the presence burst of the joins (and the new paragraphs) settle

  const pending = new Map<string, Pending>()
  const latencies: number[] = []
  const worst: [number, number][] = []
  let delivered = 0
  let sentMeasured = 0
  let measuring = false
  const receive = (id: string) => {
    const p = pending.get(id)
    if (!p) return
    if (--p.remaining > 0) return
    pending.delete(id)
    if (!p.measured) return
    latencies.push(performance.now() - p.sentAt)
    if (process.env.BENCH_DEBUG_WORST) worst.push([p.sentAt, performance.now() - p.sentAt])
    delivered++
  }

  const period = 1000 / s.rate
  const now0 = performance.now()
  const ring: GenClient[] = []
  let index = 0
  for (const [d, docClients] of clients.entries()) {
    for (const [k, client] of docClients.entries()) {
      client.doc.getXmlFragment(PROSE_FIELD).observeDeep((events, tr) => {
        if (tr.local) return
        for (const e of events) {
          if (e.target instanceof Y.XmlText) {
            for (const op of e.delta) {
              if (typeof op.insert !== 'string') continue
              for (const m of op.insert.matchAll(TOKEN)) receive(m[1]!)
            }
            continue
          }
          // A paragraph that arrives with text already typed into it (its creation and the
          // first edits merged into one update) raises no text event of its own.
          for (const item of e.changes.added) {
            if (item.content instanceof Y.ContentType) scanTokens(item.content.type, receive)
          }
        }
      })
      ring.push({ index: index++, client, text: texts[d]![k]!, nextDue: now0 + Math.random() * period, seq: 0 })
    }
  }
  ring.sort((a, b) => a.nextDue - b.nextDue)
  const receivers = s.clientsPerDoc - 1

  const edit = (c: GenClient) => {
    const id = `${c.index}.${c.seq++}`
    const sentAt = performance.now()
    pending.set(id, { sentAt, remaining: receivers, measured: measuring })
    if (measuring) sentMeasured++
    c.text.insert(c.text.length, `[${id}]`)
  }

  let running = true
  let head = 0
  const tick = () => {
    if (!running) return
    const now = performance.now()
    while (ring[head]!.nextDue <= now) {
      const c = ring[head]!
      edit(c)
      c.nextDue += period
      head = (head + 1) % ring.length
    }
    setTimeout(tick, Math.max(0, ring[head]!.nextDue - performance.now()))
  }
  tick()

  await sleep(s.warmupS * 1000)
  // Measured window: server CPU, Redis and PostgreSQL CPU, generator CPU and event loop.
  const pids = target.nodePids()
  const cpu0 = pids.map(cpuMs)
  const redis0 = cpuSnapshot('redis-server')
  const pg0 = cpuSnapshot('postgres')
  const metrics0 = await target.scrapeMetrics?.()
  const gen0 = process.cpuUsage()
  const eld = monitorEventLoopDelay({ resolution: 10 })
  eld.enable()
  const t0 = performance.now()
  measuring = true
  await sleep(s.measureS * 1000)
  measuring = false
  running = false
  const genWall = performance.now() - t0
  const genCpu = process.cpuUsage(gen0)
  eld.disable()
  const rss = pids.map(rssMiB)

  const drainStart = performance.now()
  while (pending.size > 0 && performance.now() - drainStart < DRAIN_TIMEOUT_MS) await sleep(50)
  const cpu1 = pids.map(cpuMs)
  const redisCpu = cpuDeltaMs('redis-server', redis0)
  const pgCpu = cpuDeltaMs('postgres', pg0)
  const metrics1 = metrics0 ? await target.scrapeMetrics?.() : undefined
  const hub = metrics0 && metrics1 ? hubWindow(metrics0, metrics1) : undefined

  let lost = 0
  let lostWarmup = 0
  for (const p of pending.values()) {
    if (p.measured) lost++
    else lostWarmup++
  }
  for (const c of clients.flat()) c.destroy()

  if (process.env.BENCH_DEBUG_WORST) {
    worst.sort((a, b) => b[1] - a[1])
    log(`  worst: ${worst.slice(0, 40).map(([t, l]) => `${((t - t0) / 1000).toFixed(1)}s:${l.toFixed(0)}`).join(' ')}`)
  }
  const sorted = sortedCopy(latencies)
  const serverCpu = cpu1.reduce((a, v, i) => a + v - cpu0[i]!, 0)
  const per1000 = (ms: number) => (sentMeasured > 0 ? (ms / sentMeasured) * 1000 : Number.NaN)
  const cpuPercent = ((genCpu.user + genCpu.system) / 1000 / genWall) * 100
  const eldP99 = eld.percentile(99) / 1e6
  return {
    scenario: s.name,
    target: targetName,
    nodes,
    clients: s.docs * s.clientsPerDoc,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1]! : Number.NaN,
    sent: sentMeasured,
    delivered,
    lost,
    lostWarmup,
    editsPerSecond: sentMeasured / (genWall / 1000),
    cpuMsPer1000Edits: per1000(serverCpu),
    redisCpuMsPer1000Edits: per1000(redisCpu),
    postgresCpuMsPer1000Edits: per1000(pgCpu),
    rssMiB: Math.max(...rss),
    rssMiBPerNode: rss,
    connectMs,
    generator: {
      cpuPercent,
      eventLoopDelayP99Ms: eldP99,
      limited: cpuPercent / 100 > GENERATOR_CPU_LIMIT || eldP99 > GENERATOR_ELD_LIMIT_MS,
    },
    ...(hub ? { hub: { ...hub, editsPerCommit: hub.updatesIn / hub.commits, framesOutPerEdit: hub.framesOut / sentMeasured } } : {}),
  }
}
