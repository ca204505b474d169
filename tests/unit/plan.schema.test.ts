import { afterEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import {
  PlanDocumentError, PlanValidationError, addAction, addAgreement, addDecision, addDecisionMandate, addEscalation, addGoal,
  addInnerDecision, addPerson, getItem, listDecisionMandates, listInnerDecisions, getPhase, getRegie, getResult, listActions, listAgreements, listDecisions, listEscalations, listGoals,
  listResults, migratePlanDoc, removeItem, setPhase, setRegie, setResult, updateAction, updateAgreement, updateDecision,
  updateEscalation, updateGoal, type ActionInput, type PlanActor,
} from '../../shared/plan'

// Fictional people and organisations (DOMAIN.md §8, Gezin V.).
const vt: PlanActor = { name: 'Anouk de Wit', organisation: 'Veilig Thuis Noordkust' }
const politie: PlanActor = { name: 'Ruben Smit', organisation: 'Politie Eenheid Noordkust' }

afterEach(() => {
  vi.useRealTimers()
})

function planDoc(): Y.Doc {
  const doc = new Y.Doc()
  migratePlanDoc(doc, 'plan')
  return doc
}

function snapshot(doc: Y.Doc): Uint8Array {
  return Y.encodeStateAsUpdate(doc)
}

function expectUnchanged(doc: Y.Doc, change: () => void, errorType: new (...args: never[]) => Error = PlanValidationError): void {
  const before = snapshot(doc)
  expect(change).toThrow(errorType)
  expect(snapshot(doc)).toEqual(before)
}

function shelterAction(goalId: string): ActionInput {
  return { what: 'Opvangplek voor moeder en kinderen regelen', ownerOrganisation: 'Veilig Thuis Noordkust', due: '2026-03-04', goalId }
}

describe('plan document: goals and actions', () => {
  it('adds a goal under a result with a uuid, author, organisation and timestamps', () => {
    const doc = planDoc()
    const goal = addGoal(doc, { resultKey: 'direct-safety', text: 'Moeder en kinderen slapen veilig', observableFor: 'twee weken' }, { ...vt, meetingId: crypto.randomUUID() })
    expect(goal.id).toMatch(/^[0-9a-f-]{36}$/)
    expect(goal).toMatchObject({ author: 'Anouk de Wit', organisation: 'Veilig Thuis Noordkust', status: 'open', evidence: '', removedAt: null })
    expect(goal.meetingId).toMatch(/^[0-9a-f-]{36}$/)
    expect(Date.parse(goal.createdAt)).not.toBeNaN()
    expect(goal.updatedAt).toBe(goal.createdAt)
    expect(listGoals(doc, { resultKey: 'direct-safety' })).toEqual([goal])
    expect(listGoals(doc, { resultKey: 'recovery' })).toEqual([])
  })

  it('adds actions with owner organisation, due date and goal, listed in creation order', () => {
    const doc = planDoc()
    const goal = addGoal(doc, { resultKey: 'direct-safety', text: 'Veilige slaapplek' }, vt)
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(new Date('2026-03-02T10:00:00Z'))
    const second = addAction(doc, { what: 'School informeren', ownerOrganisation: 'Wijkteam Havenstad', due: '2026-03-03', resultKey: 'direct-safety' }, politie)
    vi.setSystemTime(new Date('2026-03-02T09:00:00Z'))
    const first = addAction(doc, shelterAction(goal.id), vt)
    vi.useRealTimers()
    expect(first.createdAt).toBe('2026-03-02T09:00:00.000Z')
    expect(listActions(doc).map((a) => a.id)).toEqual([first.id, second.id])
    expect(first).toMatchObject({ status: 'open', ownerPerson: null, goalId: goal.id, resultKey: null, doneNote: '', blockedReason: '' })
    expect(second.organisation).toBe('Politie Eenheid Noordkust')
  })

  it('refuses an action without owner organisation or due date and leaves the document unchanged', () => {
    const doc = planDoc()
    const goal = addGoal(doc, { resultKey: 'direct-safety', text: 'Veilige slaapplek' }, vt)
    const input = { what: 'Opvang regelen', goalId: goal.id } as unknown as ActionInput
    expectUnchanged(doc, () => addAction(doc, input, vt))
    try {
      addAction(doc, input, vt)
    } catch (error) {
      const paths = (error as PlanValidationError).problems.map((p) => p.path)
      expect(paths).toEqual(expect.arrayContaining(['ownerOrganisation', 'due']))
    }
    expectUnchanged(doc, () => addAction(doc, { ...shelterAction(goal.id), ownerOrganisation: '  ' }, vt))
    expectUnchanged(doc, () => addAction(doc, { ...shelterAction(goal.id), due: '2026-02-30' }, vt))
    expect(listActions(doc)).toEqual([])
  })

  it('requires an action to link to exactly one live goal or result', () => {
    const doc = planDoc()
    const goal = addGoal(doc, { resultKey: 'direct-safety', text: 'Veilige slaapplek' }, vt)
    expectUnchanged(doc, () => addAction(doc, { ...shelterAction(goal.id), goalId: null }, vt))
    expectUnchanged(doc, () => addAction(doc, { ...shelterAction(goal.id), resultKey: 'direct-safety' }, vt))
    expectUnchanged(doc, () => addAction(doc, shelterAction(crypto.randomUUID()), vt))
    removeItem(doc, 'goals', goal.id, vt)
    expect(() => addAction(doc, shelterAction(goal.id), vt)).toThrow(/goalId: refers to no live goal/)
  })

  it('writes only the changed fields of an update, bumps updatedAt and records who changed it', () => {
    const doc = planDoc()
    const goal = addGoal(doc, { resultKey: 'direct-safety', text: 'Veilige slaapplek' }, vt)
    const action = addAction(doc, shelterAction(goal.id), vt)
    const writes: string[] = []
    getItemMap(doc, 'actions', action.id).observe((event) => writes.push(...event.keysChanged))
    const updated = updateAction(doc, action.id, { status: 'in-progress', due: action.due }, politie)
    expect(updated.status).toBe('in-progress')
    expect(writes.sort()).toEqual(['status', 'updatedAt', 'updatedBy', 'updatedByOrganisation'])
    expect(updated.author).toBe('Anouk de Wit')
    expect(action.updatedBy).toBe('Anouk de Wit')
    expect(updated.updatedBy).toBe(politie.name)
    expect(updated.updatedByOrganisation).toBe(politie.organisation)
    expect(updated.updatedAt >= action.updatedAt).toBe(true)
  })

  it('requires a blocked reason when an action is blocked, and keeps the done note', () => {
    const doc = planDoc()
    const action = addAction(doc, { what: 'Plegerprogramma starten', ownerOrganisation: 'Reclassering Noordkust', due: '2026-04-01', resultKey: 'stable-safety' }, vt)
    expectUnchanged(doc, () => updateAction(doc, action.id, { status: 'blocked' }, vt))
    const blocked = updateAction(doc, action.id, { status: 'blocked', blockedReason: 'Financiering ontbreekt drie weken' }, vt)
    expect(blocked.status).toBe('blocked')
    const done = updateAction(doc, action.id, { status: 'done', doneNote: 'Gestart na escalatie' }, vt)
    expect(done).toMatchObject({ status: 'done', doneNote: 'Gestart na escalatie' })
  })

  it('relinks an action from a goal to a result when the patch nulls the goal', () => {
    const doc = planDoc()
    const goal = addGoal(doc, { resultKey: 'direct-safety', text: 'Veilige slaapplek' }, vt)
    const action = addAction(doc, shelterAction(goal.id), vt)
    expectUnchanged(doc, () => updateAction(doc, action.id, { resultKey: 'recovery' }, vt))
    expect(updateAction(doc, action.id, { goalId: null, resultKey: 'recovery' }, vt)).toMatchObject({ goalId: null, resultKey: 'recovery' })
  })

  it('refuses unknown fields in a patch', () => {
    const doc = planDoc()
    const goal = addGoal(doc, { resultKey: 'recovery', text: 'Kinderen gaan weer naar school' }, vt)
    expectUnchanged(doc, () => updateGoal(doc, goal.id, { surname: 'x' } as never, vt))
    expect(updateGoal(doc, goal.id, { status: 'at-risk', evidence: 'Verzuim in week 3' }, vt)).toMatchObject({ status: 'at-risk', evidence: 'Verzuim in week 3' })
  })
})

describe('plan document: tombstones', () => {
  it('removes an item by tombstone: gone from lists, kept with includeRemoved', () => {
    const doc = planDoc()
    const goal = addGoal(doc, { resultKey: 'direct-safety', text: 'Veilige slaapplek' }, vt)
    removeItem(doc, 'goals', goal.id, politie)
    expect(listGoals(doc)).toEqual([])
    const [removed] = listGoals(doc, { includeRemoved: true })
    expect(removed).toMatchObject({ id: goal.id, removedBy: 'Ruben Smit', text: 'Veilige slaapplek' })
    expect(removed!.removedAt).not.toBeNull()
    expect(getItem(doc, 'goals', goal.id)?.removedAt).toBe(removed!.removedAt)
  })

  it('ignores a second removal and refuses to update a removed item', () => {
    const doc = planDoc()
    const goal = addGoal(doc, { resultKey: 'direct-safety', text: 'Veilige slaapplek' }, vt)
    removeItem(doc, 'goals', goal.id, vt)
    const before = snapshot(doc)
    removeItem(doc, 'goals', goal.id, politie)
    expect(snapshot(doc)).toEqual(before)
    expectUnchanged(doc, () => updateGoal(doc, goal.id, { text: 'Nieuw' }, vt))
  })

  it('refuses to remove an unknown id', () => {
    const doc = planDoc()
    expectUnchanged(doc, () => removeItem(doc, 'actions', crypto.randomUUID(), vt))
  })
})

describe('plan document: agreements, decisions, escalations', () => {
  it('adds and updates a safety agreement; refuses a review date before the start', () => {
    const doc = planDoc()
    const agreement = addAgreement(doc, {
      text: 'Vader komt niet naar de woning', boundParties: ['vader'], checkedBy: 'Politie Eenheid Noordkust',
      checkMethod: 'Wijkagent belt moeder wekelijks', ifBroken: 'Moeder belt 112', startDate: '2026-03-02', reviewDate: '2026-03-16',
    }, vt)
    expect(agreement.status).toBe('active')
    expectUnchanged(doc, () => updateAgreement(doc, agreement.id, { reviewDate: '2026-03-01' }, vt))
    expectUnchanged(doc, () => addAgreement(doc, { text: 'x', boundParties: [], checkedBy: 'VT', startDate: '2026-03-02' }, vt))
    expect(updateAgreement(doc, agreement.id, { status: 'broken' }, vt).status).toBe('broken')
    expect(listAgreements(doc)).toHaveLength(1)
  })

  it('records a plan decision naming nobody: mandated partners and dissent are refused there (binnenring information)', () => {
    const doc = planDoc()
    const decision = addDecision(doc, { text: 'Strafrechtelijke route volgen', type: 'criminal-route', chair: 'Anouk de Wit' }, vt)
    expect(decision).toMatchObject({ mandatedPresent: [], dissent: [] })
    expectUnchanged(doc, () => addDecision(doc, { text: 'x', type: 'plan', mandatedPresent: ['Politie Eenheid Noordkust'] }, vt))
    expectUnchanged(doc, () => addDecision(doc, { text: 'x', type: 'plan', dissent: [{ organisation: 'Wijkteam Havenstad', reason: 'Eerst vrijwillig kader' }] }, vt))
    expectUnchanged(doc, () => addDecision(doc, { text: 'x', type: 'vote' as never }, vt))
    expectUnchanged(doc, () => updateDecision(doc, decision.id, { dissent: [{ organisation: 'Wijkteam Havenstad', reason: 'x' }] }, vt))
    expect(listDecisions(doc).map((d) => d.type)).toEqual(['criminal-route'])
  })

  it('keeps mandate and dissent in the inner document: inner decisions and the mandate record of a plan decision', () => {
    const inner = new Y.Doc()
    migratePlanDoc(inner, 'inner')
    const decisionId = crypto.randomUUID()
    const mandate = addDecisionMandate(inner, {
      decisionId, present: ['Ruben Smit (Politie Eenheid Noordkust)'], mandatedPresent: ['Veilig Thuis Noordkust', 'Politie Eenheid Noordkust'],
      dissent: [{ organisation: 'Wijkteam Havenstad', reason: 'Eerst vrijwillig kader proberen' }],
    }, vt)
    expect(listDecisionMandates(inner)).toEqual([mandate])
    const own = addInnerDecision(inner, { text: 'Aangifte doen', type: 'criminal-route', mandatedPresent: ['Politie Eenheid Noordkust'] }, vt)
    expect(listInnerDecisions(inner).map((d) => [d.id, d.mandatedPresent])).toEqual([[own.id, ['Politie Eenheid Noordkust']]])
    expectUnchanged(inner, () => addDecisionMandate(inner, { decisionId, dissent: [{ organisation: 'GGZ', reason: '' }] }, vt))
    const plan = planDoc()
    expectUnchanged(plan, () => addInnerDecision(plan, { text: 'x', type: 'plan' }, vt), PlanDocumentError)
  })

  it('records an escalation of a blocked action and its outcome as a decision', () => {
    const doc = planDoc()
    const action = addAction(doc, { what: 'Plegerprogramma', ownerOrganisation: 'Reclassering Noordkust', due: '2026-04-01', resultKey: 'stable-safety' }, vt)
    const escalation = addEscalation(doc, { issue: 'Programma niet gefinancierd', raisedBy: 'Veilig Thuis Noordkust', raisedTo: 'Gemeente Havenstad', due: '2026-04-08', actionId: action.id }, vt)
    expectUnchanged(doc, () => updateEscalation(doc, escalation.id, { outcomeDecisionId: crypto.randomUUID() }, vt))
    const decision = addDecision(doc, { text: 'Gemeente financiert het programma', type: 'escalate' }, vt)
    const closed = updateEscalation(doc, escalation.id, { outcome: 'Gefinancierd', outcomeDecisionId: decision.id }, vt)
    expect(closed).toMatchObject({ outcome: 'Gefinancierd', outcomeDecisionId: decision.id, actionId: action.id })
    expect(listEscalations(doc)).toHaveLength(1)
  })
})

describe('plan document: results, regie and phase', () => {
  it('lists all four results, sets status and evidence, refuses an unknown status', () => {
    const doc = planDoc()
    expect(listResults(doc).map((r) => [r.key, r.status])).toEqual([
      ['direct-safety', 'open'], ['stable-safety', 'open'], ['recovery', 'open'], ['participation', 'open'],
    ])
    const result = setResult(doc, 'direct-safety', { status: 'at-risk', evidence: 'Nieuwe melding op het werk' }, vt)
    expect(result).toMatchObject({ status: 'at-risk', evidence: 'Nieuwe melding op het werk', updatedBy: 'Anouk de Wit' })
    expectUnchanged(doc, () => setResult(doc, 'direct-safety', { status: 'done' as never }, vt))
    expectUnchanged(doc, () => setResult(doc, 'safety' as never, { status: 'open' }, vt))
    expect(getResult(doc, 'direct-safety').status).toBe('at-risk')
  })

  it('assigns and unassigns regie roles', () => {
    const doc = planDoc()
    setRegie(doc, { casusregisseur: { organisation: 'Wijkteam Havenstad', person: 'Fatma Yilmaz' }, doorzettingsmacht: { organisation: 'Gemeente Havenstad' } }, vt)
    expect(getRegie(doc)).toMatchObject({
      casusregisseur: { organisation: 'Wijkteam Havenstad', person: 'Fatma Yilmaz' },
      doorzettingsmacht: { organisation: 'Gemeente Havenstad', person: null },
      procesregisseur: null,
      updatedBy: 'Anouk de Wit',
    })
    setRegie(doc, { casusregisseur: null }, vt)
    expect(getRegie(doc).casusregisseur).toBeNull()
    expectUnchanged(doc, () => setRegie(doc, { procesregisseur: { organisation: '' } }, vt))
  })

  it('changes the GSaV phase only through a phase decision and keeps the history', () => {
    const doc = planDoc()
    expect(getPhase(doc)).toEqual({ current: 'veiligheid', since: null, decisionId: null, history: [] })
    const other = addDecision(doc, { text: 'Plan vastgesteld', type: 'plan' }, vt)
    expectUnchanged(doc, () => setPhase(doc, 'risico', other.id, vt))
    const toRisico = addDecision(doc, { text: 'Naar sturen op risico', type: 'phase' }, vt)
    const state = setPhase(doc, 'risico', toRisico.id, vt)
    expect(state).toMatchObject({ current: 'risico', decisionId: toRisico.id })
    const back = addDecision(doc, { text: 'Terug naar veiligheid na nieuw incident', type: 'phase' }, politie)
    setPhase(doc, 'veiligheid', back.id, politie)
    expect(getPhase(doc).history.map((h) => [h.from, h.to, h.author])).toEqual([
      ['veiligheid', 'risico', 'Anouk de Wit'], ['risico', 'veiligheid', 'Ruben Smit'],
    ])
  })
})

describe('plan document: guards', () => {
  it('refuses writes to a document that was not migrated', () => {
    const doc = new Y.Doc()
    expectUnchanged(doc, () => addGoal(doc, { resultKey: 'recovery', text: 'x' }, vt), PlanDocumentError)
  })

  it('refuses an inner section in the plan document, so it cannot leak to the outer ring', () => {
    const doc = planDoc()
    expectUnchanged(doc, () => addPerson(doc, { firstName: 'Sanne', role: 'slachtoffer' }, vt), PlanDocumentError)
  })

  it('refuses an invalid actor', () => {
    const doc = planDoc()
    expectUnchanged(doc, () => addGoal(doc, { resultKey: 'recovery', text: 'x' }, { name: '', organisation: 'Veilig Thuis Noordkust' }))
    expect(() => addGoal(doc, { resultKey: 'recovery', text: 'x' }, { ...vt, meetingId: 'm1' })).toThrow(/actor\.meetingId/)
  })

  it('writes each change in one transaction with the given origin', () => {
    const doc = planDoc()
    const origin = { kind: 'test-origin' }
    const origins: unknown[] = []
    doc.on('update', (_update: Uint8Array, o: unknown) => origins.push(o))
    const goal = addGoal(doc, { resultKey: 'recovery', text: 'Traumabehandeling gestart' }, { ...vt, origin })
    updateGoal(doc, goal.id, { status: 'achieved' }, { ...vt, origin })
    expect(origins).toEqual([origin, origin])
  })
})

function getItemMap(doc: Y.Doc, section: string, id: string): Y.Map<unknown> {
  return doc.getMap<Y.Map<unknown>>(section).get(id)!
}
