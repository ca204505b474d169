import type { SectionName } from '../../shared/plan/layout'
import type { MeetingView } from '../../shared/meetings/state'

/**
 * Whether the chair's lock keeps the viewer from writing `section` now: it is locked
 * and the viewer is neither the chair nor the one who holds the pen. The server's write
 * guard enforces the lock; the page only stops offering what would be refused.
 */
export function isLockedForViewer(view: MeetingView, section: SectionName): boolean {
  const lock = view.locks.find((l) => l.section === section)
  if (!lock || view.me.isChair) return false
  return lock.holderId !== view.me.userId
}
