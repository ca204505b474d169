/**
 * Sections a chair has locked for the length of an agenda item, or whose pen they gave
 * to one participant (DOMAIN.md §3, issue 13): the doc hub's write guard refuses every
 * other writer's change to such a section, on every node. Pure decision here; the
 * registry of live locks is server/meetings/lockRegistry.ts.
 */
import type { SectionLock } from '../../shared/meetings/state'

/** The locks of one live meeting, with who chairs it. */
export interface MeetingLocks {
  meetingId: string
  chairIds: string[]
  locks: SectionLock[]
}

/**
 * Whether `userId` may write the sections `roots` names, given the live meetings' locks
 * on the case. @returns a refusal reason (no plan content), or null.
 */
export function judgeSectionLocks(meetings: readonly MeetingLocks[], roots: ReadonlySet<string>, userId: string): string | null {
  for (const m of meetings) {
    if (m.chairIds.includes(userId)) continue
    for (const lock of m.locks) {
      if (!roots.has(lock.section) || lock.holderId === userId) continue
      return lock.holderId === null
        ? `${lock.section} is locked by the chair during this agenda item`
        : `the chair gave the pen for ${lock.section} to another participant`
    }
  }
  return null
}
