import { parseAwarenessUser } from './awarenessUser'

/** One person in a document, as the presence list shows them. */
export interface PresenceEntry {
  /** Stable key for rendering: name and organisation. */
  key: string
  name: string
  organisation: string
  color: string
  /** Whether this is the local user (in this or another tab). */
  isSelf: boolean
}

/**
 * Turns awareness states into one entry per person. A person with two tabs open has two
 * awareness clients but is one person at the table, so entries are merged by name and
 * organisation. The local user comes first, the rest sorted by name.
 * @param states `awareness.getStates()`: client id → untrusted state.
 * @param localClientId `awareness.clientID` of this tab.
 */
export function collectPresence(
  states: ReadonlyMap<number, unknown>,
  localClientId: number,
): PresenceEntry[] {
  const byPerson = new Map<string, PresenceEntry>()
  for (const [clientId, state] of states) {
    const user = parseAwarenessUser(state)
    if (user === null) continue
    const key = `${user.name}\u0000${user.organisation}`
    const isSelf = clientId === localClientId
    const existing = byPerson.get(key)
    if (existing) existing.isSelf ||= isSelf
    else byPerson.set(key, { key, ...user, isSelf })
  }
  return [...byPerson.values()].sort(comparePresence)
}

function comparePresence(a: PresenceEntry, b: PresenceEntry): number {
  if (a.isSelf !== b.isSelf) return a.isSelf ? -1 : 1
  return a.name.localeCompare(b.name, 'nl') || a.organisation.localeCompare(b.organisation, 'nl')
}
