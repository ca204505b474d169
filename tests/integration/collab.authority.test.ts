/**
 * Property-based authority tests of the write guard: random sequences of edits by an
 * inner-ring chair, an inner-ring member and an outer-ring school, some of them forged
 * the way a partner with a raw client could (another author, a rewritten safety score,
 * an edited decision, the school removing Veilig Thuis's agreement, `meta` changed, a
 * root-level XmlText in a rich-text field, a deleted item, a back-dated item). Every
 * forbidden update must be refused; every allowed one kept; afterwards the document in
 * memory, the one reloaded from PostgreSQL and a watching connection's copy all equal
 * the document built from the allowed updates alone.
 * Driven through the real hub (tests/helpers/directHub.ts); the websocket path of a
 * refusal is in collab.guard.test.ts.
 */
import fc from 'fast-check'
import * as Y from 'yjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  addAction, addAgreement, addDecision, addGoal, addSafetyScore, getMetaMap, getSectionMap, getSummaryFragment, listActions,
  listAgreements, listDecisions, listSafetyScores, planToJson, removeItem, setRedFlag, setRegie, updateAction,
  updateDecision, updateGoal, listGoals, type PlanActor,
} from '../../shared/plan'
import { caseDocName, type CasePart } from '../../shared/protocol/docName'
import type { HubDoc } from '../../server/collab/hubDoc'
import { decodeClientMessage } from '../../server/collab/protocol'
import { captureUpdates, directConnection, makeDirectCase, startDirectHub, syncFrom, testUser, type DirectConnection, type DirectHub } from '../helpers/directHub'
import { proseOf } from '../helpers/prose'

type ActorName = 'chair' | 'politie' | 'school'

interface Actor {
  conn: DirectConnection
  who: PlanActor
  docs: Partial<Record<CasePart, Y.Doc>>
}

/** One step: who does it, in which document, whether the server must allow it. */
interface Step {
  label: string
  actor: ActorName
  part: CasePart
  allowed: boolean
  /** Mutates the actor's copy; returns false when the step does not apply now (nothing to edit). */
  run(doc: Y.Doc, who: PlanActor): boolean
}

const today = '2026-12-01'
const inTwoWeeks = '2026-12-15'
const ORIGIN = 'test-client'

/** Items the steps refer to by kind, picked from the actor's (synced) copy. */
const pick = <T extends { id: string; organisation: string }>(items: T[], filter: (t: T) => boolean = () => true): T | null =>
  items.filter(filter)[0] ?? null

