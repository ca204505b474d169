/** The meeting rules as pure functions: tiny hand-built states, no sockets, no database. */
import { describe, expect, it } from 'vitest'
import type { MeetingCommand } from '../../shared/meetings/schemas'
import { commandSchema } from '../../shared/meetings/schemas'
import type { MeetingState } from '../../shared/meetings/state'
import { buildAgenda, timerElapsed } from '../../server/meetings/agenda'
import type { MeetingActor } from '../../server/meetings/actor'
import { applyCommand, checkJoin, startMeeting, type CommandContext, type KnownPerson } from '../../server/meetings/rules'
import { viewMeeting } from '../../server/meetings/view'

const ids = (() => {
  let n = 0
  return () => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`
})()
const CHAIR = ids()
const POLITIE = ids()
const SCHOOL = ids()
const READER = ids()
const actor = (userId: string, over: Partial<MeetingActor> = {}): MeetingActor => ({
  userId, name: `user ${userId.slice(-2)}`, organisation: 'Org', ring: 'inner', canWrite: true, isCaseDirector: false, isMember: true, ...over,
})
const chair = actor(CHAIR, { isCaseDirector: true })
const politie = actor(POLITIE)
const school = actor(SCHOOL, { ring: 'outer', isMember: false })
const reader = actor(READER, { canWrite: false })
const people: Record<string, KnownPerson> = {
  [CHAIR]: { userId: CHAIR, name: 'Anouk', organisation: 'Veilig Thuis', ring: 'inner' },
  [POLITIE]: { userId: POLITIE, name: 'Ruben', organisation: 'Politie', ring: 'inner' },
  [SCHOOL]: { userId: SCHOOL, name: 'Joost', organisation: 'School', ring: null },
}
const ctx = (now = 1_000_000): CommandContext => ({ now, newId: ids, person: (id) => people[id] ?? null })

function meeting(format: MeetingState['format'] = 'mda'): MeetingState {
  const scheduled: MeetingState = {
    id: ids(), caseId: ids(), format, title: 't', startsAt: null, status: 'scheduled', chairId: CHAIR, deputyChairId: null,
    agenda: buildAgenda(format, ids), currentItemId: null, invited: null, attendance: [], hands: [], locks: [], admissions: [],
    entries: [], revealed: [], answers: [], cards: [], nextSteps: [], checks: [], records: [], startedAt: null, closedAt: null, version: null, seq: 1,
  }
  const r = startMeeting(scheduled, chair, 0)
  if (!r.ok) throw new Error(r.error.message)
  return r.state
}
const cmd = (c: Record<string, unknown>): MeetingCommand => commandSchema.parse(c)
function run(state: MeetingState, c: Record<string, unknown>, who: MeetingActor, now?: number): MeetingState {
  const r = applyCommand(state, cmd({ meetingId: state.id, ...c }), who, ctx(now))
  if (!r.ok) throw new Error(r.error.message)
  return r.state
}
function refusal(state: MeetingState, c: Record<string, unknown>, who: MeetingActor): string {
  const r = applyCommand(state, cmd({ meetingId: state.id, ...c }), who, ctx())
  if (r.ok) throw new Error('expected a refusal')
  return r.error.code
}

describe('meeting rules', () => {
  it('builds each format\'s agenda from DOMAIN.md §3', () => {
    expect(buildAgenda('mda', ids)).toHaveLength(10)
    expect(buildAgenda('leertafel', ids).map((i) => i.kind)).toEqual(['casus', 'blind', 'reveal', 'joint', 'agreement-check', 'learning'])
    expect(buildAgenda('gesprek', ids).filter((i) => i.kind === 'round').map((i) => i.question)).toEqual([
      'Wat heb jij nodig?', 'Wat kun en mag je van elkaar verwachten?', 'Hoe help je elkaar verder?',
    ])
    expect(buildAgenda('workshop', ids).map((i) => i.board ?? i.kind)).toEqual(['challenges', 'working-elements', 'pitfalls', 'red-flags', 'challenges-again', 'next-step'])
  })

  it('lets only the chair move the agenda, and counts every change', () => {
    const m = meeting()
    expect(refusal(m, { type: 'goto', itemId: m.agenda[2]!.id }, politie)).toBe('forbidden')
    const moved = run(m, { type: 'goto', itemId: m.agenda[2]!.id }, chair)
    expect(moved.currentItemId).toBe(m.agenda[2]!.id)
    expect(moved.seq).toBe(m.seq + 1)
    expect(refusal(m, { type: 'hand', raised: true }, reader)).toBe('forbidden')
  })

  it('runs the item timer in server time', () => {
    const m = meeting()
    const item = m.agenda[0]!.id
    const started = run(m, { type: 'timer', itemId: item, action: 'start' }, chair, 10_000)
    const paused = run(started, { type: 'timer', itemId: item, action: 'pause' }, chair, 25_000)
    expect(timerElapsed(paused.agenda[0]!.timer, 99_000)).toBe(15_000)
    const resumed = run(paused, { type: 'timer', itemId: item, action: 'start' }, chair, 30_000)
    expect(timerElapsed(resumed.agenda[0]!.timer, 31_000)).toBe(16_000)
    expect(run(resumed, { type: 'timer', itemId: item, action: 'reset', durationSec: 120 }, chair).agenda[0]!.timer).toEqual({ durationSec: 120, startedAt: null, elapsedMs: 0 })
  })

  it('admits a buitenring partner for named items only, and ends their access when the item ends', () => {
    const m = meeting()
    const agreements = m.agenda.find((i) => i.kind === 'agreements')!
    const facts = m.agenda.find((i) => i.kind === 'facts')!
    expect(refusal(m, { type: 'admit', userId: SCHOOL, itemIds: [facts.id] }, chair)).toBe('invalid_input')
    expect(refusal(m, { type: 'admit', userId: POLITIE, itemIds: [agreements.id] }, chair)).toBe('invalid_input')
    const admitted = run(m, { type: 'admit', userId: SCHOOL, itemIds: [agreements.id] }, chair)
    expect(checkJoin(admitted, school)?.code).toBe('forbidden')
    const at = run(admitted, { type: 'goto', itemId: agreements.id }, chair)
    expect(checkJoin(at, school)).toBeNull()
    const r = applyCommand(at, cmd({ meetingId: m.id, type: 'goto', itemId: facts.id }), chair, ctx())
    expect(r.ok && r.effects).toEqual([{ kind: 'admissions-ended', userIds: [SCHOOL] }])
    expect(r.ok && checkJoin(r.state, school)?.code).toBe('forbidden')
  })

  it('holds a section lock for its item and drops it when the agenda moves on', () => {
    const m = meeting()
    const locked = run(m, { type: 'lock', section: 'agreements' }, chair)
    expect(locked.locks).toEqual([{ section: 'agreements', holderId: null, itemId: m.currentItemId }])
    const pen = run(locked, { type: 'pen', section: 'agreements', userId: POLITIE }, chair)
    expect(pen.locks).toEqual([{ section: 'agreements', holderId: POLITIE, itemId: m.currentItemId }])
    expect(run(pen, { type: 'goto', itemId: m.agenda[4]!.id }, chair).locks).toEqual([])
  })

  it('keeps blind entries from everyone but their author until the chair reveals', () => {
    const m = meeting('leertafel')
    const blind = m.agenda.find((i) => i.kind === 'blind')!
    let s = run(m, { type: 'goto', itemId: blind.id }, chair)
    s = run(s, { type: 'entry', itemId: blind.id, entry: { score: 2, danger: 'A', plan: 'P' } }, politie)
    s = run(s, { type: 'entry', itemId: blind.id, entry: { score: 7, danger: 'B', plan: 'Q' } }, chair)
    expect(viewMeeting(s, politie, [], 0).entries.map((e) => e.danger)).toEqual(['A'])
    expect(viewMeeting(s, chair, [], 0).entries.map((e) => e.danger)).toEqual(['B'])
    expect(viewMeeting(s, politie, [], 0).submitted[blind.id]).toEqual([POLITIE, CHAIR])
    expect(refusal(s, { type: 'reveal', itemId: blind.id }, politie)).toBe('forbidden')
    const shown = run(s, { type: 'reveal', itemId: blind.id }, chair)
    expect(viewMeeting(shown, politie, [], 0).entries.map((e) => e.danger).sort()).toEqual(['A', 'B'])
    expect(refusal(shown, { type: 'entry', itemId: blind.id, entry: { score: 3, danger: 'C', plan: 'R' } }, politie)).toBe('conflict')
  })

  it('keeps a workshop next step private unless shared, and the buitenring out of others\' notes', () => {
    const m = meeting('workshop')
    let s = run(m, { type: 'next-step', text: 'Mijn stap', shared: false }, politie)
    expect(viewMeeting(s, chair, [], 0).nextSteps).toEqual([])
    expect(viewMeeting(s, politie, [], 0).nextSteps.map((n) => n.text)).toEqual(['Mijn stap'])
    s = run(s, { type: 'next-step', text: 'Mijn stap', shared: true }, politie)
    expect(viewMeeting(s, chair, [], 0).nextSteps.map((n) => n.text)).toEqual(['Mijn stap'])
    s = run(s, { type: 'card', itemId: m.agenda[0]!.id, text: 'Kaart' }, politie)
    expect(viewMeeting(s, school, [], 0).cards).toEqual([])
    expect(viewMeeting(s, chair, [], 0).cards.map((c) => [c.text, c.author])).toEqual([['Kaart', politie.name]])
  })

  it('records a plan decision naming nobody, with the mandated partners present in an inner mandate record', () => {
    const m = run(meeting(), { type: 'attendance', userId: POLITIE, present: true, mandate: true }, chair)
    const r = applyCommand(m, cmd({ meetingId: m.id, type: 'decision', text: 'Besluit', decisionType: 'plan' }), chair, ctx())
    expect(r.ok).toBe(true)
    if (!r.ok) return
    const decisionId = r.state.records[0]!.planItemId
    expect(r.effects).toEqual([
      { kind: 'plan-write', write: expect.objectContaining({ kind: 'decision', part: 'plan', mandatedPresent: [], dissent: [], chair: chair.name }) },
      { kind: 'plan-write', write: expect.objectContaining({ kind: 'decision-mandate', decisionId, mandatedPresent: ['Ruben (Politie)'], present: ['Ruben (Politie)'] }) },
    ])
    expect(r.state.records).toHaveLength(1)
    const inner = applyCommand(m, cmd({ meetingId: m.id, type: 'decision', text: 'Strafrechtelijk', decisionType: 'criminal-route', visibility: 'inner' }), chair, ctx())
    expect(inner.ok && inner.effects).toEqual([{ kind: 'plan-write', write: expect.objectContaining({ kind: 'decision', part: 'inner', mandatedPresent: ['Ruben (Politie)'] }) }])
    expect(refusal(m, { type: 'decision', text: 'x', decisionType: 'plan' }, politie)).toBe('forbidden')
  })

  it('closes once: afterwards every command is refused and the adoption is asked for', () => {
    const m = meeting()
    const r = applyCommand(m, cmd({ meetingId: m.id, type: 'close' }), chair, ctx())
    expect(r.ok && r.effects.map((e) => e.kind)).toEqual(['admissions-ended', 'adopt'])
    if (!r.ok) return
    expect(r.state.status).toBe('closed')
    expect(refusal(r.state, { type: 'hand', raised: true }, politie)).toBe('conflict')
  })

  it('lets the buitenring join outside MDA++ only when invited by name, and in MDA++ only by admission', () => {
    const outerMember = actor(SCHOOL, { ring: 'outer', isMember: true })
    people[SCHOOL] = { ...people[SCHOOL]!, ring: 'outer' }
    const gesprek = meeting('gesprek')
    expect(checkJoin(gesprek, outerMember)?.code).toBe('forbidden')
    const invited = run(gesprek, { type: 'invite', userIds: [SCHOOL, POLITIE] }, chair)
    expect(checkJoin(invited, outerMember)).toBeNull()
    const mda = run(meeting(), { type: 'invite', userIds: [SCHOOL, POLITIE] }, chair)
    expect(checkJoin(mda, outerMember)?.code).toBe('forbidden')
    expect(refusal(gesprek, { type: 'invite', userIds: [ids()] }, chair)).toBe('not_found')
    people[SCHOOL] = { ...people[SCHOOL]!, ring: null }
  })

  it('lets a narrowed invitation keep other binnenring members out', () => {
    const m = { ...meeting(), invited: [POLITIE] }
    expect(checkJoin(m, politie)).toBeNull()
    expect(checkJoin(m, actor(ids()))?.code).toBe('forbidden')
    expect(checkJoin(m, chair)).toBeNull()
  })
})
