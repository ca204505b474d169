/**
 * Random command sequences against the pure meeting rules (fast-check): commands that
 * pass the schema but name the wrong item, the wrong person or the wrong moment, from
 * every kind of participant. Whatever the order: a refusal changes nothing, every change
 * counts one seq, locks hold only for the current item, and no participant's view ever
 * holds another's blind entry before its item is revealed, nor another's private step.
 * Issue 18: some commands carry their ids in upper case (parsed to exactly the command
 * with lower-case ids) or NUL / lone surrogates in their text (refused by the schema, with
 * the reason, before any rule runs).
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { commandSchema } from '../../shared/meetings/schemas'
import type { MeetingState } from '../../shared/meetings/state'
import { buildAgenda } from '../../server/meetings/agenda'
import type { MeetingActor } from '../../server/meetings/actor'
import { applyCommand, startMeeting, type CommandContext } from '../../server/meetings/rules'
import { viewMeeting } from '../../server/meetings/view'
import { UNSAFE_TEXT_MESSAGE } from '../../shared/text'
import { unsafeText } from '../helpers/oddInput'

let counter = 0
const newId = () => `00000000-0000-4000-9000-${String(++counter).padStart(12, '0')}`
const USERS = [newId(), newId(), newId(), newId()]
const [CHAIR, INNER, OUTER, READER] = USERS as [string, string, string, string]
const actors: MeetingActor[] = [
  { userId: CHAIR, name: 'Chair', organisation: 'VT', ring: 'inner', canWrite: true, isCaseDirector: true, isMember: true },
  { userId: INNER, name: 'Inner', organisation: 'Politie', ring: 'inner', canWrite: true, isCaseDirector: false, isMember: true },
  { userId: OUTER, name: 'Outer', organisation: 'School', ring: 'outer', canWrite: true, isCaseDirector: false, isMember: false },
  { userId: READER, name: 'Reader', organisation: 'Reclassering', ring: 'inner', canWrite: false, isCaseDirector: false, isMember: true },
]
const ctx: CommandContext = {
  now: 1_000, newId,
  person: (id) => {
    const a = actors.find((x) => x.userId === id)
    return a ? { userId: a.userId, name: a.name, organisation: a.organisation, ring: a.isMember ? a.ring : null } : null
  },
}

function fresh(format: MeetingState['format']): MeetingState {
  const s: MeetingState = {
    id: newId(), caseId: newId(), format, title: 't', startsAt: null, status: 'scheduled', chairId: CHAIR, deputyChairId: null,
    agenda: buildAgenda(format, newId), currentItemId: null, invited: null, attendance: [], hands: [], locks: [], admissions: [],
    entries: [], revealed: [], answers: [], cards: [], nextSteps: [], checks: [], records: [], startedAt: null, closedAt: null, version: null, seq: 1,
  }
  const r = startMeeting(s, actors[0]!, 0)
  if (!r.ok) throw new Error('start')
  return r.state
}

/** A command built from indexes into the meeting's own items and people (or a stranger's id). */
const commandArb = fc.record({
  // 'close' is rare on purpose: after it everything is refused.
  type: fc.oneof({ weight: 8, arbitrary: fc.constantFrom('entry', 'reveal') }, { weight: 100, arbitrary: fc.constantFrom(...commandSchema.options.map((o) => o.shape.type.value).filter((t) => t !== 'close')) }, { weight: 1, arbitrary: fc.constant('close') }),
  item: fc.nat(12), user: fc.nat(4), text: fc.constantFrom('a', 'Huisverbod', 'x'.repeat(50)),
  score: fc.integer({ min: 0, max: 10 }), flag: fc.boolean(), index: fc.nat(12),
  section: fc.constantFrom('agreements', 'actions', 'goals', 'justice', 'decisions'),
})
const stepArb = fc.record({ actor: fc.nat(3), cmd: commandArb, variant: fc.constantFrom('plain', 'plain', 'plain', 'upper', 'odd'), odd: unsafeText() })

/** Free-text fields of commands (ids, enums and dates are not). */
const TEXT_KEYS = new Set(['title', 'text', 'what', 'danger', 'plan', 'note', 'ownerOrganisation'])
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/** `value` with every string replaced by `map` of it and the key it is under. */
function mapStrings(value: unknown, map: (s: string, key: string) => string, key = ''): unknown {
  if (typeof value === 'string') return map(value, key)
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, map, key))
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, map, k)]))
  return value
}

type RandomCommand = typeof commandArb extends fc.Arbitrary<infer T> ? T : never

