import { afterEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import {
  PLAN_SUMMARY_FIELD, addAction, addDecision, addGoal, addPerson, addSafetyScore, appendParagraph, diffPlans, diffSection,
  isEmptyPlanDiff, migratePlanDoc, planToJson, removeItem, setPhase, setRedFlag, setRegie, setResult, updateAction,
  type Action, type PlanActor, type PlanJson,
} from '../../shared/plan'

// Fictional people and organisations (DOMAIN.md §8, Gezin V.).
const vt: PlanActor = { name: 'Anouk de Wit', organisation: 'Veilig Thuis Noordkust' }
const politie: PlanActor = { name: 'Ruben Smit', organisation: 'Politie Eenheid Noordkust' }

afterEach(() => {
  vi.useRealTimers()
})

interface Docs {
  plan: Y.Doc
  inner: Y.Doc
}

function gezinV(): Docs {
  const plan = new Y.Doc()
  const inner = new Y.Doc()
  migratePlanDoc(plan, 'plan')
  migratePlanDoc(inner, 'inner')
  return { plan, inner }
}

function version(docs: Docs, withInner = true): PlanJson {
  return planToJson(docs.plan, withInner ? docs.inner : null, { startDate: '2026-03-02', includeRemoved: true })
}

function clone(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc()
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
  return copy
}

function sync(a: Y.Doc, b: Y.Doc): void {
  const toB = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b))
  const toA = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a))
  Y.applyUpdate(b, toB)
  Y.applyUpdate(a, toA)
}

function action(docs: Docs, what: string, actor: PlanActor = vt): Action {
  return addAction(docs.plan, { what, ownerOrganisation: actor.organisation, due: '2026-03-09', resultKey: 'direct-safety' }, actor)
}

