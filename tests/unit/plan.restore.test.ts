import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  PlanValidationError, addAction, addGoal, getItem, listActions, listGoals, migratePlanDoc, removeItem, restoreItem,
  type PlanActor,
} from '../../shared/plan'

// Fictional people and organisations (DOMAIN.md §8, Gezin V.).
const vt: PlanActor = { name: 'Anouk de Wit', organisation: 'Veilig Thuis Noordkust' }
const politie: PlanActor = { name: 'Ruben Smit', organisation: 'Politie Eenheid Noordkust' }
const wijkteam: PlanActor = { name: 'Fatma Yilmaz', organisation: 'Wijkteam Havenstad' }

function planDoc(): Y.Doc {
  const doc = new Y.Doc()
  migratePlanDoc(doc, 'plan')
  return doc
}

describe('plan document: restoring a removed item', () => {
  it('clears the tombstone and stamps the restorer as the last change', () => {
    const doc = planDoc()
    const goal = addGoal(doc, { resultKey: 'direct-safety', text: 'Veilige slaapplek' }, vt)
    removeItem(doc, 'goals', goal.id, politie)
    restoreItem(doc, 'goals', goal.id, wijkteam)
    const restored = getItem(doc, 'goals', goal.id)!
    expect(restored).toMatchObject({
      removedAt: null, removedBy: null, text: 'Veilige slaapplek', author: 'Anouk de Wit',
      updatedBy: 'Fatma Yilmaz', updatedByOrganisation: 'Wijkteam Havenstad',
    })
    expect(restored.updatedAt >= goal.updatedAt).toBe(true)
    expect(listGoals(doc).map((g) => g.id)).toEqual([goal.id])
  })

  it('changes nothing when the item is live', () => {
    const doc = planDoc()
    const goal = addGoal(doc, { resultKey: 'direct-safety', text: 'Veilige slaapplek' }, vt)
    const before = Y.encodeStateAsUpdate(doc)
    restoreItem(doc, 'goals', goal.id, politie)
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before)
  })

  it('refuses an unknown id and changes nothing', () => {
    const doc = planDoc()
    const before = Y.encodeStateAsUpdate(doc)
    expect(() => restoreItem(doc, 'actions', crypto.randomUUID(), vt)).toThrow(PlanValidationError)
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before)
  })

  it('refuses to restore an action whose goal is still removed, until the goal is back', () => {
    const doc = planDoc()
    const goal = addGoal(doc, { resultKey: 'direct-safety', text: 'Veilige slaapplek' }, vt)
    const action = addAction(doc, { what: 'Opvang regelen', ownerOrganisation: 'Veilig Thuis Noordkust', due: '2026-03-04', goalId: goal.id }, vt)
    removeItem(doc, 'actions', action.id, vt)
    removeItem(doc, 'goals', goal.id, vt)
    expect(() => restoreItem(doc, 'actions', action.id, politie)).toThrow(PlanValidationError)
    expect(listActions(doc)).toEqual([])
    restoreItem(doc, 'goals', goal.id, politie)
    restoreItem(doc, 'actions', action.id, politie)
    expect(listActions(doc).map((a) => a.id)).toEqual([action.id])
  })
})
