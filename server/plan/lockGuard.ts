/**
 * The write guard's step for meeting locks: a section the chair locked (or gave the pen
 * for) refuses every other writer's update, on the server (server/access/sectionLocks.ts).
 */
import { parseDocName } from '../../shared/protocol/docName'
import { judgeSectionLocks, type MeetingLocks } from '../access/sectionLocks'
import type { WriteCheck } from '../collab/types'

/** The lock check over `locksOf` (this node's registry of live meetings). */
export function createLockWriteCheck(locksOf: (caseId: string) => MeetingLocks[]): WriteCheck {
  return {
    name: 'meeting-locks',
    judge({ docName, touches, conn }) {
      const ref = parseDocName(docName)
      if (ref?.kind !== 'case') return null
      const meetings = locksOf(ref.caseId)
      if (meetings.length === 0) return null
      return judgeSectionLocks(meetings, new Set(touches.map((t) => t.root)), conn.user.id)
    },
  }
}
