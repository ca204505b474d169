/**
 * Presence must not lie: a connection may only speak for awareness client ids that
 * are free or already its own, and the `user` it shows is the authenticated one
 * (name and organisation from the session; only the colour is the client's choice).
 */
import type { SessionUser } from '../auth/sessions'
import type { AwarenessEntry } from './protocol'
import type { HubConnection } from './types'

/** What the HubDoc needs to know about ownership. */
interface OwnerLookup {
  ownerOf(clientId: number): HubConnection | undefined
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
