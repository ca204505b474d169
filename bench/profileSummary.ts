/**
 * `npx tsx bench/profileSummary.ts <file.cpuprofile>…`: where a node's CPU time went,
 * from the profiles `npm run bench -- --profile` writes. Self time by function and by
 * package (node_modules/<name>, our own folders, or node internals), idle excluded.
 * `--skip-ms N` leaves out the first N ms (start-up and the benchmark's setup).
 */
import { readFileSync } from 'node:fs'

interface ProfileNode {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number }
  hitCount?: number
  children?: number[]
}
interface Profile { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] }

function bucket(url: string): string {
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)
  if (m) return m[1]!
  const own = /\/(server|shared|bench)\/([^/]+)/.exec(url)
  if (own) return `${own[1]}/${own[2]}`
  return url.startsWith('node:') ? 'node internals' : url === '' ? '(native / gc / program)' : url
}

const argv = process.argv.slice(2)
const skipAt = argv.indexOf('--skip-ms')
const skipMs = skipAt >= 0 ? Number(argv.splice(skipAt, 2)[1]) : 0
const files = argv
if (files.length === 0) {
  process.stderr.write('usage: tsx bench/profileSummary.ts <file.cpuprofile>…\n')
  process.exit(2)
}
for (const file of files) {
  const p = JSON.parse(readFileSync(file, 'utf8')) as Profile
  const byId = new Map(p.nodes.map((n) => [n.id, n]))
  const selfUs = new Map<number, number>()
  let elapsedUs = 0
  for (let i = 0; i < p.samples.length; i++) {
    elapsedUs += p.timeDeltas[i] ?? 0
    if (elapsedUs < skipMs * 1000) continue
    selfUs.set(p.samples[i]!, (selfUs.get(p.samples[i]!) ?? 0) + (p.timeDeltas[i] ?? 0))
  }
  const byFn = new Map<string, number>()
  const byPkg = new Map<string, number>()
  let busy = 0
  for (const [id, us] of selfUs) {
    const n = byId.get(id)!
    if (n.callFrame.functionName === '(idle)') continue
    busy += us
    const fn = `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*?\/(server|shared|bench)\//, '$1/')}:${n.callFrame.lineNumber + 1}`
    byFn.set(fn, (byFn.get(fn) ?? 0) + us)
    const b = bucket(n.callFrame.url)
    byPkg.set(b, (byPkg.get(b) ?? 0) + us)
  }
  const total = (p.endTime - p.startTime) / 1000 - skipMs
  process.stdout.write(`\n${file}: ${Math.round(busy / 1000)} ms busy of ${Math.round(total)} ms\n`)
  const top = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n)
  process.stdout.write('by package:\n')
  for (const [k, us] of top(byPkg, 15)) process.stdout.write(`  ${(us / 1000).toFixed(0).padStart(7)} ms ${((us / busy) * 100).toFixed(1).padStart(5)}%  ${k}\n`)
  process.stdout.write('by function (self):\n')
  for (const [k, us] of top(byFn, 30)) process.stdout.write(`  ${(us / 1000).toFixed(0).padStart(7)} ms ${((us / busy) * 100).toFixed(1).padStart(5)}%  ${k}\n`)
}