const STEPS: readonly Step[] = [
  // Allowed.
  { label: 'inner ring adds a goal', actor: 'politie', part: 'plan', allowed: true, run: (d, who) => (addGoal(d, { resultKey: 'direct-safety', text: 'Kinderen veilig naar school' }, who), true) },
  { label: 'chair adds an agreement', actor: 'chair', part: 'plan', allowed: true, run: (d, who) => (addAgreement(d, { text: 'Geen contact na 20:00', boundParties: ['vader'], checkedBy: 'Veilig Thuis Noordkust', startDate: today }, who), true) },
  { label: 'school adds an action of its own', actor: 'school', part: 'plan', allowed: true, run: (d, who) => (addAction(d, { what: 'Mentor spreekt kind dagelijks', ownerOrganisation: who.organisation, due: inTwoWeeks, resultKey: 'direct-safety' }, who), true) },
  { label: 'politie adds an action', actor: 'politie', part: 'plan', allowed: true, run: (d, who) => (addAction(d, { what: 'Huisbezoek wijkagent', ownerOrganisation: who.organisation, due: inTwoWeeks, resultKey: 'direct-safety' }, who), true) },
  {
    label: 'school moves the status of its own action', actor: 'school', part: 'plan', allowed: true,
    run: (d, who) => {
      const own = pick(listActions(d), (a) => a.ownerOrganisation === who.organisation && a.status !== 'in-progress')
      return own ? (updateAction(d, own.id, { status: 'in-progress' }, who), true) : false
    },
  },
  { label: 'chair records a decision', actor: 'chair', part: 'plan', allowed: true, run: (d, who) => (addDecision(d, { text: 'Strafrechtelijke route', type: 'criminal-route' }, who), true) },
  { label: 'chair sets the regie', actor: 'chair', part: 'plan', allowed: true, run: (d, who) => (setRegie(d, { casusregisseur: { organisation: who.organisation, person: null } }, who), true) },
  {
    label: 'inner ring removes an agreement by tombstone', actor: 'politie', part: 'plan', allowed: true,
    run: (d, who) => {
      const a = pick(listAgreements(d))
      return a ? (removeItem(d, 'agreements', a.id, who), true) : false
    },
  },
  {
    label: 'inner ring edits a goal', actor: 'chair', part: 'plan', allowed: true,
    run: (d, who) => {
      const g = pick(listGoals(d))
      return g ? (updateGoal(d, g.id, { text: `Doel herzien ${Math.random().toString(36).slice(2, 6)}` }, who), true) : false
    },
  },
  { label: 'inner ring types in the summary', actor: 'politie', part: 'plan', allowed: true, run: (d) => (proseOf(d, 'summary').insert(0, 'Melding ontvangen. '), true) },
  { label: 'inner ring scores safety', actor: 'politie', part: 'inner', allowed: true, run: (d, who) => (addSafetyScore(d, { partner: who.organisation, score: 3, date: today }, who), true) },
  { label: 'inner ring records a red flag', actor: 'chair', part: 'inner', allowed: true, run: (d, who) => (setRedFlag(d, 'isolation', 'observed', `Gezien ${Math.random()}`, who), true) },
  // Forbidden.
  { label: 'school adds a goal', actor: 'school', part: 'plan', allowed: false, run: (d, who) => (addGoal(d, { resultKey: 'recovery', text: 'Doel van de school' }, who), true) },
  { label: 'school adds an action for the police', actor: 'school', part: 'plan', allowed: false, run: (d, who) => (addAction(d, { what: 'Politie moet langs', ownerOrganisation: 'Politie Eenheid Noordkust', due: inTwoWeeks, resultKey: 'direct-safety' }, who), true) },
  {
    label: 'school changes the police action', actor: 'school', part: 'plan', allowed: false,
    run: (d, who) => {
      const other = pick(listActions(d), (a) => a.ownerOrganisation !== who.organisation)
      return other ? (updateAction(d, other.id, { status: 'cancelled' }, who), true) : false
    },
  },
  {
    label: 'school removes Veilig Thuis\'s agreement', actor: 'school', part: 'plan', allowed: false,
    run: (d, who) => {
      const a = pick(listAgreements(d))
      return a ? (removeItem(d, 'agreements', a.id, who), true) : false
    },
  },
  { label: 'school rewrites the regie', actor: 'school', part: 'plan', allowed: false, run: (d, who) => (setRegie(d, { casusregisseur: { organisation: who.organisation, person: null } }, who), true) },
  { label: 'school types in the summary', actor: 'school', part: 'plan', allowed: false, run: (d) => (proseOf(d, 'summary').insert(0, 'VERVALST '), true) },
  {
    label: 'school records a decision as Veilig Thuis', actor: 'school', part: 'plan', allowed: false,
    run: (d) => (addDecision(d, { text: 'Afschalen', type: 'step-down', chair: 'Anouk de Wit' }, { name: 'Anouk de Wit', organisation: 'Veilig Thuis Noordkust', origin: ORIGIN }), true),
  },
  {
    label: 'politie adds an action signed by Veilig Thuis', actor: 'politie', part: 'plan', allowed: false,
    run: (d) => (addAction(d, { what: 'Vervalst', ownerOrganisation: 'Veilig Thuis Noordkust', due: inTwoWeeks, resultKey: 'direct-safety' }, { name: 'Anouk de Wit', organisation: 'Veilig Thuis Noordkust', origin: ORIGIN }), true),
  },
  {
    label: 'chair edits a recorded decision', actor: 'chair', part: 'plan', allowed: false,
    run: (d, who) => {
      const dec = pick(listDecisions(d))
      return dec ? (updateDecision(d, dec.id, { text: 'Toch geen strafrechtelijke route' }, who), true) : false
    },
  },
  {
    label: 'politie rewrites a safety score', actor: 'politie', part: 'inner', allowed: false,
    run: (d) => {
      const s = pick(listSafetyScores(d))
      if (!s) return false
      d.transact(() => (getSectionMap(d, 'safetyScale').get(s.id) as Y.Map<unknown>).set('score', 9), ORIGIN)
      return true
    },
  },
  { label: 'chair changes the schema version', actor: 'chair', part: 'plan', allowed: false, run: (d) => (d.transact(() => getMetaMap(d).set('schemaVersion', 2), ORIGIN), true) },
  { label: 'politie turns the plan into the inner part', actor: 'politie', part: 'plan', allowed: false, run: (d) => (d.transact(() => getMetaMap(d).set('part', 'inner'), ORIGIN), true) },
  { label: 'politie puts an XmlText at the root of the summary', actor: 'politie', part: 'plan', allowed: false, run: (d) => (d.transact(() => getSummaryFragment(d).insert(0, [new Y.XmlText('weg')]), ORIGIN), true) },
  {
    label: 'politie deletes an item outright', actor: 'politie', part: 'plan', allowed: false,
    run: (d, who) => {
      const other = pick(listActions(d), (a) => a.organisation !== who.organisation)
      if (!other) return false
      d.transact(() => getSectionMap(d, 'actions').delete(other.id), ORIGIN)
      return true
    },
  },
  {
    label: 'chair changes who wrote an item', actor: 'chair', part: 'plan', allowed: false,
    run: (d) => {
      const a = pick(listActions(d))
      if (!a) return false
      d.transact(() => (getSectionMap(d, 'actions').get(a.id) as Y.Map<unknown>).set('author', 'Iemand Anders'), ORIGIN)
      return true
    },
  },
  {
    label: 'politie signs its change as Veilig Thuis\'s', actor: 'politie', part: 'plan', allowed: false,
    run: (d) => {
      const a = pick(listActions(d))
      if (!a) return false
      d.transact(() => {
        const map = getSectionMap(d, 'actions').get(a.id) as Y.Map<unknown>
        map.set('what', 'Stil gewijzigd')
        map.set('updatedBy', 'Anouk de Wit')
        map.set('updatedByOrganisation', 'Veilig Thuis Noordkust')
      }, ORIGIN)
      return true
    },
  },
  {
    label: 'politie nests maps inside an item', actor: 'politie', part: 'plan', allowed: false,
    run: (d) => {
      const a = pick(listActions(d))
      if (!a) return false
      d.transact(() => {
        let inner = new Y.Map<unknown>()
        const outer = inner
        for (let i = 0; i < 50; i++) {
          const next = new Y.Map<unknown>()
          inner.set('x', next)
          inner = next
        }
        ;(getSectionMap(d, 'actions').get(a.id) as Y.Map<unknown>).set('what', outer)
      }, ORIGIN)
      return true
    },
  },
]

