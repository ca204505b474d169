/**
 * A live meeting (issue #13): one MDA++ meeting of N participants on two Samenspel nodes
 * (Redis bus, socket.io through the Redis streams adapter, PostgreSQL), every participant
 * a bench partner with two real connections on the same node, as a browser tab has:
 * a socket.io-client on `/meetings` (joined, receiving `meeting:state`) and a y-websocket
 * client on the case's plan document, typing into its own paragraph of the summary.
 *
 * The chair (chair@demo.test, participant 0, on node A) sends `goto` to the next of the ten
 * agenda items every MOVE_EVERY_MS (cycling); the others alternate B, A, B, … so the
 * meeting is split evenly over the nodes.
 *
 * - **Move latency**: from just before the chair emits the command to a participant
 *   receiving the first `meeting:state` whose `currentItemId` is the new item and whose
 *   `seq` is higher than the highest the chair had seen when it emitted (a state showing
 *   that item with a higher seq can only be the move's or a later one: the previous item
 *   was a different one, and the same item a cycle ago had a lower seq). One sample per
 *   participant other than the chair per move ("each"), and per move the time until the
 *   last of them had it ("all"). A participant that has not seen it MOVE_DEADLINE_MS after
 *   the emit has **lost** the move.
 * - **Edit latency**: as in the generator (bench/generator.ts): an edit appends a unique
 *   token `[m<participant>.<seq>]`; its latency is the time until the last other
 *   participant's document has it; undelivered DRAIN_TIMEOUT_MS after the window: lost.
 *
 * Moves and edits made during the warm-up are tracked for loss but not timed. Every loop
 * is bounded in count and time; traffic goes only to the nodes on 127.0.0.1.
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks'
import { io, type Socket } from 'socket.io-client'
import * as Y from 'yjs'
import type { MeetingAck } from '../shared/meetings/schemas'
import type { MeetingView } from '../shared/meetings/state'
import { cpuDeltaMs, cpuMs, cpuSnapshot, rssMiB } from './lib/proc'
import { mapLimit } from './lib/pool'
import { ownParagraph, PROSE_FIELD } from './lib/prose'
import { median, percentile, round, sortedCopy } from './lib/stats'
import type { BenchClient, ClientSpec, RunningTarget, Target } from './targets/target'

/** One meeting size. */
export interface MeetingSize {
  /** Participants including the chair. */
  participants: number
  warmupS: number
  measureS: number
}

/**
 * Edits per second per participant: a meeting where everyone types now and then.
 * BENCH_MEETING_EDIT_RATE overrides it (a diagnostic: 0 = the agenda moves alone).
 */
export const MEETING_EDIT_RATE = process.env.BENCH_MEETING_EDIT_RATE === undefined ? 1 : Math.min(10, Math.max(0, Number(process.env.BENCH_MEETING_EDIT_RATE) || 0))
/** The chair moves to the next agenda item this often. */
export const MOVE_EVERY_MS = 3000
/** A participant that has not seen a move this long after the chair sent it has lost it. */
export const MOVE_DEADLINE_MS = 5000
const DRAIN_TIMEOUT_MS = 15_000
const CONNECT_CONCURRENCY = 10
const CONNECT_TIMEOUT_MS = 20_000
const ACK_TIMEOUT_MS = 5000
const GENERATOR_CPU_LIMIT = 0.85
const GENERATOR_ELD_LIMIT_MS = 50
const DEMO_PASSWORD = 'demo-demo-demo'

/** The full-length and `--quick` sizes: 15 and 50 participants. */
export function meetingSizes(quick: boolean, sizes: readonly number[] = [15, 50], measureS: number | null = null): MeetingSize[] {
  return sizes.map((participants) => ({ participants, warmupS: quick ? 3 : 6, measureS: measureS ?? (quick ? 9 : 39) }))
}

