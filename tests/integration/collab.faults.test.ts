/**
 * Faults the doc hub must survive without losing an edit: a node SIGKILLed mid-burst
 * (its clients move to another node and re-send), Redis restarting under live editing
 * (anti-entropy and the reconnect catch-up fill the gap), and a node killed between
 * receiving an update and persisting it (the durability rule: nothing is broadcast
 * before it is committed, and what was never committed comes back from the client).
 */
import * as Y from 'yjs'
import { afterEach, describe, expect, it } from 'vitest'
import { caseDocName } from '../../shared/protocol/docName'
import type { RunningServer } from '../../server/main'
import { makeCase } from '../helpers/cases'
import { connectDoc, DEMO, login, synced, type DocClient } from '../helpers/clients'
import { startCluster, type Cluster } from '../helpers/clusters'
import { createPgDatabase, TEST_REDIS_URL, uniqueRedisPrefix } from '../helpers/databases'
import {
  abortStatementsOfVanishedClients, delaySnapshotWrites, delayUpdateLogInserts, isCommittedInUpdateLog, isInSnapshot,
  isUpdateLogInsertDelayed,
} from '../helpers/dbInspect'
import { healthStatus, readMetric } from '../helpers/metrics'
import { spawnNode, startNode, type NodeEnv } from '../helpers/nodes'
import { startRedisServer, type RedisServer } from '../helpers/redisServer'
import { connectRoamingDoc, type RoamingClient } from '../helpers/roamingClients'
import { until } from '../helpers/until'
import { insertWordAtBoundary, seededRandom, wordsOf } from '../helpers/words'

/** One client typing its own words. */
interface Typist {
  client: RoamingClient
  prefix: string
  typed: string[]
}

/** Every entry of `sub` is at most the entry of `sup` for the same client id. */
function isCoveredBy(sub: Map<number, number>, sup: Map<number, number>): boolean {
  for (const [client, clock] of sub) if ((sup.get(client) ?? 0) < clock) return false
  return true
}

