import { effectScope } from 'vue'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addAction, getSectionMap, listActions, migratePlanDoc, setRedFlag, listRedFlags, type PlanActor } from '../../shared/plan'
import { usePlanUndo } from '../../client/composables/usePlanUndo'

const REMOTE = Symbol('remote')

/** Two peers of one document, kept in sync as y-websocket would (remote origin). */
function connectedPair(part: 'plan' | 'inner'): [Y.Doc, Y.Doc] {
  const a = new Y.Doc()
  const b = new Y.Doc()
  migratePlanDoc(a, part)
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a), REMOTE)
  a.on('update', (update: Uint8Array, origin: unknown) => { if (origin !== REMOTE) Y.applyUpdate(b, update, REMOTE) })
  b.on('update', (update: Uint8Array, origin: unknown) => { if (origin !== REMOTE) Y.applyUpdate(a, update, REMOTE) })
  return [a, b]
}

function action(what: string): Parameters<typeof addAction>[1] {
  return { what, ownerOrganisation: 'Veilig Thuis Noordkust', due: '2026-03-04', resultKey: 'direct-safety' }
}

describe('per-user undo over the plan documents', () => {
  it('reverts only this user\'s own last change, never a colleague\'s later one', () => {
    const [mine, theirs] = connectedPair('plan')
    const origin = { kind: 'test' }
    const me: PlanActor = { name: 'Anouk de Wit', organisation: 'Veilig Thuis Noordkust', origin }
    const colleague: PlanActor = { name: 'Ruben Smit', organisation: 'Politie Eenheid Noordkust', origin: { kind: 'other' } }
    const scope = effectScope()
    const undo = scope.run(() => usePlanUndo([{ key: 'plan', doc: mine, scope: [getSectionMap(mine, 'actions')] }], origin))!

    addAction(mine, action('Mijn actie'), me)
    addAction(theirs, action('Actie van de politie'), colleague)
    expect(undo.canUndo.value).toBe(true)
    undo.undo()
    expect(listActions(theirs).map((a) => a.what)).toEqual(['Actie van de politie'])
    expect(undo.canRedo.value).toBe(true)
    undo.redo()
    expect(listActions(theirs).map((a) => a.what).sort()).toEqual(['Actie van de politie', 'Mijn actie'])
    scope.stop()
  })

  it('undoes across two documents in the order the user made the changes', () => {
    const plan = new Y.Doc()
    const inner = new Y.Doc()
    migratePlanDoc(plan, 'plan')
    migratePlanDoc(inner, 'inner')
    const origin = { kind: 'test' }
    const me: PlanActor = { name: 'Anouk de Wit', organisation: 'Veilig Thuis Noordkust', origin }
    const scope = effectScope()
    const undo = scope.run(() => usePlanUndo([
      { key: 'plan', doc: plan, scope: [getSectionMap(plan, 'actions')] },
      { key: 'inner', doc: inner, scope: [inner.getMap('redFlags')] },
    ], origin))!

    addAction(plan, action('Eerst'), me)
    setRedFlag(inner, 'escalation', 'observed', '', me)
    undo.undo()
    expect(listRedFlags(inner).find((f) => f.key === 'escalation')?.status).toBe('unknown')
    expect(listActions(plan)).toHaveLength(1)
    undo.undo()
    expect(listActions(plan)).toHaveLength(0)
    expect(undo.canUndo.value).toBe(false)
    scope.stop()
  })
})
