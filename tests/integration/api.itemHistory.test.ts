/**
 * An item's history, built by the server from the committed updates (issue 12): two
 * partners change an action field by field over real websockets; the history names each
 * earlier value, who changed it and when, newest first; removal and restore show too; the
 * buitenring reads plan items' history and gets 403 for inner ones.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addAction, addPerson, removeItem, restoreItem, updateAction } from '../../shared/plan'
import { caseDocName } from '../../shared/protocol/docName'
import { makeCase } from '../helpers/cases'
import { api, connectDoc, DEMO, login, synced, type DocClient } from '../helpers/clients'
import { startCluster, type Cluster } from '../helpers/clusters'
import { until } from '../helpers/until'

const inTwoWeeks = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10)

describe('item history', () => {
  let cluster: Cluster
  const docs: DocClient[] = []
  beforeAll(async () => {
    cluster = await startCluster(2)
  })
  afterAll(async () => {
    for (const d of docs) d.destroy()
    await cluster.close()
  })

  it('lists every earlier value of an action with who changed it, across nodes, and keeps the inner ones from the buitenring', async () => {
    const [a, b] = [cluster.nodes[0]!.url, cluster.nodes[1]!.url]
    const { caseId, chairCookie } = await makeCase(a, [
      { email: DEMO.politie, ring: 'inner', role: 'member' },
      { email: DEMO.school, ring: 'outer', role: 'member' },
    ])
    const politieCookie = await login(b, DEMO.politie)
    const chair = connectDoc(a, chairCookie, caseDocName(caseId, 'plan'))
    const politie = connectDoc(b, politieCookie, caseDocName(caseId, 'plan'))
    docs.push(chair, politie)
    await Promise.all([synced(chair), synced(politie)])
    const anouk = { name: 'Anouk de Wit', organisation: 'Veilig Thuis Noordkust' }
    const ruben = { name: 'Ruben Smit', organisation: 'Politie Eenheid Noordkust' }
    const action = addAction(chair.doc, { what: 'Huisbezoek', ownerOrganisation: ruben.organisation, due: inTwoWeeks, resultKey: 'direct-safety' }, anouk)
    await until(() => politie.doc.getMap('actions').has(action.id))
    updateAction(politie.doc, action.id, { what: 'Huisbezoek met wijkagent' }, ruben)
    await until(() => (chair.doc.getMap('actions').get(action.id) as { get(k: string): unknown }).get('what') === 'Huisbezoek met wijkagent')
    updateAction(chair.doc, action.id, { status: 'in-progress' }, anouk)
    removeItem(politie.doc, 'actions', action.id, ruben)
    await until(() => (chair.doc.getMap('actions').get(action.id) as { get(k: string): unknown }).get('removedAt') != null)
    restoreItem(chair.doc, 'actions', action.id, anouk)

    const path = `/api/cases/${caseId}/items/actions/${action.id}/history`
    type Change = { field: string; from: unknown; to: unknown; by: string; organisation: string; at: string }
    let last: unknown = null
    const history = await until(async () => {
      const r = await api<Change[]>(a, chairCookie, 'GET', path)
      last = r.body
      return r.body.length >= 6 ? r.body : null
    }, { message: "six changes recorded" }).catch((e: Error) => { throw new Error(`${e.message}: ${JSON.stringify(last)}`) })
    expect(history.map((c) => `${c.field}:${c.by}`).sort()).toEqual([
      'removedAt:Anouk de Wit', 'removedAt:Ruben Smit', 'removedBy:Anouk de Wit', 'removedBy:Ruben Smit', 'status:Anouk de Wit', 'what:Ruben Smit',
    ])
    // Newest first: the restore, the removal, the status, the text.
    expect(history.map((c) => c.by)).toEqual(['Anouk de Wit', 'Anouk de Wit', 'Ruben Smit', 'Ruben Smit', 'Anouk de Wit', 'Ruben Smit'])
    expect(history.at(-1)!.field).toBe('what')
    const what = history.find((c) => c.field === 'what')!
    expect(what).toMatchObject({ from: 'Huisbezoek', to: 'Huisbezoek met wijkagent', by: 'Ruben Smit', organisation: 'Politie Eenheid Noordkust' })
    expect(history.find((c) => c.field === 'status')).toMatchObject({ from: 'open', to: 'in-progress', by: 'Anouk de Wit' })
    expect(history.some((c) => c.field === 'updatedAt')).toBe(false)

    // The buitenring reads a plan item's history, never an inner one's.
    const school = await login(a, DEMO.school)
    expect((await api(a, school, 'GET', path)).status).toBe(200)
    const inner = connectDoc(a, chairCookie, caseDocName(caseId, 'inner'))
    docs.push(inner)
    await synced(inner)
    const person = addPerson(inner.doc, { firstName: 'Sanne', role: 'kind', age: 7 }, anouk)
    expect((await api(a, school, 'GET', `/api/cases/${caseId}/items/family/${person.id}/history`)).status).toBe(403)
    expect((await api(a, chairCookie, 'GET', `/api/cases/${caseId}/items/family/${person.id}/history`)).status).toBe(200)
    expect((await api(a, chairCookie, 'GET', `/api/cases/${caseId}/items/nonsense/${person.id}/history`)).status).toBe(400)
  })
})
