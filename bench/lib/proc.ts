/**
 * What the kernel knows about a process: CPU time and resident memory, read from /proc
 * (Linux only, which is where the benchmark runs). Clock ticks are 100 per second on
 * every Linux we run on (`getconf CLK_TCK`), so CPU time has 10 ms resolution: fine over
 * a measurement window of several seconds.
 */
import { readFileSync, readdirSync } from 'node:fs'

const TICK_MS = 10

/** User + system CPU time of a process in ms; 0 when it is gone. */
export function cpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // Fields after the command name, which may itself contain spaces and parentheses.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS
  } catch {
    return 0
  }
}

/** Resident set size in MiB; 0 when the process is gone. */
export function rssMiB(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return m ? Number(m[1]) / 1024 : 0
  } catch {
    return 0
  }
}

/** Pids of every process whose command name is `comm` (e.g. `postgres`, `redis-server`). */
export function pidsByName(comm: string): number[] {
  const pids: number[] = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === comm) pids.push(Number(entry))
    } catch {
      // gone between readdir and read
    }
  }
  return pids
}

/** CPU ms per pid of every process named `comm`, for `cpuDeltaMs`. */
export function cpuSnapshot(comm: string): Map<number, number> {
  return new Map(pidsByName(comm).map((pid) => [pid, cpuMs(pid)]))
}

/**
 * CPU used since `before` by the processes named `comm` (PostgreSQL forks a backend per
 * connection): processes that started since count from zero; those that exited since are
 * left out, so a short-lived backend's work can be missed, never counted negative.
 */
export function cpuDeltaMs(comm: string, before: Map<number, number>): number {
  let sum = 0
  for (const pid of pidsByName(comm)) sum += Math.max(0, cpuMs(pid) - (before.get(pid) ?? 0))
  return sum
}
