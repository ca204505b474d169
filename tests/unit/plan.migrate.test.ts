import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  PLAN_SCHEMA_VERSION, PLAN_SUMMARY_FIELD, PlanDocumentError, RED_FLAG_KEYS, RESULT_KEYS, addGoal, appendParagraph,
  fragmentToText, listRedFlags, listResults, migratePlanDoc, planToJson, setResult,
} from '../../shared/plan'

const vt = { name: 'Anouk de Wit', organisation: 'Veilig Thuis Noordkust' }

function exchange(a: Y.Doc, b: Y.Doc): void {
  const toB = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b))
  const toA = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a))
  Y.applyUpdate(b, toB)
  Y.applyUpdate(a, toA)
}

function rootMapKeys(doc: Y.Doc, name: string): string[] {
  return [...doc.getMap(name).keys()].sort()
}

describe('migratePlanDoc', () => {
  it('brings an empty plan document to the current version with four open results', () => {
    const doc = new Y.Doc()
    expect(migratePlanDoc(doc, 'plan')).toBe(true)
    expect(doc.getMap('meta').toJSON()).toEqual({ schemaVersion: PLAN_SCHEMA_VERSION, part: 'plan' })
    expect(PLAN_SCHEMA_VERSION).toBe(1)
    expect(rootMapKeys(doc, 'results')).toEqual([...RESULT_KEYS].sort())
    expect(listResults(doc).map((r) => r.status)).toEqual(['open', 'open', 'open', 'open'])
    expect(doc.getMap('redFlags').size).toBe(0)
  })

  it('brings an empty inner document to the current version with ten unknown red flags', () => {
    const doc = new Y.Doc()
    migratePlanDoc(doc, 'inner')
    expect(doc.getMap('meta').get('part')).toBe('inner')
    expect(rootMapKeys(doc, 'redFlags')).toEqual([...RED_FLAG_KEYS].sort())
    expect(listRedFlags(doc).every((f) => f.status === 'unknown')).toBe(true)
    expect(doc.getMap('results').size).toBe(0)
  })

  it('is idempotent: a second run writes nothing', () => {
    for (const part of ['plan', 'inner'] as const) {
      const doc = new Y.Doc()
      migratePlanDoc(doc, part)
      const updates: Uint8Array[] = []
      doc.on('update', (u: Uint8Array) => updates.push(u))
      expect(migratePlanDoc(doc, part)).toBe(false)
      expect(updates).toEqual([])
    }
  })

  it('keeps what is there: statuses and goals survive a re-run', () => {
    const doc = new Y.Doc()
    migratePlanDoc(doc, 'plan')
    setResult(doc, 'direct-safety', { status: 'achieved' }, vt)
    addGoal(doc, { resultKey: 'direct-safety', text: 'Veilige slaapplek' }, vt)
    migratePlanDoc(doc, 'plan')
    expect(listResults(doc)[0]!.status).toBe('achieved')
  })

  it('migrates a legacy document that holds only the prose summary, keeping the text', () => {
    const doc = new Y.Doc()
    appendParagraph(doc.getXmlFragment(PLAN_SUMMARY_FIELD), 'Moeder (34) en vader (37) met twee kinderen.')
    migratePlanDoc(doc, 'plan')
    expect(fragmentToText(doc.getXmlFragment(PLAN_SUMMARY_FIELD))).toBe('Moeder (34) en vader (37) met twee kinderen.')
    expect(listResults(doc)).toHaveLength(4)
  })

  it('restores a result that a current document lost, writing only that one', () => {
    const doc = new Y.Doc()
    migratePlanDoc(doc, 'plan')
    setResult(doc, 'recovery', { status: 'at-risk' }, vt)
    doc.getMap('results').delete('participation')
    expect(migratePlanDoc(doc, 'plan')).toBe(true)
    expect(listResults(doc).map((r) => r.status)).toEqual(['open', 'open', 'at-risk', 'open'])
  })

  it('converges when two clients migrate the same empty documents concurrently', () => {
    const planA = new Y.Doc()
    const planB = new Y.Doc()
    const innerA = new Y.Doc()
    const innerB = new Y.Doc()
    for (const doc of [planA, planB]) migratePlanDoc(doc, 'plan')
    for (const doc of [innerA, innerB]) migratePlanDoc(doc, 'inner')
    exchange(planA, planB)
    exchange(innerA, innerB)
    for (const doc of [planA, planB]) {
      expect(doc.getMap('results').size).toBe(4)
      expect([...doc.getMap('results').values()].every((v) => v instanceof Y.Map)).toBe(true)
      expect(migratePlanDoc(doc, 'plan')).toBe(false)
    }
    for (const doc of [innerA, innerB]) {
      expect(doc.getMap('redFlags').size).toBe(10)
      expect(listRedFlags(doc)).toHaveLength(10)
      expect(migratePlanDoc(doc, 'inner')).toBe(false)
    }
    const options = { startDate: '2026-03-02' }
    expect(planToJson(planA, innerA, options)).toEqual(planToJson(planB, innerB, options))
  })

  it('keeps goals both clients added while migrating concurrently', () => {
    const a = new Y.Doc()
    const b = new Y.Doc()
    migratePlanDoc(a, 'plan')
    migratePlanDoc(b, 'plan')
    addGoal(a, { resultKey: 'direct-safety', text: 'Veilige slaapplek' }, vt)
    addGoal(b, { resultKey: 'recovery', text: 'Traumascreening moeder' }, vt)
    exchange(a, b)
    const json = planToJson(a, null, { startDate: null })
    expect(json.results.map((r) => r.goals.length)).toEqual([1, 0, 1, 0])
    expect(planToJson(b, null, { startDate: null })).toEqual(json)
  })

  it('refuses a document whose schema version is newer than the code', () => {
    const doc = new Y.Doc()
    doc.getMap('meta').set('schemaVersion', PLAN_SCHEMA_VERSION + 1)
    const before = Y.encodeStateAsUpdate(doc)
    expect(() => migratePlanDoc(doc, 'plan')).toThrow(PlanDocumentError)
    expect(() => migratePlanDoc(doc, 'plan')).toThrow(/newer|version/)
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before)
    expect(() => addGoal(doc, { resultKey: 'recovery', text: 'x' }, vt)).toThrow(PlanDocumentError)
    expect(() => planToJson(doc, null, { startDate: null })).toThrow(PlanDocumentError)
  })

  it('refuses to migrate a plan document as an inner document', () => {
    const doc = new Y.Doc()
    migratePlanDoc(doc, 'plan')
    expect(() => migratePlanDoc(doc, 'inner')).toThrow(expect.objectContaining({ reason: 'wrong-part' }))
    expect(doc.getMap('redFlags').size).toBe(0)
  })
})
