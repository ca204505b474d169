/** Who acts in a meeting, as the meeting rules see them (decided by server/access). */
import type { MeetingState } from '../../shared/meetings/state'
import type { MeetingError } from '../../shared/meetings/schemas'

/** A participant's identity and standing in the meeting's case. */
export interface MeetingActor {
  userId: string
  name: string
  organisation: string
  /** The ring they sit in: an admitted non-member sits in the buitenring. */
  ring: 'inner' | 'outer'
  /** Readers follow and write nothing. */
  canWrite: boolean
  /** Case director (casusregisseur) of the case. */
  isCaseDirector: boolean
  /** A member of the case (false: only admitted to items). */
  isMember: boolean
}

/** What a command's rules need besides state and actor (the clock and id source, for tests). */
export interface RuleContext {
  now: number
  newId(): string
}

/**
 * Whether the actor chairs the meeting (the chair or the deputy). Only while they are a
 * binnenring member: someone moved to the buitenring (or out of the case) after being
 * named no longer chairs (server/access/roleRules.ts checks the naming itself).
 */
export function isChairOf(state: MeetingState, actor: MeetingActor): boolean {
  if (!actor.isMember || actor.ring !== 'inner') return false
  return state.chairId === actor.userId || state.deputyChairId === actor.userId
}

/** A refusal with a stable code. */
export function refuse(code: MeetingError['code'], message: string): { ok: false; error: MeetingError } {
  return { ok: false, error: { code, message } }
}
