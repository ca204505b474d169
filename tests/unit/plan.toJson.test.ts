import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  INNER_JSON_KEYS, INNER_NOTES_FIELD, PLAN_SUMMARY_FIELD, PlanDocumentError, RED_FLAG_KEYS, RESULT_KEYS, addAction,
  addDecision, addEscalation, addGoal, addPerson, addSafetyScore, appendParagraph, hasInnerPart, migratePlanDoc, planToJson,
  removeItem, setPhase, setRedFlag, setRegie, validatePlanJson, type PlanActor,
} from '../../shared/plan'

// Fictional people and organisations (DOMAIN.md §8, Gezin V.).
const vt: PlanActor = { name: 'Anouk de Wit', organisation: 'Veilig Thuis Noordkust' }
const politie: PlanActor = { name: 'Ruben Smit', organisation: 'Politie Eenheid Noordkust' }

function gezinV(): { plan: Y.Doc; inner: Y.Doc } {
  const plan = new Y.Doc()
  const inner = new Y.Doc()
  migratePlanDoc(plan, 'plan')
  migratePlanDoc(inner, 'inner')
  return { plan, inner }
}

describe('planToJson', () => {
  it('exports all four results in order, with deadlines from the start date and their goals', () => {
    const { plan } = gezinV()
    const goal = addGoal(plan, { resultKey: 'stable-safety', text: 'Plan van aanpak vastgesteld' }, vt)
    const json = planToJson(plan, null, { startDate: '2026-03-02' })
    expect(json.schemaVersion).toBe(1)
    expect(json.caseStartDate).toBe('2026-03-02')
    expect(json.results.map((r) => r.key)).toEqual([...RESULT_KEYS])
    expect(json.results[0]).toMatchObject({ key: 'direct-safety', status: 'open', evidence: '', deadlines: { due: '2026-03-09' }, goals: [] })
    expect(json.results[1]!.deadlines).toEqual({ planDue: '2026-03-30', due: '2026-06-02' })
    expect(json.results[1]!.goals.map((g) => g.id)).toEqual([goal.id])
  })

  it('leaves deadlines null when the start date is unknown', () => {
    const { plan } = gezinV()
    expect(planToJson(plan, null, { startDate: null }).results.every((r) => r.deadlines === null)).toBe(true)
  })

  it('exports actions, decisions, regie with escalations and the phase', () => {
    const { plan } = gezinV()
    const action = addAction(plan, { what: 'School informeren', ownerOrganisation: 'Wijkteam Havenstad', due: '2026-03-03', resultKey: 'direct-safety' }, vt)
    const decision = addDecision(plan, { text: 'Door naar sturen op risico', type: 'phase' }, vt)
    setPhase(plan, 'risico', decision.id, vt)
    setRegie(plan, { casusregisseur: { organisation: 'Wijkteam Havenstad', person: 'Fatma Yilmaz' } }, vt)
    addEscalation(plan, { issue: 'Geen plek in opvang', raisedBy: 'Veilig Thuis Noordkust', raisedTo: 'Gemeente Havenstad', due: '2026-03-05', actionId: action.id }, vt)
    const json = planToJson(plan, null, { startDate: '2026-03-02' })
    expect(json.actions.map((a) => a.id)).toEqual([action.id])
    expect(json.decisions.map((d) => d.type)).toEqual(['phase'])
    expect(json.phase).toMatchObject({ current: 'risico', decisionId: decision.id, history: [{ from: 'veiligheid', to: 'risico' }] })
    expect(json.regie.casusregisseur).toEqual({ organisation: 'Wijkteam Havenstad', person: 'Fatma Yilmaz' })
    expect(json.regie.escalations).toHaveLength(1)
  })

  it('has no inner keys at all without the inner document', () => {
    const { plan, inner } = gezinV()
    addPerson(inner, { firstName: 'Sanne', role: 'slachtoffer', age: 34 }, vt)
    const json = planToJson(plan, null, { startDate: '2026-03-02' })
    for (const key of INNER_JSON_KEYS) expect(key in json).toBe(false)
    expect(hasInnerPart(json)).toBe(false)
    expect(JSON.stringify(json)).not.toContain('Sanne')
    expect(Object.keys(json)).toEqual(['schemaVersion', 'caseStartDate', 'results', 'agreements', 'actions', 'decisions', 'regie', 'phase', 'summaryText'])
  })

  it('adds the inner part with the inner document: family, map, ten red flags first, scale, justice, screening, notes', () => {
    const { plan, inner } = gezinV()
    const sanne = addPerson(inner, { firstName: 'Sanne', role: 'slachtoffer', age: 34 }, vt)
    setRedFlag(inner, 'stalking', 'observed', 'Wacht haar op bij het werk', vt)
    setRedFlag(inner, 'violence', 'observed', 'Greep naar de keel', politie)
    addSafetyScore(inner, { partner: 'Politie Eenheid Noordkust', score: 1, date: '2026-03-02' }, politie)
    appendParagraph(inner.getXmlFragment(INNER_NOTES_FIELD), 'Samenvatting politie.')
    const json = planToJson(plan, inner, { startDate: '2026-03-02' })
    expect(hasInnerPart(json)).toBe(true)
    expect(json.family?.map((p) => p.id)).toEqual([sanne.id])
    expect(json.redFlags?.map((f) => f.key)).toEqual([...RED_FLAG_KEYS, 'stalking'])
    expect(json.redFlags?.find((f) => f.key === 'violence')).toMatchObject({ status: 'observed', recorder: 'Ruben Smit', history: [{ status: 'unknown' }] })
    expect(json.safetyScale?.map((s) => s.score)).toEqual([1])
    expect(json).toMatchObject({ sosMap: [], dangerStatements: [], justice: [], traumaScreening: [], innerNotesText: 'Samenvatting politie.' })
  })

  it('leaves tombstoned items out unless includeRemoved is set', () => {
    const { plan, inner } = gezinV()
    const goal = addGoal(plan, { resultKey: 'recovery', text: 'Traumascreening moeder' }, vt)
    const action = addAction(plan, { what: 'Screening aanbieden', ownerOrganisation: 'GGZ Noordkust', due: '2026-03-23', goalId: goal.id }, vt)
    const sanne = addPerson(inner, { firstName: 'Sanne', role: 'slachtoffer' }, vt)
    removeItem(plan, 'actions', action.id, vt)
    removeItem(plan, 'goals', goal.id, vt)
    removeItem(inner, 'family', sanne.id, vt)
    const live = planToJson(plan, inner, { startDate: null })
    expect(live.actions).toEqual([])
    expect(live.results[2]!.goals).toEqual([])
    expect(live.family).toEqual([])
    const all = planToJson(plan, inner, { startDate: null, includeRemoved: true })
    expect(all.actions.map((a) => [a.id, a.removedBy])).toEqual([[action.id, 'Anouk de Wit']])
    expect(all.results[2]!.goals).toHaveLength(1)
    expect(all.family).toHaveLength(1)
  })

  it('turns prose into plain text: one line per paragraph, heading or list item, formatting dropped', () => {
    const { plan } = gezinV()
    const summary = plan.getXmlFragment(PLAN_SUMMARY_FIELD)
    const heading = new Y.XmlElement('heading')
    heading.setAttribute('level', '2')
    heading.insert(0, [new Y.XmlText('Situatie')])
    const paragraph = new Y.XmlElement('paragraph')
    const text = new Y.XmlText()
    paragraph.insert(0, [text])
    const list = new Y.XmlElement('bulletList')
    const item = new Y.XmlElement('listItem')
    const itemParagraph = new Y.XmlElement('paragraph')
    itemParagraph.insert(0, [new Y.XmlText('Moeder 34')])
    item.insert(0, [itemParagraph])
    list.insert(0, [item])
    const withBreak = new Y.XmlElement('paragraph')
    withBreak.insert(0, [new Y.XmlText('regel een'), new Y.XmlElement('hardBreak'), new Y.XmlText('regel twee')])
    summary.insert(0, [heading, paragraph, list, withBreak, new Y.XmlElement('paragraph')])
    text.insert(0, 'Drie meldingen in ')
    text.insert(18, 'twee maanden', { bold: true })
    expect(planToJson(plan, null, { startDate: null }).summaryText).toBe('Situatie\nDrie meldingen in twee maanden\nMoeder 34\nregel een\nregel twee\n')
  })

  it('keeps inner content out of the plan part: a plan item refers to an inner item by id only', () => {
    const { plan, inner } = gezinV()
    const sanne = addPerson(inner, { firstName: 'Sanne', role: 'slachtoffer' }, vt)
    addGoal(plan, { resultKey: 'recovery', text: 'Traumascreening aangeboden', innerRefs: [sanne.id] }, vt)
    const planOnly = planToJson(plan, null, { startDate: null })
    expect(JSON.stringify(planOnly)).toContain(sanne.id)
    expect(JSON.stringify(planOnly)).not.toContain('Sanne')
    expect(validatePlanJson(planToJson(plan, inner, { startDate: null }))).toEqual([])
  })

  it('returns plain JSON that validates cleanly', () => {
    const { plan, inner } = gezinV()
    addGoal(plan, { resultKey: 'direct-safety', text: 'Veilige slaapplek' }, vt)
    setRedFlag(inner, 'isolation', 'observed', 'Mag vriendinnen niet zien', vt)
    const json = planToJson(plan, inner, { startDate: '2026-03-02', includeRemoved: true })
    expect(JSON.parse(JSON.stringify(json))).toEqual(json)
    expect(validatePlanJson(json)).toEqual([])
  })

  it('refuses swapped documents', () => {
    const { plan, inner } = gezinV()
    expect(() => planToJson(inner, null, { startDate: null })).toThrow(PlanDocumentError)
    expect(() => planToJson(plan, plan, { startDate: null })).toThrow(PlanDocumentError)
  })

  it('reads a document written by a buggy client without throwing', () => {
    const { plan } = gezinV()
    const id = crypto.randomUUID()
    plan.getMap('actions').set(id, new Y.Map<unknown>([['what', 'Iets doen'], ['due', 5], ['status', 'someday'], ['createdAt', 'gisteren']]))
    plan.getMap('actions').set('not-a-map', 'garbage')
    const json = planToJson(plan, null, { startDate: null })
    expect(json.actions).toHaveLength(1)
    expect(json.actions[0]).toMatchObject({ id, what: 'Iets doen', due: '', status: 'open', ownerOrganisation: '' })
    expect(validatePlanJson(json).map((p) => p.path)).toEqual(expect.arrayContaining(['actions[0].due', 'actions[0].ownerOrganisation']))
  })
})
