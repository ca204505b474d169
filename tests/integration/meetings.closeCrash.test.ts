/**
 * A meeting's close is one unit (issue 18 item 3): the node serving `POST /close` is
 * SIGKILLed at many points between the request and its answer; afterwards, read from
 * another node, every meeting is either live (and closes normally there) or closed with
 * exactly one version of its case and the absent member's notice. Real PostgreSQL and
 * Redis; the doomed node is a child process. A trigger makes each version insert take
 * 300 ms (a slow disk), so the kill points land inside the close, not only around it.
 */
import pg from 'pg'
import { afterEach, describe, expect, it } from 'vitest'
import { makeCase } from '../helpers/cases'
import { api, DEMO, login } from '../helpers/clients'
import { createPgDatabase, TEST_REDIS_URL, uniqueRedisPrefix } from '../helpers/databases'
import { abortStatementsOfVanishedClients } from '../helpers/dbInspect'
import { makeMeeting } from '../helpers/meetingClients'
import { spawnNode, startNode, type NodeEnv } from '../helpers/nodes'

/** Every insert into plan_versions sleeps `seconds` inside its transaction. */
async function delayVersionInserts(url: string, seconds: number): Promise<void> {
  const c = new pg.Client({ connectionString: url })
  await c.connect()
  try {
    await c.query(`CREATE FUNCTION test_delay_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_sleep(${Number(seconds)}); RETURN NEW; END $$`)
    await c.query('CREATE TRIGGER test_delay_version BEFORE INSERT ON plan_versions FOR EACH ROW EXECUTE FUNCTION test_delay_version()')
  } finally {
    await c.end()
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

interface Target { caseId: string; meetingId: string }

describe('a meeting close killed half-way', () => {
  const cleanups: (() => Promise<void> | void)[] = []
  afterEach(async () => {
    for (const f of cleanups.splice(0).reverse()) {
      try {
        await f()
      } catch {
        // A node already dead must not skip the other cleanups.
      }
    }
  })

  it('leaves every meeting live or closed with exactly one version and its notices, at every kill point', async () => {
    const db = await createPgDatabase()
    cleanups.push(() => db.drop())
    await abortStatementsOfVanishedClients(db.url)
    const env: NodeEnv = { DATABASE_URL: db.url, REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: uniqueRedisPrefix() }
    const survivor = await startNode(env)
    cleanups.push(() => survivor.close())
    await delayVersionInserts(db.url, 0.3)
    const chair = await login(survivor.url, DEMO.chair)
    const politie = await login(survivor.url, DEMO.politie)

    // Two rounds, one doomed node each: closes sent STAGGER_MS apart, the node killed a
    // set time after the first. Kill points (ms after a close was sent): round 1 0–280,
    // round 2 620–900 or later (not before the first close of the round has answered).
    const PER_ROUND = 8
    const STAGGER_MS = 40
    const points: number[] = []
    const targets: Target[] = []
    for (const killAt of [PER_ROUND * STAGGER_MS - STAGGER_MS, 900]) {
      const round: Target[] = []
      for (let i = 0; i < PER_ROUND; i++) {
        // The politie is a member who is not at the table: the close must notify them.
        const { caseId } = await makeCase(survivor.url, [{ email: DEMO.politie, ring: 'inner', role: 'member' }], `Gezin K${targets.length + i}.`)
        round.push({ caseId, meetingId: await makeMeeting(survivor.url, chair, caseId, 'mda') })
      }
      const doomed = await spawnNode(env)
      cleanups.push(() => doomed.kill())
      const started = Date.now()
      const sent: Promise<unknown>[] = []
      for (const [i, t] of round.entries()) {
        await sleep(Math.max(0, started + i * STAGGER_MS - Date.now()))
        points.push(killAt - i * STAGGER_MS)
        sent.push(api(doomed.url, chair, 'POST', `/api/meetings/${t.meetingId}/close`).catch(() => null))
      }
      await sleep(Math.max(0, started + killAt - Date.now()))
      // The late round waits for its first answer (a slow machine): some closes must have finished.
      if (killAt > PER_ROUND * STAGGER_MS) await Promise.race([sent[0], sleep(10_000)])
      await doomed.kill()
      await Promise.all(sent)
      targets.push(...round)
    }

    const outcomes = { live: 0, closed: 0 }
    for (const t of targets) {
      const before = await api<{ status: string; version: number | null }>(survivor.url, chair, 'GET', `/api/meetings/${t.meetingId}`)
      expect(before.status).toBe(200)
      if (before.body.status === 'live') {
        outcomes.live++
        expect(await api(survivor.url, chair, 'GET', `/api/cases/${t.caseId}/versions`)).toMatchObject({ body: [] })
        const closed = await api<{ ok: boolean; version: number }>(survivor.url, chair, 'POST', `/api/meetings/${t.meetingId}/close`)
        expect(closed).toMatchObject({ status: 200, body: { ok: true, version: 1 } })
      } else {
        outcomes.closed++
        expect(before.body).toMatchObject({ status: 'closed', version: 1 })
      }
      const versions = await api<{ n: number; meetingId: string }[]>(survivor.url, chair, 'GET', `/api/cases/${t.caseId}/versions`)
      expect(versions.body.map((v) => [v.n, v.meetingId])).toEqual([[1, t.meetingId]])
      const inbox = await api<{ caseId: string; version: number; kind: string }[]>(survivor.url, politie, 'GET', '/api/inbox')
      expect(inbox.body.filter((x) => x.caseId === t.caseId).map((x) => [x.kind, x.version])).toEqual([['version-adopted', 1]])
    }
    process.stdout.write(`close kill points (ms after the request): ${points.join(', ')}; live after: ${outcomes.live}, closed: ${outcomes.closed}\n`)
    // Not vacuous: some closes were cut off and some had finished when their node died.
    expect(points.length).toBeGreaterThanOrEqual(15)
    expect(outcomes.live).toBeGreaterThan(0)
    expect(outcomes.closed).toBeGreaterThan(0)
  }, 180_000)
})