/** One meeting run's figures. */
export interface MeetingBenchResult {
  scenario: string
  participants: number
  nodes: number
  /** Participants per node (the chair is on the first). */
  perNode: number[]
  /** Moves sent in the measured window; samples = moves x (participants - 1). */
  moves: number
  moveSamples: number
  /** Move latency to each participant, ms. */
  moveP50: number
  moveP95: number
  moveP99: number
  moveMax: number
  /** Move latency p50 / p99 to the participants on node A (the chair's) and on node B, ms. */
  moveByNode: { p50: number; p99: number }[]
  /** Per move, the time until the last participant had it, ms. */
  moveAllP50: number
  moveAllP99: number
  /** Receptions not seen within MOVE_DEADLINE_MS, in the measured window and in the warm-up. */
  lostMoves: number
  lostMovesWarmup: number
  /** The chair's command ack, ms. */
  ackP50: number
  ackP99: number
  /** Commands refused or unanswered (should be 0). */
  moveErrors: string[]
  /** Edits sent in the window and their latency to every other participant, ms. */
  edits: number
  editsPerSecond: number
  editP50: number
  editP95: number
  editP99: number
  editMax: number
  lostEdits: number
  lostEditsWarmup: number
  /** `meeting:state` frames received per participant per second in the window (moves and presence). */
  statesPerParticipantPerSecond: number
  /** States that arrived with a lower seq than one the participant already had (whole run; in the measured window). */
  outOfOrderStates: number
  outOfOrderMeasured: number
  /** Size of one participant's first `meeting:state` in the measured window (JSON), bytes. */
  stateBytes: number
  /** ms from the last join until no participant had received a state for 1 s (the join burst). */
  settleMs: number
  /** Meeting sockets that disconnected (and re-joined) during the run. */
  reconnects: number
  /** Server CPU over the window, % of one core, both nodes summed; Redis, PostgreSQL likewise. */
  serverCpuPercent: number
  redisCpuPercent: number
  postgresCpuPercent: number
  rssMiBPerNode: number[]
  connectMs: number
  generator: { cpuPercent: number; eventLoopDelayP99Ms: number; limited: boolean }
}

interface Participant {
  index: number
  nodeIndex: number
  spec: ClientSpec
  yclient: BenchClient
  text: Y.XmlText | null
  socket: Socket
  maxSeq: number
  states: number
  seq: number
  nextDue: number
}

interface Move {
  itemId: string
  seqBefore: number
  sentAt: number
  measured: boolean
  /** participant index → latency ms */
  seen: Map<number, number>
  done: boolean
}

interface PendingEdit {
  sentAt: number
  remaining: number
  measured: boolean
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const TOKEN = /\[m(\d+\.\d+)\]/g

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms)
    p.then((v) => { clearTimeout(t); resolve(v) }, (e: unknown) => { clearTimeout(t); reject(e as Error) })
  })
}

async function call<T>(baseUrl: string, cookie: string | null, method: string, path: string, body?: unknown): Promise<{ status: number; body: T; setCookie: string | null }> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { ...(cookie ? { cookie } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await res.text()
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T, setCookie: res.headers.get('set-cookie') }
}

function emitWithAck<T>(socket: Socket, event: string, payload: unknown): Promise<T> {
  return withTimeout(new Promise<T>((resolve) => socket.emit(event, payload, (ack: T) => resolve(ack))), ACK_TIMEOUT_MS, `ack of ${event}`)
}

function scanTokens(type: unknown, receive: (id: string) => void): void {
  if (type instanceof Y.XmlText) {
    for (const m of type.toString().matchAll(TOKEN)) receive(m[1]!)
  } else if (type instanceof Y.XmlElement) {
    for (const child of type.toArray()) scanTokens(child, receive)
  }
}

