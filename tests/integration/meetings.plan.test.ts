/**
 * What a meeting does to the plan and to access, over two nodes with real Redis and
 * PostgreSQL: an admitted buitenring partner loses meeting and document access on both
 * nodes within a second when their item ends; a section lock refuses other writers on the
 * server (and the pen lets one through); decisions and actions recorded in the meeting
 * are in the plan document on both nodes and in PostgreSQL; closing adopts a version.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addAgreement, listActions, listDecisionMandates, listDecisions } from '../../shared/plan'
import { CloseCode } from '../../shared/protocol/closeCodes'
import { caseDocName } from '../../shared/protocol/docName'
import { makeCase } from '../helpers/cases'
import { api, connectDoc, DEMO, login, synced, type DocClient } from '../helpers/clients'
import { startCluster, type Cluster } from '../helpers/clusters'
import { isCommittedInUpdateLog, userIdOf } from '../helpers/dbInspect'
import { connectMeeting, makeMeeting, type MeetingClient } from '../helpers/meetingClients'
import { until } from '../helpers/until'

const today = new Date().toISOString().slice(0, 10)

describe('meetings and the plan across two nodes', () => {
  let cluster: Cluster
  let caseId: string
  let chairCookie: string
  let politieCookie: string
  const meetings: MeetingClient[] = []
  const docs: DocClient[] = []
  const trackM = (c: MeetingClient) => (meetings.push(c), c)
  const trackD = (c: DocClient) => (docs.push(c), c)
  const a = () => cluster.nodes[0]!.url
  const b = () => cluster.nodes[1]!.url

  beforeAll(async () => {
    cluster = await startCluster(2)
    const made = await makeCase(a(), [{ email: DEMO.politie, ring: 'inner', role: 'member' }])
    caseId = made.caseId
    chairCookie = made.chairCookie
    politieCookie = await login(b(), DEMO.politie)
  })
  afterAll(async () => {
    for (const c of meetings) c.close()
    for (const d of docs) d.destroy()
    await cluster.close()
  })

  it('ends an admitted partner\'s meeting and document access on both nodes within a second when their item ends', async () => {
    const meetingId = await makeMeeting(a(), chairCookie, caseId, 'mda')
    const chair = trackM(await connectMeeting(a(), chairCookie))
    await chair.join(meetingId)
    const agenda = chair.latest()!.agenda
    const agreementsItem = agenda.find((i) => i.kind === 'agreements')!
    const factsItem = agenda.find((i) => i.kind === 'facts')!
    const schoolId = await userIdOf(cluster.databaseUrl, DEMO.school)
    // An item that shows binnenring sections cannot admit the buitenring.
    const refused = await chair.command({ type: 'admit', meetingId, userId: schoolId, itemIds: [factsItem.id] })
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
    expect(await chair.command({ type: 'admit', meetingId, userId: schoolId, itemIds: [agreementsItem.id] })).toEqual({ ok: true })
    const schoolCookie = await login(b(), DEMO.school)
    const early = trackM(await connectMeeting(b(), schoolCookie))
    expect(await early.join(meetingId)).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    // Not a member: no plan document before the item.
    const before = trackD(connectDoc(b(), schoolCookie, caseDocName(caseId, 'plan')))
    await until(() => before.closes.some((c) => c.code === CloseCode.Forbidden), { message: 'plan refused before admission' })
    before.destroy()

    await chair.command({ type: 'goto', meetingId, itemId: agreementsItem.id })
    const school = trackM(await connectMeeting(b(), schoolCookie))
    expect(await school.join(meetingId)).toMatchObject({ ok: true })
    const planOnA = trackD(connectDoc(a(), schoolCookie, caseDocName(caseId, 'plan')))
    const planOnB = trackD(connectDoc(b(), schoolCookie, caseDocName(caseId, 'plan')))
    await Promise.all([synced(planOnA), synced(planOnB)])
    const inner = trackD(connectDoc(a(), schoolCookie, caseDocName(caseId, 'inner')))
    await until(() => inner.closes.some((c) => c.code === CloseCode.Forbidden), { message: 'inner refused' })
    inner.destroy()

    const t0 = performance.now()
    expect(await chair.command({ type: 'goto', meetingId, itemId: agenda.find((i) => i.kind === 'actions')!.id })).toEqual({ ok: true })
    await until(() => !school.socket.connected, { timeoutMs: 1000, intervalMs: 5, message: 'meeting socket closed' })
    await until(() => planOnA.closes.some((c) => c.code === CloseCode.AccessRevoked), { timeoutMs: 1000, intervalMs: 5, message: 'plan on A closed' })
    await until(() => planOnB.closes.some((c) => c.code === CloseCode.AccessRevoked), { timeoutMs: 1000, intervalMs: 5, message: 'plan on B closed' })
    expect(performance.now() - t0).toBeLessThan(1000)
    expect(school.ended).toEqual(['agenda item ended'])
    // And they stay out.
    school.close()
    const again = trackM(await connectMeeting(a(), schoolCookie))
    expect(await again.join(meetingId)).toMatchObject({ ok: false, error: { code: 'forbidden' } })
  })

  it('refuses other participants\' writes to a locked section on the server, and lets the pen holder write', async () => {
    const meetingId = await makeMeeting(a(), chairCookie, caseId, 'mda')
    const chair = trackM(await connectMeeting(a(), chairCookie))
    const politie = trackM(await connectMeeting(b(), politieCookie))
    await chair.join(meetingId)
    await politie.join(meetingId)
    const item = chair.latest()!.agenda.find((i) => i.kind === 'agreements')!
    await chair.command({ type: 'goto', meetingId, itemId: item.id })
    expect(await chair.command({ type: 'lock', meetingId, section: 'agreements' })).toEqual({ ok: true })
    await politie.until((s) => s.locks.some((l) => l.section === 'agreements'))

    const politieDoc = trackD(connectDoc(b(), politieCookie, caseDocName(caseId, 'plan')))
    await synced(politieDoc)
    const who = { name: 'Ruben Smit', organisation: 'Politie Eenheid Noordkust' }
    addAgreement(politieDoc.doc, { text: 'LOCKED-WRITE-3381', boundParties: ['vader'], checkedBy: 'Politie', startDate: today }, who)
    await until(() => politieDoc.closes.some((c) => c.code === CloseCode.UpdateRefused), { message: 'write refused' })
    expect(await isCommittedInUpdateLog(cluster.databaseUrl, 'LOCKED-WRITE-3381')).toBe(false)
    politieDoc.destroy()

    // The pen for the section: now the politie writes, and it is stored.
    const politieId = await userIdOf(cluster.databaseUrl, DEMO.politie)
    expect(await chair.command({ type: 'pen', meetingId, section: 'agreements', userId: politieId })).toEqual({ ok: true })
    await politie.until((s) => s.locks.some((l) => l.holderId === politieId))
    const withPen = trackD(connectDoc(b(), politieCookie, caseDocName(caseId, 'plan')))
    await synced(withPen)
    addAgreement(withPen.doc, { text: 'PEN-WRITE-5527', boundParties: ['vader'], checkedBy: 'Politie', startDate: today }, who)
    await until(() => isCommittedInUpdateLog(cluster.databaseUrl, 'PEN-WRITE-5527'), { message: 'pen write stored' })
    expect(withPen.closes).toEqual([])
    // The lock ends with its item.
    await chair.command({ type: 'goto', meetingId, itemId: chair.latest()!.agenda.find((i) => i.kind === 'actions')!.id })
    expect((await chair.until((s) => s.locks.length === 0)).locks).toEqual([])
  })

  it('writes decisions and actions recorded in the meeting into the plan on both nodes and in PostgreSQL, and closing adopts a version', async () => {
    const meetingId = await makeMeeting(a(), chairCookie, caseId, 'mda')
    const chair = trackM(await connectMeeting(a(), chairCookie))
    await chair.join(meetingId)
    const politieId = await userIdOf(cluster.databaseUrl, DEMO.politie)
    await chair.command({ type: 'attendance', meetingId, userId: politieId, present: true, mandate: true })
    const onA = trackD(connectDoc(a(), chairCookie, caseDocName(caseId, 'plan')))
    const onB = trackD(connectDoc(b(), politieCookie, caseDocName(caseId, 'plan')))
    await Promise.all([synced(onA), synced(onB)])
    const decided = await chair.command({
      type: 'decision', meetingId, text: 'BESLUIT-huisverbod-verlengen-9012', decisionType: 'criminal-route',
      dissent: [{ organisation: 'Wijkteam Havenstad', reason: 'Liever eerst een netwerkberaad' }],
    })
    expect(decided).toEqual({ ok: true })
    expect(await chair.command({
      type: 'action', meetingId, what: 'ACTIE-huisbezoek-4471', ownerOrganisation: 'Politie Eenheid Noordkust', due: today, resultKey: 'direct-safety',
    })).toEqual({ ok: true })
    // A write the plan refuses leaves the meeting unchanged.
    const bad = await chair.command({ type: 'action', meetingId, what: 'x', ownerOrganisation: 'Politie', due: today, goalId: '00000000-0000-4000-8000-000000000000' })
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } })

    for (const c of [onA, onB]) {
      await until(() => listDecisions(c.doc).some((d) => d.text === 'BESLUIT-huisverbod-verlengen-9012'), { message: 'decision arrives' })
      await until(() => listActions(c.doc).some((x) => x.what === 'ACTIE-huisbezoek-4471'), { message: 'action arrives' })
    }
    const decision = listDecisions(onB.doc).find((d) => d.text.startsWith('BESLUIT'))!
    // Who sat at the table is binnenring information: the plan decision names nobody, the inner document does.
    expect(decision).toMatchObject({
      author: 'Anouk de Wit', organisation: 'Veilig Thuis Noordkust', meetingId, chair: 'Anouk de Wit', type: 'criminal-route',
      mandatedPresent: [], dissent: [],
    })
    const inner = trackD(connectDoc(b(), politieCookie, caseDocName(caseId, 'inner')))
    await synced(inner)
    await until(() => listDecisionMandates(inner.doc).some((m) => m.decisionId === decision.id), { message: 'mandate record arrives' })
    expect(listDecisionMandates(inner.doc).find((m) => m.decisionId === decision.id)).toMatchObject({
      mandatedPresent: ['Ruben Smit (Politie Eenheid Noordkust)'], dissent: [{ organisation: 'Wijkteam Havenstad', reason: 'Liever eerst een netwerkberaad' }],
    })
    expect(await isCommittedInUpdateLog(cluster.databaseUrl, 'BESLUIT-huisverbod-verlengen-9012')).toBe(true)
    expect(await isCommittedInUpdateLog(cluster.databaseUrl, 'ACTIE-huisbezoek-4471')).toBe(true)
    const state = chair.latest()!
    expect(state.records.map((r) => [r.kind, r.planItemId])).toEqual([['decision', decision.id], ['action', listActions(onA.doc).find((x) => x.what.startsWith('ACTIE'))!.id]])

    const closed = await api<{ ok: boolean; version: number }>(a(), chairCookie, 'POST', `/api/meetings/${meetingId}/close`)
    expect(closed.status).toBe(200)
    expect(closed.body.ok).toBe(true)
    const version = await api<{ plan: { decisions: { text: string }[] }; meetingId: string }>(b(), politieCookie, 'GET', `/api/cases/${caseId}/versions/${closed.body.version}`)
    expect(version.body.meetingId).toBe(meetingId)
    expect(version.body.plan.decisions.map((d) => d.text)).toContain('BESLUIT-huisverbod-verlengen-9012')
    const final = await chair.until((s) => s.status === 'closed' && s.version === closed.body.version)
    expect(final.locks).toEqual([])
    expect(await chair.command({ type: 'goto', meetingId, itemId: final.agenda[0]!.id })).toMatchObject({ ok: false, error: { code: 'conflict' } })
  })

  it('disconnects a removed member\'s meeting socket on the other node within a second, and at logout', async () => {
    const { caseId: ownCase, chairCookie: ownChair } = await makeCase(a(), [{ email: DEMO.wijkteam, ring: 'inner', role: 'member' }])
    const meetingId = await makeMeeting(a(), ownChair, ownCase, 'mda')
    const wijkteamCookie = await login(b(), DEMO.wijkteam)
    const wijkteam = trackM(await connectMeeting(b(), wijkteamCookie))
    expect((await wijkteam.join(meetingId)).ok).toBe(true)
    const wijkteamId = await userIdOf(cluster.databaseUrl, DEMO.wijkteam)
    const t0 = performance.now()
    expect((await api(a(), ownChair, 'DELETE', `/api/cases/${ownCase}/members/${wijkteamId}`)).status).toBe(204)
    await until(() => !wijkteam.socket.connected, { timeoutMs: 1000, intervalMs: 5, message: 'meeting socket closed' })
    expect(performance.now() - t0).toBeLessThan(1000)
    expect(wijkteam.ended).toEqual(['access changed'])

    const chairOnB = await login(b(), DEMO.chair)
    const chair = trackM(await connectMeeting(b(), chairOnB))
    expect((await chair.join(meetingId)).ok).toBe(true)
    expect((await api(a(), chairOnB, 'DELETE', '/api/session')).status).toBe(204)
    await until(() => !chair.socket.connected, { timeoutMs: 1000, intervalMs: 5, message: 'meeting socket closed at logout' })
  })
})
