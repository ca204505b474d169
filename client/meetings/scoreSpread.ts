/** The spread of leertafel scores: lowest, highest and median. */
export interface ScoreSpread {
  min: number
  max: number
  median: number
}

/** The spread of `scores`, or null for none. The median of an even count is the mean of the middle two. */
export function scoreSpread(scores: readonly number[]): ScoreSpread | null {
  if (scores.length === 0) return null
  const sorted = [...scores].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
  return { min: sorted[0]!, max: sorted[sorted.length - 1]!, median }
}