/** Runs one meeting of `size.participants` on a freshly started Samenspel target. */
export async function runMeeting(
  target: Target,
  size: MeetingSize,
  log: (line: string) => void,
  track: Set<{ stop(): Promise<void> }> = new Set(),
): Promise<MeetingBenchResult> {
  const n = size.participants
  if (!Number.isInteger(n) || n < 2 || n > 200) throw new Error(`a meeting needs 2 to 200 participants, got ${n}`)
  const started: RunningTarget = await target.start({ persistent: false })
  track.add(started)
  const participants: Participant[] = []
  const timers = new Set<NodeJS.Timeout>()
  try {
    // Bench partners, members of one new case (bench/targets/samenspel.ts), plus the chair.
    const [memberSpecs] = await started.prepare(1, n - 1)
    const docName = memberSpecs![0]!.docName
    const caseId = /^case\/(.+)\/plan$/.exec(docName)?.[1]
    if (!caseId) throw new Error(`unexpected document name ${docName}`)
    const nodeA = started.respec(memberSpecs![0]!, 0).nodeUrl
    const loggedIn = await call(nodeA, null, 'POST', '/api/session', { email: 'chair@demo.test', password: DEMO_PASSWORD })
    if (loggedIn.status !== 200 || !loggedIn.setCookie) throw new Error(`chair login failed: ${loggedIn.status}`)
    const chairCookie = loggedIn.setCookie.split(';')[0]!
    const made = await call<{ id: string }>(nodeA, chairCookie, 'POST', `/api/cases/${caseId}/meetings`, { format: 'mda' })
    if (made.status !== 201) throw new Error(`creating the meeting failed: ${made.status} ${JSON.stringify(made.body)}`)
    const meetingId = made.body.id
    const startedMeeting = await call(nodeA, chairCookie, 'POST', `/api/meetings/${meetingId}/start`)
    if (startedMeeting.status !== 200) throw new Error(`starting the meeting failed: ${startedMeeting.status} ${JSON.stringify(startedMeeting.body)}`)

    const specs: { spec: ClientSpec; nodeIndex: number }[] = [
      { spec: { nodeUrl: nodeA, docName, cookie: chairCookie }, nodeIndex: 0 },
      ...memberSpecs!.map((s, k) => ({ spec: started.respec(s, k + 1), nodeIndex: (k + 1) % 2 })),
    ]

    // Listeners for moves and edits are set up before anyone connects.
    const moves: Move[] = []
    let reconnects = 0
    let outOfOrder = 0
    let outOfOrderMeasured = 0
    let lastStateAt = performance.now()
    let stateBytes = 0
    let measuring = false
    let statesMeasured = 0
    const onState = (p: Participant, s: MeetingView) => {
      const now = performance.now()
      p.states++
      lastStateAt = now
      if (measuring) statesMeasured++
      if (s.seq < p.maxSeq) {
        outOfOrder++
        if (measuring) outOfOrderMeasured++
      }
      if (measuring && p.index === 1 && stateBytes === 0) stateBytes = JSON.stringify(s).length
      p.maxSeq = Math.max(p.maxSeq, s.seq)
      if (p.index === 0) return
      // Only the last few moves can still be open (one every 3 s, 5 s deadline).
      for (let i = moves.length - 1; i >= 0 && i >= moves.length - 4; i--) {
        const m = moves[i]!
        if (m.done || m.seen.has(p.index)) continue
        if (s.currentItemId === m.itemId && s.seq > m.seqBefore) m.seen.set(p.index, now - m.sentAt)
      }
    }

    const connectStart = performance.now()
    let agenda: string[] = []
    await mapLimit(specs, CONNECT_CONCURRENCY, async ({ spec, nodeIndex }, index) => {
      const yclient = started.connect(spec)
      const socket = io(`${spec.nodeUrl}/meetings`, {
        transports: ['websocket'], forceNew: true, extraHeaders: { cookie: spec.cookie! },
        reconnectionDelay: 100, reconnectionDelayMax: 1000, reconnectionAttempts: 20, timeout: CONNECT_TIMEOUT_MS,
      })
      const p: Participant = { index, nodeIndex, spec, yclient, text: null, socket, maxSeq: 0, states: 0, seq: 0, nextDue: 0 }
      participants[index] = p
      socket.on('meeting:state', (s: MeetingView) => onState(p, s))
      await withTimeout(new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve())
        socket.once('connect_error', (err) => reject(err))
      }), CONNECT_TIMEOUT_MS, `meeting socket of participant ${index}`)
      const join = async () => {
        const ack = await emitWithAck<MeetingAck<{ state: MeetingView }>>(socket, 'join', { meetingId })
        if (!ack.ok) throw new Error(`participant ${index} could not join: ${ack.error.code} ${ack.error.message}`)
        onState(p, ack.state)
        return ack.state
      }
      const state = await join()
      if (index === 0) agenda = state.agenda.map((i) => i.id)
      // Re-join after a reconnect, as the meeting page does.
      socket.io.on('reconnect', () => {
        reconnects++
        join().catch((err: Error) => log(`  participant ${index}: re-join failed: ${err.message}`))
      })
      await withTimeout(yclient.synced, CONNECT_TIMEOUT_MS, `plan sync of participant ${index}`)
    })
    const connectMs = performance.now() - connectStart
    if (agenda.length !== 10) throw new Error(`expected the ten MDA++ items, got ${agenda.length}`)
    const perNode = [0, 1].map((k) => participants.filter((p) => p.nodeIndex === k).length)
    log(`  ${n} participants (node A ${perNode[0]}, node B ${perNode[1]}) joined the meeting and synced the plan in ${Math.round(connectMs)} ms`)
    for (const p of participants) p.text = ownParagraph(p.yclient.doc)
    // The join burst settles: every join makes its node broadcast the new presence to everyone.
    const settleStart = performance.now()
    await sleep(1000)
    while (performance.now() - lastStateAt < 1000 && performance.now() - settleStart < 15_000) await sleep(100)
    const settleMs = performance.now() - settleStart

    // Edits.
    const pending = new Map<string, PendingEdit>()
    const editLatencies: number[] = []
    let editsMeasured = 0
    const receive = (id: string) => {
      const e = pending.get(id)
      if (!e || --e.remaining > 0) return
      pending.delete(id)
      if (e.measured) editLatencies.push(performance.now() - e.sentAt)
    }
    for (const p of participants) {
      p.yclient.doc.getXmlFragment(PROSE_FIELD).observeDeep((events, tr) => {
        if (tr.local) return
        for (const e of events) {
          if (e.target instanceof Y.XmlText) {
            for (const op of e.delta) if (typeof op.insert === 'string') for (const m of op.insert.matchAll(TOKEN)) receive(m[1]!)
            continue
          }
          for (const item of e.changes.added) if (item.content instanceof Y.ContentType) scanTokens(item.content.type, receive)
        }
      })
    }
    const period = 1000 / MEETING_EDIT_RATE
    const t00 = performance.now()
    for (const p of participants) p.nextDue = t00 + Math.random() * period
    const ring = [...participants].sort((a, b) => a.nextDue - b.nextDue)
    let head = 0
    let typing = MEETING_EDIT_RATE > 0
    const tick = () => {
      if (!typing) return
      const now = performance.now()
      for (let k = 0; k < ring.length && ring[head]!.nextDue <= now; k++) {
        const p = ring[head]!
        const id = `${p.index}.${p.seq++}`
        pending.set(id, { sentAt: performance.now(), remaining: n - 1, measured: measuring })
        if (measuring) editsMeasured++
        p.text!.insert(p.text!.length, `[m${id}]`)
        p.nextDue += period
        head = (head + 1) % ring.length
      }
      const t = setTimeout(tick, Math.max(0, ring[head]!.nextDue - performance.now()))
      timers.add(t)
      t.unref()
    }
    if (typing) tick()

    // Moves: the chair goes to the next item every MOVE_EVERY_MS.
    const chair = participants[0]!
    const ackLatencies: number[] = []
    const moveErrors: string[] = []
    const maxMoves = Math.ceil(((size.warmupS + size.measureS) * 1000) / MOVE_EVERY_MS) + 2
    let moving = true
    let current = 0
    const move = () => {
      if (!moving || moves.length >= maxMoves) return
      current = (current + 1) % agenda.length
      const m: Move = { itemId: agenda[current]!, seqBefore: chair.maxSeq, sentAt: performance.now(), measured: measuring, seen: new Map(), done: false }
      moves.push(m)
      emitWithAck<MeetingAck>(chair.socket, 'command', { meetingId, type: 'goto', itemId: m.itemId }).then((ack) => {
        if (m.measured) ackLatencies.push(performance.now() - m.sentAt)
        if (!ack.ok) moveErrors.push(`${ack.error.code}: ${ack.error.message}`)
      }, (err: Error) => moveErrors.push(err.message))
      const deadline = setTimeout(() => (m.done = true), MOVE_DEADLINE_MS)
      timers.add(deadline)
      const next = setTimeout(move, MOVE_EVERY_MS)
      timers.add(next)
    }
    move()

    await sleep(size.warmupS * 1000)
    const pids = started.nodePids()
    const cpu0 = pids.map(cpuMs)
    const redis0 = cpuSnapshot('redis-server')
    const pg0 = cpuSnapshot('postgres')
    const gen0 = process.cpuUsage()
    const eld = monitorEventLoopDelay({ resolution: 10 })
    eld.enable()
    const t0 = performance.now()
    measuring = true
    await sleep(size.measureS * 1000)
    measuring = false
    const wall = performance.now() - t0
    const cpu1 = pids.map(cpuMs)
    const redisCpu = cpuDeltaMs('redis-server', redis0)
    const pgCpu = cpuDeltaMs('postgres', pg0)
    const genCpu = process.cpuUsage(gen0)
    eld.disable()
    const rss = pids.map(rssMiB)
    typing = false
    moving = false

    // Drain: every open move reaches its deadline; edits get DRAIN_TIMEOUT_MS.
    const drainStart = performance.now()
    while ((pending.size > 0 || moves.some((m) => !m.done)) && performance.now() - drainStart < DRAIN_TIMEOUT_MS) await sleep(50)
    for (const m of moves) m.done = true

    const receivers = participants.slice(1)
    let lostMoves = 0
    let lostMovesWarmup = 0
    const moveLatencies: number[] = []
    const byNode: number[][] = [[], []]
    const moveAll: number[] = []
    let measuredMoves = 0
    for (const m of moves) {
      const missing = receivers.filter((p) => {
        const v = m.seen.get(p.index)
        return v === undefined || v > MOVE_DEADLINE_MS
      }).length
      if (!m.measured) {
        lostMovesWarmup += missing
        continue
      }
      measuredMoves++
      lostMoves += missing
      for (const [index, v] of m.seen) {
        if (v > MOVE_DEADLINE_MS) continue
        moveLatencies.push(v)
        byNode[participants[index]!.nodeIndex]!.push(v)
      }
      if (missing === 0) moveAll.push(Math.max(...m.seen.values()))
    }
    let lostEdits = 0
    let lostEditsWarmup = 0
    for (const e of pending.values()) {
      if (e.measured) lostEdits++
      else lostEditsWarmup++
    }
    const ms = sortedCopy(moveLatencies)
    const ma = sortedCopy(moveAll)
    const es = sortedCopy(editLatencies)
    const as = sortedCopy(ackLatencies)
    const genPercent = ((genCpu.user + genCpu.system) / 1000 / wall) * 100
    const eldP99 = eld.percentile(99) / 1e6
    const pct = (v: number) => (v / wall) * 100
    return {
      scenario: `meeting of ${n} on 2 nodes`,
      participants: n,
      nodes: pids.length,
      perNode,
      moves: measuredMoves,
      moveSamples: moveLatencies.length,
      moveP50: percentile(ms, 50),
      moveP95: percentile(ms, 95),
      moveP99: percentile(ms, 99),
      moveMax: ms.length ? ms[ms.length - 1]! : Number.NaN,
      moveByNode: byNode.map((list) => {
        const sorted = sortedCopy(list)
        return { p50: percentile(sorted, 50), p99: percentile(sorted, 99) }
      }),
      moveAllP50: percentile(ma, 50),
      moveAllP99: percentile(ma, 99),
      lostMoves,
      lostMovesWarmup,
      ackP50: percentile(as, 50),
      ackP99: percentile(as, 99),
      moveErrors,
      edits: editsMeasured,
      editsPerSecond: editsMeasured / (wall / 1000),
      editP50: percentile(es, 50),
      editP95: percentile(es, 95),
      editP99: percentile(es, 99),
      editMax: es.length ? es[es.length - 1]! : Number.NaN,
      lostEdits,
      lostEditsWarmup,
      statesPerParticipantPerSecond: statesMeasured / n / (wall / 1000),
      outOfOrderStates: outOfOrder,
      outOfOrderMeasured,
      stateBytes,
      settleMs,
      reconnects,
      serverCpuPercent: pct(cpu1.reduce((a, v, i) => a + v - cpu0[i]!, 0)),
      redisCpuPercent: pct(redisCpu),
      postgresCpuPercent: pct(pgCpu),
      rssMiBPerNode: rss,
      connectMs,
      generator: { cpuPercent: genPercent, eventLoopDelayP99Ms: eldP99, limited: genPercent / 100 > GENERATOR_CPU_LIMIT || eldP99 > GENERATOR_ELD_LIMIT_MS },
    }
  } finally {
    for (const t of timers) clearTimeout(t)
    for (const p of participants) {
      if (!p) continue
      p.socket.io.reconnection(false)
      p.socket.close()
      p.yclient.destroy()
    }
    track.delete(started)
    await started.stop()
  }
}

