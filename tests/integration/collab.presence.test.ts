/**
 * Presence renewals are coalesced (server/collab/hubAwareness.ts): a client re-sending an
 * unchanged state reaches the others once per renewal window, in one message, on its own
 * node and across nodes; a real change (a moved cursor) still goes out at once; and a
 * state kept alive by renewals never expires at the other clients. Changes are bounded in
 * time per connection (issue 18, item 9): readers moving their cursors as fast as the
 * rate limit allows reach another node at most about ten times a second each.
 */
import * as decoding from 'lib0/decoding'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { caseDocName } from '../../shared/protocol/docName'
import { makeCase } from '../helpers/cases'
import { connectDoc, DEMO, login, synced, type DocClient } from '../helpers/clients'
import { startCluster } from '../helpers/clusters'
import { useTestResources } from '../helpers/testResources'
import { awarenessFrame, MESSAGE } from '../helpers/frames'
import { openRawSocket, type RawSocket } from '../helpers/rawSockets'
import { until } from '../helpers/until'

const RENEWAL_DELAY_MS = 1500

/** Awareness entries (client id → clock) of one raw frame, or null for other frames. */
function awarenessClocks(frame: Buffer): Map<number, number> | null {
  const d = decoding.createDecoder(new Uint8Array(frame))
  if (decoding.readVarUint(d) !== MESSAGE.awareness) return null
  // y-protocols awareness update: count, then (client id, clock, state JSON) per entry.
  const ud = decoding.createDecoder(decoding.readVarUint8Array(d))
  const clocks = new Map<number, number>()
  for (let n = decoding.readVarUint(ud); n > 0; n--) {
    const id = decoding.readVarUint(ud)
    clocks.set(id, decoding.readVarUint(ud))
    decoding.readVarString(ud)
  }
  return clocks
}

/** Frames of `socket` that carry presence of `clientId`, from index `from` on. */
const framesAbout = (socket: RawSocket, clientId: number, from = 0) =>
  socket.messages.slice(from).map(awarenessClocks).filter((c): c is Map<number, number> => c?.has(clientId) ?? false)

/** A raw connection speaking for one awareness client id, moving its cursor on demand. */
function cursorMover(socket: RawSocket) {
  const awareness = new awarenessProtocol.Awareness(new Y.Doc())
  return {
    id: awareness.clientID,
    clock: () => awareness.meta.get(awareness.clientID)!.clock,
    move(to: number) {
      awareness.setLocalState({ user: { color: '#336699' }, cursor: { anchor: to, head: to } })
      socket.ws.send(awarenessFrame(awarenessProtocol.encodeAwarenessUpdate(awareness, [awareness.clientID])))
    },
  }
}

