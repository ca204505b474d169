/**
 * The plan form's "Zichtbaar voor" (client/plan/visibleWrites.ts, issue 18 item 5): an
 * action or decision for the binnenring only lands in the inner document; a plan
 * decision's mandate and dissent land in the inner document's mandate record, never in
 * the plan; a refused mandate writes nothing at all.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  PlanValidationError, listActions, listDecisionMandates, listDecisions, listInnerActions, listInnerDecisions, migratePlanDoc,
  type PlanActor,
} from '../../shared/plan'
import { addVisibleAction, addVisibleDecision, readVisibility } from '../../client/plan/visibleWrites'

const vt: PlanActor = { name: 'Anouk de Wit', organisation: 'Veilig Thuis Noordkust' }
const docs = () => {
  const plan = new Y.Doc()
  migratePlanDoc(plan, 'plan')
  const inner = new Y.Doc()
  migratePlanDoc(inner, 'inner')
  return { plan, inner }
}
const action = { what: 'Plegeraanbod voor vader aanvragen', ownerOrganisation: 'Reclassering Noordkust', due: '2026-12-20', resultKey: 'stable-safety' as const }

describe('where the plan form writes an action or decision', () => {
  it('reads the choice, with the plan as default', () => {
    expect(readVisibility({ visibility: 'inner' })).toBe('inner')
    expect(readVisibility({ visibility: 'plan' })).toBe('plan')
    expect(readVisibility({})).toBe('plan')
  })

  it('writes a binnenring-only action into the inner document, and nothing into the plan', () => {
    const { plan, inner } = docs()
    addVisibleAction(plan, inner, 'inner', action, vt)
    expect(listInnerActions(inner).map((a) => a.what)).toEqual([action.what])
    expect(listActions(plan)).toEqual([])
    expect(() => addVisibleAction(plan, null, 'inner', action, vt)).toThrow(PlanValidationError)
  })

  it('writes a plan decision without names and its mandate and dissent into the inner document', () => {
    const { plan, inner } = docs()
    addVisibleDecision(plan, inner, 'plan', {
      text: 'Opvang verlengen', type: 'plan', mandatedPresent: ['Politie Eenheid Noordkust'], dissent: [{ organisation: 'GGZ Kustland', reason: 'Eerst screening' }],
    }, vt)
    const [decision] = listDecisions(plan)
    expect(decision).toMatchObject({ text: 'Opvang verlengen', mandatedPresent: [], dissent: [] })
    expect(listDecisionMandates(inner)).toEqual([expect.objectContaining({
      decisionId: decision!.id, mandatedPresent: ['Politie Eenheid Noordkust'], dissent: [{ organisation: 'GGZ Kustland', reason: 'Eerst screening' }],
    })])
    expect(JSON.stringify(plan.toJSON())).not.toContain('GGZ Kustland')
  })

  it('writes nothing when the mandate record is refused (a dissent without reason)', () => {
    const { plan, inner } = docs()
    expect(() => addVisibleDecision(plan, inner, 'plan', { text: 'x', type: 'plan', dissent: [{ organisation: 'GGZ Kustland', reason: '' }] }, vt)).toThrow(PlanValidationError)
    expect(listDecisions(plan)).toEqual([])
    expect(listDecisionMandates(inner)).toEqual([])
  })

  it('writes a binnenring-only decision whole into the inner document', () => {
    const { plan, inner } = docs()
    addVisibleDecision(plan, inner, 'inner', { text: 'Aangifte doen', type: 'criminal-route', mandatedPresent: ['Politie Eenheid Noordkust'] }, vt)
    expect(listInnerDecisions(inner).map((d) => [d.text, d.mandatedPresent])).toEqual([['Aangifte doen', ['Politie Eenheid Noordkust']]])
    expect(listDecisions(plan)).toEqual([])
  })
})
