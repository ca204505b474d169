/**
 * The write guard against updates that decode but cannot be applied: the 14-byte frame
 * of issue #10 (an item whose origin is a later clock of its own client) used to pass
 * `Y.decodeUpdate`, be stored, and then throw inside the commit, ending the process and
 * leaving a row that made the document fail to load for good. Now it is refused before
 * it is stored, on one node and on two, whoever sends it; and a row like it planted in
 * the database is quarantined while the document loads without it.
 */
import fc from 'fast-check'
import * as Y from 'yjs'
import { afterEach, describe, expect, it } from 'vitest'
import { CloseCode } from '../../shared/protocol/closeCodes'
import { caseDocName } from '../../shared/protocol/docName'
import { makeCase } from '../helpers/cases'
import { api, connectDoc, DEMO, login, synced, type DocClient } from '../helpers/clients'
import { startCluster, type Cluster } from '../helpers/clusters'
import { auditEventsFor, isCommittedInUpdateLog, plantUpdateRow, quarantineOf } from '../helpers/dbInspect'
import { healthStatus, readMetric } from '../helpers/metrics'
import { closedWithin, openRawSocket } from '../helpers/rawSockets'
import { until } from '../helpers/until'
import { hostileUpdate } from '../helpers/updateGrammar'
import { addAction, listActions } from '../../shared/plan'
import { syncFrame, SYNC } from '../helpers/frames'

/** The frame from the issue: sync update, one item under client 424242 whose origin is its own clock 5. */
const POISON_FRAME = Uint8Array.from([0x00, 0x02, 0x0e, 0x01, 0x01, 0xb2, 0xf2, 0x19, 0x00, 0x84, 0xb2, 0xf2, 0x19, 0x05, 0x01, 0x78, 0x00])
/** The Yjs update inside it. */
const POISON_UPDATE = POISON_FRAME.slice(3)

