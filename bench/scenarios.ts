/** The benchmark's scenarios (issue 6), full length and `--quick`. */

export interface Scenario {
  name: string
  docs: number
  clientsPerDoc: number
  /** Edits per second per client. */
  rate: number
  warmupS: number
  measureS: number
}

/**
 * Full length: a warm-up that covers the first presence renewals (clients renew every
 * 15 s), then 40 s measured, which holds two or three renewal rounds per client.
 */
const FULL: Scenario[] = [
  { name: '20 docs x 10 clients @ 1/s', docs: 20, clientsPerDoc: 10, rate: 1, warmupS: 10, measureS: 40 },
  { name: '100 docs x 20 clients @ 0.1/s', docs: 100, clientsPerDoc: 20, rate: 0.1, warmupS: 10, measureS: 40 },
  { name: '1 doc x 50 clients @ 5/s', docs: 1, clientsPerDoc: 50, rate: 5, warmupS: 10, measureS: 40 },
]

/** Same shapes, shorter: every client still edits at least once while measured. */
const QUICK: Scenario[] = FULL.map((s) => ({ ...s, warmupS: 2, measureS: s.rate < 1 ? 10 : 6 }))

export function scenarios(quick: boolean): Scenario[] {
  return quick ? QUICK : FULL
}

/** Cold load: a plan document with this many small edits in its history. */
export const COLD_LOAD = {
  writers: 20,
  editsPerWriter: 500,
  /** Per writer; stays well inside the hub's per-connection rate limit (200 messages/s). */
  editsPerSecond: 100,
  textPerEdit: 'ab',
}
