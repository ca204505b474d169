/** `GET /api/cases/:id/plan`: the plan as JSON for the caller's ring (issue 5). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ErrorDto } from '../../shared/api/schemas'
import { RED_FLAG_KEYS, RESULT_KEYS, addAction, setRedFlag, type PlanJson } from '../../shared/plan'
import { caseDocName } from '../../shared/protocol/docName'
import type { RunningServer } from '../../server/main'
import { DEMO_CASE_ID } from '../../server/seed'
import { api, connectDoc, DEMO, login, synced } from '../helpers/clients'
import { createDataDir } from '../helpers/databases'
import { startNode } from '../helpers/nodes'
import { until } from '../helpers/until'

const INNER_KEYS = ['family', 'sosMap', 'dangerStatements', 'redFlags', 'safetyScale', 'justice', 'traumaScreening', 'innerNotesText']
let node: RunningServer
let remove: () => Promise<void>

beforeAll(async () => {
  const dir = await createDataDir()
  remove = dir.remove
  node = await startNode({ DATA_DIR: dir.dir })
})
afterAll(async () => {
  await node.close()
  await remove()
})

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
    expect(r.body.schemaVersion).toBe(1)
    expect(r.body.results.every((x) => x.status === 'open' && x.goals.length === 0)).toBe(true)
    expect(r.body.actions).toEqual([])
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