describe('write authority (property-based)', () => {
  let direct: DirectHub
  beforeAll(async () => {
    direct = await startDirectHub()
  })
  afterAll(async () => {
    await direct.close()
  })

  it('refuses every forbidden update and keeps every allowed one, for every role, in any order', async () => {
    let refusedSteps = 0
    let allowedSteps = 0
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat({ max: STEPS.length - 1 }), { minLength: 8, maxLength: 30 }), async (sequence) => {
        const caseId = await makeDirectCase(direct.store)
        const hubDocs = {
          plan: await direct.hub.acquire(caseDocName(caseId, 'plan')),
          inner: await direct.hub.acquire(caseDocName(caseId, 'inner')),
        }
        const watcher = directConnection(testUser('Meekijker', 'Reclassering Noordkust'), { canRead: true, canWrite: false, ring: 'inner', role: 'reader' })
        const starts = { plan: Y.encodeStateAsUpdate(hubDocs.plan.ydoc), inner: Y.encodeStateAsUpdate(hubDocs.inner.ydoc) }
        hubDocs.plan.attach(watcher)
        hubDocs.inner.attach(watcher)
        // What the allowed updates alone make of each document.
        const expected = { plan: new Y.Doc(), inner: new Y.Doc() }
        for (const part of ['plan', 'inner'] as const) Y.applyUpdate(expected[part], starts[part])
        const actors = makeActors()
        // Seed: an action of the police, an agreement of Veilig Thuis, a decision, a score.
        const seed = [3, 1, 5, 10].map((i) => STEPS[i]!)
        for (const step of [...seed, ...sequence.map((i) => STEPS[i]!)]) {
          const outcome = await play(step, actors[step.actor], hubDocs[step.part], expected[step.part])
          if (outcome === 'skipped') continue
          if (step.allowed) allowedSteps++
          else refusedSteps++
          expect(outcome, step.label).toBe(step.allowed ? 'accepted' : 'refused')
        }
        for (const part of ['plan', 'inner'] as const) {
          await hubDocs[part].whenCommitted()
          const json = (d: Y.Doc) => JSON.stringify(part === 'plan' ? planToJson(d, null, { startDate: today }) : planToJson(new Y.Doc(), d, { startDate: today }))
          expect(json(hubDocs[part].ydoc)).toBe(json(expected[part]))
          // The watcher saw exactly the allowed updates.
          const mirror = new Y.Doc()
          Y.applyUpdate(mirror, starts[part])
          for (const frame of watcher.frames) {
            const m = decodeClientMessage(frame)
            if (m.type === 'update') Y.applyUpdate(mirror, m.update)
          }
          expect(json(mirror)).toBe(json(expected[part]))
          // And so does PostgreSQL: a second hub loads the same.
          const other = direct.another()
          const reloaded: HubDoc = await other.hub.acquire(caseDocName(caseId, part))
          expect(json(reloaded.ydoc)).toBe(json(expected[part]))
          other.hub.release(reloaded)
          await other.hub.close()
          hubDocs[part].detach(watcher)
          direct.hub.release(hubDocs[part])
        }
      }),
      { numRuns: 40, endOnFailure: true },
    )
    expect(refusedSteps).toBeGreaterThan(100)
    expect(allowedSteps).toBeGreaterThan(100)
  }, 300_000)

  async function play(step: Step, actor: Actor, hubDoc: HubDoc, expected: Y.Doc): Promise<'accepted' | 'refused' | 'skipped'> {
    if (step.part === 'inner' && actor.conn.access.ring === 'outer') return 'skipped'
    // The actor's client is in sync with what the server has, like a live tab.
    const doc = (actor.docs[step.part] ??= new Y.Doc())
    await hubDoc.whenCommitted()
    syncFrom(doc, hubDoc.ydoc)
    const updates = captureUpdates(doc)
    let applies: boolean
    try {
      applies = step.run(doc, actor.who)
    } catch {
      // The accessor itself refused (our own client would never send it).
      return 'skipped'
    }
    if (!applies || updates.length === 0) return 'skipped'
    let refused = false
    for (const u of updates) {
      const refusal = await hubDoc.submitClientUpdate(actor.conn, u)
      if (refusal) refused = true
      else Y.applyUpdate(expected, u)
    }
    // A refused client starts over from what the server has, as the app does on 4409.
    if (refused) actor.docs[step.part] = undefined
    return refused ? 'refused' : 'accepted'
  }
})

function makeActors(): Record<ActorName, Actor> {
  const make = (name: string, organisation: string, ring: 'inner' | 'outer', role: 'chair' | 'member'): Actor => {
    const user = testUser(name, organisation)
    return { conn: directConnection(user, { canRead: true, canWrite: true, ring, role }), who: { name, organisation, origin: ORIGIN }, docs: {} }
  }
  return {
    chair: make('Anouk de Wit', 'Veilig Thuis Noordkust', 'inner', 'chair'),
    politie: make('Ruben Smit', 'Politie Eenheid Noordkust', 'inner', 'member'),
    school: make('Sanne de Boer', 'OBS De Vlinder', 'outer', 'member'),
  }
}