/** Runs each size once, logging a line per size. */
export async function runMeetingBench(
  target: Target,
  sizes: readonly MeetingSize[],
  log: (line: string) => void,
  track?: Set<{ stop(): Promise<void> }>,
): Promise<MeetingBenchResult[]> {
  const out: MeetingBenchResult[] = []
  for (const size of sizes) {
    const r = await runMeeting(target, size, log, track)
    log(`  moves ${r.moves}: p50 ${r.moveP50.toFixed(1)} ms  p99 ${r.moveP99.toFixed(1)} ms (to all: p50 ${r.moveAllP50.toFixed(1)}, p99 ${r.moveAllP99.toFixed(1)})  lost ${r.lostMoves}+${r.lostMovesWarmup}; ` +
      `edits ${r.edits}: p50 ${r.editP50.toFixed(1)} ms  p99 ${r.editP99.toFixed(1)} ms  lost ${r.lostEdits}+${r.lostEditsWarmup}; ` +
      `server ${Math.round(r.serverCpuPercent)} % cpu; gen ${Math.round(r.generator.cpuPercent)} %${r.moveErrors.length ? `; ERRORS ${r.moveErrors.join(' | ')}` : ''}`)
    log(`  moves to node A (the chair's): p50 ${r.moveByNode[0]!.p50.toFixed(1)} p99 ${r.moveByNode[0]!.p99.toFixed(1)} ms; to node B: p50 ${r.moveByNode[1]!.p50.toFixed(1)} p99 ${r.moveByNode[1]!.p99.toFixed(1)} ms; chair's ack p50 ${r.ackP50.toFixed(1)} ms`)
    log(`  join burst settled in ${Math.round(r.settleMs)} ms; a meeting:state is ${r.stateBytes} B; ${r.statesPerParticipantPerSecond.toFixed(2)} states per participant per second`)
    if (r.outOfOrderStates || r.reconnects) log(`  ${r.outOfOrderStates} state(s) out of order (${r.outOfOrderMeasured} in the measured window), ${r.reconnects} reconnect(s)`)
    out.push(r)
  }
  return out
}

