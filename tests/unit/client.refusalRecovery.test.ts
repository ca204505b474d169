import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addAction, listActions, migratePlanDoc, updateAction, type PlanActor } from '../../shared/plan'
import { getSummaryFragment } from '../../shared/plan/layout'
import { createRefusalRecovery, RECOVERY_ORIGIN } from '../../client/collab/refusalRecovery'
import { listChangedUnits, writeUnit } from '../../client/collab/editUnits'
import { describeUnit } from '../../client/collab/unitText'
import { refusalReasonKey } from '../../client/collab/refusalReason'

const SCHOOL: PlanActor = { name: 'Eva Jansen', organisation: 'OBS De Vlinder' }
const CHAIR: PlanActor = { name: 'Anouk de Wit', organisation: 'Veilig Thuis Noordkust' }
const REASON = 'the buitenring changes actions of its own organisation only'

function copyOf(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc()
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
  return copy
}

function schoolAction(doc: Y.Doc, what: string): string {
  return addAction(doc, { what, ownerOrganisation: SCHOOL.organisation, due: '2026-12-20', resultKey: 'direct-safety' }, SCHOOL).id
}

/**
 * What the server does with one socket's updates, in order: the first one that changes
 * the status of an action the school no longer owns is refused, and the rest of that
 * socket's updates are dropped (connection.ts stops after a refusal).
 */
function judgeInOrder(server: Y.Doc, updates: Uint8Array[]): 'accepted' | 'refused' {
  for (const update of updates) {
    const trial = copyOf(server)
    Y.applyUpdate(trial, update)
    const before = new Map(listActions(server).map((a) => [a.id, a]))
    const forbidden = listActions(trial).some((a) => a.ownerOrganisation !== SCHOOL.organisation && before.get(a.id)?.status !== a.status)
    if (forbidden) return 'refused'
    Y.applyUpdate(server, update)
  }
  return 'accepted'
}

/** Runs `write` on `doc` and returns the updates it emitted, one per transaction. */
function updatesOf(doc: Y.Doc, write: () => void): Uint8Array[] {
  const updates: Uint8Array[] = []
  const collect = (update: Uint8Array) => updates.push(update)
  doc.on('update', collect)
  write()
  doc.off('update', collect)
  return updates
}

describe('keeping unsent edits through a refused update', () => {
  it('writes the allowed offline edit again and names the refused one with its text', () => {
    const server = new Y.Doc()
    migratePlanDoc(server, 'plan')
    const given = schoolAction(server, 'Schoolarts inschakelen')
    const local = copyOf(server)
    // Offline: the chair gives the action away on the server; the school marks it done and adds one.
    updateAction(server, given, { ownerOrganisation: 'Wijkteam Havenstad' }, CHAIR)
    updateAction(local, given, { status: 'done', doneNote: 'Gesprek met de schoolarts gevoerd' }, SCHOOL)
    schoolAction(local, 'Mentor volgt de aanwezigheid')
    // Back online, everything unsent leaves in one sync reply, and it is refused.
    expect(judgeInOrder(server, [Y.encodeStateAsUpdate(local, Y.encodeStateVector(server))])).toBe('refused')

    const recovery = createRefusalRecovery('plan')
    expect(recovery.handleRefusal(local, REASON)).toBe(false)
    const fresh = copyOf(server)
    let named: ReturnType<typeof recovery.handleFreshSync> = []
    const resent = updatesOf(fresh, () => { named = recovery.handleFreshSync(fresh, 1) })
    // Two units, neither known to be the refused one: both written again, one update each.
    expect(named).toEqual([])
    expect(resent).toHaveLength(2)
    expect(judgeInOrder(server, resent)).toBe('refused')

    expect(recovery.handleRefusal(fresh, REASON)).toBe(true)
    const second = copyOf(server)
    const resentAgain = updatesOf(second, () => { named = recovery.handleFreshSync(second, 2) })
    expect(judgeInOrder(server, resentAgain)).toBe('accepted')
    expect(listActions(server).map((a) => a.what).sort()).toEqual(['Mentor volgt de aanwezigheid', 'Schoolarts inschakelen'])
    expect(listActions(server).find((a) => a.id === given)).toMatchObject({ status: 'open', ownerOrganisation: 'Wijkteam Havenstad' })
    expect(named).toHaveLength(1)
    expect(named[0]).toMatchObject({ part: 'plan', unit: { root: 'actions', key: given }, reason: REASON })
    expect(named[0]!.text.title).toBe('Schoolarts inschakelen')
    expect(named[0]!.text.fields).toEqual([
      { field: 'doneNote', value: 'Gesprek met de schoolarts gevoerd' },
      { field: 'status', value: 'done' },
    ])
  })

  it('names the only unsent edit at once, without writing it again', () => {
    const server = new Y.Doc()
    migratePlanDoc(server, 'plan')
    const given = schoolAction(server, 'Schoolarts inschakelen')
    const local = copyOf(server)
    updateAction(server, given, { ownerOrganisation: 'Wijkteam Havenstad' }, CHAIR)
    updateAction(local, given, { status: 'done' }, SCHOOL)
    const recovery = createRefusalRecovery('plan')
    recovery.handleRefusal(local, REASON)
    const fresh = copyOf(server)
    let named: ReturnType<typeof recovery.handleFreshSync> = []
    expect(updatesOf(fresh, () => { named = recovery.handleFreshSync(fresh, 1) })).toEqual([])
    expect(named.map((n) => n.unit)).toEqual([{ root: 'actions', key: given }])
    // Later syncs (reconnects) have nothing pending.
    expect(recovery.handleFreshSync(fresh, 2)).toEqual([])
  })

  it('carries rich text over with the others\' edits in it, and says what it held', () => {
    const server = new Y.Doc()
    migratePlanDoc(server, 'plan')
    const local = copyOf(server)
    const paragraph = new Y.XmlElement('paragraph')
    paragraph.insert(0, [new Y.XmlText('Moeder zoekt steun bij haar zus.')])
    getSummaryFragment(local).insert(0, [paragraph])
    schoolAction(server, 'Iets van een ander')

    const merged = copyOf(server)
    Y.applyUpdate(merged, Y.encodeStateAsUpdate(local, Y.encodeStateVector(server)))
    const units = listChangedUnits('plan', server, merged)
    expect(units).toEqual([{ root: 'summary', key: null }])
    const target = copyOf(server)
    writeUnit('plan', target, merged, units[0]!, RECOVERY_ORIGIN)
    expect(listChangedUnits('plan', target, merged)).toEqual([])
    expect(describeUnit('plan', server, merged, units[0]!).fields).toEqual([{ field: 'summary', value: 'Moeder zoekt steun bij haar zus.' }])
  })
})

describe('the why of a refusal', () => {
  it('recognises the refusals an honest page can run into, and falls back to a general one', () => {
    expect(refusalReasonKey('the buitenring changes actions of its own organisation only')).toBe('collab.unsaved.reasons.ownActions')
    expect(refusalReasonKey('the buitenring may not change goals')).toBe('collab.unsaved.reasons.outerRing')
    expect(refusalReasonKey('actions is locked by the chair during this agenda item')).toBe('collab.unsaved.reasons.locked')
    expect(refusalReasonKey('decisions are append-only: add a new entry instead')).toBe('collab.unsaved.reasons.history')
    expect(refusalReasonKey('something new')).toBe('collab.unsaved.reasons.other')
  })
})
