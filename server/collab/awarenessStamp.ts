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
 * node), and claims it.
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
    kept.push({ ...e, state: { ...e.state, user: { name: user.name, organisation: user.organisationName, color } } })
    added.push(e.clientId)
  }
  return { entries: kept, added, removed }
}