const MEDIAN_KEYS = ['moveP50', 'moveP95', 'moveP99', 'moveMax', 'moveAllP50', 'moveAllP99', 'ackP50', 'ackP99', 'editsPerSecond',
  'editP50', 'editP95', 'editP99', 'editMax', 'statesPerParticipantPerSecond', 'stateBytes', 'settleMs', 'serverCpuPercent', 'redisCpuPercent', 'postgresCpuPercent', 'connectMs'] as const
const SUM_KEYS = ['moves', 'moveSamples', 'lostMoves', 'lostMovesWarmup', 'edits', 'lostEdits', 'lostEditsWarmup', 'outOfOrderStates', 'outOfOrderMeasured', 'reconnects'] as const

/** One result per size: medians of the figures over the runs, counts summed. */
export function medianMeetings(raw: readonly MeetingBenchResult[]): (MeetingBenchResult & { runs: number })[] {
  const groups = new Map<number, MeetingBenchResult[]>()
  for (const r of raw) groups.set(r.participants, [...(groups.get(r.participants) ?? []), r])
  return [...groups.values()].map((list) => {
    const out: MeetingBenchResult & { runs: number } = { ...list[0]!, runs: list.length }
    for (const k of MEDIAN_KEYS) out[k] = round(median(list.map((r) => r[k])))
    for (const k of SUM_KEYS) out[k] = list.reduce((a, r) => a + r[k], 0)
    out.moveErrors = list.flatMap((r) => r.moveErrors)
    out.moveByNode = list[0]!.moveByNode.map((_, i) => ({
      p50: round(median(list.map((r) => r.moveByNode[i]?.p50 ?? Number.NaN))),
      p99: round(median(list.map((r) => r.moveByNode[i]?.p99 ?? Number.NaN))),
    }))
    out.rssMiBPerNode = list[0]!.rssMiBPerNode.map((_, i) => round(median(list.map((r) => r.rssMiBPerNode[i] ?? Number.NaN))))
    out.generator = {
      cpuPercent: round(median(list.map((r) => r.generator.cpuPercent))),
      eventLoopDelayP99Ms: round(median(list.map((r) => r.generator.eventLoopDelayP99Ms))),
      limited: list.some((r) => r.generator.limited),
    }
    return out
  })
}

