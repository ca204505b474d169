/**
 * Meeting commands while Redis hangs (issue 18 item 9): a private redis-server is stopped
 * (SIGSTOP: connections open, nothing answered). A command is answered within a few
 * seconds with a clear error and nothing is stored, over the socket and over REST; once
 * Redis answers again the meeting goes on and the other node follows. Never the shared Redis.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { makeCase } from '../helpers/cases'
import { api, DEMO, login } from '../helpers/clients'
import { startCluster } from '../helpers/clusters'
import { connectMeeting, makeMeeting, type MeetingClient } from '../helpers/meetingClients'
import { startRedisServer } from '../helpers/redisServer'

/** "A few seconds": the server gives Redis 2 s; the rest is margin for a loaded machine. */
const ANSWER_WITHIN_MS = 4_500

describe('meeting commands with Redis hung', () => {
  const cleanups: (() => Promise<void> | void)[] = []
  afterEach(async () => {
    for (const f of cleanups.splice(0).reverse()) await f()
  })
  const track = (c: MeetingClient) => (cleanups.push(() => c.close()), c)

  it('answers a command within a few seconds with a clear error, stores nothing, and goes on once Redis answers', async () => {
    const redis = await startRedisServer()
    cleanups.push(() => redis.kill())
    const cluster = await startCluster(2, { redisUrl: redis.url })
    cleanups.push(() => cluster.close())
    const [n0, n1] = cluster.nodes
    const { caseId, chairCookie } = await makeCase(n0!.url, [{ email: DEMO.politie, ring: 'inner', role: 'member' }])
    const meetingId = await makeMeeting(n0!.url, chairCookie, caseId, 'mda')
    const chair = track(await connectMeeting(n0!.url, chairCookie))
    const politie = track(await connectMeeting(n1!.url, await login(n1!.url, DEMO.politie)))
    await chair.join(meetingId)
    await politie.join(meetingId)
    const agenda = chair.latest()!.agenda
    expect(await chair.command({ type: 'goto', meetingId, itemId: agenda[1]!.id })).toEqual({ ok: true })
    await politie.until((s) => s.currentItemId === agenda[1]!.id)

    redis.pause()
    cleanups.push(() => redis.resume())
    const t0 = performance.now()
    const refused = await chair.command({ type: 'goto', meetingId, itemId: agenda[2]!.id })
    const socketMs = performance.now() - t0
    expect(refused).toMatchObject({ ok: false, error: { code: 'server_error', message: expect.stringMatching(/Redis does not answer.*nothing was changed/) } })
    expect(socketMs).toBeLessThan(ANSWER_WITHIN_MS)
    const t1 = performance.now()
    const close = await api<{ error: { code: string; message: string } }>(n0!.url, chairCookie, 'POST', `/api/meetings/${meetingId}/close`)
    const restMs = performance.now() - t1
    expect(close).toMatchObject({ status: 500, body: { error: { code: 'internal', message: expect.stringMatching(/Redis does not answer/) } } })
    expect(restMs).toBeLessThan(ANSWER_WITHIN_MS)
    // Nothing stored: read from the other node, from PostgreSQL.
    const stored = await api<{ status: string; currentItemId: string }>(n1!.url, chairCookie, 'GET', `/api/meetings/${meetingId}`)
    expect(stored.body).toMatchObject({ status: 'live', currentItemId: agenda[1]!.id })

    redis.resume()
    expect(await chair.command({ type: 'goto', meetingId, itemId: agenda[2]!.id })).toEqual({ ok: true })
    await politie.until((s) => s.currentItemId === agenda[2]!.id, 15_000)
    process.stdout.write(`answered with Redis hung: socket ${Math.round(socketMs)} ms, REST ${Math.round(restMs)} ms\n`)
  }, 60_000)
})
