/**
 * Which roles a person may be given (issue 18 item 6): the same rules that decide access
 * (DOMAIN.md §5), checked when a role is assigned, not only when it is used.
 * - The privacy officer reads the audit log, never a plan: never a case member.
 * - Chair (role `chair`) and case director (casusregisseur) sit in the binnenring.
 * - A meeting's deputy chair is a binnenring member who may chair (role `chair` or
 *   case director, as `canRunMeetings()` in policy.ts).
 */
import type { MemberRole, Ring } from '../../shared/api/schemas'
import type { Membership } from './policy'

/** A membership as it would be after the change, and whether its holder is the privacy officer. */
export interface RoleAssignment {
  ring: Ring
  role: MemberRole
  isCaseDirector: boolean
  isPrivacyOfficer: boolean
}

/** Why this membership may not be given (English, for the API's error message), or null when it may. */
export function membershipRefusal(a: RoleAssignment): string | null {
  if (a.isPrivacyOfficer) return 'The privacy officer reads the audit log, never a plan: they cannot be a member of a case.'
  if (a.ring === 'outer' && a.role === 'chair') return 'A buitenring member cannot chair: a chair sits in the binnenring.'
  if (a.ring === 'outer' && a.isCaseDirector) return 'A buitenring member cannot be case director (casusregisseur): give them the binnenring first.'
  return null
}

/** Why this person may not be a meeting's deputy chair, or null when they may. */
export function deputyRefusal(membership: Membership | null, isPrivacyOfficer: boolean): string | null {
  if (!membership || isPrivacyOfficer) return 'The deputy chair must be a member of the case.'
  if (membership.ring !== 'inner') return 'The deputy chair must sit in the binnenring.'
  if (membership.role !== 'chair' && !membership.isCaseDirector) return 'The deputy chair must be someone who may chair: a chair or the case director of the case.'
  return null
}
