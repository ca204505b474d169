/** Reads the few Prometheus figures the benchmark reports from Samenspel's /metrics. */

/** Sum over nodes of every sample of `name` whose labels contain `labelPart` (if given). */
export function sumMetric(texts: readonly string[], name: string, labelPart = ''): number {
  let sum = 0
  for (const text of texts) {
    for (const line of text.split('\n')) {
      if (!line.startsWith(name)) continue
      const rest = line.slice(name.length)
      if (rest[0] !== ' ' && rest[0] !== '{') continue
      if (labelPart && !rest.includes(labelPart)) continue
      sum += Number(line.slice(line.lastIndexOf(' ') + 1))
    }
  }
  return sum
}

/** What the hub did in a window: group commits, their latency, frames sent. */
export interface HubWindow {
  updatesIn: number
  framesOut: number
  commits: number
  commitMeanMs: number
  /** Upper bound of the histogram bucket holding the 99th percentile commit. */
  commitP99Ms: number
}

const PERSIST = 'samenspel_collab_persist_seconds'
const BUCKETS = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1]

/** Differences between two scrapes of every node. */
export function hubWindow(before: readonly string[], after: readonly string[]): HubWindow {
  const d = (name: string, label = '') => sumMetric(after, name, label) - sumMetric(before, name, label)
  const commits = d(`${PERSIST}_count`)
  let p99 = Number.NaN
  for (const le of BUCKETS) {
    if (d(`${PERSIST}_bucket`, `le="${le}"`) >= commits * 0.99) {
      p99 = le * 1000
      break
    }
  }
  return {
    updatesIn: d('samenspel_collab_updates_in_total'),
    framesOut: d('samenspel_collab_updates_out_total'),
    commits,
    commitMeanMs: commits > 0 ? (d(`${PERSIST}_sum`) / commits) * 1000 : Number.NaN,
    commitP99Ms: p99,
  }
}
