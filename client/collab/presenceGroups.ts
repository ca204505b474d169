import type { PresenceEntry } from './presence'

/** The people of one organisation in a document. */
export interface PresenceGroup {
  organisation: string
  color: string
  people: PresenceEntry[]
  /** Whether the local user is in this group (it is then listed first). */
  hasSelf: boolean
}

/**
 * Groups present people per organisation, as partners sit at the table: the local
 * user's organisation first, then the others by name. Keeps the people's order.
 */
export function groupPresence(people: readonly PresenceEntry[]): PresenceGroup[] {
  const groups = new Map<string, PresenceGroup>()
  for (const person of people) {
    const group = groups.get(person.organisation)
    if (group) {
      group.people.push(person)
      group.hasSelf ||= person.isSelf
    } else {
      groups.set(person.organisation, { organisation: person.organisation, color: person.color, people: [person], hasSelf: person.isSelf })
    }
  }
  return [...groups.values()].sort((a, b) =>
    a.hasSelf !== b.hasSelf ? (a.hasSelf ? -1 : 1) : a.organisation.localeCompare(b.organisation, 'nl'))
}

/** Up to two initials of a name, for an avatar. */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter((w) => w !== '')
  const first = words[0]?.[0] ?? ''
  const last = words.length > 1 ? (words[words.length - 1]?.[0] ?? '') : ''
  return `${first}${last}`.toUpperCase()
}