function build(state: MeetingState, c: RandomCommand): Record<string, unknown> {
  // Half of the entries and reveals aim at the blind item, so blind entries happen often enough to check.
  const blindId = state.agenda.find((i) => i.kind === 'blind')?.id
  const itemId = (['entry', 'reveal'].includes(c.type) && c.flag && blindId) || (state.agenda[c.item]?.id ?? newId())
  const userId = USERS[c.user] ?? newId()
  const base = { meetingId: state.id, itemId, userId, type: c.type }
  switch (c.type) {
    case 'timer': return { ...base, userId: undefined, action: c.flag ? 'start' : 'pause' }
    case 'admit': return { ...base, itemId: undefined, itemIds: [itemId] }
    case 'lock': case 'unlock': return { meetingId: state.id, type: c.type, section: c.section }
    case 'pen': return { meetingId: state.id, type: c.type, section: c.section, userId }
    case 'turn': return { ...base, userId: c.flag ? userId : null }
    case 'agenda-add': return { meetingId: state.id, type: c.type, title: c.text }
    case 'agenda-rename': return { meetingId: state.id, type: c.type, itemId, title: c.text }
    case 'agenda-move': return { meetingId: state.id, type: c.type, itemId, toIndex: c.index }
    case 'decision': return { meetingId: state.id, type: c.type, text: c.text, decisionType: 'plan' }
    case 'action': return { meetingId: state.id, type: c.type, what: c.text, ownerOrganisation: 'Politie', due: '2026-12-20', resultKey: 'direct-safety' }
    case 'restore': return { meetingId: state.id, type: c.type, section: c.section, planItemId: newId() }
    case 'hand': return { meetingId: state.id, type: c.type, raised: c.flag }
    case 'entry': return { meetingId: state.id, type: c.type, itemId, entry: { score: c.score, danger: `secret-${c.user}`, plan: c.text } }
    case 'answer': case 'card': return { meetingId: state.id, type: c.type, itemId, text: c.text }
    case 'remark': return { meetingId: state.id, type: c.type, cardId: state.cards[c.index]?.id ?? newId(), text: c.text }
    case 'next-step': return { meetingId: state.id, type: c.type, text: `step-${c.user}`, shared: c.flag }
    case 'check': return { meetingId: state.id, type: c.type, itemId, agreementId: newId(), result: 'held' }
    case 'invite': return { meetingId: state.id, type: c.type, userIds: c.flag ? [userId] : null }
    case 'goto': case 'reveal': case 'agenda-remove': return { meetingId: state.id, type: c.type, itemId }
    case 'dismiss': return { meetingId: state.id, type: c.type, userId }
    case 'attendance': return { meetingId: state.id, type: c.type, userId, present: c.flag, mandate: !c.flag }
    case 'close': return { meetingId: state.id, type: c.type }
    default: return base
  }
}

describe('meeting rules under random command sequences', () => {
  it('keep their invariants whatever the order, the actor and the command', () => {
    const outcomes = { accepted: 0, refused: 0, entries: 0, odd: 0 }
    fc.assert(fc.property(fc.constantFrom('mda', 'leertafel', 'gesprek', 'workshop'), fc.array(stepArb, { minLength: 20, maxLength: 60 }), (format, steps) => {
      let state = fresh(format as MeetingState['format'])
      for (const step of steps) {
        const raw = Object.fromEntries(Object.entries(build(state, step.cmd)).filter(([, v]) => v !== undefined))
        if (step.variant === 'odd') {
          const odd = mapStrings(raw, (s, key) => (TEXT_KEYS.has(key) ? step.odd : s))
          if (JSON.stringify(odd) !== JSON.stringify(raw)) {
            const refused = commandSchema.safeParse(odd)
            expect(refused.success).toBe(false)
            expect(refused.error!.issues.map((i) => i.message)).toContain(UNSAFE_TEXT_MESSAGE)
            outcomes.odd++
            continue
          }
        }
        const parsed = commandSchema.safeParse(step.variant === 'upper' ? mapStrings(raw, (s) => (UUID.test(s) ? s.toUpperCase() : s)) : raw)
        expect(parsed.success, JSON.stringify(raw).slice(0, 200)).toBe(true)
        if (!parsed.success) continue
        // Upper-case ids parse to exactly the command with the stored (lower-case) ids.
        if (step.variant === 'upper') expect(parsed.data).toEqual(commandSchema.parse(raw))
        const before = JSON.stringify(state)
        const r = applyCommand(state, parsed.data, actors[step.actor]!, ctx)
        expect(JSON.stringify(state)).toBe(before)
        if (!r.ok) {
          outcomes.refused++
          continue
        }
        outcomes.accepted++
        expect(r.state.seq).toBe(state.seq + 1)
        state = r.state
        expect(state.currentItemId === null || state.agenda.some((i) => i.id === state.currentItemId)).toBe(true)
        for (const l of state.locks) expect(l.itemId).toBe(state.currentItemId)
        outcomes.entries += state.entries.length > 0 ? 1 : 0
        for (const viewer of actors) {
          const v = viewMeeting(state, viewer, [], 0)
          for (const e of v.entries) expect(e.userId === viewer.userId || state.revealed.includes(e.itemId)).toBe(true)
          for (const n of v.nextSteps) expect(n.userId === viewer.userId || n.shared).toBe(true)
        }
      }
    }), { numRuns: 200 })
    // Not vacuous: both outcomes happen often, and states with blind entries were checked.
    expect(outcomes.accepted).toBeGreaterThan(500)
    expect(outcomes.refused).toBeGreaterThan(500)
    expect(outcomes.entries).toBeGreaterThan(20)
    expect(outcomes.odd).toBeGreaterThan(200)
  }, 60_000)
})
