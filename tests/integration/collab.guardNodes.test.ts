/**
 * The write guard where nodes and identities meet, over real websockets with the
 * official y-websocket client: writing under a partner's Yjs client id is refused and
 * the partner's later edits still arrive; an honest edit that depends on another node's
 * update whose bus message is late is kept (the node catches up from the log first);
 * presence ids and connections per user are capped; two nodes started with the same
 * NODE_ID still hear each other; a database that hangs fails the document cleanly.
 */
import WebSocket from 'ws'
import * as Y from 'yjs'
import { afterEach, describe, expect, it } from 'vitest'
import { CloseCode } from '../../shared/protocol/closeCodes'
import { caseDocName } from '../../shared/protocol/docName'
import { MAX_CONNECTIONS_PER_USER } from '../../shared/protocol/limits'
import { createMemoryBus } from '../../server/bus/memoryBus'
import type { RunningServer } from '../../server/main'
import { makeCase } from '../helpers/cases'
import { connectDoc, DEMO, login, synced, type DocClient } from '../helpers/clients'
import { createPgDatabase, TEST_REDIS_URL, uniqueRedisPrefix } from '../helpers/databases'
import { delayPublishes } from '../helpers/delayedBus'
import { awarenessFrame, syncFrame, SYNC } from '../helpers/frames'
import { startNode } from '../helpers/nodes'
import { closedWithin, openRawSocket } from '../helpers/rawSockets'
import { connectRoamingDoc, type RoamingClient } from '../helpers/roamingClients'
import { until } from '../helpers/until'
import * as awarenessProtocol from 'y-protocols/awareness'
import pg from 'pg'

