/**
 * `npx tsx bench/markdown.ts [bench-results/latest.json]`: the results as the Markdown
 * tables of docs/BENCHMARKS.md, so the document quotes the file rather than retyping it.
 */
import { readFileSync } from 'node:fs'
import type { ColdLoadResult } from './coldLoad'
import type { ScenarioResult } from './generator'
import type { MeetingBenchResult } from './meetings'

const file = process.argv[2] ?? 'bench-results/latest.json'
const { meta, results, coldLoad, meetings = [] } = JSON.parse(readFileSync(file, 'utf8')) as {
  meta: { date: string; command: string; runs: number; machine: { cpus: number; model: string; memGiB: number; node: string } }
  results: (ScenarioResult & { runs: number })[]
  coldLoad: ColdLoadResult[]
  meetings?: (MeetingBenchResult & { runs: number })[]
}
const out: string[] = []
const f = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '–' : String(v))
const ratio = (a: number, b: number | undefined) => (b && Number.isFinite(a) ? (a / b).toFixed(2) : '–')

out.push(`\`${meta.command}\`, ${meta.date.slice(0, 16).replace('T', ' ')} UTC, ${meta.machine.cpus} × ${meta.machine.model}, ${meta.machine.memGiB} GiB, Node ${meta.machine.node}; medians of ${meta.runs} run(s).`, '')
for (const s of [...new Set(results.map((r) => r.scenario))]) {
  const rows = results.filter((r) => r.scenario === s)
  out.push(`### ${s} (${rows[0]!.clients.toLocaleString('en')} clients)`, '')
  out.push('| target | nodes | p50 ms | p95 ms | p99 ms | max ms | sent | lost | server CPU ms / 1k edits | Redis / 1k | PostgreSQL / 1k | RSS MiB per node | connect ms | generator CPU % / ELD p99 ms |')
  out.push('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|')
  for (const r of rows) {
    out.push(`| ${r.target} | ${r.nodes} | ${f(r.p50)} | ${f(r.p95)} | ${f(r.p99)} | ${f(r.max)} | ${r.sent} | ${r.lost + r.lostWarmup} | ${f(r.cpuMsPer1000Edits)} | ${f(r.redisCpuMsPer1000Edits)} | ${f(r.postgresCpuMsPer1000Edits)} | ${r.rssMiBPerNode.map(f).join(' / ')} | ${f(r.connectMs)} | ${f(r.generator.cpuPercent)} / ${f(r.generator.eventLoopDelayP99Ms)}${r.generator.limited ? ' (limited)' : ''} |`)
  }
  const ours = rows.find((r) => r.target === 'samenspel')
  const peers = rows.filter((r) => !r.target.startsWith('samenspel'))
  if (ours && peers.length > 0) {
    out.push('', '| samenspel ÷ | p50 | p99 | server CPU / 1k edits | RSS |', '|---|---|---|---|---|')
    for (const p of peers) out.push(`| ${p.target} | ${ratio(ours.p50, p.p50)} | ${ratio(ours.p99, p.p99)} | ${ratio(ours.cpuMsPer1000Edits, p.cpuMsPer1000Edits)} | ${ratio(ours.rssMiB, p.rssMiB)} |`)
  }
  if (ours?.hub) {
    out.push('', `Samenspel's hub in this window (its /metrics): ${ours.hub.editsPerCommit} edits per group commit, commit mean ${ours.hub.commitMeanMs} ms (p99 ≤ ${ours.hub.commitP99Ms} ms), ${ours.hub.framesOutPerEdit} frames sent per edit (updates and presence).`)
  }
  out.push('')
}
if (coldLoad.length > 0) {
  out.push(`### Cold load (${coldLoad[0]!.edits.toLocaleString('en')} edits in the history, after a restart)`, '')
  out.push('| target | median ms | samples ms | warm join median ms |', '|---|---|---|---|')
  for (const c of coldLoad) out.push(`| ${c.target} | ${f(Math.round(c.median * 10) / 10)} | ${c.samples.map((v) => v.toFixed(1)).join(', ')} | ${f(Math.round(c.warmMedian * 10) / 10)} |`)
  out.push('')
}
if (meetings.length > 0) {
  out.push('### Live meeting (chair on node A moves the agenda every 3 s, everyone types 1 edit/s)', '')
  out.push('| participants | node A / B | moves | move p50 ms | move p95 ms | move p99 ms | max ms | node A p50 / p99 | node B p50 / p99 | to all p50 / p99 | lost moves | chair ack p50 / p99 | edits | edit p50 ms | edit p95 ms | edit p99 ms | lost edits | server CPU % | Redis % / PostgreSQL % | generator CPU % / ELD p99 ms |')
  out.push('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|')
  for (const m of meetings) {
    out.push(`| ${m.participants} | ${m.perNode.join(' / ')} | ${m.moves} | ${f(m.moveP50)} | ${f(m.moveP95)} | ${f(m.moveP99)} | ${f(m.moveMax)} | ${m.moveByNode.map((b) => `${f(b.p50)} / ${f(b.p99)}`).join(' | ')} | ${f(m.moveAllP50)} / ${f(m.moveAllP99)} | ${m.lostMoves + m.lostMovesWarmup} | ${f(m.ackP50)} / ${f(m.ackP99)} | ${m.edits} | ${f(m.editP50)} | ${f(m.editP95)} | ${f(m.editP99)} | ${m.lostEdits + m.lostEditsWarmup} | ${f(m.serverCpuPercent)} | ${f(m.redisCpuPercent)} / ${f(m.postgresCpuPercent)} | ${f(m.generator.cpuPercent)} / ${f(m.generator.eventLoopDelayP99Ms)}${m.generator.limited ? ' (limited)' : ''} |`)
  }
  out.push('')
}
process.stdout.write(out.join('\n') + '\n')
