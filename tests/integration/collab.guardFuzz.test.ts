/**
 * Grammar-based fuzzing of the write guard (tests/helpers/updateGrammar.ts): updates
 * that DECODE, with wrong origins, missing parents, future clocks, odd content types,
 * deep nesting, huge strings, GC and Skip runs and delete ranges, sent by an outer-ring
 * and an inner-ring partner, mixed with honest typing of another partner. Driven through
 * the real hub and PostgreSQL without websockets (tests/helpers/directHub.ts), so 20,000
 * cases fit in a CI run; the websocket path is covered in collab.guard.test.ts and
 * collab.fuzz.test.ts. Asserted: the hub never throws and the document never fails, every
 * honest update is accepted and in the database, a watching connection can apply every
 * frame it was sent and ends equal to the document, and the document loads afterwards
 * with nothing to quarantine.
 */
import fc from 'fast-check'
import * as Y from 'yjs'
import { afterEach, describe, expect, it } from 'vitest'
import { caseDocName } from '../../shared/protocol/docName'
import { applyStoredUpdates } from '../../server/collab/applyLog'
import type { HubDoc } from '../../server/collab/hubDoc'
import { decodeClientMessage } from '../../server/collab/protocol'
import { planToJson } from '../../shared/plan'
import { checkRichTextFragment } from '../../shared/plan/richText'
import { captureUpdates, directConnection, makeDirectCase, startDirectHub, syncFrom, testUser, type DirectHub } from '../helpers/directHub'
import { proseOf, proseTextOf } from '../helpers/prose'
import { hostileUpdate, type GrammarTarget } from '../helpers/updateGrammar'

/** Hostile cases per run (the issue asks for at least 20,000 in CI-sized runs). */
const CASES = Number(process.env.GUARD_FUZZ_CASES ?? 20_000)
/** One honest edit after this many hostile cases. */
const HONEST_EVERY = 40

function decodes(update: Uint8Array): boolean {
  try {
    Y.decodeUpdate(update)
    return true
  } catch {
    return false
  }
}

function targetOf(doc: Y.Doc): GrammarTarget {
  const state = [...Y.decodeStateVector(Y.encodeStateVector(doc))].map(([client, clock]) => ({ client, clock }))
  const ids = [...doc.getMap('goals').keys(), ...doc.getMap('actions').keys()]
  return {
    state,
    roots: ['summary', 'goals', 'actions', 'decisions', 'results', 'regie', 'phase', 'phaseHistory', 'meta', 'innerNotes', 't', ''],
    keys: [...ids, 'status', 'author', 'organisation', 'removedAt', 'schemaVersion', 'part', 'casusregisseur', 'current', 'level', 'href'],
  }
}