describe('collab write guard across nodes and identities', () => {
  const cleanups: (() => Promise<void> | void)[] = []
  afterEach(async () => {
    for (const fn of cleanups.splice(0).reverse()) await Promise.resolve(fn()).catch(() => undefined)
  })
  const track = <T extends { destroy(): void }>(c: T): T => {
    cleanups.push(() => c.destroy())
    return c
  }
  const nodesOn = async (count: number, env: Record<string, string> = {}, buses: Parameters<typeof startNode>[1][] = []) => {
    const db = await createPgDatabase()
    cleanups.push(() => db.drop())
    const nodes: RunningServer[] = []
    const prefix = uniqueRedisPrefix()
    for (let i = 0; i < count; i++) {
      const n = await startNode({ DATABASE_URL: db.url, REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: prefix, ...env }, buses[i] ?? {})
      cleanups.push(() => n.close())
      nodes.push(n)
    }
    return { nodes, databaseUrl: db.url }
  }

  it('refuses an update written under a partner\'s client id, and the partner\'s later edits still reach everyone', async () => {
    const { nodes: [node] } = await nodesOn(1)
    const { caseId, chairCookie } = await makeCase(node!.url, [{ email: DEMO.politie, ring: 'inner', role: 'member' }])
    const plan = caseDocName(caseId, 'plan')
    const politie = track(connectDoc(node!.url, await login(node!.url, DEMO.politie), plan))
    const watcher = track(connectDoc(node!.url, chairCookie, plan))
    await Promise.all([synced(politie), synced(watcher)])
    politie.prose().insert(0, 'Wijkagent gaat langs.')
    await until(() => watcher.text() === 'Wijkagent gaat langs.')

    // The chair (an inner-ring writer) forges the politie's next clock.
    const forged = new Y.Doc()
    Y.applyUpdate(forged, Y.encodeStateAsUpdate(politie.doc))
    // Set after the apply: Yjs gives a doc a new id when remote content arrives under its own.
    forged.clientID = politie.doc.clientID
    const before = Y.encodeStateVector(forged)
    const text = (forged.getXmlFragment('summary').get(0) as Y.XmlElement).get(0) as Y.XmlText
    text.insert(text.length, ' VERVALST')
    const raw = openRawSocket(node!.url, chairCookie, plan)
    await raw.opened
    raw.ws.send(syncFrame(SYNC.update, Y.encodeStateAsUpdate(forged, before)))
    const closed = await closedWithin(raw)
    expect(closed.code).toBe(CloseCode.UpdateRefused)
    expect(closed.reason).toMatch(/client id that is not the writer's/)

    politie.prose().insert(politie.text().length, ' Afspraak staat.')
    await until(() => watcher.text() === 'Wijkagent gaat langs. Afspraak staat.', { message: 'the politie\'s next edit is not mistaken for the forged one' })
    expect(politie.closes).toEqual([])
  })

  it('keeps an honest edit that depends on another node\'s update whose bus message is still on its way', async () => {
    const shared = createMemoryBus()
    // Node A's messages reach node B only after 4 s: longer than the test needs.
    const { nodes: [a, b] } = await nodesOn(2, {}, [{ bus: delayPublishes(shared, 4000) }, { bus: shared }])
    const { caseId, chairCookie } = await makeCase(a!.url, [{ email: DEMO.politie, ring: 'inner', role: 'member' }])
    const plan = caseDocName(caseId, 'plan')
    const politieCookie = await login(a!.url, DEMO.politie)
    const chair = track(connectDoc(a!.url, chairCookie, plan))
    const politie: RoamingClient = track(connectRoamingDoc(a!.url, politieCookie, plan))
    // B holds the document in memory before the chair types, so it can only hear of the
    // edit over the (late) bus or from the log.
    const onB = track(connectDoc(b!.url, chairCookie, plan))
    await Promise.all([synced(chair), synced(onB)])
    await until(() => politie.provider.synced)
    chair.prose().insert(0, 'Eerste melding.')
    await until(() => politie.text() === 'Eerste melding.')
    expect(onB.text()).toBe('')

    // The politie moves to B and types right after the chair's words: its sync reply
    // carries the chair's structs, and its edit refers to them.
    politie.moveTo(b!.url)
    await until(() => politie.provider.synced)
    politie.prose().insert(politie.text().length, ' Tweede melding.')
    await until(() => onB.text() === 'Eerste melding. Tweede melding.', { timeoutMs: 3000, message: 'node B caught up from the log and kept the edit' })
    expect(politie.closes).toEqual([])
  })

  it('closes a connection that speaks for more presence ids than a tab has', async () => {
    const { nodes: [node] } = await nodesOn(1)
    const { caseId, chairCookie } = await makeCase(node!.url)
    const plan = caseDocName(caseId, 'plan')
    const raw = openRawSocket(node!.url, chairCookie, plan)
    await raw.opened
    const docs = Array.from({ length: 5 }, () => new Y.Doc())
    const entries = docs.map((d) => {
      const aw = new awarenessProtocol.Awareness(d)
      aw.setLocalState({ user: { color: '#123456' } })
      return awarenessProtocol.encodeAwarenessUpdate(aw, [d.clientID])
    })
    // Four are fine (a reconnect, an id change), the fifth is not.
    for (const e of entries.slice(0, 4)) raw.ws.send(awarenessFrame(e))
    raw.ws.send(awarenessFrame(entries[4]!))
    const closed = await closedWithin(raw)
    expect(closed).toEqual({ code: CloseCode.MalformedMessage, reason: 'more than 4 presence ids' })
  })

  it(`refuses a user's connection beyond ${MAX_CONNECTIONS_PER_USER} on one node with 4429`, async () => {
    const { nodes: [node] } = await nodesOn(1)
    const { caseId, chairCookie } = await makeCase(node!.url)
    const plan = caseDocName(caseId, 'plan')
    const open: WebSocket[] = []
    cleanups.push(() => open.forEach((w) => w.terminate()))
    for (let i = 0; i < MAX_CONNECTIONS_PER_USER; i++) {
      const raw = openRawSocket(node!.url, chairCookie, plan)
      open.push(raw.ws)
      await raw.opened
    }
    const extra = openRawSocket(node!.url, chairCookie, plan)
    open.push(extra.ws)
    expect((await closedWithin(extra)).code).toBe(CloseCode.RateLimited)
    // Another partner is not affected.
    const other = track(connectDoc(node!.url, await login(node!.url, DEMO.politie), caseDocName(caseId, 'plan')))
    await until(() => other.closes.length > 0 || other.provider.wsconnected)
    expect(other.closes.map((c) => c.code)).not.toContain(CloseCode.RateLimited)
  })

  it('lets two nodes started with the same NODE_ID exchange edits', async () => {
    const { nodes: [a, b] } = await nodesOn(2, { NODE_ID: 'zelfde' })
    expect(a!.nodeId).not.toBe(b!.nodeId)
    const { caseId, chairCookie } = await makeCase(a!.url, [{ email: DEMO.politie, ring: 'inner', role: 'member' }])
    const plan = caseDocName(caseId, 'plan')
    const onA = track(connectDoc(a!.url, chairCookie, plan))
    const onB = track(connectDoc(b!.url, await login(b!.url, DEMO.politie), plan))
    await Promise.all([synced(onA), synced(onB)])
    onA.prose().insert(0, 'Van A.')
    await until(() => onB.text() === 'Van A.', { timeoutMs: 3000, message: 'B takes A\'s update although both are called "zelfde"' })
  })

  it('fails a document cleanly (4500, retryable) when the database hangs, and serves it again when it answers', async () => {
    const db = await createPgDatabase()
    cleanups.push(() => db.drop())
    const node = await startNode({ DATABASE_URL: db.url }, { limits: { storeTimeoutMs: 500 } })
    cleanups.push(() => node.close())
    const { caseId, chairCookie } = await makeCase(node.url)
    const plan = caseDocName(caseId, 'plan')
    const writer: DocClient = track(connectDoc(node.url, chairCookie, plan))
    await synced(writer)
    // A lock nobody releases until we say so: every insert into the log waits.
    const locker = new pg.Client({ connectionString: db.url })
    await locker.connect()
    cleanups.push(() => locker.end())
    await locker.query('BEGIN')
    await locker.query('LOCK TABLE doc_updates IN ACCESS EXCLUSIVE MODE')
    writer.prose().insert(0, 'Tijdens de storing getypt.')
    await until(() => writer.closes.some((c) => c.code === CloseCode.ServerError), { timeoutMs: 10_000, message: 'the stalled document closed with 4500' })
    await locker.query('ROLLBACK')
    // y-websocket reconnects, re-sends what was never committed, and a fresh copy keeps it.
    const reader = track(connectDoc(node.url, chairCookie, plan))
    await until(() => reader.text() === 'Tijdens de storing getypt.', { timeoutMs: 10_000, message: 'the edit arrives once the database answers' })
  })
})
