/**
 * Issue 18 item 5, for plan documents stored before it (real PostgreSQL and Redis): a
 * plan decision written by older code still holds `mandatedPresent` and `dissent` names
 * in the plan's Y.Doc, which a buitenring y-websocket client receives byte for byte.
 * A node that starts moves them into the inner document's `decisionMandates` (once),
 * empties them in the plan and compacts the plan's stored log so the names leave storage.
 */
import { randomUUID } from 'node:crypto'
import * as Y from 'yjs'
import { afterEach, describe, expect, it } from 'vitest'
import { addDecisionMandate, listDecisionMandates } from '../../shared/plan'
import { caseDocName } from '../../shared/protocol/docName'
import { makeCase } from '../helpers/cases'
import { connectDoc, DEMO, login, synced, type DocClient } from '../helpers/clients'
import { startCluster, type Cluster } from '../helpers/clusters'
import { plantUpdateRow, storedDocUpdates } from '../helpers/dbInspect'
import { until } from '../helpers/until'

// Fictional markers: none may reach the school, the stored plan keeps none.
const MANDATED = 'Mandaatpersoon-4471 (Politie Noordkust)'
const DISSENT_ORG = 'Dissentorganisatie-8812'
const DISSENT_REASON = 'Dissentreden-9931'
const NAMES = [MANDATED, DISSENT_ORG, DISSENT_REASON]

/** The names among `bytes` (UTF-8, as Yjs stores strings). */
function namesIn(bytes: Uint8Array): string[] {
  const buf = Buffer.from(bytes)
  return NAMES.filter((n) => buf.includes(n))
}

/** The update that adds a decision as code before item 5 wrote it: names in the plan. */
function legacyDecision(stored: Uint8Array[], decisionId: string): Uint8Array {
  const doc = new Y.Doc()
  for (const u of stored) Y.applyUpdate(doc, u)
  const before = Y.encodeStateVector(doc)
  const now = new Date().toISOString()
  const item = new Y.Map<unknown>(Object.entries({
    id: decisionId, author: 'Voorzitter Demo', organisation: 'Veilig Thuis Noordkust', meetingId: null, createdAt: now, updatedAt: now,
    updatedBy: 'Voorzitter Demo', updatedByOrganisation: 'Veilig Thuis Noordkust', removedAt: null, removedBy: null,
    text: 'Opvang wordt verlengd.', type: 'plan', chair: 'Voorzitter Demo', innerRefs: [],
    mandatedPresent: [MANDATED], dissent: [{ organisation: DISSENT_ORG, reason: DISSENT_REASON }],
  }))
  doc.getMap<unknown>('decisions').set(decisionId, item)
  const update = Y.encodeStateAsUpdate(doc, before)
  doc.destroy()
  return update
}

/** Stops the nodes and keeps the database (Cluster.close drops it). */
async function stopNodes(c: Cluster): Promise<void> {
  await Promise.all(c.nodes.splice(0).map((n) => n.close()))
}

/** An inner record for `decisionId` as a migration that crashed after its first step left it. */
function earlierRecord(stored: Uint8Array[], decisionId: string): Uint8Array {
  const doc = new Y.Doc()
  for (const u of stored) Y.applyUpdate(doc, u)
  const before = Y.encodeStateVector(doc)
  addDecisionMandate(doc, { decisionId, present: [], mandatedPresent: [MANDATED], dissent: [] }, { name: 'Voorzitter Demo', organisation: 'Veilig Thuis Noordkust' })
  const update = Y.encodeStateAsUpdate(doc, before)
  doc.destroy()
  return update
}

describe('plan decisions stored before item 5 are migrated at node start', () => {
  let cluster: Cluster | null = null
  const docs: DocClient[] = []

  afterEach(async () => {
    for (const d of docs.splice(0)) d.destroy()
    await cluster?.close()
    cluster = null
  })

  it('moves mandate and dissent to the inner document once and out of the plan the school receives and of storage', async () => {
    cluster = await startCluster(1)
    const { caseId } = await makeCase(cluster.nodes[0]!.url, [
      { email: DEMO.politie, ring: 'inner', role: 'member' },
      { email: DEMO.school, ring: 'outer', role: 'member' },
    ])
    const plan = caseDocName(caseId, 'plan')
    const inner = caseDocName(caseId, 'inner')
    await stopNodes(cluster)
    const decisionId = randomUUID()
    await plantUpdateRow(cluster.databaseUrl, plan, legacyDecision(await storedDocUpdates(cluster.databaseUrl, plan), decisionId))
    // A second one whose inner record a crashed migration already wrote (step 1 done, step 2 not).
    const crashedId = randomUUID()
    await plantUpdateRow(cluster.databaseUrl, plan, legacyDecision(await storedDocUpdates(cluster.databaseUrl, plan), crashedId))
    await plantUpdateRow(cluster.databaseUrl, inner, earlierRecord(await storedDocUpdates(cluster.databaseUrl, inner), crashedId))
    expect(namesIn(Buffer.concat(await storedDocUpdates(cluster.databaseUrl, plan)))).toEqual(NAMES)

    const node = await cluster.addNode()
    const school = connectDoc(node.url, await login(node.url, DEMO.school), plan)
    docs.push(school)
    await synced(school)
    expect(school.doc.getMap('decisions').has(decisionId)).toBe(true)
    expect(namesIn(Y.encodeStateAsUpdate(school.doc))).toEqual([])
    expect(namesIn(Buffer.from(JSON.stringify(school.doc.toJSON())))).toEqual([])
    expect(namesIn(Buffer.concat(await storedDocUpdates(cluster.databaseUrl, plan)))).toEqual([])

    const politieCookie = await login(node.url, DEMO.politie)
    const readMandates = async (url: string) => {
      const c = connectDoc(url, politieCookie, inner)
      docs.push(c)
      await synced(c)
      return listDecisionMandates(c.doc)
    }
    const mandates = await readMandates(node.url)
    expect(mandates.map((m) => m.decisionId).sort()).toEqual([decisionId, crashedId].sort())
    expect(mandates.find((m) => m.decisionId === decisionId)).toMatchObject({
      decisionId, mandatedPresent: [MANDATED], dissent: [{ organisation: DISSENT_ORG, reason: DISSENT_REASON }], author: 'Voorzitter Demo',
    })

    // A restart migrates again and finds nothing to move: still one record per decision.
    for (const d of docs.splice(0)) d.destroy()
    await stopNodes(cluster)
    const again = await cluster.addNode()
    await until(async () => (await readMandates(again.url)).length > 0)
    expect((await readMandates(again.url)).map((m) => m.decisionId).sort()).toEqual([decisionId, crashedId].sort())
  })
})