const fmt = (v: number) => (Number.isFinite(v) ? String(round(v)) : '–')
const pad = (s: string, w: number) => (s.length >= w ? s + ' ' : s + ' '.repeat(w - s.length))

/** The stdout table. */
export function printMeetings(results: readonly MeetingBenchResult[], log: (line: string) => void): void {
  if (results.length === 0) return
  log(`\nlive meeting: chair on node A moves the agenda every ${MOVE_EVERY_MS / 1000} s, everyone types ${MEETING_EDIT_RATE}/s (ms; move = chair's emit → each participant's meeting:state; edit = to every other participant)`)
  const header = ['participants', 'A/B', 'moves', 'move p50', 'move p99', 'A p50/p99', 'B p50/p99', 'all p99', 'lost mv', 'edits', 'edit p50', 'edit p99', 'lost ed', 'ack p50', 'states/s', 'srv cpu%', 'redis%', 'pg%', 'gen cpu%', 'gen eld99']
  const widths = [13, 6, 6, 9, 9, 10, 10, 8, 8, 7, 9, 9, 8, 8, 9, 9, 7, 5, 9, 9]
  log(header.map((h, i) => pad(h, widths[i]!)).join(''))
  for (const r of results) {
    const cells = [String(r.participants), r.perNode.join('/'), String(r.moves), fmt(r.moveP50), fmt(r.moveP99),
      ...r.moveByNode.map((b) => `${fmt(b.p50)}/${fmt(b.p99)}`), fmt(r.moveAllP99), `${r.lostMoves + r.lostMovesWarmup}`,
      String(r.edits), fmt(r.editP50), fmt(r.editP99), `${r.lostEdits + r.lostEditsWarmup}`, fmt(r.ackP50), fmt(r.statesPerParticipantPerSecond),
      fmt(r.serverCpuPercent), fmt(r.redisCpuPercent), fmt(r.postgresCpuPercent), fmt(r.generator.cpuPercent), fmt(r.generator.eventLoopDelayP99Ms)]
    log(cells.map((c, i) => pad(c, widths[i]!)).join('') + (r.generator.limited ? '  ! generator-limited' : '') + (r.moveErrors.length ? `  ! ${r.moveErrors.length} command error(s)` : ''))
  }
}