describe('write guard fuzzing with decodable updates', () => {
  let direct: DirectHub | null = null
  afterEach(async () => {
    await direct?.close()
    direct = null
  })

  it(`refuses or safely keeps ${CASES} hostile decodable updates, keeps every honest one, and the document loads afterwards`, async () => {
    direct = await startDirectHub({ maxUserBytesPerMinute: 1e12, maxDocBytes: 64 * 1024 * 1024 })
    const caseId = await makeDirectCase(direct.store)
    const plan = caseDocName(caseId, 'plan')
    const doc: HubDoc = await direct.hub.acquire(plan)
    const school = directConnection(testUser('Sanne de Boer', 'OBS De Vlinder'), { canRead: true, canWrite: true, ring: 'outer', role: 'member' })
    const politie = directConnection(testUser('Ruben Smit', 'Politie Eenheid Noordkust'), { canRead: true, canWrite: true, ring: 'inner', role: 'member' })
    const wijkteam = directConnection(testUser('Fatima El Amrani', 'Wijkteam Havenstad'), { canRead: true, canWrite: true, ring: 'inner', role: 'member' })
    const watcher = directConnection(testUser('Anouk de Wit', 'Veilig Thuis Noordkust'), { canRead: true, canWrite: false, ring: 'inner', role: 'reader' })
    doc.attach(watcher)
    // What the watcher's own sync step 1 would have got back.
    const watcherStart = Y.encodeStateAsUpdate(doc.ydoc)

    // The honest partner: a client synced from the hub, typing at the end of the summary.
    const honest = new Y.Doc()
    syncFrom(honest, doc.ydoc)
    const honestUpdates = captureUpdates(honest)
    const words: string[] = []
    const typeWord = async () => {
      const word = ` woord${words.length}`
      const text = proseOf(honest, 'summary')
      text.insert(text.length, word)
      words.push(word)
      for (const u of honestUpdates.splice(0)) expect(await doc.submitClientUpdate(wijkteam, u)).toBeNull()
    }
    await typeWord()

    // The document as the honest partner alone makes it: what the outer ring's cases
    // must leave exactly as it is.
    const expected = new Y.Doc()
    syncFrom(expected, doc.ydoc)
    const target = targetOf(doc.ydoc)
    let decodable = 0
    let refused = 0
    const attack = async (attacker: typeof school, runs: number) => {
      await fc.assert(
        fc.asyncProperty(hostileUpdate(target), async (update) => {
          if (!decodes(update)) return
          decodable++
          const refusal = await doc.submitClientUpdate(attacker, update)
          if (refusal) refused++
          expect(doc.isClosed).toBe(false)
          if (decodable % HONEST_EVERY === 0) await typeWord()
        }),
        { numRuns: runs, endOnFailure: true },
      )
    }
    // Most cases from the outer ring, which may write nothing of this kind.
    await attack(school, Math.round(CASES * 0.8))
    await typeWord()
    await doc.whenCommitted()
    Y.applyUpdate(expected, Y.encodeStateAsUpdate(honest))
    const json = (d: Y.Doc) => planToJson(d, null, { startDate: '2026-12-01' })
    expect(json(doc.ydoc)).toEqual(json(expected))
    expect(proseTextOf(doc.ydoc, 'summary')).toBe(words.join(''))
    // Then from an inner-ring writer, who may change much of it: robustness only.
    await attack(politie, CASES - Math.round(CASES * 0.8))
    await typeWord()
    // Most generated updates decode (the grammar writes Yjs' own format), and most are refused.
    expect(decodable).toBeGreaterThan(CASES * 0.95)
    expect(refused).toBeGreaterThan(decodable * 0.5)

    // Every frame the watcher got applies, in order, and converges on the document.
    await doc.whenCommitted()
    const mirror = new Y.Doc()
    Y.applyUpdate(mirror, watcherStart)
    for (const frame of watcher.frames) {
      const m = decodeClientMessage(frame)
      if (m.type === 'update' || m.type === 'sync-step-2') Y.applyUpdate(mirror, m.update)
    }
    expect(Y.encodeStateVector(mirror)).toEqual(Y.encodeStateVector(doc.ydoc))

    // A fresh load from the database: nothing to quarantine, the honest partner's edits
    // all there, the plan readable and its summary valid rich text.
    doc.detach(watcher)
    direct.hub.release(doc)
    await direct.hub.close()
    const read = await direct.store.load(plan)
    const built = applyStoredUpdates(read.updates)
    expect(built.bad).toEqual([])
    const honestClock = Y.getState(honest.store, honest.clientID)
    expect(Y.getState(built.doc.store, honest.clientID)).toBe(honestClock)
    expect(() => planToJson(built.doc, null, { startDate: '2026-12-01' })).not.toThrow()
    expect(checkRichTextFragment(built.doc.getXmlFragment('summary'))).toBeNull()
    // The outer ring cannot touch the summary and the inner-ring attacker rarely hits a
    // live paragraph: when the paragraph survived, every word is in it in order.
    const text = proseTextOf(built.doc, 'summary')
    if (text.length > 0) expect(text).toBe(words.join(''))
    const second = direct.another()
    const reloaded = await second.hub.acquire(plan)
    expect(Y.encodeStateVector(reloaded.ydoc)).toEqual(Y.encodeStateVector(built.doc))
    second.hub.release(reloaded)
    await second.hub.close()
  }, 600_000)
})
