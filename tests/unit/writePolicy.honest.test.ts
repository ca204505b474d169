/**
 * Every write our own client makes through the plan accessors and its undo manager, as
 * a partner would make it (chair and school, both documents), judged by the server's
 * write policy on a staging copy exactly as the doc hub does: none may be refused. The
 * other direction (forged writes refused) is collab.authority.test.ts.
 * (Written by a helper who found two honest undos the first policy refused.)
 */
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import * as P from '../../shared/plan'
import { readTouches } from '../../server/collab/updateTouches'
import { judgeWrite, type Writer } from '../../server/access/writePolicy'
import { undoableRoots } from '../../shared/plan/writeRules'
import type { CasePart } from '../../shared/protocol/docName'

describe('write policy and our own client', () => {
  it('accepts every write and undo the app makes for the chair and the school', () => {
    const results: string[] = []
    function world(part: CasePart) {
      const server = new Y.Doc()
      P.migratePlanDoc(server, part)
      const clients: { doc: Y.Doc; writer: Writer; actor: P.PlanActor; undo: Y.UndoManager }[] = []
      function join(writer: Writer) {
        const doc = new Y.Doc()
        Y.applyUpdate(doc, Y.encodeStateAsUpdate(server))
        const origin = { w: writer.name }
        const undo = new Y.UndoManager(undoableRoots(part).map((n) => doc.getMap(n)), { trackedOrigins: new Set([origin]), captureTimeout: 0 })
        const c = { doc, writer, actor: { name: writer.name, organisation: writer.organisation, origin }, undo }
        clients.push(c)
        return c
      }
      function send(c: (typeof clients)[number], label: string, mutate: () => void) {
        const sv = Y.encodeStateVector(server)
        mutate()
        const update = Y.encodeStateAsUpdate(c.doc, sv)
        const staging = new Y.Doc()
        Y.applyUpdate(staging, Y.encodeStateAsUpdate(server))
        let verdict: string | null = 'no transaction'
        staging.once('afterTransaction', (tr: Y.Transaction) => {
          const t = readTouches(staging, tr)
          if ('refusal' in t) { verdict = t.refusal; return }
          verdict = judgeWrite(part, t.touches, { ...t.context, isOwn: (item) => item.id.client === c.doc.clientID }, c.writer)
        })
        Y.applyUpdate(staging, update)
        results.push(`${verdict === null ? 'ok      ' : 'REFUSED '} ${part} ${c.writer.ring}/${c.writer.name}: ${label}${verdict ? ' -> ' + verdict : ''}`)
        if (verdict === null) {
          Y.applyUpdate(server, update)
          for (const o of clients) if (o !== c) Y.applyUpdate(o.doc, update, 'remote')
        } else {
          // What the client now does: drop the copy, start afresh from the server.
          c.undo.destroy()
          c.doc = new Y.Doc()
          Y.applyUpdate(c.doc, Y.encodeStateAsUpdate(server))
          c.undo = new Y.UndoManager(undoableRoots(part).map((n) => c.doc.getMap(n)), { trackedOrigins: new Set([c.actor.origin]), captureTimeout: 0 })
        }
      }
      return { server, join, send }
    }

    const chairW: Writer = { name: 'Anouk de Wit', organisation: 'Veilig Thuis Noordkust', ring: 'inner', role: 'chair' }
    const schoolW: Writer = { name: 'Joost Bakker', organisation: 'OBS De Vlinder', ring: 'outer', role: 'member' }
    {
      const w = world('plan')
      const chair = w.join(chairW)
      const school = w.join(schoolW)
      const a = chair.actor
      let goal = '', agr = '', act = '', dec = '', esc = ''
      w.send(chair, 'addGoal', () => { goal = P.addGoal(chair.doc, { resultKey: 'direct-safety', text: 'Moeder en kinderen veilig', observableFor: '', status: 'open', evidence: '' }, a).id })
      w.send(chair, 'updateGoal', () => P.updateGoal(chair.doc, goal, { text: 'Moeder en kinderen veilig thuis' }, a))
      w.send(chair, 'setResult status', () => P.setResult(chair.doc, 'direct-safety', { status: 'at-risk' }, a))
      w.send(chair, 'setResult evidence', () => P.setResult(chair.doc, 'direct-safety', { evidence: 'Onderbouwing' }, a))
      w.send(chair, 'undo setResult evidence', () => chair.undo.undo())
      w.send(chair, 'addAgreement', () => { agr = P.addAgreement(chair.doc, { text: 'Geen contact', boundParties: ['Vader'], checkedBy: 'Politie', startDate: P.todayIsoDate() }, a).id })
      w.send(chair, 'updateAgreement status', () => P.updateAgreement(chair.doc, agr, { status: 'broken' }, a))
      w.send(chair, 'remove agreement', () => P.removeItem(chair.doc, 'agreements', agr, a))
      w.send(chair, 'undo remove agreement', () => chair.undo.undo())
      w.send(chair, 'addAction', () => { act = P.addAction(chair.doc, { what: 'Opvang', ownerOrganisation: 'Veilig Thuis Noordkust', due: P.todayIsoDate(), goalId: goal }, a).id })
      w.send(chair, 'updateAction all fields', () => P.updateAction(chair.doc, act, { what: 'Opvang regelen', ownerPerson: 'Anouk', status: 'blocked', blockedReason: 'wacht' }, a))
      w.send(chair, 'remove goal (action still links)', () => P.removeItem(chair.doc, 'goals', goal, a))
      w.send(chair, 'undo remove goal', () => chair.undo.undo())
      w.send(chair, 'remove action', () => P.removeItem(chair.doc, 'actions', act, a))
      w.send(chair, 'undo remove action', () => chair.undo.undo())
      w.send(chair, 'redo remove action', () => chair.undo.redo())
      w.send(chair, 'addDecision', () => { dec = P.addDecision(chair.doc, { text: 'Strafrechtelijk', type: 'plan', chair: 'Anouk de Wit' }, a).id })
      w.send(chair, 'addEscalation', () => { esc = P.addEscalation(chair.doc, { issue: 'Financiering', raisedBy: 'Veilig Thuis Noordkust', raisedTo: 'Gemeente', due: P.todayIsoDate() }, a).id })
      w.send(chair, 'escalation outcome', () => P.updateEscalation(chair.doc, esc, { outcome: 'Geregeld', outcomeDecisionId: dec }, a))
      w.send(chair, 'setRegie', () => P.setRegie(chair.doc, { casusregisseur: { organisation: 'Wijkteam Havenstad', person: 'Fatima' } } as P.RegiePatch, a))
      w.send(chair, 'undo setRegie', () => chair.undo.undo())
      w.send(chair, 'phase change (decision + phase, one transaction)', () => chair.doc.transact(() => {
        const d = P.addDecision(chair.doc, { text: 'Naar risico', type: 'phase', chair: 'Anouk de Wit' }, a).id
        P.setPhase(chair.doc, 'risico', d, a)
      }, a.origin))
      w.send(chair, 'undo (after phase change, outside scope → earlier item)', () => chair.undo.undo())
      let sAct = ''
      w.send(school, 'school addAction own', () => { sAct = P.addAction(school.doc, { what: 'Signalen', ownerOrganisation: 'OBS De Vlinder', due: P.todayIsoDate(), resultKey: 'direct-safety' }, school.actor).id })
      w.send(school, 'school status', () => P.updateAction(school.doc, sAct, { status: 'in-progress' }, school.actor))
      w.send(school, 'school blocked + reason', () => P.updateAction(school.doc, sAct, { status: 'blocked', blockedReason: 'wacht', doneNote: '' }, school.actor))
      w.send(school, 'school undo blocked', () => school.undo.undo())
      w.send(school, 'school done + note', () => P.updateAction(school.doc, sAct, { status: 'done', blockedReason: 'wacht', doneNote: 'klaar' }, school.actor))
      w.send(school, 'school undo done+note', () => { school.undo.undo() })
      w.send(school, 'school undo (status)', () => { school.undo.undo() })
      w.send(school, 'school undo (status)', () => { school.undo.undo() })
      w.send(school, 'school undo (its add)', () => { school.undo.undo() })
      w.send(chair, 'setRegie doorzettingsmacht (first time)', () => P.setRegie(chair.doc, { doorzettingsmacht: { organisation: 'Gemeente', person: null } } as P.RegiePatch, chair.actor))
      w.send(chair, 'setRegie doorzettingsmacht again', () => P.setRegie(chair.doc, { doorzettingsmacht: { organisation: 'Gemeente Havenstad', person: null } } as P.RegiePatch, chair.actor))
      w.send(chair, 'undo second setRegie', () => chair.undo.undo())
      w.send(chair, 'undo first setRegie of that role', () => chair.undo.undo())
    }
    {
      const w = world('inner')
      const chair = w.join(chairW)
      const a = chair.actor
      let person = '', sos = '', trauma = ''
      w.send(chair, 'addPerson', () => { person = P.addPerson(chair.doc, { firstName: 'Sanne', role: 'slachtoffer', age: 34 }, a).id })
      w.send(chair, 'updatePerson', () => P.updatePerson(chair.doc, person, { age: 35 }, a))
      w.send(chair, 'addSosItem', () => { sos = P.addSosItem(chair.doc, { type: 'harm', text: 'Greep naar de keel' }, a).id })
      w.send(chair, 'remove sos', () => P.removeItem(chair.doc, 'sosMap', sos, a))
      w.send(chair, 'undo remove sos', () => chair.undo.undo())
      w.send(chair, 'addDangerStatement', () => { P.addDangerStatement(chair.doc, { whoWorries: ['VT'], behaviour: 'x', ifNothingChanges: 'y' }, a) })
      w.send(chair, 'addSafetyScore', () => { P.addSafetyScore(chair.doc, { partner: 'VT', score: 3, date: P.todayIsoDate(), reason: '', addsPoint: '' }, a) })
      w.send(chair, 'addJusticeItem', () => { P.addJusticeItem(chair.doc, { type: 'criminal-case', text: 'Aangifte' } as P.JusticeItemInput, a) })
      w.send(chair, 'addTraumaScreening', () => { trauma = P.addTraumaScreening(chair.doc, { personId: person, offeredOn: P.todayIsoDate() } as P.TraumaScreeningInput, a).id })
      w.send(chair, 'updateTraumaScreening', () => P.updateTraumaScreening(chair.doc, trauma, { doneOn: P.todayIsoDate() } as P.TraumaScreeningPatch, a))
      w.send(chair, 'setRedFlag', () => P.setRedFlag(chair.doc, 'escalation', 'observed', 'note', a))
      w.send(chair, 'setRedFlag again', () => P.setRedFlag(chair.doc, 'escalation', 'observed', 'note 2', a))
      w.send(chair, 'undo (trauma/justice etc.)', () => chair.undo.undo())
    }
    expect(results.filter((r) => r.startsWith('REFUSED'))).toEqual([])
      expect(results.length).toBeGreaterThan(40)

  })
})
