/**
 * What an admitted buitenring partner's meeting view holds (server/meetings/view.ts,
 * issue 18 item 5): nobody at the table but the chair and its own organisation, no
 * rings, no records of what went into the inner document. The binnenring, and a
 * buitenring member invited by name outside MDA++, still see everyone.
 */
import { describe, expect, it } from 'vitest'
import type { MeetingActor } from '../../server/meetings/actor'
import { buildAgenda } from '../../server/meetings/agenda'
import { viewMeeting } from '../../server/meetings/view'
import type { MeetingState, PresentParticipant } from '../../shared/meetings/state'

const ids = (() => {
  let n = 0
  return () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`
})()
const CHAIR = ids()
const RECLASSERING = ids()
const SCHOOL = ids()
const TEACHER = ids()
const actor = (userId: string, organisation: string, ring: 'inner' | 'outer'): MeetingActor => ({
  userId, name: `user ${userId.slice(-2)}`, organisation, ring, canWrite: true, isCaseDirector: false, isMember: ring === 'inner',
})
const chair = actor(CHAIR, 'Veilig Thuis', 'inner')
const reclassering = actor(RECLASSERING, 'Reclassering Noordkust', 'inner')
const school = actor(SCHOOL, 'OBS De Vlinder', 'outer')
const teacher = actor(TEACHER, 'OBS De Vlinder', 'outer')
const presentOf = (a: MeetingActor): PresentParticipant => ({ userId: a.userId, name: a.name, organisation: a.organisation, ring: a.ring, handRaised: false })
const everyone = [chair, reclassering, school, teacher].map(presentOf)
const at = '2026-01-01T10:00:00.000Z'

function liveMeeting(format: MeetingState['format'] = 'mda'): MeetingState {
  const agenda = buildAgenda(format, ids)
  const item = agenda.find((i) => i.kind === 'agreements') ?? agenda[0]!
  return {
    id: ids(), caseId: ids(), format, title: 't', startsAt: null, status: 'live', chairId: CHAIR, deputyChairId: null,
    agenda, currentItemId: item.id, invited: null,
    attendance: [chair, reclassering, school].map((a) => ({ userId: a.userId, name: a.name, organisation: a.organisation, present: true, mandate: a !== school })),
    hands: [RECLASSERING, SCHOOL], locks: [{ section: 'agreements', holderId: RECLASSERING, itemId: item.id }],
    admissions: [{ userId: SCHOOL, name: school.name, organisation: school.organisation, itemIds: [item.id] }],
    entries: [], revealed: [], nextSteps: [], checks: [],
    answers: [
      { id: ids(), itemId: item.id, userId: RECLASSERING, name: reclassering.name, organisation: reclassering.organisation, text: 'Plegeraanbod loopt', at },
      { id: ids(), itemId: item.id, userId: SCHOOL, name: school.name, organisation: school.organisation, text: 'Noor is rustiger', at },
    ],
    cards: [],
    records: [
      { kind: 'decision', planItemId: ids(), itemId: item.id, detail: 'plan', at, part: 'plan' },
      { kind: 'action', planItemId: ids(), itemId: item.id, detail: null, at, part: 'inner' },
    ],
    startedAt: at, closedAt: null, version: null, seq: 5,
  }
}

describe('the meeting view of an admitted buitenring partner', () => {
  it('names nobody present but the chair and its own organisation, and sends no rings', () => {
    const view = viewMeeting(liveMeeting(), school, everyone, 0)
    expect(view.present.map((p) => p.userId).sort()).toEqual([CHAIR, SCHOOL, TEACHER].sort())
    expect(view.present.every((p) => p.ring === undefined)).toBe(true)
    expect(view.attendance.map((a) => a.userId).sort()).toEqual([CHAIR, SCHOOL].sort())
    expect(view.hands).toEqual([SCHOOL])
    expect(view.locks).toEqual([expect.objectContaining({ section: 'agreements', holderId: null })])
    expect(view.answers.map((a) => a.text)).toEqual(['Noor is rustiger'])
    expect(JSON.stringify(view)).not.toContain('Reclassering')
    expect(JSON.stringify(view)).not.toContain(RECLASSERING)
  })

  it('lists only the records of what went into the plan document', () => {
    const view = viewMeeting(liveMeeting(), school, everyone, 0)
    expect(view.records.map((r) => r.kind)).toEqual(['decision'])
  })

  it('leaves the binnenring\'s view whole', () => {
    const view = viewMeeting(liveMeeting(), reclassering, everyone, 0)
    expect(view.present).toEqual(everyone)
    expect(view.attendance).toHaveLength(3)
    expect(view.hands).toEqual([RECLASSERING, SCHOOL])
    expect(view.records).toHaveLength(2)
  })

  it('shows everyone to a buitenring member invited by name outside MDA++ (Het Gesprek: knowing each other is the point)', () => {
    const state = { ...liveMeeting('gesprek'), invited: [SCHOOL, RECLASSERING] }
    const view = viewMeeting(state, school, everyone, 0)
    expect(view.present).toEqual(everyone)
    expect(view.attendance).toHaveLength(3)
  })
})
