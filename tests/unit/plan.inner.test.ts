import { afterEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import {
  PlanDocumentError, PlanValidationError, RED_FLAG_KEYS, addDangerStatement, addJusticeItem, addPerson, addSafetyScore,
  addSosItem, addTraumaScreening, getRedFlag, listDangerStatements, listJusticeItems, listPersons, listRedFlags,
  listSafetyScores, listSosItems, listTraumaScreenings, migratePlanDoc, removeItem, setRedFlag, updateDangerStatement,
  updateItem, updateJusticeItem, updatePerson, updateSosItem, updateTraumaScreening, type PersonInput, type PlanActor,
} from '../../shared/plan'

// Fictional people and organisations (DOMAIN.md §8, Gezin V.).
const vt: PlanActor = { name: 'Anouk de Wit', organisation: 'Veilig Thuis Noordkust' }
const politie: PlanActor = { name: 'Ruben Smit', organisation: 'Politie Eenheid Noordkust' }
const wijkteam: PlanActor = { name: 'Fatma Yilmaz', organisation: 'Wijkteam Havenstad' }

afterEach(() => {
  vi.useRealTimers()
})

function innerDoc(): Y.Doc {
  const doc = new Y.Doc()
  migratePlanDoc(doc, 'inner')
  return doc
}

function expectUnchanged(doc: Y.Doc, change: () => void, errorType: new (...args: never[]) => Error = PlanValidationError): void {
  const before = Y.encodeStateAsUpdate(doc)
  expect(change).toThrow(errorType)
  expect(Y.encodeStateAsUpdate(doc)).toEqual(before)
}

describe('inner document: family and network', () => {
  it('stores a person as first name, role, age and relations', () => {
    const doc = innerDoc()
    const mother = addPerson(doc, { firstName: 'Sanne', role: 'slachtoffer', age: 34 }, vt)
    const child = addPerson(doc, { firstName: 'Noor', role: 'kind', age: 9, relations: [{ personId: mother.id, relation: 'dochter van' }] }, vt)
    expect(child).toMatchObject({ firstName: 'Noor', role: 'kind', age: 9, relations: [{ personId: mother.id, relation: 'dochter van' }] })
    expect(listPersons(doc).map((p) => p.firstName).sort()).toEqual(['Noor', 'Sanne'])
    expect(updatePerson(doc, mother.id, { age: 35 }, vt).age).toBe(35)
  })

  it.each([
    ['surname', { surname: 'V.' }], ['BSN', { bsn: '123456782' }], ['address', { address: 'Havenweg 1' }], ['birth date', { birthDate: '1992-01-01' }],
  ])('refuses a %s: persons hold a first name only', (_what, extra) => {
    const doc = innerDoc()
    expectUnchanged(doc, () => addPerson(doc, { firstName: 'Sanne', role: 'slachtoffer', ...extra } as PersonInput, vt))
  })

  it('refuses digits in a first name and an impossible age', () => {
    const doc = innerDoc()
    expectUnchanged(doc, () => addPerson(doc, { firstName: '123456782', role: 'pleger' }, vt))
    expectUnchanged(doc, () => addPerson(doc, { firstName: 'Mark', role: 'pleger', age: 1989 }, vt))
    expectUnchanged(doc, () => addPerson(doc, { firstName: 'Mark', role: 'buurman' as never }, vt))
  })

  it('refuses a relation to an unknown person or to the person itself', () => {
    const doc = innerDoc()
    const mark = addPerson(doc, { firstName: 'Mark', role: 'pleger', age: 37 }, vt)
    expectUnchanged(doc, () => addPerson(doc, { firstName: 'Noor', role: 'kind', relations: [{ personId: crypto.randomUUID(), relation: 'dochter van' }] }, vt))
    expectUnchanged(doc, () => updatePerson(doc, mark.id, { relations: [{ personId: mark.id, relation: 'vader van' }] }, vt))
  })
})

describe('inner document: map, danger statements, justice', () => {
  it('adds, updates and tombstones Signs of Safety map items', () => {
    const doc = innerDoc()
    const harm = addSosItem(doc, { type: 'harm', text: 'Greep naar de keel bij ruzie' }, politie)
    const strength = addSosItem(doc, { type: 'strength', text: 'Oma vangt de kinderen op' }, wijkteam)
    expect(updateSosItem(doc, strength.id, { type: 'existing-safety' }, wijkteam).type).toBe('existing-safety')
    removeItem(doc, 'sosMap', harm.id, vt)
    expect(listSosItems(doc).map((i) => i.id)).toEqual([strength.id])
    expectUnchanged(doc, () => addSosItem(doc, { type: 'worry' as never, text: 'x' }, vt))
  })

  it('keeps danger statements with who worries, the behaviour, the consequence and goal ids', () => {
    const doc = innerDoc()
    const goalId = crypto.randomUUID()
    const statement = addDangerStatement(doc, {
      whoWorries: ['Veilig Thuis Noordkust', 'Politie Eenheid Noordkust'],
      behaviour: 'Vader grijpt moeder bij de keel als zij over scheiden praat',
      ifNothingChanges: 'Moeder raakt ernstig gewond; de kinderen zien het',
      goalIds: [goalId],
    }, vt)
    expect(statement.goalIds).toEqual([goalId])
    expectUnchanged(doc, () => updateDangerStatement(doc, statement.id, { whoWorries: [] }, vt))
    expect(listDangerStatements(doc)).toHaveLength(1)
  })

  it('records justice and police items by type', () => {
    const doc = innerDoc()
    const ban = addJusticeItem(doc, { type: 'house-ban', text: 'Huisverbod tien dagen', date: '2026-03-01' }, politie)
    addJusticeItem(doc, { type: 'incident', text: 'Derde melding in twee maanden' }, politie)
    expect(updateJusticeItem(doc, ban.id, { type: 'contact-ban' }, politie).type).toBe('contact-ban')
    expect(listJusticeItems(doc).map((i) => i.type).sort()).toEqual(['contact-ban', 'incident'])
  })
})

describe('inner document: veiligheidsschaal', () => {
  it('appends one score per partner per moment and keeps every entry', () => {
    const doc = innerDoc()
    const meetingId = crypto.randomUUID()
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-03-02T10:00:00Z'))
    addSafetyScore(doc, { partner: 'Veilig Thuis Noordkust', score: 2, date: '2026-03-02', reason: 'Geweld escaleert', addsPoint: 'Opvangplek' }, { ...vt, meetingId })
    vi.setSystemTime(new Date('2026-03-02T10:01:00Z'))
    addSafetyScore(doc, { partner: 'Politie Eenheid Noordkust', score: 1, date: '2026-03-02' }, { ...vt, meetingId })
    vi.setSystemTime(new Date('2026-03-30T10:00:00Z'))
    addSafetyScore(doc, { partner: 'Veilig Thuis Noordkust', score: 4, date: '2026-03-30' }, vt)
    expect(listSafetyScores(doc).map((s) => [s.partner, s.score, s.meetingId === meetingId])).toEqual([
      ['Veilig Thuis Noordkust', 2, true], ['Politie Eenheid Noordkust', 1, true], ['Veilig Thuis Noordkust', 4, false],
    ])
  })

  it.each([[-1], [11], [5.5]])('refuses the score %s', (score) => {
    const doc = innerDoc()
    expectUnchanged(doc, () => addSafetyScore(doc, { partner: 'Veilig Thuis Noordkust', score, date: '2026-03-02' }, vt))
  })

  it('never overwrites a score: there is no update, only tombstone and re-entry', () => {
    const doc = innerDoc()
    const score = addSafetyScore(doc, { partner: 'Wijkteam Havenstad', score: 3, date: '2026-03-02' }, wijkteam)
    expectUnchanged(doc, () => updateItem(doc, 'safetyScale' as never, score.id, { score: 7 } as never, wijkteam))
    removeItem(doc, 'safetyScale', score.id, wijkteam)
    addSafetyScore(doc, { partner: 'Wijkteam Havenstad', score: 4, date: '2026-03-02' }, wijkteam)
    expect(listSafetyScores(doc, { includeRemoved: true }).map((s) => [s.score, s.removedAt !== null])).toEqual([[3, true], [4, false]])
  })
})

describe('inner document: trauma screening', () => {
  it('keeps one record per person with offered, done and treatment dates in order', () => {
    const doc = innerDoc()
    const sanne = addPerson(doc, { firstName: 'Sanne', role: 'slachtoffer' }, vt)
    const record = addTraumaScreening(doc, { personId: sanne.id, offeredOn: '2026-03-10' }, vt)
    expectUnchanged(doc, () => addTraumaScreening(doc, { personId: sanne.id }, vt))
    expectUnchanged(doc, () => addTraumaScreening(doc, { personId: crypto.randomUUID() }, vt))
    expectUnchanged(doc, () => updateTraumaScreening(doc, record.id, { doneOn: '2026-03-01' }, vt))
    const done = updateTraumaScreening(doc, record.id, { doneOn: '2026-04-01', treatmentStartedOn: '2026-04-20' }, vt)
    expect(done).toMatchObject({ offeredOn: '2026-03-10', doneOn: '2026-04-01', treatmentStartedOn: '2026-04-20' })
    expect(listTraumaScreenings(doc)).toHaveLength(1)
  })
})

describe('inner document: red flags', () => {
  it('lists the ten standard flags in order, all unknown after migration', () => {
    const flags = listRedFlags(innerDoc())
    expect(flags.map((f) => f.key)).toEqual([...RED_FLAG_KEYS])
    expect(flags.every((f) => f.status === 'unknown' && f.history.length === 0)).toBe(true)
  })

  it('records status, note, source organisation, date and recorder, and keeps past states in the history', () => {
    const doc = innerDoc()
    const meetingId = crypto.randomUUID()
    const first = setRedFlag(doc, 'control-coercion', 'not-observed', 'Geen signalen', { ...politie, meetingId }, { date: '2026-03-02' })
    expect(first).toMatchObject({ status: 'not-observed', note: 'Geen signalen', sourceOrganisation: 'Politie Eenheid Noordkust', date: '2026-03-02', recorder: 'Ruben Smit', meetingId })
    expect(first.history).toEqual([expect.objectContaining({ status: 'unknown', updatedAt: null })])
    const second = setRedFlag(doc, 'control-coercion', 'observed', 'Twee keer op haar werk verschenen', vt, { sourceOrganisation: 'Veilig Thuis Noordkust', date: '2026-03-20' })
    expect(second.status).toBe('observed')
    expect(second.history.map((h) => [h.status, h.recorder])).toEqual([['unknown', null], ['not-observed', 'Ruben Smit']])
    expect(getRedFlag(doc, 'control-coercion')).toEqual(second)
  })

  it('converges when two partners record the same flag at once, keeping the shared previous state once', () => {
    const a = innerDoc()
    const b = new Y.Doc()
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    setRedFlag(a, 'extreme-fear', 'observed', 'Moeder durft niet naar huis', vt)
    setRedFlag(b, 'extreme-fear', 'not-observed', '', politie)
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)))
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)))
    const merged = getRedFlag(a, 'extreme-fear')!
    expect(getRedFlag(b, 'extreme-fear')).toEqual(merged)
    expect(['observed', 'not-observed']).toContain(merged.status)
    expect(merged.recorder).toBe(merged.status === 'observed' ? 'Anouk de Wit' : 'Ruben Smit')
    expect(merged.history).toEqual([expect.objectContaining({ status: 'unknown' })])
  })

  it('changes nothing when the same observation is recorded again', () => {
    const doc = innerDoc()
    setRedFlag(doc, 'firearms', 'not-observed', '', politie, { date: '2026-03-02' })
    const before = Y.encodeStateAsUpdate(doc)
    setRedFlag(doc, 'firearms', 'not-observed', '', politie, { date: '2026-03-02' })
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before)
  })

  it('adds a regional flag after the ten standard ones', () => {
    const doc = innerDoc()
    setRedFlag(doc, 'stalking', 'observed', 'Volgt haar naar het werk', vt)
    const flags = listRedFlags(doc)
    expect(flags).toHaveLength(11)
    expect(flags[10]).toMatchObject({ key: 'stalking', status: 'observed', history: [] })
    expect(getRedFlag(doc, 'unknown-regional')).toBeNull()
  })

  it('refuses a malformed key, an unknown status or a bad date and changes nothing', () => {
    const doc = innerDoc()
    expectUnchanged(doc, () => setRedFlag(doc, 'Stalking!', 'observed', '', vt))
    expectUnchanged(doc, () => setRedFlag(doc, 'violence', 'yes' as never, '', vt))
    expectUnchanged(doc, () => setRedFlag(doc, 'violence', 'observed', '', vt, { date: '02-03-2026' }))
  })

  it('refuses red flags and inner items in the plan document', () => {
    const plan = new Y.Doc()
    migratePlanDoc(plan, 'plan')
    expectUnchanged(plan, () => setRedFlag(plan, 'violence', 'observed', '', vt), PlanDocumentError)
    expectUnchanged(plan, () => addSafetyScore(plan, { partner: 'Veilig Thuis Noordkust', score: 2, date: '2026-03-02' }, vt), PlanDocumentError)
  })
})
