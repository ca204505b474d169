/**
 * A narrower admission or invitation ends access at once (issue 18 item 4), over two
 * nodes with real Redis and PostgreSQL: the school, admitted for the current item, is
 * re-admitted for another item only; its meeting socket and its plan document sockets on
 * both nodes close within a second, and it cannot come back or write. A binnenring member
 * following a meeting is left out of a narrower invitation: their meeting socket on the
 * other node closes within a second.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CloseCode } from '../../shared/protocol/closeCodes'
import { caseDocName } from '../../shared/protocol/docName'
import { makeCase } from '../helpers/cases'
import { connectDoc, DEMO, login, synced, type DocClient } from '../helpers/clients'
import { startCluster, type Cluster } from '../helpers/clusters'
import { userIdOf } from '../helpers/dbInspect'
import { connectMeeting, makeMeeting, type MeetingClient } from '../helpers/meetingClients'
import { until } from '../helpers/until'

describe('narrower admissions and invitations', () => {
  let cluster: Cluster
  const meetings: MeetingClient[] = []
  const docs: DocClient[] = []
  const trackM = (c: MeetingClient) => (meetings.push(c), c)
  const trackD = (c: DocClient) => (docs.push(c), c)
  const a = () => cluster.nodes[0]!.url
  const b = () => cluster.nodes[1]!.url

  beforeAll(async () => {
    cluster = await startCluster(2)
  })
  afterAll(async () => {
    for (const c of meetings) c.close()
    for (const d of docs) d.destroy()
    await cluster.close()
  })

  it("closes an admitted partner's meeting and plan sockets on both nodes within a second when the chair narrows the admission", async () => {
    const { caseId, chairCookie } = await makeCase(a(), [{ email: DEMO.politie, ring: 'inner', role: 'member' }])
    const meetingId = await makeMeeting(a(), chairCookie, caseId, 'mda')
    const chair = trackM(await connectMeeting(a(), chairCookie))
    await chair.join(meetingId)
    const agenda = chair.latest()!.agenda
    const agreements = agenda.find((i) => i.kind === 'agreements')!
    const actions = agenda.find((i) => i.kind === 'actions')!
    const schoolId = await userIdOf(cluster.databaseUrl, DEMO.school)
    expect(await chair.command({ type: 'admit', meetingId, userId: schoolId, itemIds: [agreements.id, actions.id] })).toEqual({ ok: true })
    expect(await chair.command({ type: 'goto', meetingId, itemId: agreements.id })).toEqual({ ok: true })

    const schoolCookie = await login(b(), DEMO.school)
    const school = trackM(await connectMeeting(b(), schoolCookie))
    expect(await school.join(meetingId)).toMatchObject({ ok: true })
    const planOnA = trackD(connectDoc(a(), schoolCookie, caseDocName(caseId, 'plan')))
    const planOnB = trackD(connectDoc(b(), schoolCookie, caseDocName(caseId, 'plan')))
    await Promise.all([synced(planOnA), synced(planOnB)])

    const t0 = performance.now()
    // Still admitted, but for the next item only: not for the one on the table now.
    expect(await chair.command({ type: 'admit', meetingId, userId: schoolId, itemIds: [actions.id] })).toEqual({ ok: true })
    await until(() => !school.socket.connected, { timeoutMs: 1000, intervalMs: 5, message: 'meeting socket closed' })
    await until(() => planOnA.closes.some((c) => c.code === CloseCode.AccessRevoked), { timeoutMs: 1000, intervalMs: 5, message: 'plan on A closed' })
    await until(() => planOnB.closes.some((c) => c.code === CloseCode.AccessRevoked), { timeoutMs: 1000, intervalMs: 5, message: 'plan on B closed' })
    expect(performance.now() - t0).toBeLessThan(1000)
    expect(school.ended).toEqual(['agenda item ended'])

    // And it stays out: no meeting, no plan document to write into, on either node.
    school.close()
    const again = trackM(await connectMeeting(a(), schoolCookie))
    expect(await again.join(meetingId)).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    const planAgain = trackD(connectDoc(b(), schoolCookie, caseDocName(caseId, 'plan')))
    await until(() => planAgain.closes.some((c) => c.code === CloseCode.Forbidden), { message: 'plan refused after the narrower admission' })
    // The admission that still holds (the next item) works when the chair gets there.
    expect(await chair.command({ type: 'goto', meetingId, itemId: actions.id })).toEqual({ ok: true })
    expect(await again.join(meetingId)).toMatchObject({ ok: true })
  })

  it("closes a member's meeting socket on the other node within a second when a narrower invitation leaves them out", async () => {
    const { caseId, chairCookie } = await makeCase(a(), [{ email: DEMO.politie, ring: 'inner', role: 'member' }, { email: DEMO.wijkteam, ring: 'inner', role: 'member' }])
    const meetingId = await makeMeeting(a(), chairCookie, caseId, 'mda')
    const chair = trackM(await connectMeeting(a(), chairCookie))
    await chair.join(meetingId)
    const politie = trackM(await connectMeeting(b(), await login(b(), DEMO.politie)))
    const wijkteam = trackM(await connectMeeting(b(), await login(b(), DEMO.wijkteam)))
    expect(await politie.join(meetingId)).toMatchObject({ ok: true })
    expect(await wijkteam.join(meetingId)).toMatchObject({ ok: true })
    const wijkteamId = await userIdOf(cluster.databaseUrl, DEMO.wijkteam)
    const seqBefore = (await wijkteam.until(() => true)).seq

    const t0 = performance.now()
    expect(await chair.command({ type: 'invite', meetingId, userIds: [wijkteamId] })).toEqual({ ok: true })
    await until(() => !politie.socket.connected, { timeoutMs: 1000, intervalMs: 5, message: 'politie meeting socket closed' })
    expect(performance.now() - t0).toBeLessThan(1000)
    expect(politie.ended).toEqual(['access changed'])
    // The invited member stays: the state after the invitation reaches them.
    await wijkteam.until((s) => s.seq > seqBefore)
    expect(wijkteam.socket.connected).toBe(true)
  })
})
