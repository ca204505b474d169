import type { SectionName } from '../../shared/plan/layout'
import type { MeetingView } from '../../shared/meetings/state'
import type { PlanAbilities } from '../plan/planAbilities'

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

/**
 * The page's abilities while a chair's lock keeps the viewer from writing `section`:
 * the section's write entries are dropped, so every per-item question (`itemAccess`)
 * answers "nothing" there, as the write guard would.
 */
export function withoutSection(abilities: PlanAbilities, section: SectionName): PlanAbilities {
  const plan = Object.fromEntries(Object.entries(abilities.writes.plan).filter(([root]) => root !== section))
  const isActions = section === 'actions'
  return {
    ...abilities,
    canAddAction: isActions ? false : abilities.canAddAction,
    actionScope: isActions ? 'none' : abilities.actionScope,
    writes: { ...abilities.writes, plan },
  }
}
