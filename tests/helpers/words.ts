/**
 * Distinct words typed into a shared Y.Text, for convergence checks: every word is
 * inserted whole at a word boundary, so concurrent inserts never split one another
 * and the final text must hold each word exactly once.
 */
import type * as Y from 'yjs'

/** A small seeded PRNG (mulberry32), so a failing interleaving can be replayed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Inserts `word` followed by a space at a random word boundary of `text`. */
export function insertWordAtBoundary(text: Y.Text, word: string, random: () => number): void {
  const s = text.toString()
  const boundaries = [0]
  for (let i = 0; i < s.length; i++) if (s[i] === ' ') boundaries.push(i + 1)
  text.insert(boundaries[Math.floor(random() * boundaries.length)]!, `${word} `)
}

/** The words of a text built by `insertWordAtBoundary`, sorted. */
export function wordsOf(text: string): string[] {
  return text.split(' ').filter((w) => w.length > 0).sort()
}
