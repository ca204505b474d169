/**
 * The `user` field every client puts in its awareness state: who is here, and the
 * colour of their caret. Remote states are untrusted input and are parsed with
 * {@link parseAwarenessUser} before they are shown.
 */
export interface AwarenessUser {
  name: string
  organisation: string
  color: string
}

/** Longest name or organisation we display; longer values are cut, not rejected. */
const MAX_LABEL_LENGTH = 120
const HEX_COLOR = /^#[0-9a-fA-F]{6}$/
/** Neutral grey for peers without a valid colour; white text on it is 8.9:1. */
export const FALLBACK_USER_COLOR = '#4a4a4a'

function readLabel(value: unknown): string | null {
  if (typeof value !== 'string') return null
  const trimmed = value.trim()
  return trimmed === '' ? null : trimmed.slice(0, MAX_LABEL_LENGTH)
}

/**
 * Reads the `user` field of an awareness state; null when it is missing or malformed
 * (a peer that has not announced itself yet, or a misbehaving client).
 */
export function parseAwarenessUser(state: unknown): AwarenessUser | null {
  if (typeof state !== 'object' || state === null || !('user' in state)) return null
  const user: unknown = state.user
  if (typeof user !== 'object' || user === null) return null
  const name = 'name' in user ? readLabel(user.name) : null
  const organisation = 'organisation' in user ? readLabel(user.organisation) : null
  if (name === null || organisation === null) return null
  const rawColor = 'color' in user ? user.color : null
  const color = typeof rawColor === 'string' && HEX_COLOR.test(rawColor) ? rawColor : FALLBACK_USER_COLOR
  return { name, organisation, color }
}

/** The caret label: the person's name with their organisation, as partners address each other. */
export function caretLabel(user: AwarenessUser): string {
  return `${user.name} (${user.organisation})`
}
