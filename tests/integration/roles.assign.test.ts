/**
 * Roles are checked when they are given (issue 18 item 6), against the rules that decide
 * access (server/access/roleRules.ts): the privacy officer is never a case member; the
 * buitenring is never chair nor case director; a meeting's deputy chair is a binnenring
 * member who may chair, and someone moved out of the binnenring no longer chairs over the
 * socket. Valid assignments still work. Real PostgreSQL and Redis.
 */
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CloseCode } from '../../shared/protocol/closeCodes'
import { caseDocName } from '../../shared/protocol/docName'
import { makeCase } from '../helpers/cases'
import { api, connectDoc, DEMO, login } from '../helpers/clients'
import { startCluster, type Cluster } from '../helpers/clusters'
import { userIdOf } from '../helpers/dbInspect'
import { connectMeeting, type MeetingClient } from '../helpers/meetingClients'
import { until } from '../helpers/until'

const PRIVACY = 'privacy@demo.test'

describe('role assignments', () => {
  let cluster: Cluster
  const meetings: MeetingClient[] = []
  const url = () => cluster.nodes[0]!.url
  const id = (email: string) => userIdOf(cluster.databaseUrl, email)

  beforeAll(async () => {
    cluster = await startCluster(1)
  })
  afterAll(async () => {
    for (const c of meetings) c.close()
    await cluster.close()
  })

  it('refuses the privacy officer as a member and the buitenring as chair or case director, and keeps valid assignments working', async () => {
    const { caseId, chairCookie } = await makeCase(url())
    const add = (body: object) => api<{ error?: { code: string; message: string } }>(url(), chairCookie, 'POST', `/api/cases/${caseId}/members`, body)
    const patch = (userId: string, body: object) => api<{ error?: { code: string } }>(url(), chairCookie, 'PATCH', `/api/cases/${caseId}/members/${userId}`, body)
    const privacyId = await id(PRIVACY)
    const schoolId = await id(DEMO.school)

    for (const role of ['reader', 'member', 'chair']) {
      const byEmail = await add({ email: PRIVACY, ring: 'inner', role })
      expect(byEmail).toMatchObject({ status: 422, body: { error: { code: 'invalid_input' } } })
      expect(byEmail.body.error!.message).toMatch(/privacy officer/)
      expect(await add({ userId: privacyId, ring: 'outer', role })).toMatchObject({ status: 422 })
    }
    // Never a member: the privacy officer reads no case and no plan.
    expect((await api(url(), await login(url(), PRIVACY), 'GET', `/api/cases/${caseId}`)).status).toBe(403)

    expect(await add({ email: DEMO.school, ring: 'outer', role: 'chair' })).toMatchObject({ status: 422, body: { error: { code: 'invalid_input' } } })
    expect((await add({ email: DEMO.school, ring: 'outer', role: 'member' })).status).toBe(201)
    expect(await patch(schoolId, { isCaseDirector: true })).toMatchObject({ status: 422 })
    expect(await patch(schoolId, { role: 'chair' })).toMatchObject({ status: 422 })
    // Into the binnenring and chair together is fine; back out while still chair is not.
    expect((await patch(schoolId, { ring: 'inner', role: 'chair' })).status).toBe(200)
    expect(await patch(schoolId, { ring: 'outer' })).toMatchObject({ status: 422 })
    expect((await patch(schoolId, { ring: 'outer', role: 'member' })).status).toBe(200)
    const school = await api<{ role: string; ring: string }>(url(), await login(url(), DEMO.school), 'GET', `/api/cases/${caseId}`)
    expect(school.body).toMatchObject({ ring: 'outer', role: 'member' })

    // Valid assignments: a binnenring chair made case director, a binnenring reader.
    expect((await add({ email: DEMO.politie, ring: 'inner', role: 'chair' })).status).toBe(201)
    expect((await patch(await id(DEMO.politie), { isCaseDirector: true })).status).toBe(200)
    expect((await add({ email: DEMO.reader, ring: 'inner', role: 'reader' })).status).toBe(201)
  })

  it('accepts only a binnenring member who may chair as deputy chair, and a deputy moved to the buitenring no longer chairs', async () => {
    const { caseId, chairCookie } = await makeCase(url(), [
      { email: DEMO.school, ring: 'outer', role: 'member' },
      { email: DEMO.politie, ring: 'inner', role: 'member' },
      { email: DEMO.reader, ring: 'inner', role: 'reader' },
      { email: DEMO.wijkteam, ring: 'inner', role: 'chair' },
    ])
    const create = (body: object) => api<{ id: string; error?: { code: string } }>(url(), chairCookie, 'POST', `/api/cases/${caseId}/meetings`, { format: 'gesprek', ...body })
    for (const email of [DEMO.school, DEMO.politie, DEMO.reader, PRIVACY]) {
      expect(await create({ deputyChairId: await id(email) }), email).toMatchObject({ status: 400, body: { error: { code: 'invalid_input' } } })
    }
    const wijkteamId = await id(DEMO.wijkteam)
    const made = await create({ deputyChairId: wijkteamId.toUpperCase(), invited: [wijkteamId] })
    expect(made.status).toBe(201)
    const meetingId = made.body.id
    const wijkteamCookie = await login(url(), DEMO.wijkteam)
    // The deputy chairs: starts the meeting.
    expect((await api(url(), wijkteamCookie, 'POST', `/api/meetings/${meetingId}/start`)).status).toBe(200)

    // Moved to the buitenring (as a member: valid), still invited by name outside MDA++:
    // they follow the meeting, but every chair command over the socket is refused.
    expect((await api(url(), chairCookie, 'PATCH', `/api/cases/${caseId}/members/${wijkteamId}`, { ring: 'outer', role: 'member' })).status).toBe(200)
    const deputy = await connectMeeting(url(), wijkteamCookie)
    meetings.push(deputy)
    expect(await deputy.join(meetingId)).toMatchObject({ ok: true })
    const agenda = deputy.latest()!.agenda
    expect(deputy.latest()!.me.isChair).toBe(false)
    expect(await deputy.command({ type: 'goto', meetingId, itemId: agenda[1]!.id })).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(await deputy.command({ type: 'close', meetingId })).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    const chair = await connectMeeting(url(), chairCookie)
    meetings.push(chair)
    expect(await chair.join(meetingId)).toMatchObject({ ok: true })
    expect(chair.latest()!.status).toBe('live')
    expect(chair.latest()!.currentItemId).toBe(agenda[0]!.id)
  })

  it('gives nothing to memberships stored before roles were checked: a privacy officer in the binnenring, a buitenring case director', async () => {
    const { caseId } = await makeCase(url())
    const c = new pg.Client({ connectionString: cluster.databaseUrl })
    await c.connect()
    try {
      const rows: [string, string, string, boolean][] = [[PRIVACY, 'inner', 'chair', true], [DEMO.school, 'outer', 'chair', true]]
      for (const [email, ring, role, director] of rows) {
        await c.query(
          `INSERT INTO case_members (case_id, user_id, ring, role, is_case_director, added_by)
           SELECT $1, u.id, $3, $4, $5, u.id FROM users u WHERE u.email = $2`, [caseId, email, ring, role, director],
        )
      }
    } finally {
      await c.end()
    }
    const privacy = await login(url(), PRIVACY)
    expect((await api(url(), privacy, 'GET', `/api/cases/${caseId}`)).status).toBe(403)
    expect((await api<unknown[]>(url(), privacy, 'GET', '/api/cases')).body).toEqual([])
    const plan = connectDoc(url(), privacy, caseDocName(caseId, 'inner'))
    try {
      await until(() => plan.closes.some((x) => x.code === CloseCode.Forbidden), { message: 'inner document refused to the privacy officer' })
    } finally {
      plan.destroy()
    }
    const school = await login(url(), DEMO.school)
    const detail = await api<{ isCaseDirector: boolean; abilities: { canManageMembers: boolean; canRunMeetings: boolean } }>(url(), school, 'GET', `/api/cases/${caseId}`)
    expect(detail.body).toMatchObject({ isCaseDirector: false, abilities: { canManageMembers: false, canRunMeetings: false } })
    expect((await api(url(), school, 'POST', `/api/cases/${caseId}/members`, { email: DEMO.politie, ring: 'inner', role: 'member' })).status).toBe(403)
    expect((await api(url(), school, 'POST', `/api/cases/${caseId}/meetings`, { format: 'gesprek' })).status).toBe(403)
  })
})
