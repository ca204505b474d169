/** Percentiles and medians over plain number arrays. */

/** The p-th percentile (0–100) by nearest rank; NaN for an empty array. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN
  const rank = Math.ceil((p / 100) * sorted.length)
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!
}

/** Median of unsorted values; NaN for an empty array. */
export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b)
  if (s.length === 0) return Number.NaN
  const mid = Math.floor(s.length / 2)
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}

/** Sorts a Float64Array copy of the values ascending (fast numeric sort). */
export function sortedCopy(values: readonly number[]): number[] {
  return Array.from(Float64Array.from(values).sort())
}

/** Rounds for the report: 2 decimals below 10, 1 below 100, else whole. */
export function round(v: number): number {
  if (!Number.isFinite(v)) return v
  const a = Math.abs(v)
  const f = a < 10 ? 100 : a < 100 ? 10 : 1
  return Math.round(v * f) / f
}
