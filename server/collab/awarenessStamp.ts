/**
 * Presence must not lie: a connection may only speak for awareness client ids that
 * are free or already its own, and the `user` it shows is the authenticated one
 * (name and organisation from the session; only the colour is the client's choice).
 *
 * y-websocket clients echo every presence change they receive back to the server (its
 * provider re-sends all awareness updates, whatever their origin), so a frame can carry
 * other clients' entries. Those are dropped without effect: entries for ids another
 * local connection controls, and entries for ids we know from another node that are
 * not newer than what we hold (an echo never is). Only a newer clock on an id no local
 * connection controls is the id's owner speaking (for instance after moving to this
 * node), and claims it. A state keeps only `user` (stamped here) and `cursor`.
 */
import type { SessionUser } from '../auth/sessions'
import type { AwarenessEntry } from './protocol'
import type { HubConnection } from './types'

/** What presence (hubAwareness.ts) knows about ownership. */
interface OwnerLookup {
  ownerOf(clientId: number): HubConnection | undefined
  /** The clock we hold for a client id, if we know it at all. */
  clockOf(clientId: number): number | undefined
}

const COLOR = /^#[0-9a-fA-F]{6}$/

/** A caret as y-prosemirror's cursor plugin writes it: `{anchor, head}` (relative positions), or null. */
function isCursor(value: unknown): boolean {
  if (value === null) return true
  if (typeof value !== 'object' || Array.isArray(value)) return false
  const keys = Object.keys(value)
  return keys.length === 2 && keys.includes('anchor') && keys.includes('head')
}

/** Keeps the entries this connection may send, with `user` replaced by the session's identity. */
export function stampAwareness(
  entries: readonly AwarenessEntry[],
  conn: HubConnection,
  doc: OwnerLookup,
  user: SessionUser,
): { entries: AwarenessEntry[]; added: number[]; removed: number[] } {
  const kept: AwarenessEntry[] = []
  const added: number[] = []
  const removed: number[] = []
  for (const e of entries) {
    const owner = doc.ownerOf(e.clientId)
    if (owner && owner !== conn) continue
    const known = doc.clockOf(e.clientId)
    if (!owner && known !== undefined && e.clock <= known) continue
    if (e.state === null) {
      removed.push(e.clientId)
      kept.push(e)
      continue
    }
    const claimed = (e.state.user ?? {}) as Record<string, unknown>
    const color = typeof claimed.color === 'string' && COLOR.test(claimed.color) ? claimed.color : '#1f5f8b'
    // Only what the client needs: who (stamped here) and where their caret is.
    const cursor = isCursor(e.state.cursor) ? { cursor: e.state.cursor } : {}
    kept.push({ ...e, state: { user: { name: user.name, organisation: user.organisationName, color }, ...cursor } })
    added.push(e.clientId)
  }
  return { entries: kept, added, removed }
}