describe('diffPlans', () => {
  it('reports added, changed and removed actions with the names of the changed fields', () => {
    const docs = gezinV()
    const kept = action(docs, 'Opvang regelen')
    const gone = action(docs, 'School informeren')
    const before = version(docs)
    updateAction(docs.plan, kept.id, { status: 'in-progress', ownerPerson: 'Anouk de Wit' }, vt)
    removeItem(docs.plan, 'actions', gone.id, vt)
    const added = action(docs, 'Huisverbod aanvragen', politie)
    const diff = diffPlans(before, version(docs))
    expect(diff.actions.added.map((a) => a.id)).toEqual([added.id])
    expect(diff.actions.changed).toEqual([expect.objectContaining({ id: kept.id, fields: ['ownerPerson', 'status'] })])
    expect(diff.actions.changed[0]!.before.status).toBe('open')
    expect(diff.actions.changed[0]!.after.status).toBe('in-progress')
    expect(diff.actions.removed.map((a) => a.id)).toEqual([gone.id])
    expect(diff.goals).toEqual({ added: [], changed: [], removed: [] })
  })

  it('counts an item missing from the later version as removed', () => {
    const docs = gezinV()
    const lost = action(docs, 'Opvang regelen')
    const before = version(docs)
    const after = { ...version(docs), actions: [] }
    expect(diffPlans(before, after).actions.removed.map((a) => a.id)).toEqual([lost.id])
  })

  it('reports the phase, result statuses, regie, red flags and whether the prose changed', () => {
    const docs = gezinV()
    const before = version(docs)
    const decision = addDecision(docs.plan, { text: 'Sturen op risico', type: 'phase' }, vt)
    setPhase(docs.plan, 'risico', decision.id, vt)
    setResult(docs.plan, 'direct-safety', { status: 'achieved', evidence: 'Moeder en kinderen in de opvang' }, vt)
    setRegie(docs.plan, { procesregisseur: { organisation: 'Zorg- en Veiligheidshuis Noordkust' } }, vt)
    setRedFlag(docs.inner, 'control-coercion', 'observed', 'Verschijnt op haar werk', vt)
    appendParagraph(docs.plan.getXmlFragment(PLAN_SUMMARY_FIELD), 'Moeder is naar de opvang.')
    const diff = diffPlans(before, version(docs))
    expect(diff.phase).toEqual({ before: 'veiligheid', after: 'risico' })
    expect(diff.results).toEqual([{
      key: 'direct-safety', before: { status: 'open', evidence: '' }, after: { status: 'achieved', evidence: 'Moeder en kinderen in de opvang' }, fields: ['status', 'evidence'],
    }])
    expect(diff.regie).toEqual([{ role: 'procesregisseur', before: null, after: { organisation: 'Zorg- en Veiligheidshuis Noordkust', person: null } }])
    expect(diff.redFlags).toEqual([expect.objectContaining({ key: 'control-coercion', fields: ['status', 'note', 'sourceOrganisation', 'date'] })])
    expect(diff.redFlags![0]!.before?.status).toBe('unknown')
    expect(diff.redFlags![0]!.after.status).toBe('observed')
    expect(diff.summaryChanged).toBe(true)
    expect(diff.innerNotesChanged).toBe(false)
    expect(diff.decisions.added).toHaveLength(1)
  })

  it('finds no change between identical versions', () => {
    const docs = gezinV()
    action(docs, 'Opvang regelen')
    addPerson(docs.inner, { firstName: 'Sanne', role: 'slachtoffer' }, vt)
    const diff = diffPlans(version(docs), version(docs))
    expect(isEmptyPlanDiff(diff)).toBe(true)
    expect(diff.phase).toBeNull()
  })

  it('lists everything live as added when the reader acknowledged no version yet', () => {
    const docs = gezinV()
    const kept = action(docs, 'Opvang regelen')
    const gone = action(docs, 'School informeren')
    removeItem(docs.plan, 'actions', gone.id, vt)
    const sanne = addPerson(docs.inner, { firstName: 'Sanne', role: 'slachtoffer' }, vt)
    const diff = diffPlans(null, version(docs))
    expect(diff.actions.added.map((a) => a.id)).toEqual([kept.id])
    expect(diff.actions.removed).toEqual([])
    expect(diff.family?.added.map((p) => p.id)).toEqual([sanne.id])
    expect(diff.phase).toEqual({ before: null, after: 'veiligheid' })
    expect(diff.redFlags).toEqual([])
  })

  it('leaves the inner sections out when the later version has no inner part', () => {
    const docs = gezinV()
    addPerson(docs.inner, { firstName: 'Sanne', role: 'slachtoffer' }, vt)
    const diff = diffPlans(version(docs, false), version(docs, false))
    for (const key of ['family', 'sosMap', 'dangerStatements', 'safetyScale', 'justice', 'traumaScreening', 'redFlags', 'innerNotesChanged']) {
      expect(key in diff).toBe(false)
    }
  })

  it('is deterministic: sorted by creation time then id, whatever the input order', () => {
    const docs = gezinV()
    vi.useFakeTimers({ toFake: ['Date'] })
    const ids: string[] = []
    for (const [i, at] of ['2026-03-02T10:00:03Z', '2026-03-02T10:00:01Z', '2026-03-02T10:00:02Z'].entries()) {
      vi.setSystemTime(new Date(at))
      ids[i] = action(docs, `Actie ${i}`).id
    }
    const after = version(docs)
    const shuffled = { ...after, actions: [...after.actions].reverse() }
    const diff = diffPlans(null, shuffled)
    expect(diff.actions.added.map((a) => a.id)).toEqual([ids[1], ids[2], ids[0]])
    expect(diffPlans(null, after)).toEqual(diff)
    const sameTime = [{ ...after.actions[0]!, id: 'b' }, { ...after.actions[0]!, id: 'a' }]
    expect(diffSection([], sameTime).added.map((a) => a.id)).toEqual(['a', 'b'])
  })

  it('shows the edits of two partners after their documents merge, against the common ancestor', () => {
    const vtDocs = gezinV()
    const goal = addGoal(vtDocs.plan, { resultKey: 'direct-safety', text: 'Veilige slaapplek' }, vt)
    const shelter = action(vtDocs, 'Opvang regelen')
    const school = action(vtDocs, 'School informeren')
    const programme = action(vtDocs, 'Plegerprogramma aanmelden')
    const sanne = addPerson(vtDocs.inner, { firstName: 'Sanne', role: 'slachtoffer', age: 34 }, vt)
    const politieDocs: Docs = { plan: clone(vtDocs.plan), inner: clone(vtDocs.inner) }
    const ancestor = version(vtDocs)
    expect(version(politieDocs)).toEqual(ancestor)

    // Veilig Thuis, offline from the police for a moment:
    updateAction(vtDocs.plan, shelter.id, { status: 'in-progress' }, vt)
    updateAction(vtDocs.plan, school.id, { ownerPerson: 'Anouk de Wit' }, vt)
    const vtAdded = action(vtDocs, 'Veiligheidsplan met moeder maken')
    setResult(vtDocs.plan, 'direct-safety', { status: 'at-risk' }, vt)
    addSafetyScore(vtDocs.inner, { partner: 'Veilig Thuis Noordkust', score: 2, date: '2026-03-02' }, vt)
    // ...while the police edit the same plan:
    updateAction(politieDocs.plan, shelter.id, { due: '2026-03-04' }, politie)
    updateAction(politieDocs.plan, school.id, { ownerPerson: 'Ruben Smit', what: 'School en opvang informeren' }, politie)
    removeItem(politieDocs.plan, 'actions', programme.id, politie)
    const politieAdded = action(politieDocs, 'Huisverbod opleggen', politie)
    setRedFlag(politieDocs.inner, 'violence', 'observed', 'Greep naar de keel', politie)
    addSafetyScore(politieDocs.inner, { partner: 'Politie Eenheid Noordkust', score: 1, date: '2026-03-02' }, politie)
    removeItem(politieDocs.inner, 'family', sanne.id, politie)

    sync(vtDocs.plan, politieDocs.plan)
    sync(vtDocs.inner, politieDocs.inner)
    const merged = version(vtDocs)
    expect(version(politieDocs)).toEqual(merged)

    const diff = diffPlans(ancestor, merged)
    expect(diff.actions.added.map((a) => a.id).sort()).toEqual([vtAdded.id, politieAdded.id].sort())
    expect(diff.actions.removed.map((a) => a.id)).toEqual([programme.id])
    const changed = Object.fromEntries(diff.actions.changed.map((c) => [c.id, c.fields]))
    expect(changed[shelter.id]).toEqual(['due', 'status'])
    expect(changed[school.id]).toEqual(['ownerPerson', 'what'])
    // Both partners set the same field: Yjs keeps one value, the same on both sides.
    const schoolNow = merged.actions.find((a) => a.id === school.id)!
    expect(['Anouk de Wit', 'Ruben Smit']).toContain(schoolNow.ownerPerson)
    expect(schoolNow.what).toBe('School en opvang informeren')
    expect(diff.results.map((r) => [r.key, r.after.status])).toEqual([['direct-safety', 'at-risk']])
    expect(diff.redFlags?.map((f) => [f.key, f.before?.status, f.after.status])).toEqual([['violence', 'unknown', 'observed']])
    expect(diff.safetyScale?.added.map((s) => s.partner).sort()).toEqual(['Politie Eenheid Noordkust', 'Veilig Thuis Noordkust'])
    expect(diff.family?.removed.map((p) => p.id)).toEqual([sanne.id])
    expect(diff.goals.changed).toEqual([])
    expect(merged.results[0]!.goals.map((g) => g.id)).toEqual([goal.id])
  })
})