describe('collab write guard: updates that decode but do not apply', () => {
  let cluster: Cluster | null = null
  const clients: DocClient[] = []
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy()
    await cluster?.close()
    cluster = null
  })

  const open = async (url: string, cookie: string, docName: string) => {
    const c = connectDoc(url, cookie, docName)
    clients.push(c)
    await synced(c)
    return c
  }
  const sendRaw = async (url: string, cookie: string, docName: string, frame: Uint8Array) => {
    const raw = openRawSocket(url, cookie, docName)
    try {
      await raw.opened
      raw.ws.send(frame)
      return await closedWithin(raw, 5000)
    } finally {
      raw.ws.terminate()
    }
  }

  it('refuses the frame from the outer ring and from an inner-ring writer, on both nodes; every node stays up and the plan keeps its content', async () => {
    cluster = await startCluster(2)
    const [a, b] = cluster.nodes as [NonNullable<Cluster['nodes'][0]>, NonNullable<Cluster['nodes'][0]>]
    const { caseId, chairCookie } = await makeCase(a.url, [
      { email: DEMO.politie, ring: 'inner', role: 'member' },
      { email: DEMO.school, ring: 'outer', role: 'member' },
    ])
    const plan = caseDocName(caseId, 'plan')
    const writer = await open(a.url, chairCookie, plan)
    const watcher = await open(b.url, await login(b.url, DEMO.politie), plan)
    writer.prose().insert(0, 'Moeder en kinderen naar de opvang.')
    await until(() => watcher.text() === 'Moeder en kinderen naar de opvang.')

    const school = await login(a.url, DEMO.school)
    const politie = await login(a.url, DEMO.politie)
    for (const node of [a, b]) {
      for (const cookie of [school, politie]) {
        const closed = await sendRaw(node.url, cookie, plan, POISON_FRAME)
        expect(closed.code).toBe(CloseCode.UpdateRefused)
        expect(closed.reason).toMatch(/refers to itself or to its own future/)
      }
    }
    // A marker that must arrive after the refusals: the good clients are still served.
    writer.prose().insert(writer.text().length, ' School geïnformeerd.')
    await until(() => watcher.text().endsWith('School geïnformeerd.'), { message: 'the next honest edit still travels between the nodes' })
    expect(writer.closes).toEqual([])
    expect(watcher.closes).toEqual([])
    for (const node of [a, b]) expect(await healthStatus(node.url)).toBe(200)

    // Nothing of it was stored: a restart of both nodes loads the plan as it was.
    await Promise.all(cluster.nodes.map((n) => n.close()))
    cluster.nodes.splice(0)
    const c = await cluster.addNode()
    const again = await open(c.url, chairCookie, plan)
    expect(again.text()).toBe('Moeder en kinderen naar de opvang. School geïnformeerd.')
    expect((await api(c.url, chairCookie, 'GET', `/api/cases/${caseId}/plan`)).status).toBe(200)
    expect(await isCommittedInUpdateLog(cluster.databaseUrl, 'x\u0000')).toBe(false)
    const refusals = (await auditEventsFor(cluster.databaseUrl, plan)).filter((e) => e.action === 'doc.write' && e.outcome === 'denied')
    expect(refusals.length).toBe(4)
  })

  it('quarantines an update-log row that cannot be applied and loads the document without it', async () => {
    cluster = await startCluster(1)
    const node = cluster.nodes[0]!
    const { caseId, chairCookie } = await makeCase(node.url)
    const plan = caseDocName(caseId, 'plan')
    const writer = await open(node.url, chairCookie, plan)
    writer.prose().insert(0, 'Afspraak: huisbezoek dinsdag.')
    await until(async () => (await isCommittedInUpdateLog(cluster!.databaseUrl, 'huisbezoek')))
    writer.destroy()
    // A poisoned log from before the guard: the row is in the database when the node restarts.
    await node.close()
    cluster.nodes.splice(0)
    const planted = await plantUpdateRow(cluster.databaseUrl, plan, POISON_UPDATE)
    const fresh = await cluster.addNode()

    const reader = await open(fresh.url, chairCookie, plan)
    expect(reader.text()).toBe('Afspraak: huisbezoek dinsdag.')
    expect(await quarantineOf(cluster.databaseUrl, plan)).toEqual({ quarantined: [planted], stillInLog: [] })
    expect(await readMetric(fresh.url, 'samenspel_collab_quarantined_rows_total')).toBe(1)
    const events = (await auditEventsFor(cluster.databaseUrl, plan)).filter((e) => e.action === 'doc.quarantine')
    expect(events).toHaveLength(1)
    expect((await api(fresh.url, chairCookie, 'GET', `/api/cases/${caseId}/plan`)).status).toBe(200)
    // And the document is writable as ever.
    reader.prose().insert(reader.text().length, ' Bevestigd.')
    const other = await open(fresh.url, await login(fresh.url, DEMO.chair), plan)
    await until(() => other.text() === 'Afspraak: huisbezoek dinsdag. Bevestigd.')
  })

  it('closes the school\'s connection for hostile decodable updates over real websockets (4409), or keeps a harmless one, and the partners notice nothing', { timeout: 90_000 }, async () => {
    cluster = await startCluster(1)
    const node = cluster.nodes[0]!
    const { caseId, chairCookie } = await makeCase(node.url, [{ email: DEMO.school, ring: 'outer', role: 'member' }])
    const plan = caseDocName(caseId, 'plan')
    const writer = await open(node.url, chairCookie, plan)
    const watcher = await open(node.url, await login(node.url, DEMO.chair), plan)
    writer.prose().insert(0, 'Veiligheidsplan: ')
    await until(() => watcher.text() === 'Veiligheidsplan: ')
    const school = await login(node.url, DEMO.school)
    const state = [...Y.decodeStateVector(Y.encodeStateVector(writer.doc))].map(([client, clock]) => ({ client, clock }))
    const target = { state, roots: ['summary', 'goals', 'actions', 'meta', 'regie', 'x'], keys: ['status', 'author', 'schemaVersion'] }
    const codes = new Set<number>()
    let marker = 0
    await fc.assert(
      fc.asyncProperty(hostileUpdate(target), async (update) => {
        // After the hostile update, on the same socket, an action the school may add:
        // admissions of one socket are serial, so seeing it proves the first was judged.
        const own = new Y.Doc()
        Y.applyUpdate(own, Y.encodeStateAsUpdate(watcher.doc))
        const before = Y.encodeStateVector(own)
        const what = `Markering ${++marker}`
        addAction(own, { what, ownerOrganisation: 'OBS De Vlinder', due: '2026-12-20', resultKey: 'direct-safety' }, { name: 'Joost Bakker', organisation: 'OBS De Vlinder' })
        const raw = openRawSocket(node.url, school, plan)
        try {
          await raw.opened
          raw.ws.send(syncFrame(SYNC.update, update))
          raw.ws.send(syncFrame(SYNC.update, Y.encodeStateAsUpdate(own, before)))
          const outcome = await Promise.race([
            raw.closed.then((c) => c.code),
            until(() => listActions(watcher.doc).some((a) => a.what === what), { timeoutMs: 5000 }).then(() => 0),
          ])
          codes.add(outcome)
          expect([CloseCode.UpdateRefused, CloseCode.MalformedMessage, 0]).toContain(outcome)
        } finally {
          raw.ws.terminate()
        }
      }),
      { numRuns: 150 },
    )
    expect(codes.has(CloseCode.UpdateRefused)).toBe(true)
    writer.prose().insert(writer.text().length, 'nog steeds bewerkbaar')
    await until(() => watcher.text() === 'Veiligheidsplan: nog steeds bewerkbaar', { message: 'the next honest edit still arrives, nothing of the school in the text' })
    // Of the school's writes only its own markers are in the plan.
    expect(listActions(watcher.doc).every((a) => a.ownerOrganisation === 'OBS De Vlinder' && a.what.startsWith('Markering'))).toBe(true)
    expect(writer.closes).toEqual([])
    expect(watcher.closes).toEqual([])
    expect(await healthStatus(node.url)).toBe(200)
  })
})
