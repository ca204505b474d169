/**
 * Several nodes behind one load balancer serve the same document: edits made on any
 * node reach clients on every other node through Redis, and concurrent edits converge.
 * Presence (awareness) crosses nodes too, carrying the identity the server stamped from
 * the session rather than what the client claimed.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { caseDocName } from '../../shared/protocol/docName'
import { makeCase } from '../helpers/cases'
import { connectDoc, DEMO, login, synced, type DocClient } from '../helpers/clients'
import { startCluster, type Cluster } from '../helpers/clusters'
import { until } from '../helpers/until'
import { insertWordAtBoundary, seededRandom, wordsOf } from '../helpers/words'

const WRITERS = [DEMO.chair, DEMO.politie, DEMO.wijkteam] as const
const WORDS_PER_CLIENT = 20

describe('collab across nodes', () => {
  let cluster: Cluster | null = null
  const clients: DocClient[] = []
  const open = async (nodeIndex: number, email: string, docName: string) => {
    const url = cluster!.nodes[nodeIndex]!.url
    const c = connectDoc(url, await login(url, email), docName)
    clients.push(c)
    return c
  }
  const makeSharedCase = () =>
    makeCase(cluster!.nodes[0]!.url, [
      { email: DEMO.politie, ring: 'inner', role: 'member' },
      { email: DEMO.wijkteam, ring: 'inner', role: 'member' },
    ])

  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy()
    await cluster?.close()
    cluster = null
  })

  it.each([2, 3])('converges on one text when three clients on each of %i nodes type concurrently', async (nodeCount) => {
    cluster = await startCluster(nodeCount)
    const { caseId } = await makeSharedCase()
    const plan = caseDocName(caseId, 'plan')
    const typists: { client: DocClient; words: string[] }[] = []
    for (let n = 0; n < nodeCount; n++) {
      for (const [k, email] of WRITERS.entries()) {
        const words = Array.from({ length: WORDS_PER_CLIENT }, (_, i) => `n${n}c${k}w${String(i).padStart(2, '0')}`)
        typists.push({ client: await open(n, email, plan), words })
      }
    }
    await Promise.all(typists.map((t) => synced(t.client)))

    // Everyone types one word per turn of the event loop, so the updates cross in flight.
    const random = seededRandom(nodeCount)
    for (let i = 0; i < WORDS_PER_CLIENT; i++) {
      for (const t of typists) insertWordAtBoundary(t.client.prose(), t.words[i]!, random)
      await new Promise((r) => setImmediate(r))
    }

    const expected = typists.flatMap((t) => t.words).sort()
    const texts = () => typists.map((t) => t.client.text())
    await until(() => texts().every((s) => s === texts()[0]) && wordsOf(texts()[0]!).length === expected.length, {
      timeoutMs: 10_000, message: 'all clients hold the same text with every word',
    })
    for (const t of typists) expect(wordsOf(t.client.text())).toEqual(expected)
  })

  it('shows a client\'s presence on another node with the name and organisation from its session', async () => {
    cluster = await startCluster(2)
    const { caseId } = await makeSharedCase()
    const plan = caseDocName(caseId, 'plan')
    const [a, b] = [await open(0, DEMO.politie, plan), await open(1, DEMO.wijkteam, plan)]
    await Promise.all([synced(a), synced(b)])

    a.provider.awareness.setLocalState({ user: { name: 'Iemand Anders', organisation: 'Nep BV', color: '#aa3300' }, cursor: { anchor: { type: null, tname: 'summary', item: null, assoc: 3 }, head: { type: null, tname: 'summary', item: null, assoc: 0 } } })

    const seen = await until(() => b.provider.awareness.getStates().get(a.doc.clientID), { message: 'b sees a\'s presence' })
    expect(seen).toEqual({ user: { name: 'Ruben Smit', organisation: 'Politie Eenheid Noordkust', color: '#aa3300' }, cursor: { anchor: { type: null, tname: 'summary', item: null, assoc: 3 }, head: { type: null, tname: 'summary', item: null, assoc: 0 } } })
  })

  it('tells a node that opens the document later who is already present on other nodes', async () => {
    cluster = await startCluster(2)
    const { caseId } = await makeSharedCase()
    const plan = caseDocName(caseId, 'plan')
    const a = await open(0, DEMO.politie, plan)
    await synced(a)
    a.provider.awareness.setLocalStateField('user', { name: 'x', color: '#00aa00' })
    // Node 0 holds the stamped presence before node 1 has the document loaded at all.
    await until(() => (a.provider.awareness.getStates().get(a.doc.clientID)?.user as { name?: string } | undefined)?.name === 'x')

    const b = await open(1, DEMO.wijkteam, plan)
    await synced(b)
    const seen = await until(() => b.provider.awareness.getStates().get(a.doc.clientID), { message: 'b learns a\'s presence' })
    expect(seen.user).toEqual({ name: 'Ruben Smit', organisation: 'Politie Eenheid Noordkust', color: '#00aa00' })
  })

  it('removes a client\'s presence on other nodes when it disconnects', async () => {
    cluster = await startCluster(2)
    const { caseId } = await makeSharedCase()
    const plan = caseDocName(caseId, 'plan')
    const [a, b] = [await open(0, DEMO.politie, plan), await open(1, DEMO.wijkteam, plan)]
    await Promise.all([synced(a), synced(b)])
    a.provider.awareness.setLocalStateField('user', { color: '#123456' })
    await until(() => b.provider.awareness.getStates().has(a.doc.clientID))

    const gone = a.doc.clientID
    a.destroy()
    await until(() => !b.provider.awareness.getStates().has(gone), { message: 'a\'s presence leaves b' })
  })
})