describe('collab presence', () => {
  const res = useTestResources()
  const { clients, sockets } = res

  it('forwards unchanged renewals once per window, in one message, on the same node and across nodes; a real change at once', async () => {
    const cluster = res.cluster = await startCluster(2, { opts: { limits: { awarenessRenewalDelayMs: RENEWAL_DELAY_MS } } })
    const [a, b] = cluster.nodes
    const { caseId } = await makeCase(a!.url, [{ email: DEMO.politie, ring: 'inner', role: 'member' }])
    const plan = caseDocName(caseId, 'plan')
    const writer = connectDoc(a!.url, await login(a!.url, DEMO.politie), plan)
    clients.push(writer)
    await synced(writer)
    const chair = await login(a!.url, DEMO.chair)
    const sameNode = openRawSocket(a!.url, chair, plan)
    const otherNode = openRawSocket(b!.url, chair, plan)
    sockets.push(sameNode, otherNode)
    await Promise.all([sameNode.opened, otherNode.opened])

    const id = writer.doc.clientID
    const state = { user: { color: '#336699' }, cursor: { anchor: { type: null, tname: 'summary', item: null, assoc: 1 }, head: { type: null, tname: 'summary', item: null, assoc: 0 } } }
    writer.provider.awareness.setLocalState(state)
    for (const s of [sameNode, otherNode]) await until(() => framesAbout(s, id).length > 0, { message: 'first state arrives' })

    // Five renewals of the same state, as the client's 15 s timer would send them.
    const marks = [sameNode.messages.length, otherNode.messages.length]
    for (let i = 0; i < 5; i++) writer.provider.awareness.setLocalState({ ...state })
    const lastClock = writer.provider.awareness.meta.get(id)!.clock
    const started = Date.now()
    for (const [i, s] of [sameNode, otherNode].entries()) {
      await until(() => framesAbout(s, id, marks[i]).some((c) => c.get(id) === lastClock), { timeoutMs: RENEWAL_DELAY_MS * 4, message: 'renewal arrives' })
    }
    expect(Date.now() - started).toBeGreaterThanOrEqual(RENEWAL_DELAY_MS * 0.8)
    expect(framesAbout(sameNode, id, marks[0])).toHaveLength(1)
    expect(framesAbout(otherNode, id, marks[1])).toHaveLength(1)

    // A moved cursor is a change: it does not wait for the window.
    const before = [sameNode.messages.length, otherNode.messages.length]
    const moved = Date.now()
    writer.provider.awareness.setLocalState({ ...state, cursor: { anchor: { type: null, tname: 'summary', item: null, assoc: 2 }, head: { type: null, tname: 'summary', item: null, assoc: 0 } } })
    const movedClock = writer.provider.awareness.meta.get(id)!.clock
    for (const [i, s] of [sameNode, otherNode].entries()) {
      await until(() => framesAbout(s, id, before[i]).some((c) => c.get(id) === movedClock), { message: 'change arrives' })
    }
    expect(Date.now() - moved).toBeLessThan(RENEWAL_DELAY_MS)
  })

  it('takes the echo of a renewal batch from 24 y-websocket clients on two nodes without closing anyone or moving presence', async () => {
    const cluster = res.cluster = await startCluster(2, { opts: { limits: { awarenessRenewalDelayMs: 300 } } })
    const [a, b] = cluster.nodes
    const { caseId } = await makeCase(a!.url, [{ email: DEMO.politie, ring: 'inner', role: 'member' }])
    const plan = caseDocName(caseId, 'plan')
    const cookies = [await login(a!.url, DEMO.politie), await login(b!.url, DEMO.politie)]
    // 20 on node a (one renewal batch of 20 there), 4 on node b.
    const crowd = Array.from({ length: 24 }, (_, i) => connectDoc([a, b][i < 20 ? 0 : 1]!.url, cookies[i < 20 ? 0 : 1]!, plan))
    clients.push(...crowd)
    await Promise.all(crowd.map((c) => synced(c)))
    for (const c of crowd) c.provider.awareness.setLocalStateField('user', { color: '#336699' })
    const everyoneSeesEveryone = () => crowd.every((c) => crowd.every((o) => c.provider.awareness.getStates().has(o.doc.clientID)))
    await until(everyoneSeesEveryone, { message: 'all 24 presences everywhere' })

    // Everyone renews at once: one batch of 20 on node a, which every y-websocket client
    // echoes back whole (20 entries, all but one of them someone else's) the moment it
    // receives it, so once a client holds every renewal it has sent its echoes.
    const renewedClocks = crowd.map((c) => {
      c.provider.awareness.setLocalState({ ...c.provider.awareness.getLocalState() })
      return [c.doc.clientID, c.provider.awareness.meta.get(c.doc.clientID)!.clock] as const
    })
    const holdsEveryRenewal = (c: DocClient) => renewedClocks.every(([id, clock]) => (c.provider.awareness.meta.get(id)?.clock ?? -1) >= clock)
    // Asserted while waiting too, so a timeout reports the closes that kept it waiting.
    const noneClosed = () => expect(crowd.flatMap((c) => c.closes)).toEqual([])
    await until(() => noneClosed() ?? crowd.every(holdsEveryRenewal), { timeoutMs: 10_000, message: 'every renewal everywhere' })
    // The marker: each client then types on the socket its echoes went out on. A node
    // gives a closing connection no more work, so a client closed for its echoes would
    // never get its text to the others over that socket (and its close would be counted).
    crowd.forEach((c, i) => c.prose().insert(0, `[${i}]`))
    const hasEveryMarker = (c: DocClient) => crowd.every((_, i) => c.text().includes(`[${i}]`))
    await until(() => noneClosed() ?? crowd.every(hasEveryMarker), { timeoutMs: 10_000, message: 'every marker everywhere' })
    noneClosed()

    // The echoes claimed nothing: a client leaving takes only its own presence along.
    // (The rule that an echo claims nothing is unit-tested in protocol.test.ts.)
    const leaver = crowd[1]!
    const removedAtWatcher: number[] = []
    crowd[0]!.provider.awareness.on('change', ({ removed }: { removed: number[] }) => removedAtWatcher.push(...removed))
    leaver.destroy()
    await until(() => !crowd[0]!.provider.awareness.getStates().has(leaver.doc.clientID), { message: 'leaver gone' })
    // The marker: a later presence change of a client on each node reaches the watcher
    // after anything the leaver's departure removed.
    const [nearby, remote] = [crowd[2]!, crowd[20]!]
    for (const c of [nearby, remote]) c.provider.awareness.setLocalStateField('user', { color: '#993366' })
    const seesNewColour = (c: DocClient) =>
      (crowd[0]!.provider.awareness.getStates().get(c.doc.clientID)?.user as { color?: string } | undefined)?.color === '#993366'
    await until(() => seesNewColour(nearby) && seesNewColour(remote), { message: 'later presence changes arrive' })
    expect(removedAtWatcher).toEqual([leaver.doc.clientID])
    crowd[0]!.prose().insert(0, 'iedereen nog verbonden ')
    await until(() => crowd.filter((c) => c !== leaver).every((c) => c.text().includes('iedereen nog verbonden')), { message: 'edit reaches all' })
  })

  it('keeps a renewed state alive at the other clients past the 30 s timeout', { timeout: 60_000 }, async () => {
    const cluster = res.cluster = await startCluster(2)
    const [a, b] = cluster.nodes
    const { caseId } = await makeCase(a!.url, [{ email: DEMO.politie, ring: 'inner', role: 'member' }])
    const plan = caseDocName(caseId, 'plan')
    const writer = connectDoc(a!.url, await login(a!.url, DEMO.politie), plan)
    const watcher = connectDoc(b!.url, await login(b!.url, DEMO.chair), plan)
    clients.push(writer, watcher)
    await Promise.all([synced(writer), synced(watcher)])
    writer.provider.awareness.setLocalStateField('user', { color: '#336699' })
    await until(() => watcher.provider.awareness.getStates().has(writer.doc.clientID), { message: 'watcher sees writer' })

    // y-protocols renews every 15 s and drops states silent for 30 s; watch for 36 s.
    const seenUntil = Date.now() + 36_000
    while (Date.now() < seenUntil) {
      expect(watcher.provider.awareness.getStates().has(writer.doc.clientID)).toBe(true)
      await new Promise((r) => setTimeout(r, 500))
    }
  })

  it('relays a flood of cursor moves from four reader connections to another node at most ~10 times a second each; a single move still arrives at once', async () => {
    const cluster = res.cluster = await startCluster(2)
    const [a, b] = cluster.nodes
    const { caseId } = await makeCase(a!.url, [{ email: DEMO.reader, ring: 'inner', role: 'reader' }])
    const plan = caseDocName(caseId, 'plan')
    const reader = await login(a!.url, DEMO.reader)
    const flooders = Array.from({ length: 4 }, () => openRawSocket(a!.url, reader, plan))
    const watcher = openRawSocket(b!.url, await login(b!.url, DEMO.chair), plan)
    sockets.push(...flooders, watcher)
    await Promise.all([...flooders, watcher].map((s) => s.opened))
    const movers = flooders.map(cursorMover)

    // 4 rounds of 100 moves per connection, 500 ms apart: 200 messages/s, the message
    // rate limit (burst 400), so nobody is closed for rate.
    const started = Date.now()
    for (let round = 0; round < 4; round++) {
      for (let i = 0; i < 100; i++) for (const m of movers) m.move(round * 100 + i)
      if (round < 3) await new Promise((r) => setTimeout(r, 500))
    }
    // The marker: every connection's last position reaches node b (merging keeps the latest).
    for (const m of movers) {
      await until(() => framesAbout(watcher, m.id).some((c) => c.get(m.id) === m.clock()), { message: 'last position arrives' })
    }
    const seconds = (Date.now() - started) / 1000
    for (const m of movers) {
      const relayed = framesAbout(watcher, m.id).length
      // At most one per 100 ms interval, plus the first move of the flood; 3 of slack.
      expect(relayed, `frames relayed for one connection in ${seconds.toFixed(2)} s`).toBeLessThanOrEqual(Math.ceil(seconds * 10) + 3)
    }
    expect(flooders.every((s) => s.ws.readyState === s.ws.OPEN)).toBe(true)

    // After a quiet interval a single move is not held back.
    await new Promise((r) => setTimeout(r, 200))
    const mark = watcher.messages.length
    const moved = Date.now()
    movers[0]!.move(-1)
    await until(() => framesAbout(watcher, movers[0]!.id, mark).some((c) => c.get(movers[0]!.id) === movers[0]!.clock()), { message: 'single move arrives' })
    expect(Date.now() - moved).toBeLessThan(1000)
  })
})
