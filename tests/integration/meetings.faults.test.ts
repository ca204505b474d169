/**
 * Meeting state survives faults: a node restart (the state is rebuilt from PostgreSQL for
 * whoever lands on a new node) and a Redis restart (the streams adapter resumes: a
 * participant on the other node receives every state change made while Redis was away,
 * none skipped). A private redis-server, killed by its own PID.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { makeCase } from '../helpers/cases'
import { DEMO, login } from '../helpers/clients'
import { startCluster } from '../helpers/clusters'
import { connectMeeting, makeMeeting, type MeetingClient } from '../helpers/meetingClients'
import { healthStatus } from '../helpers/metrics'
import { startRedisServer } from '../helpers/redisServer'
import { until } from '../helpers/until'

describe('meeting state under faults', () => {
  const cleanups: (() => Promise<void> | void)[] = []
  const onCleanup = (f: () => Promise<void> | void) => cleanups.push(f)
  afterEach(async () => {
    for (const f of cleanups.splice(0).reverse()) await f()
  })
  const track = (c: MeetingClient) => (onCleanup(() => c.close()), c)

  it('rebuilds the meeting from the database when its node restarts and a participant lands on another node', async () => {
    const cluster = await startCluster(2)
    onCleanup(() => cluster.close())
    const [n0, n1] = cluster.nodes
    const { caseId, chairCookie } = await makeCase(n0!.url, [{ email: DEMO.politie, ring: 'inner', role: 'member' }])
    const meetingId = await makeMeeting(n0!.url, chairCookie, caseId, 'gesprek')
    const chair = track(await connectMeeting(n0!.url, chairCookie))
    await chair.join(meetingId)
    const round = chair.latest()!.agenda.find((i) => i.kind === 'round')!
    await chair.command({ type: 'goto', meetingId, itemId: round.id })
    await chair.command({ type: 'timer', meetingId, itemId: round.id, action: 'start' })
    await chair.command({ type: 'answer', meetingId, itemId: round.id, text: 'Een vast aanspreekpunt' })
    const before = await chair.until((s) => s.answers.length === 1)

    await n0!.close()
    const n2 = await cluster.addNode()
    const politieCookie = await login(n1!.url, DEMO.politie)
    const politie = track(await connectMeeting(n1!.url, politieCookie))
    const joined = await politie.join(meetingId)
    expect(joined.ok).toBe(true)
    const rebuilt = politie.latest()!
    expect(rebuilt).toMatchObject({ seq: before.seq, currentItemId: round.id, status: 'live' })
    expect(rebuilt.answers.map((x) => x.text)).toEqual(['Een vast aanspreekpunt'])
    expect(rebuilt.agenda.find((i) => i.id === round.id)!.timer.startedAt).toBe(before.agenda.find((i) => i.id === round.id)!.timer.startedAt)
    // The chair reconnects to the new node and goes on; the participant on the other node follows.
    const chairAgain = track(await connectMeeting(n2.url, await login(n2.url, DEMO.chair)))
    expect((await chairAgain.join(meetingId)).ok).toBe(true)
    const next = rebuilt.agenda[rebuilt.agenda.findIndex((i) => i.id === round.id) + 1]!
    expect(await chairAgain.command({ type: 'goto', meetingId, itemId: next.id })).toEqual({ ok: true })
    await politie.until((s) => s.currentItemId === next.id)
  })

  it('delivers every state change made while Redis was down to a participant on the other node, none skipped', async () => {
    const redis = await startRedisServer()
    onCleanup(() => redis.kill())
    const cluster = await startCluster(2, { redisUrl: redis.url })
    onCleanup(() => cluster.close())
    const [n0, n1] = cluster.nodes
    const { caseId, chairCookie } = await makeCase(n0!.url, [{ email: DEMO.politie, ring: 'inner', role: 'member' }])
    const meetingId = await makeMeeting(n0!.url, chairCookie, caseId, 'mda')
    const chair = track(await connectMeeting(n0!.url, chairCookie))
    const politie = track(await connectMeeting(n1!.url, await login(n1!.url, DEMO.politie)))
    await chair.join(meetingId)
    await politie.join(meetingId)
    const agenda = chair.latest()!.agenda
    await chair.command({ type: 'goto', meetingId, itemId: agenda[1]!.id })
    const start = (await politie.until((s) => s.currentItemId === agenda[1]!.id)).seq

    await redis.kill()
    await until(async () => (await healthStatus(n0!.url)) === 503, { message: 'node 0 sees Redis down' })
    // Five changes on node 0 while Redis is away: each is stored and acknowledged.
    for (const item of agenda.slice(2, 7)) expect(await chair.command({ type: 'goto', meetingId, itemId: item.id })).toEqual({ ok: true })

    await redis.restart()
    const last = await politie.until((s) => s.currentItemId === agenda[6]!.id, 15_000)
    expect(last.seq).toBe(start + 5)
    const seen = new Set(politie.states.map((s) => s.seq))
    for (let seq = start; seq <= start + 5; seq++) expect(seen.has(seq), `state ${seq} reached the participant`).toBe(true)
    // The participant is still in the meeting: the next change arrives as usual.
    await chair.command({ type: 'goto', meetingId, itemId: agenda[7]!.id })
    await politie.until((s) => s.currentItemId === agenda[7]!.id)
  })
})
