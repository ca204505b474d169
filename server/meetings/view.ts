/**
 * What one participant receives of a meeting: the only way state leaves the server
 * (`meeting:state`, `GET /api/meetings/:id`). Blind leertafel entries go to nobody but
 * their author until the chair reveals the item (then to everyone); a workshop next step
 * to nobody but its author unless shared; a buitenring participant gets the meeting
 * notes (answers, cards) of its own items only (all of them when invited by name outside
 * MDA++) and no one else's admission.
 */
import { FORMAT_SPECS } from '../../shared/meetings/formats'
import type { MeetingState, MeetingView, PresentParticipant } from '../../shared/meetings/state'
import { isChairOf, type MeetingActor } from './actor'

/** The view of `state` for `viewer`. */
export function viewMeeting(state: MeetingState, viewer: MeetingActor, present: PresentParticipant[], now: number): MeetingView {
  const isInner = viewer.ring === 'inner'
  const admission = state.admissions.find((a) => a.userId === viewer.userId) ?? null
  const ownItems = new Set(admission?.itemIds ?? [])
  // Outside MDA++ an invited buitenring member works in the meeting notes like anyone (DOMAIN.md §5).
  const isInvitedOuter = !isInner && !FORMAT_SPECS[state.format].isInnerRingMeeting && (state.invited ?? []).includes(viewer.userId)
  const mayReadNotes = (itemId: string) => isInner || isInvitedOuter || ownItems.has(itemId)
  const submitted: Record<string, string[]> = {}
  for (const e of state.entries) (submitted[e.itemId] ??= []).push(e.userId)
  const { entries, nextSteps, ...rest } = state
  return {
    ...rest,
    admissions: isInner ? state.admissions : state.admissions.filter((a) => a.userId === viewer.userId),
    answers: state.answers.filter((a) => mayReadNotes(a.itemId)),
    cards: state.cards.filter((c) => mayReadNotes(c.itemId)),
    checks: isInner ? state.checks : [],
    entries: entries.filter((e) => e.userId === viewer.userId || state.revealed.includes(e.itemId)),
    submitted,
    nextSteps: nextSteps.filter((s) => s.userId === viewer.userId || s.shared),
    present,
    serverNow: now,
    me: {
      userId: viewer.userId, isChair: isChairOf(state, viewer), canWrite: viewer.canWrite, ring: viewer.ring,
      admittedItemIds: isInner ? null : admission?.itemIds ?? [],
    },
  }
}
