/**
 * Limits of the doc hub. Shared so the client can stay inside them (for example by
 * not pasting more than the server accepts in one frame).
 */

/**
 * Largest websocket frame the hub accepts. A Yjs update for a pasted 100-page text is
 * well under 1 MiB; anything bigger is either abuse or a bug, and accepting it would
 * let one connection pin memory on every node it fans out to.
 */
export const MAX_MESSAGE_BYTES = 2 * 1024 * 1024

/**
 * Messages per connection per second, averaged over a burst window. Fast typing is
 * 10–15 keystrokes/s and y-websocket sends at most one update per keystroke plus
 * awareness; a paste is one message. 200/s leaves an order of magnitude of headroom.
 */
export const MAX_MESSAGES_PER_SECOND = 200

/** Burst allowance on top of the steady rate (token bucket capacity). */
export const MESSAGE_BURST = 400

/**
 * Open document connections one user may hold on one node. A tab holds one per open
 * document (the plan page: two); ten tabs of one partner stay far below it, a script
 * opening sockets in a loop does not.
 */
export const MAX_CONNECTIONS_PER_USER = 32

/**
 * Which share of a plan a refused update would have gone past (issue 18):
 * - `items`: the organisation's live items in one section;
 * - `bytes`: the size of the organisation's items in one section;
 * - `document`: the part of the document the buitenring may fill (the rest is kept
 *   for the binnenring and the chair).
 */
export type ShareLimit = 'items' | 'bytes' | 'document'

/** A refusal because a share was used up: what, where, how much, and whose. */
export interface ShareRefusal {
  limit: ShareLimit
  /** The plan section (items, bytes); null for the document. */
  section: string | null
  /** The bound: items, or bytes. */
  max: number
  /** The organisation whose share it is (the writer's own). */
  organisation: string
}

const SHARE_PREFIX = 'share used up: '
const SHARE_PATTERN = /^share used up: (items|bytes|document)\/([A-Za-z]+|-)\/(\d+) by (.+)$/s

/**
 * The refusal reason the server sends (close reason of 4409, a meeting's error) for a
 * used-up share: English, stable, and readable by the client, which says it in the
 * partner's language. The organisation goes last: a close reason is cut at 123 bytes.
 */
export function encodeShareRefusal(r: ShareRefusal): string {
  return `${SHARE_PREFIX}${r.limit}/${r.section ?? '-'}/${r.max} by ${r.organisation}`
}

/** Reads a reason made by {@link encodeShareRefusal}; null for any other reason. */
export function parseShareRefusal(reason: string): ShareRefusal | null {
  const m = SHARE_PATTERN.exec(reason)
  if (!m) return null
  return { limit: m[1] as ShareLimit, section: m[2] === '-' ? null : m[2]!, max: Number(m[3]), organisation: m[4]! }
}
