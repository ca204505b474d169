/** `GET /api/cases/:id/plan`: the plan as JSON for the caller's ring (issue 5). */
import * as Y from 'yjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ErrorDto } from '../../shared/api/schemas'
import {
  PLAN_SCHEMA_VERSION, RED_FLAG_KEYS, RESULT_KEYS, addAction, fragmentToText, getSummaryFragment, planToJson, readDocMeta, setRedFlag,
  type PlanJson,
} from '../../shared/plan'
import { caseDocName } from '../../shared/protocol/docName'
import type { RunningServer } from '../../server/main'
import { DEMO_CASE_ID } from '../../server/seed'
import { api, connectDoc, DEMO, login, synced } from '../helpers/clients'
import { createPgDatabase } from '../helpers/databases'
import { storedDocUpdates } from '../helpers/dbInspect'
import { startNode } from '../helpers/nodes'
import { until } from '../helpers/until'

const INNER_KEYS = ['family', 'sosMap', 'dangerStatements', 'redFlags', 'safetyScale', 'justice', 'traumaScreening', 'innerNotesText']
let node: RunningServer
// PostgreSQL rather than PGlite, so a test can read what the node stored while it runs.
let db: Awaited<ReturnType<typeof createPgDatabase>>

beforeAll(async () => {
  db = await createPgDatabase()
  node = await startNode({ DATABASE_URL: db.url })
})
afterAll(async () => {
  await node.close()
  await db.drop()
})

/** A case document as stored, without the migration a reader applies in memory. */
async function storedDoc(docName: string): Promise<Y.Doc> {
  const doc = new Y.Doc()
  for (const update of await storedDocUpdates(db.url, docName)) Y.applyUpdate(doc, update)
  return doc
}

const getPlan = async (email: string, caseId = DEMO_CASE_ID) =>
  api<PlanJson & Record<string, unknown>>(node.url, await login(node.url, email), 'GET', `/api/cases/${caseId}/plan`)

