/**
 * Who stands where in a meeting (DOMAIN.md §5): a member's standing follows their
 * membership; a user who is not a member stands in the buitenring only while admitted,
 * and their document access (the plan document, never the inner one) lasts only while
 * the current agenda item is one of theirs.
 */
import type { MeetingState } from '../../shared/meetings/state'
import type { SessionUser } from '../auth/sessions'
import { canRunMeetings, type Membership } from './policy'

/** A participant's standing as the meeting rules see it (server/meetings/actor.ts). */
export interface MeetingStanding {
  userId: string
  name: string
  organisation: string
  ring: 'inner' | 'outer'
  canWrite: boolean
  isCaseDirector: boolean
  isMember: boolean
}

/** The user's standing in a meeting of the case, or null when they have none. */
export function meetingStanding(user: SessionUser, membership: Membership | null, state: MeetingState | null): MeetingStanding | null {
  const who = { userId: user.id, name: user.name, organisation: user.organisationName }
  if (membership) {
    return { ...who, ring: membership.ring, canWrite: membership.role !== 'reader', isCaseDirector: membership.isCaseDirector, isMember: true }
  }
  if (state?.admissions.some((a) => a.userId === user.id)) return { ...who, ring: 'outer', canWrite: true, isCaseDirector: false, isMember: false }
  return null
}

/** Whether a member may schedule and chair meetings on the case. */
export function canScheduleMeetings(membership: Membership | null): boolean {
  return membership !== null && canRunMeetings(membership)
}

/**
 * The membership an admission lends a user who is not a member: the buitenring, for as
 * long as a live meeting of the case is at one of their items. Null otherwise.
 */
export function admissionMembership(liveMeetings: readonly MeetingState[], userId: string): Membership | null {
  const admitted = liveMeetings.some((m) =>
    m.status === 'live' && m.currentItemId !== null && m.admissions.some((a) => a.userId === userId && a.itemIds.includes(m.currentItemId!)))
  return admitted ? { ring: 'outer', role: 'member', isCaseDirector: false } : null
}
