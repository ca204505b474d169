/** Medians over runs, and the stdout table with ratios to the baselines. */
import type { ColdLoadResult } from './coldLoad'
import type { ScenarioResult } from './generator'
import { median, round } from './lib/stats'

const NUMERIC = ['p50', 'p95', 'p99', 'max', 'editsPerSecond', 'cpuMsPer1000Edits', 'redisCpuMsPer1000Edits', 'postgresCpuMsPer1000Edits', 'rssMiB', 'connectMs'] as const

/** One result per scenario and target: the median of each figure over the runs; counts summed. */
export function medianResults(raw: ScenarioResult[]): (ScenarioResult & { runs: number })[] {
  const groups = new Map<string, ScenarioResult[]>()
  for (const r of raw) {
    const key = `${r.scenario}\u0000${r.target}`
    groups.set(key, [...(groups.get(key) ?? []), r])
  }
  return [...groups.values()].map((list) => {
    const first = list[0]!
    const out: ScenarioResult & { runs: number } = { ...first, runs: list.length }
    for (const k of NUMERIC) out[k] = round(median(list.map((r) => r[k])))
    out.sent = list.reduce((n, r) => n + r.sent, 0)
    out.delivered = list.reduce((n, r) => n + r.delivered, 0)
    out.lost = list.reduce((n, r) => n + r.lost, 0)
    out.lostWarmup = list.reduce((n, r) => n + r.lostWarmup, 0)
    out.rssMiBPerNode = first.rssMiBPerNode.map((_, i) => round(median(list.map((r) => r.rssMiBPerNode[i] ?? Number.NaN))))
    const hubs = list.map((r) => r.hub).filter((h): h is NonNullable<typeof h> => h !== undefined)
    if (hubs.length > 0) {
      const m = (k: keyof typeof hubs[number]) => round(median(hubs.map((h) => h[k])))
      out.hub = {
        updatesIn: m('updatesIn'), framesOut: m('framesOut'), commits: m('commits'), commitMeanMs: m('commitMeanMs'),
        commitP99Ms: m('commitP99Ms'), editsPerCommit: m('editsPerCommit'), framesOutPerEdit: m('framesOutPerEdit'),
      }
    }
    out.generator = {
      cpuPercent: round(median(list.map((r) => r.generator.cpuPercent))),
      eventLoopDelayP99Ms: round(median(list.map((r) => r.generator.eventLoopDelayP99Ms))),
      limited: list.some((r) => r.generator.limited),
    }
    return out
  })
}

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length)
}

const fmt = (v: number) => (Number.isFinite(v) ? String(round(v)) : '–')
const ratio = (a: number, b: number | undefined) => (b && Number.isFinite(a) && Number.isFinite(b) ? `${round(a / b)}x` : '–')

/** Prints one block per scenario, with Samenspel's figures as ratios to each peer. */
export function printTable(results: ScenarioResult[], log: (line: string) => void): void {
  const scenarios = [...new Set(results.map((r) => r.scenario))]
  const header = ['target', 'nodes', 'p50', 'p95', 'p99', 'max', 'sent', 'deliv', 'lost', 'cpu/1k', 'redis/1k', 'pg/1k', 'rssMiB', 'conn ms', 'gen cpu%', 'gen eld99']
  const widths = [20, 6, 8, 8, 8, 8, 7, 7, 5, 8, 9, 7, 7, 8, 9, 9]
  for (const s of scenarios) {
    log(`\n${s}  (latency in ms to every other client; cpu/1k = server CPU ms per 1,000 edits)`)
    log(header.map((h, i) => pad(h, widths[i]!)).join(''))
    const rows = results.filter((r) => r.scenario === s)
    for (const r of rows) {
      const cells = [r.target, String(r.nodes), fmt(r.p50), fmt(r.p95), fmt(r.p99), fmt(r.max), String(r.sent), String(r.delivered), String(r.lost),
        fmt(r.cpuMsPer1000Edits), fmt(r.redisCpuMsPer1000Edits), fmt(r.postgresCpuMsPer1000Edits), fmt(r.rssMiB), fmt(r.connectMs),
        fmt(r.generator.cpuPercent), fmt(r.generator.eventLoopDelayP99Ms)]
      log(cells.map((c, i) => pad(c, widths[i]!)).join('') + (r.generator.limited ? '  ! generator-limited' : ''))
    }
    const ours = rows.find((r) => r.target === 'samenspel')
    if (!ours) continue
    for (const peer of rows.filter((r) => r.target !== 'samenspel' && !r.target.startsWith('samenspel'))) {
      log(`  samenspel / ${peer.target}: p50 ${ratio(ours.p50, peer.p50)}, p99 ${ratio(ours.p99, peer.p99)}, cpu/1k ${ratio(ours.cpuMsPer1000Edits, peer.cpuMsPer1000Edits)}, rss ${ratio(ours.rssMiB, peer.rssMiB)}`)
    }
  }
}

export function printColdLoad(cold: ColdLoadResult[], log: (line: string) => void): void {
  if (cold.length === 0) return
  log(`\ncold load: plan document with ${cold[0]!.edits.toLocaleString('en')} edits in its history, after a restart (ms, connect → full content)`)
  for (const c of cold) log(`  ${pad(c.target, 20)} median ${fmt(c.median)}  (samples ${c.samples.map(fmt).join(', ')});  warm join median ${fmt(c.warmMedian)}`)
}