describe('GET /api/cases/:id/plan', () => {
  it('gives an inner-ring member the four results with ISO deadlines and all ten red flags', async () => {
    const r = await getPlan(DEMO.politie)
    expect(r.status).toBe(200)
    expect(r.body.results.map((x) => x.key)).toEqual(['direct-safety', 'stable-safety', 'recovery', 'participation'])
    for (const result of r.body.results) {
      expect(result.deadlines?.due).toMatch(/^\d{4}-\d{2}-\d{2}$/)
      expect(Array.isArray(result.goals)).toBe(true)
    }
    const start = r.body.caseStartDate
    const direct = r.body.results[0]!
    expect(Date.parse(direct.deadlines!.due) - Date.parse(start!)).toBe(7 * 86_400_000)
    expect(direct.goals.length).toBeGreaterThan(0)
    const flags = r.body.redFlags as { key: string; status: string }[]
    expect(flags.map((f) => f.key).slice(0, 10)).toEqual([...RED_FLAG_KEYS])
    expect(flags.find((f) => f.key === 'violence')!.status).toBe('observed')
    for (const key of INNER_KEYS) expect(r.body, key).toHaveProperty(key)
  })

  it('gives an outer-ring member the plan part with no inner key at all', async () => {
    const r = await getPlan(DEMO.school)
    expect(r.status).toBe(200)
    expect(r.body.results).toHaveLength(RESULT_KEYS.length)
    expect(r.body.actions.length).toBeGreaterThan(0)
    for (const key of INNER_KEYS) expect(Object.keys(r.body)).not.toContain(key)
    // Not a byte of inner content either, however it would be named.
    expect(JSON.stringify(r.body)).not.toContain('greep naar de keel')
    // Nor who sits at the table (issue 18 item 5): the Reclassering's action and the decisions' mandates are inner.
    expect(JSON.stringify(r.body)).not.toContain('Reclassering')
    expect(JSON.stringify(r.body)).not.toContain('Plegeraanbod')
    expect(r.body.decisions.every((d) => d.mandatedPresent.length === 0 && d.dissent.length === 0)).toBe(true)
  })

  it('gives the binnenring the demo\'s Reclassering action and the decisions\' mandates in the inner part', async () => {
    const r = await getPlan(DEMO.politie)
    expect(r.body.innerActions?.map((a) => a.what)).toContain('Plegeraanbod voor vader aanvragen')
    const phase = r.body.decisions.find((d) => d.type === 'phase')!
    expect(r.body.decisionMandates?.find((m) => m.decisionId === phase.id)?.mandatedPresent).toContain('Politie Eenheid Noordkust')
  })

  it('answers 403 to a non-member, the same as for a case that does not exist', async () => {
    const chair = await login(node.url, DEMO.chair)
    const created = await api<{ id: string }>(node.url, chair, 'POST', '/api/cases', { title: 'Gezin B.' })
    const nonMember = await getPlan(DEMO.politie, created.body.id)
    expect(nonMember.status).toBe(403)
    expect((nonMember.body as unknown as ErrorDto).error.code).toBe('forbidden')
    expect((await getPlan(DEMO.politie, '00000000-0000-4000-8000-000000000000')).status).toBe(403)
    expect((await api(node.url, null, 'GET', `/api/cases/${DEMO_CASE_ID}/plan`)).status).toBe(401)
  })

  it('creates a new case with migrated, empty documents', async () => {
    const chair = await login(node.url, DEMO.chair)
    const created = await api<{ id: string }>(node.url, chair, 'POST', '/api/cases', { title: 'Gezin K.' })
    const r = await api<PlanJson>(node.url, chair, 'GET', `/api/cases/${created.body.id}/plan`)
    expect(r.body.schemaVersion).toBe(PLAN_SCHEMA_VERSION)
    expect(r.body.results.every((x) => x.status === 'open' && x.goals.length === 0)).toBe(true)
    expect(r.body.actions).toEqual([])
    // GET migrates in memory, so it reads the same from a case stored unmigrated or not
    // at all: what creation promises is in the stored rows, read here without migrating.
    const plan = await storedDoc(caseDocName(created.body.id, 'plan'))
    const inner = await storedDoc(caseDocName(created.body.id, 'inner'))
    expect(readDocMeta(plan)).toEqual({ schemaVersion: PLAN_SCHEMA_VERSION, part: 'plan' })
    expect(readDocMeta(inner)).toEqual({ schemaVersion: PLAN_SCHEMA_VERSION, part: 'inner' })
    const stored = planToJson(plan, inner, { startDate: null })
    expect(stored.results.map((x) => [x.key, x.status, x.goals.length])).toEqual(RESULT_KEYS.map((key) => [key, 'open', 0]))
    expect(stored.actions).toEqual([])
    expect(stored.redFlags?.map((f) => f.key)).toEqual([...RED_FLAG_KEYS])
    // The one empty paragraph the first typists share.
    const summary = getSummaryFragment(plan)
    expect(summary.toArray().map((block) => (block as Y.XmlElement).nodeName)).toEqual(['paragraph'])
    expect(fragmentToText(summary)).toBe('')
  })

  it('shows what partners just edited live, since every shared update is persisted first', async () => {
    const chair = await login(node.url, DEMO.chair)
    const plan = connectDoc(node.url, chair, caseDocName(DEMO_CASE_ID, 'plan'))
    const inner = connectDoc(node.url, chair, caseDocName(DEMO_CASE_ID, 'inner'))
    try {
      await Promise.all([synced(plan), synced(inner)])
      const actor = { name: 'Anouk de Wit', organisation: 'Veilig Thuis Noordkust' }
      addAction(plan.doc, { what: 'Huisbezoek samen met wijkagent', ownerOrganisation: 'Wijkteam Havenstad', due: '2030-01-10', resultKey: 'direct-safety' }, actor)
      setRedFlag(inner.doc, 'isolation', 'observed', 'Moeder mag vriendinnen niet zien.', actor)
      const r = await until(async () => {
        const p = await getPlan(DEMO.politie)
        const flag = (p.body.redFlags as { key: string; status: string }[]).find((f) => f.key === 'isolation')
        return p.body.actions.some((a) => a.what === 'Huisbezoek samen met wijkagent') && flag?.status === 'observed' ? p : null
      }, { timeoutMs: 5000 })
      expect(r.body.actions.find((a) => a.what === 'Huisbezoek samen met wijkagent')).toMatchObject({ ownerOrganisation: 'Wijkteam Havenstad', due: '2030-01-10', author: 'Anouk de Wit' })
    } finally {
      plan.destroy()
      inner.destroy()
    }
  })
})
