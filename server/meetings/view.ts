/**
 * What one participant receives of a meeting: the only way state leaves the server
 * (`meeting:state`, `GET /api/meetings/:id`). Blind leertafel entries go to nobody but
 * their author until the chair reveals the item (then to everyone); a workshop next step
 * to nobody but its author unless shared; a buitenring participant gets the meeting
 * notes (answers, cards) of its own items only (all of them when invited by name outside
 * MDA++) and no one else's admission.
 *
 * A buitenring partner admitted to items (not invited by name outside MDA++) learns of
 * nobody at the table but the chair and its own organisation (DOMAIN.md §5, §7: that an
 * organisation sits at the table is itself binnenring information): presence, attendance,
 * hands, pens, notes and entries of others are left out, rings are not sent, and records
 * of what the meeting wrote into the inner document are not listed.
 */
import { FORMAT_SPECS } from '../../shared/meetings/formats'
import type { MeetingState, MeetingView, PresentParticipant } from '../../shared/meetings/state'
import { isChairOf, type MeetingActor } from './actor'

/** Whether `viewer` sees only the chair and its own organisation (an admitted buitenring partner). */
export function seesOnlyChairAndOwn(state: MeetingState, viewer: MeetingActor): boolean {
  if (viewer.ring === 'inner') return false
  // Outside MDA++ an invited buitenring member works in the meeting like anyone (DOMAIN.md §5).
  return FORMAT_SPECS[state.format].isInnerRingMeeting || !(state.invited ?? []).includes(viewer.userId)
}

/** The view of `state` for `viewer`. */
export function viewMeeting(state: MeetingState, viewer: MeetingActor, present: PresentParticipant[], now: number): MeetingView {
  const isInner = viewer.ring === 'inner'
  const admission = state.admissions.find((a) => a.userId === viewer.userId) ?? null
  const ownItems = new Set(admission?.itemIds ?? [])
  const isInvitedOuter = !isInner && !FORMAT_SPECS[state.format].isInnerRingMeeting && (state.invited ?? []).includes(viewer.userId)
  const mayReadNotes = (itemId: string) => isInner || isInvitedOuter || ownItems.has(itemId)
  const submitted: Record<string, string[]> = {}
  for (const e of state.entries) (submitted[e.itemId] ??= []).push(e.userId)
  const { entries, nextSteps, ...rest } = state
  const view: MeetingView = {
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
  return seesOnlyChairAndOwn(state, viewer) ? narrowToChairAndOwn(view, state, viewer) : view
}

/** The view with everyone but the chair and the viewer's own organisation left out. */
function narrowToChairAndOwn(view: MeetingView, state: MeetingState, viewer: MeetingActor): MeetingView {
  const ownOrganisation = viewer.organisation
  const isShown = (userId: string, organisation?: string) =>
    userId === viewer.userId || userId === state.chairId || (organisation !== undefined && organisation === ownOrganisation)
  const shownIds = new Set([viewer.userId, state.chairId, ...view.present.filter((p) => isShown(p.userId, p.organisation)).map((p) => p.userId)])
  return {
    ...view,
    present: view.present.filter((p) => isShown(p.userId, p.organisation)).map(({ ring: _ring, ...p }) => p),
    attendance: view.attendance.filter((a) => isShown(a.userId, a.organisation)),
    hands: view.hands.filter((id) => shownIds.has(id)),
    invited: view.invited === null ? null : view.invited.filter((id) => id === viewer.userId),
    locks: view.locks.map((l) => (l.holderId === null || l.holderId === viewer.userId ? l : { ...l, holderId: null })),
    answers: view.answers.filter((a) => isShown(a.userId, a.organisation)),
    cards: view.cards.filter((c) => isShown(c.userId, c.organisation)).map((c) => ({ ...c, remarks: c.remarks.filter((r) => r.organisation === ownOrganisation) })),
    entries: view.entries.filter((e) => isShown(e.userId, e.organisation)),
    submitted: Object.fromEntries(Object.entries(view.submitted).map(([itemId, ids]) => [itemId, ids.filter((id) => id === viewer.userId)])),
    nextSteps: view.nextSteps.filter((s) => isShown(s.userId, s.organisation)),
    records: view.records.filter((r) => r.part !== 'inner'),
  }
}