describe('collab faults', () => {
  const cleanups: (() => Promise<void> | void)[] = []
  /** Registers a cleanup; they run in reverse order after the test. */
  const onCleanup = (fn: () => Promise<void> | void) => void cleanups.push(fn)

  afterEach(async () => {
    for (const fn of cleanups.splice(0).reverse()) {
      try {
        await fn()
      } catch {
        // A cleanup failing (a node already dead) must not skip the others.
      }
    }
  })

  const roaming = (url: string, cookie: string, docName: string) => {
    const c = connectRoamingDoc(url, cookie, docName)
    onCleanup(() => c.destroy())
    return c
  }
  const fresh = async (url: string, cookie: string, docName: string): Promise<DocClient> => {
    const c = connectDoc(url, cookie, docName)
    onCleanup(() => c.destroy())
    await synced(c, 10_000)
    return c
  }
  const spawn = async (env: NodeEnv) => {
    const n = await spawnNode(env)
    onCleanup(() => n.kill())
    return n
  }
  const start = async (env: NodeEnv, opts?: Parameters<typeof startNode>[1]) => {
    const n = await startNode(env, opts)
    onCleanup(() => n.close())
    return n
  }
  const pgDatabase = async () => {
    const db = await createPgDatabase()
    onCleanup(() => db.drop())
    return db
  }
  const typeWord = (t: Typist, random: () => number) => {
    const word = `${t.prefix}${String(t.typed.length).padStart(3, '0')}`
    insertWordAtBoundary(t.client.prose(), word, random)
    t.typed.push(word)
  }

  it('keeps every edit when a node is SIGKILLed mid-burst and its clients move to another node', async () => {
    const db = await pgDatabase()
    const env: NodeEnv = { DATABASE_URL: db.url, REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: uniqueRedisPrefix() }
    const doomed = await spawn(env)
    const survivor = await spawn(env)
    const { caseId } = await makeCase(survivor.url, [{ email: DEMO.politie, ring: 'inner', role: 'member' }])
    const plan = caseDocName(caseId, 'plan')
    const [chair, politie] = [await login(survivor.url, DEMO.chair), await login(survivor.url, DEMO.politie)]
    const typists: Typist[] = [
      { client: roaming(doomed.url, chair, plan), prefix: 'da', typed: [] },
      { client: roaming(doomed.url, politie, plan), prefix: 'db', typed: [] },
      { client: roaming(survivor.url, chair, plan), prefix: 'sa', typed: [] },
      { client: roaming(survivor.url, politie, plan), prefix: 'sb', typed: [] },
    ]
    const onDoomed = typists.slice(0, 2)
    await until(() => typists.every((t) => t.client.provider.synced), { message: 'all clients synced' })

    const random = seededRandom(7)
    let killed: Promise<void> | null = null
    for (let round = 0; round < 60; round++) {
      for (const t of typists) typeWord(t, random)
      // Kill in the middle of the burst; everyone keeps typing while the node dies.
      if (round === 30) killed = doomed.kill()
      await new Promise((r) => setTimeout(r, 5))
    }
    await killed
    for (const t of onDoomed) t.client.moveTo(survivor.url)
    for (let round = 0; round < 10; round++) for (const t of typists) typeWord(t, random)

    const expected = typists.flatMap((t) => t.typed).sort()
    await until(() => typists.every((t) => wordsOf(t.client.text()).length === expected.length && t.client.text() === typists[0]!.client.text()), {
      timeoutMs: 15_000, message: 'the four clients converge on every word',
    })
    for (const t of typists) expect(wordsOf(t.client.text())).toEqual(expected)

    // The database has it all: a node that never held the doc loads it from there.
    const reader = await fresh((await start(env)).url, chair, plan)
    expect(wordsOf(reader.text())).toEqual(expected)
  }, 90_000) // Three child nodes start (tsx) in this test: on a loaded 2-core machine that alone takes ~20 s.

  it('delivers edits made while Redis was down to the other node once it is back, and loses none', async () => {
    const redis: RedisServer = await startRedisServer()
    onCleanup(() => redis.kill())
    const cluster: Cluster = await startCluster(2, { redisUrl: redis.url, opts: { limits: { antiEntropyMs: 1000 } } })
    onCleanup(() => cluster.close())
    const [n0, n1] = cluster.nodes as [RunningServer, RunningServer]
    const { caseId } = await makeCase(n0.url, [{ email: DEMO.politie, ring: 'inner', role: 'member' }])
    const plan = caseDocName(caseId, 'plan')
    const [chair, politie] = [await login(n0.url, DEMO.chair), await login(n0.url, DEMO.politie)]
    const typists: Typist[] = [
      { client: roaming(n0.url, chair, plan), prefix: 'xa', typed: [] },
      { client: roaming(n0.url, politie, plan), prefix: 'xb', typed: [] },
      { client: roaming(n1.url, chair, plan), prefix: 'ya', typed: [] },
      { client: roaming(n1.url, politie, plan), prefix: 'yb', typed: [] },
    ]
    await until(() => typists.every((t) => t.client.provider.synced), { message: 'all clients synced' })
    const random = seededRandom(11)
    const converged = (count: number) => () =>
      typists.every((t) => wordsOf(t.client.text()).length === count && t.client.text() === typists[0]!.client.text())
    for (let i = 0; i < 5; i++) for (const t of typists) typeWord(t, random)
    await until(converged(20), { message: 'converged before the outage' })

    await redis.kill()
    await until(async () => (await healthStatus(n0.url)) === 503 && (await healthStatus(n1.url)) === 503, { message: 'both nodes see the bus down' })
    for (let round = 0; round < 10; round++) {
      for (const t of typists) typeWord(t, random)
      await new Promise((r) => setTimeout(r, 20))
    }

    await redis.restart()
    const backAt = Date.now()
    await until(async () => (await healthStatus(n0.url)) === 200 && (await healthStatus(n1.url)) === 200, { timeoutMs: 10_000, message: 'both nodes reconnect' })
    const expected = typists.flatMap((t) => t.typed).sort()
    await until(converged(expected.length), { timeoutMs: 10_000, message: 'the outage\'s edits reach every client' })
    expect(Date.now() - backAt).toBeLessThan(10_000)
    for (const t of typists) expect(wordsOf(t.client.text())).toEqual(expected)

    // Pub/sub itself works again (not only the periodic catch-up): the next edit arrives as a bus message.
    const busIn = await readMetric(n1.url, 'samenspel_bus_messages_in_total')
    typeWord(typists[0]!, random)
    await until(async () => (await readMetric(n1.url, 'samenspel_bus_messages_in_total')) > busIn, { message: 'node 1 receives a bus message' })
    await until(converged(expected.length + 1))

    const reader = await fresh((await cluster.addNode()).url, chair, plan)
    expect(wordsOf(reader.text())).toEqual([...expected, typists[0]!.typed.at(-1)!].sort())
  })

  it('has every edit a client was ever sent in the database after a SIGKILL, and restores the rest from the writer', async () => {
    const db = await pgDatabase()
    // A killed node's in-flight insert must roll back, not commit after its death.
    await abortStatementsOfVanishedClients(db.url)
    const env: NodeEnv = { DATABASE_URL: db.url }
    const doomed = await spawn(env)
    // Every group commit takes 50 ms, so a steady typist always has edits in flight.
    await delayUpdateLogInserts(db.url, '', 0.05)
    const { caseId } = await makeCase(doomed.url, [{ email: DEMO.politie, ring: 'inner', role: 'member' }])
    const plan = caseDocName(caseId, 'plan')
    const [chair, politie] = [await login(doomed.url, DEMO.chair), await login(doomed.url, DEMO.politie)]
    const writer: Typist = { client: roaming(doomed.url, chair, plan), prefix: 'w', typed: [] }
    const recorder = roaming(doomed.url, politie, plan)
    await until(() => writer.client.provider.synced && recorder.provider.synced)

    const random = seededRandom(3)
    await until(async () => {
      typeWord(writer, random)
      return wordsOf(recorder.text()).length >= 20
    }, { timeoutMs: 10_000, intervalMs: 5, message: 'the recorder has received 20 words' })
    await doomed.kill()
    const received = wordsOf(recorder.text())
    const receivedState = Y.decodeStateVector(Y.encodeStateVector(recorder.doc))
    const neverDelivered = writer.typed.filter((w) => !received.includes(w))
    // The scenario only means something if the kill caught edits on their way.
    expect(neverDelivered.length).toBeGreaterThan(0)

    const successor = await start(env)
    const loaded = await fresh(successor.url, chair, plan)
    expect(wordsOf(loaded.text())).toEqual(expect.arrayContaining(received))
    expect(isCoveredBy(receivedState, Y.decodeStateVector(Y.encodeStateVector(loaded.doc)))).toBe(true)
    // What died with the node (pending or rolled back) is not in the database yet...
    expect(wordsOf(loaded.text()).length).toBeLessThan(writer.typed.length)

    // ...until the writer, which kept every edit, reconnects and re-sends it.
    writer.client.moveTo(successor.url)
    await until(() => wordsOf(loaded.text()).length === writer.typed.length, { timeoutMs: 10_000, message: 'the writer re-sends what was lost' })
    expect(wordsOf(loaded.text())).toEqual([...writer.typed].sort())
  })

  it('never sends a joining client content that is not yet committed', async () => {
    const db = await pgDatabase()
    const node = await start({ DATABASE_URL: db.url })
    // Hold the first commit in flight for a while, and the second one longer.
    await delayUpdateLogInserts(db.url, 'GATEGATE', 1.5)
    await delayUpdateLogInserts(db.url, 'SLOWSLOW', 4)
    const { caseId, chairCookie } = await makeCase(node.url, [{ email: DEMO.politie, ring: 'inner', role: 'member' }])
    const plan = caseDocName(caseId, 'plan')
    const writer = roaming(node.url, chairCookie, plan)
    await until(() => writer.provider.synced)

    const updatesIn = await readMetric(node.url, 'samenspel_collab_updates_in_total')
    writer.prose().insert(0, 'GATEGATE ')
    await until(() => isUpdateLogInsertDelayed(db.url), { message: 'the GATEGATE commit is in flight' })
    // The joiner's sync step 1 now waits for the GATE commit. Its presence reaching the
    // writer proves the server has read that step 1 (one socket's frames are handled in order).
    const joiner = roaming(node.url, await login(node.url, DEMO.politie), plan)
    // Sent right after its step 1 on open (a clock-0 state would be ignored by receivers).
    joiner.provider.awareness.setLocalStateField('user', { color: '#336699' })
    await until(() => writer.provider.awareness.getStates().has(joiner.doc.clientID), { message: 'the server has read the joiner\'s step 1' })
    writer.prose().insert(writer.text().length, 'SLOWSLOW')
    await until(async () => (await readMetric(node.url, 'samenspel_collab_updates_in_total')) > updatesIn + 1)

    await until(() => joiner.text().includes('GATEGATE'), { timeoutMs: 5000, message: 'the joiner receives the committed edit' })
    const isSeen = joiner.text().includes('SLOWSLOW')
    const isCommitted = await isCommittedInUpdateLog(db.url, 'SLOWSLOW')
    expect({ isSeen, isCommitted }, 'the joiner holds SLOWSLOW before it is committed').not.toEqual({ isSeen: true, isCommitted: false })
    await until(() => joiner.text() === 'GATEGATE SLOWSLOW', { timeoutMs: 8000 })
  })

  it('keeps an update that commits while another node compacts the document', async () => {
    const cluster: Cluster = await startCluster(1)
    onCleanup(() => cluster.close())
    // The second node compacts after every commit it makes.
    const [n0, n1] = [cluster.nodes[0]!, await cluster.addNode({ limits: { compactAfterRows: 1 } })]
    const { caseId } = await makeCase(n0.url, [{ email: DEMO.politie, ring: 'inner', role: 'member' }])
    const plan = caseDocName(caseId, 'plan')
    const a = roaming(n0.url, await login(n0.url, DEMO.chair), plan)
    const b = roaming(n1.url, await login(n1.url, DEMO.politie), plan)
    await until(() => a.provider.synced && b.provider.synced)
    // Widen two real windows: an insert that took its id but has not committed yet,
    // and a compaction between reading the log and deleting what it folded.
    await delayUpdateLogInserts(cluster.databaseUrl, 'SLOWSLOW', 1)
    await delaySnapshotWrites(cluster.databaseUrl, 2)

    a.prose().insert(0, 'SLOWSLOW ')
    await until(() => isUpdateLogInsertDelayed(cluster.databaseUrl), { message: 'the SLOWSLOW insert holds its id, uncommitted' })
    b.prose().insert(0, 'snel ')
    await until(() => a.text().includes('snel') && b.text().includes('SLOWSLOW'), { timeoutMs: 5000, message: 'both edits committed and delivered' })
    await until(() => isInSnapshot(cluster.databaseUrl, plan, 'snel'), { timeoutMs: 8000, message: 'the compaction after "snel" committed' })

    const reader = await fresh((await cluster.addNode()).url, await login(n0.url, DEMO.chair), plan)
    expect(reader.text()).toContain('snel')
    expect(reader.text()).toContain('SLOWSLOW')
  })
})
