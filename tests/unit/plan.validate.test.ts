import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  addAction, addDangerStatement, addGoal, addPerson, addSafetyScore, addTraumaScreening, migratePlanDoc, planToJson,
  removeItem, validatePlanJson, type PlanActor, type PlanJson,
} from '../../shared/plan'

// Fictional people and organisations (DOMAIN.md §8, Gezin V.).
const vt: PlanActor = { name: 'Anouk de Wit', organisation: 'Veilig Thuis Noordkust' }

interface Fixture {
  plan: Y.Doc
  inner: Y.Doc
  json: () => PlanJson
}

function gezinV(): Fixture {
  const plan = new Y.Doc()
  const inner = new Y.Doc()
  migratePlanDoc(plan, 'plan')
  migratePlanDoc(inner, 'inner')
  return { plan, inner, json: () => planToJson(plan, inner, { startDate: '2026-03-02' }) }
}

function paths(json: unknown): string[] {
  return validatePlanJson(json).map((p) => p.path)
}

describe('validatePlanJson', () => {
  it('finds nothing wrong in a plan built through the accessors', () => {
    const f = gezinV()
    const goal = addGoal(f.plan, { resultKey: 'direct-safety', text: 'Veilige slaapplek' }, vt)
    addAction(f.plan, { what: 'Opvang regelen', ownerOrganisation: 'Veilig Thuis Noordkust', due: '2026-03-04', goalId: goal.id }, vt)
    const sanne = addPerson(f.inner, { firstName: 'Sanne', role: 'slachtoffer', age: 34 }, vt)
    addTraumaScreening(f.inner, { personId: sanne.id, offeredOn: '2026-03-10' }, vt)
    addDangerStatement(f.inner, { whoWorries: ['Veilig Thuis Noordkust'], behaviour: 'Wurging', ifNothingChanges: 'Letsel', goalIds: [goal.id] }, vt)
    addSafetyScore(f.inner, { partner: 'Veilig Thuis Noordkust', score: 2, date: '2026-03-02' }, vt)
    expect(validatePlanJson(f.json())).toEqual([])
    expect(validatePlanJson(planToJson(f.plan, null, { startDate: null }))).toEqual([])
  })

  it('reports an action without owner organisation or due date', () => {
    const f = gezinV()
    const json = f.json()
    addAction(f.plan, { what: 'Opvang regelen', ownerOrganisation: 'Veilig Thuis Noordkust', due: '2026-03-04', resultKey: 'direct-safety' }, vt)
    const [action] = f.json().actions
    const { ownerOrganisation: _o, due: _d, ...broken } = action!
    const problems = validatePlanJson({ ...json, actions: [broken] })
    expect(problems).toEqual(expect.arrayContaining([
      { path: 'actions[0].ownerOrganisation', message: 'is required' },
      { path: 'actions[0].due', message: 'is required' },
    ]))
  })

  it('reports an action linked to an unknown goal, or to nothing', () => {
    const f = gezinV()
    addAction(f.plan, { what: 'Opvang regelen', ownerOrganisation: 'Veilig Thuis Noordkust', due: '2026-03-04', resultKey: 'direct-safety' }, vt)
    const json = f.json()
    const action = json.actions[0]!
    expect(validatePlanJson({ ...json, actions: [{ ...action, resultKey: null, goalId: crypto.randomUUID() }] }))
      .toEqual([{ path: 'actions[0].goalId', message: 'refers to no live goal' }])
    expect(paths({ ...json, actions: [{ ...action, resultKey: null }] })).toEqual(['actions[0].goalId'])
  })

  it('reports an action linked to a goal that was removed', () => {
    const f = gezinV()
    const goal = addGoal(f.plan, { resultKey: 'direct-safety', text: 'Veilige slaapplek' }, vt)
    addAction(f.plan, { what: 'Opvang regelen', ownerOrganisation: 'Veilig Thuis Noordkust', due: '2026-03-04', goalId: goal.id }, vt)
    removeItem(f.plan, 'goals', goal.id, vt)
    expect(paths(planToJson(f.plan, null, { startDate: null, includeRemoved: true }))).toEqual(['actions[0].goalId'])
  })

  it('reports a score outside 0–10', () => {
    const f = gezinV()
    addSafetyScore(f.inner, { partner: 'Politie Eenheid Noordkust', score: 1, date: '2026-03-02' }, vt)
    const json = f.json()
    const score = json.safetyScale![0]!
    expect(paths({ ...json, safetyScale: [{ ...score, score: 11 }] })).toEqual(['safetyScale[0].score'])
    expect(paths({ ...json, safetyScale: [{ ...score, score: -1 }] })).toEqual(['safetyScale[0].score'])
    expect(paths({ ...json, safetyScale: [{ ...score, score: null }] })).toEqual(['safetyScale[0].score'])
  })

  it('reports a person with a surname and a danger statement pointing at an unknown goal', () => {
    const f = gezinV()
    addPerson(f.inner, { firstName: 'Sanne', role: 'slachtoffer' }, vt)
    addDangerStatement(f.inner, { whoWorries: ['Politie Eenheid Noordkust'], behaviour: 'Wurging', ifNothingChanges: 'Letsel', goalIds: [crypto.randomUUID()] }, vt)
    const json = f.json()
    const problems = validatePlanJson({ ...json, family: [{ ...json.family![0]!, surname: 'V.' }] })
    expect(problems.map((p) => p.path)).toEqual(['family[0]', 'dangerStatements[0].goalIds[0]'])
    expect(problems[0]!.message).toMatch(/surname/)
  })

  it('reports missing or duplicate results and red flags, and duplicate ids', () => {
    const f = gezinV()
    addPerson(f.inner, { firstName: 'Sanne', role: 'slachtoffer' }, vt)
    const json = f.json()
    const [first, ...rest] = json.results
    expect(validatePlanJson({ ...json, results: rest })).toEqual(expect.arrayContaining([{ path: 'results', message: 'lacks the result direct-safety' }]))
    expect(paths({ ...json, results: [...json.results, first] })).toContain('results[4].key')
    expect(validatePlanJson({ ...json, redFlags: json.redFlags!.slice(1) })).toEqual([{ path: 'redFlags', message: 'lacks the red flag severity-frequency' }])
    expect(paths({ ...json, family: [json.family![0], json.family![0]] })).toEqual(['family[1].id'])
  })

  it('reports an inner reference that resolves to nothing when both parts are present', () => {
    const f = gezinV()
    addGoal(f.plan, { resultKey: 'recovery', text: 'Traumascreening', innerRefs: [crypto.randomUUID()] }, vt)
    expect(paths(f.json())).toEqual(['results[2].goals[0].innerRefs[0]'])
    expect(paths(planToJson(f.plan, null, { startDate: null }))).toEqual([])
  })

  it('skips tombstoned items: they are history, not plan', () => {
    const f = gezinV()
    addAction(f.plan, { what: 'Opvang regelen', ownerOrganisation: 'Veilig Thuis Noordkust', due: '2026-03-04', resultKey: 'direct-safety' }, vt)
    const json = f.json()
    const removed = { ...json.actions[0]!, due: '', removedAt: '2026-03-03T10:00:00.000Z', removedBy: 'Anouk de Wit' }
    expect(validatePlanJson({ ...json, actions: [removed] })).toEqual([])
  })

  it('keeps checking the other sections when one top-level key is malformed', () => {
    const f = gezinV()
    addAction(f.plan, { what: 'Opvang regelen', ownerOrganisation: 'Veilig Thuis Noordkust', due: '2026-03-04', resultKey: 'direct-safety' }, vt)
    const json = f.json()
    const problems = paths({ ...json, phase: 'herstel', actions: [{ ...json.actions[0]!, due: 'morgen' }] })
    expect(problems).toEqual(expect.arrayContaining(['phase', 'actions[0].due']))
  })

  it('reports a value that is not a plan at all', () => {
    expect(validatePlanJson(null)).toEqual([{ path: '', message: 'must be an object' }])
    expect(validatePlanJson([])).toEqual([{ path: '', message: 'must be an object' }])
    expect(paths({})).toEqual(expect.arrayContaining(['schemaVersion', 'results', 'actions', 'regie', 'phase', 'summaryText']))
  })

  it('requires the whole inner part once any inner key is present', () => {
    const f = gezinV()
    const json = planToJson(f.plan, null, { startDate: null })
    expect(paths({ ...json, family: [] })).toEqual(expect.arrayContaining(['sosMap', 'redFlags', 'innerNotesText']))
  })
})
