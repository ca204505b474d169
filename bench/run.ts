/**
 * `npm run bench [-- options]`: Samenspel's hub against Hocuspocus and @y/websocket-server,
 * same scenarios, same generator, same run. Needs Redis and PostgreSQL (the defaults
 * of the tests; override with BENCH_REDIS_URL / BENCH_DATABASE_URL).
 *
 *   --quick              shorter windows and one cold-load restart (a smoke check, < 4 min)
 *   --runs N             repeat everything N times; the report gives the median of each figure
 *   --targets a,b        only these targets (samenspel, hocuspocus, y-websocket-server, and the
 *                        what-ifs samenspel-async-commit, samenspel-before-guard and
 *                        samenspel-before-i18 (earlier code from a git worktree,
 *                        bench/targets/samenspel.ts EARLIER_COMMITS), which run only when named)
 *   --scenarios 1,3      only these scenarios (1-based); `none`: none of them
 *   --no-cold            skip the cold-load measurement
 *   --no-versions        skip adopting a version and rendering its PDF (demo plan and 10x)
 *   --no-meetings        skip the live meeting (issue #13: one meeting of 15 and of 50 participants
 *                        on Samenspel's two nodes, agenda moves and plan edits; runs when the
 *                        samenspel target is among --targets, as it is by default)
 *   --meetings 15,50     the meeting sizes (participants including the chair)
 *   --measure S          measured window in seconds (overrides the scenario's and the meeting's)
 *   --profile            run Samenspel's nodes with --cpu-prof and the peers with --cpu-prof (bench-results/profiles/<target>/)
 *
 * Output: a table on stdout and bench-results/latest.json (docs/BENCHMARKS.md explains both).
 * Diagnostics: BENCH_DEBUG_WORST=1 prints the 40 slowest edits with their time into the
 * measured window; BENCH_ECHO=1 echoes the servers' own output; BENCH_MEETING_EDIT_RATE=0 runs the
 * live meeting without typing (agenda moves alone; default 1 edit/s per participant).
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { runColdLoad, type ColdLoadResult } from './coldLoad'
import { runVersionBench, type VersionBenchResult } from './versions'
import { medianMeetings, meetingSizes, MOVE_DEADLINE_MS, printMeetings, runMeetingBench, type MeetingBenchResult } from './meetings'
import { runScenario, type ScenarioResult } from './generator'
import { projectRoot } from './lib/child'
import { median } from './lib/stats'
import { medianResults, printColdLoad, printTable } from './report'
import { scenarios } from './scenarios'
import { hocuspocusTarget, yWebsocketServerTarget } from './targets/peers'
import { samenspelTarget } from './targets/samenspel'
import type { Target } from './targets/target'

const NODES = 2
// Every y-websocket provider adds a process 'exit' listener; thousands of clients are intended.
process.setMaxListeners(0)

function fail(message: string): never {
  process.stderr.write(`npm run bench: ${message}\n`)
  process.exit(2)
}

let args: ReturnType<typeof parse>
function parse() {
  return parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      runs: { type: 'string', default: '1' },
      targets: { type: 'string' },
      scenarios: { type: 'string' },
      'no-cold': { type: 'boolean', default: false },
      'no-versions': { type: 'boolean', default: false },
      'no-meetings': { type: 'boolean', default: false },
      meetings: { type: 'string', default: '15,50' },
      profile: { type: 'boolean', default: false },
      measure: { type: 'string' },
    },
    strict: true,
  }).values
}
try {
  args = parse()
} catch (err) {
  fail((err as Error).message)
}

const runs = Number(args.runs)
if (!Number.isInteger(runs) || runs < 1 || runs > 10) fail(`--runs must be a whole number from 1 to 10, got "${args.runs}"`)
const outDir = join(projectRoot, 'bench-results')
const profileDir = join(outDir, 'profiles')
if (args.profile) mkdirSync(profileDir, { recursive: true })

const allTargets: Target[] = [
  samenspelTarget(NODES, { profileDir: args.profile ? profileDir : undefined }),
  hocuspocusTarget(NODES, args.profile ? profileDir : undefined),
  yWebsocketServerTarget(args.profile ? profileDir : undefined),
]
// A what-if, only when asked for by name (docs/BENCHMARKS.md).
const extraTargets: Target[] = [
  samenspelTarget(NODES, { asyncCommit: true, profileDir: args.profile ? profileDir : undefined }),
  samenspelTarget(NODES, { earlier: 'samenspel-before-guard', profileDir: args.profile ? profileDir : undefined }),
  samenspelTarget(NODES, { earlier: 'samenspel-before-i18', profileDir: args.profile ? profileDir : undefined }),
]
const wantedTargets = args.targets?.split(',').map((t) => t.trim())
const known = [...allTargets, ...extraTargets]
for (const t of wantedTargets ?? []) if (!known.some((a) => a.name === t)) fail(`unknown target "${t}" (known: ${known.map((a) => a.name).join(', ')})`)
const targets = wantedTargets ? known.filter((t) => wantedTargets.includes(t.name)) : allTargets

const allScenarios = scenarios(args.quick)
const wantedScenarios = args.scenarios?.trim() === 'none' ? [] : args.scenarios?.split(',').map((n) => Number(n.trim()))
for (const n of wantedScenarios ?? []) if (!Number.isInteger(n) || n < 1 || n > allScenarios.length) fail(`--scenarios takes numbers from 1 to ${allScenarios.length}, got "${n}"`)
const measureS = args.measure === undefined ? null : Number(args.measure)
if (measureS !== null && !(measureS >= 1 && measureS <= 600)) fail(`--measure takes seconds from 1 to 600, got "${args.measure}"`)
const chosen = allScenarios
  .filter((_, i) => !wantedScenarios || wantedScenarios.includes(i + 1))
  .map((s) => (measureS === null ? s : { ...s, measureS }))
// The live meeting is Samenspel's alone: it runs when its target is in the run.
const meetingTarget = targets.find((t) => t.name === 'samenspel')
const sizes = args.meetings.split(',').map((v) => Number(v.trim()))
for (const n of sizes) if (!Number.isInteger(n) || n < 2 || n > 200) fail(`--meetings takes participant counts from 2 to 200, got "${n}"`)
const meetingPlan = args['no-meetings'] || !meetingTarget ? [] : meetingSizes(args.quick, sizes, measureS)

const log = (line: string) => process.stdout.write(line + '\n')
// Ctrl-C or a kill stops the servers this run started (by their PIDs) and drops its databases.
const running = new Set<{ stop(): Promise<void> }>()
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`\n${signal}: stopping ${running.size} target(s)`)
    void Promise.allSettled([...running].map((r) => r.stop())).then(() => process.exit(130))
  })
}
const started = Date.now()
const raw: ScenarioResult[] = []
const cold: ColdLoadResult[] = []
const meetingsRaw: MeetingBenchResult[] = []

for (let run = 1; run <= runs; run++) {
  for (const scenario of chosen) {
    // Targets alternate within a scenario, so machine noise spreads over all of them.
    for (const target of targets) {
      log(`run ${run}/${runs} · ${scenario.name} · ${target.name}`)
      const started = await target.start({ persistent: false })
      running.add(started)
      try {
        const r = await runScenario(started, target.name, target.nodes, scenario, log)
        log(`  p50 ${r.p50.toFixed(2)} ms  p99 ${r.p99.toFixed(2)} ms  sent ${r.sent}  lost ${r.lost}  cpu/1000 ${Math.round(r.cpuMsPer1000Edits)} ms`)
        if (r.hub) log(`  hub: ${r.hub.editsPerCommit.toFixed(2)} edits per commit, commit mean ${r.hub.commitMeanMs.toFixed(2)} ms (p99 ≤ ${r.hub.commitP99Ms} ms), ${r.hub.framesOutPerEdit.toFixed(1)} frames out per edit`)
        raw.push(r)
      } finally {
        running.delete(started)
        await started.stop()
      }
    }
  }
  if (!args['no-cold']) {
    for (const target of targets) {
      log(`run ${run}/${runs} · cold load · ${target.name}`)
      const c = await runColdLoad(target, args.quick ? 1 : 3, log)
      log(`  cold ${c.samples.map((v) => v.toFixed(1)).join(', ')} ms; warm join ${c.warmSamples.map((v) => v.toFixed(1)).join(', ')} ms`)
      cold.push(c)
    }
  }
  if (meetingTarget && meetingPlan.length > 0) {
    log(`run ${run}/${runs} · live meeting (${meetingPlan.map((m) => m.participants).join(', ')} participants) · ${meetingTarget.name}`)
    meetingsRaw.push(...(await runMeetingBench(meetingTarget, meetingPlan, log, running)))
  }
}

let versions: VersionBenchResult[] = []
if (!args['no-versions']) {
  log('adopted versions: adopt and PDF, demo plan and ten times its size')
  versions = await runVersionBench(args.quick ? 3 : 7, log)
}

const results = medianResults(raw)
const coldLoad = medianCold(cold)
printTable(results, log)
printColdLoad(coldLoad, log)
const meetings = medianMeetings(meetingsRaw)
printMeetings(meetings, log)

mkdirSync(outDir, { recursive: true })
const meta = {
  date: new Date().toISOString(),
  command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(),
  runs,
  quick: args.quick,
  machine: { cpus: cpus().length, model: cpus()[0]?.model ?? 'unknown', memGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
  durationS: Math.round((Date.now() - started) / 1000),
}
writeFileSync(join(outDir, 'latest.json'), JSON.stringify({ meta, results, coldLoad, versions, meetings, raw: { results: raw, coldLoad: cold, meetings: meetingsRaw } }, null, 2) + '\n')
log(`\nwrote bench-results/latest.json (${meta.durationS} s)`)

const lost = raw.reduce((n, r) => n + r.lost + r.lostWarmup, 0) + meetingsRaw.reduce((n, r) => n + r.lostEdits + r.lostEditsWarmup, 0)
const lostMoves = meetingsRaw.reduce((n, r) => n + r.lostMoves + r.lostMovesWarmup, 0)
const moveErrors = meetingsRaw.reduce((n, r) => n + r.moveErrors.length, 0)
if (lost > 0) process.stderr.write(`npm run bench: ${lost} edit(s) were never delivered to every client\n`)
if (lostMoves > 0) process.stderr.write(`npm run bench: ${lostMoves} agenda move(s) did not reach a participant within ${MOVE_DEADLINE_MS / 1000} s\n`)
if (moveErrors > 0) process.stderr.write(`npm run bench: ${moveErrors} agenda command(s) were refused or unanswered\n`)
if (lost + lostMoves + moveErrors > 0) process.exit(1)
process.exit(0)

function medianCold(all: ColdLoadResult[]): ColdLoadResult[] {
  const byTarget = new Map<string, ColdLoadResult[]>()
  for (const c of all) byTarget.set(c.target, [...(byTarget.get(c.target) ?? []), c])
  return [...byTarget.values()].map((list) => {
    const samples = list.flatMap((c) => c.samples)
    const warmSamples = list.flatMap((c) => c.warmSamples)
    return { target: list[0]!.target, edits: list[0]!.edits, samples, median: median(samples), warmSamples, warmMedian: median(warmSamples) }
  })
}
