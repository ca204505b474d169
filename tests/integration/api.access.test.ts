/**
 * A login that holds, requests that cannot be forged from another site, membership the
 * case director manages, and what each ring is told: against a real node over HTTP.
 */
import { request } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CandidateDto, CaseDetailDto, CaseMemberDto, ErrorDto } from '../../shared/api/schemas'
import type { RunningServer } from '../../server/main'
import { makeCase } from '../helpers/cases'
import { api, DEMO, DEMO_PASSWORD, login } from '../helpers/clients'
import { createPgDatabase } from '../helpers/databases'
import { userIdOf } from '../helpers/dbInspect'
import { startNode } from '../helpers/nodes'

/** A request from a chosen loopback source address (another "machine" on this one). */
function postFrom(baseUrl: string, localAddress: string, path: string, body: unknown, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const url = new URL(path, baseUrl)
    const payload = JSON.stringify(body)
    const req = request({
      host: url.hostname, port: url.port, path: url.pathname, method: 'POST', localAddress,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...headers },
    }, (res) => {
      let text = ''
      res.on('data', (d: Buffer) => (text += d.toString()))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }))
    })
    req.on('error', reject)
    req.end(payload)
  })
}

describe('access over HTTP', () => {
  let node: RunningServer
  let drop: () => Promise<void>
  let dbUrl: string
  beforeAll(async () => {
    const db = await createPgDatabase()
    drop = db.drop
    dbUrl = db.url
    node = await startNode({ DATABASE_URL: db.url, METRICS_TOKEN: 'metrics-token-for-the-tests-0123456789' })
  })
  afterAll(async () => {
    await node.close()
    await drop()
  })

  it('refuses the right password after 40 parallel wrong ones from one source, with Retry-After, and lets the owner in from another source', async () => {
    const attempts = Array.from({ length: 40 }, (_, i) => postFrom(node.url, '127.0.0.1', '/api/session', { email: DEMO.wijkteam, password: `raden-${i}` }))
    const statuses = (await Promise.all(attempts)).map((r) => r.status)
    // Consumed before the hash: no more than the per-source allowance got to try at all.
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(8)
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(32)
    const right = await postFrom(node.url, '127.0.0.1', '/api/session', { email: DEMO.wijkteam, password: DEMO_PASSWORD })
    expect(right.status).toBe(429)
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(0)
    const elsewhere = await postFrom(node.url, '127.0.0.2', '/api/session', { email: DEMO.wijkteam, password: DEMO_PASSWORD })
    expect(elsewhere.status).toBe(200)
  })

  it('gives a new session id at every login and ends the one the browser had', async () => {
    const first = await login(node.url, DEMO.politie)
    const res = await fetch(`${node.url}/api/session`, {
      method: 'POST', headers: { 'content-type': 'application/json', cookie: first },
      body: JSON.stringify({ email: DEMO.politie, password: DEMO_PASSWORD }),
    })
    expect(res.status).toBe(200)
    const second = res.headers.get('set-cookie')!.split(';')[0]!
    expect(second).not.toBe(first)
    expect((await api(node.url, first, 'GET', '/api/me')).status).toBe(401)
    expect((await api(node.url, second, 'GET', '/api/me')).status).toBe(200)
  })

  it('refuses cross-site POST, PATCH and DELETE with the victim\'s cookie and changes nothing', async () => {
    const { caseId, chairCookie } = await makeCase(node.url, [{ email: DEMO.politie, ring: 'inner', role: 'member' }])
    const politieId = await userIdOf(dbUrl, DEMO.politie)
    const forged: Record<string, string>[] = [
      { origin: 'https://kwaadwillend.example' },
      { origin: 'null' },
      { 'sec-fetch-site': 'cross-site' },
    ]
    for (const headers of forged) {
      const send = (method: string, path: string, body?: unknown) => fetch(`${node.url}${path}`, {
        method, headers: { cookie: chairCookie, 'content-type': 'application/json', ...headers }, body: body === undefined ? undefined : JSON.stringify(body),
      })
      expect((await send('POST', `/api/cases/${caseId}/members`, { email: DEMO.school, ring: 'outer', role: 'member' })).status, JSON.stringify(headers)).toBe(403)
      expect((await send('POST', '/api/cases', { title: 'Vervalst' })).status).toBe(403)
      expect((await send('PATCH', `/api/cases/${caseId}/members/${politieId}`, { role: 'reader' })).status).toBe(403)
      expect((await send('DELETE', `/api/cases/${caseId}/members/${politieId}`)).status).toBe(403)
      expect((await send('DELETE', '/api/session')).status).toBe(403)
    }
    const detail = await api<CaseDetailDto>(node.url, chairCookie, 'GET', `/api/cases/${caseId}`)
    expect(detail.body.members.map((m) => [m.email, m.role])).toEqual(expect.arrayContaining([[DEMO.politie, 'member']]))
    expect(detail.body.members.some((m) => m.email === DEMO.school)).toBe(false)
    expect((await api(node.url, chairCookie, 'GET', '/api/me')).status).toBe(200)
    // The app's own origin passes.
    const own = await fetch(`${node.url}/api/cases/${caseId}/members`, {
      method: 'POST', headers: { cookie: chairCookie, 'content-type': 'application/json', origin: node.url },
      body: JSON.stringify({ email: DEMO.school, ring: 'outer', role: 'member' }),
    })
    expect(own.status).toBe(201)
  })

  it('lets the case director find, change and remove members, keeps the last case director, and tells the buitenring no member list', async () => {
    const { caseId, chairCookie } = await makeCase(node.url)
    const found = await api<CandidateDto[]>(node.url, chairCookie, 'GET', `/api/cases/${caseId}/candidates?q=vlinder`)
    expect(found.status).toBe(200)
    const school = found.body.find((c) => c.organisation.name === 'OBS De Vlinder')!
    expect(school).toMatchObject({ name: 'Joost Bakker', isMember: false })
    expect(JSON.stringify(found.body)).not.toContain('@')
    expect((await api(node.url, chairCookie, 'POST', `/api/cases/${caseId}/members`, { userId: school.userId, ring: 'outer', role: 'member' })).status).toBe(201)
    const changed = await api<CaseMemberDto>(node.url, chairCookie, 'PATCH', `/api/cases/${caseId}/members/${school.userId}`, { role: 'reader' })
    expect(changed.body).toMatchObject({ ring: 'outer', role: 'reader' })
    const schoolCookie = await login(node.url, DEMO.school)
    const seen = await api<CaseDetailDto>(node.url, schoolCookie, 'GET', `/api/cases/${caseId}`)
    expect(seen.body.members).toEqual([])
    expect(seen.body.abilities).toMatchObject({ canReadInner: false, planWritable: [], canManageMembers: false, canSeeMembers: false })
    expect((await api(node.url, schoolCookie, 'GET', `/api/cases/${caseId}/candidates?q=politie`)).status).toBe(403)
    expect((await api(node.url, schoolCookie, 'DELETE', `/api/cases/${caseId}/members/${school.userId}`)).status).toBe(403)
    const chairId = (await api<CaseDetailDto>(node.url, chairCookie, 'GET', `/api/cases/${caseId}`)).body.members.find((m) => m.isCaseDirector)!.userId
    const last = await api<ErrorDto>(node.url, chairCookie, 'DELETE', `/api/cases/${caseId}/members/${chairId}`)
    expect(last.status).toBe(409)
    expect((await api(node.url, chairCookie, 'DELETE', `/api/cases/${caseId}/members/${school.userId}`)).status).toBe(204)
    expect((await api(node.url, schoolCookie, 'GET', `/api/cases/${caseId}`)).status).toBe(403)
  })

  // The police rather than the wijkteam: the first test blocked the wijkteam's logins from this source.
  it('keeps a case director when two directors take the role from each other at the same moment', async () => {
    for (let trial = 0; trial < 5; trial++) {
      const { caseId, chairCookie } = await makeCase(node.url, [{ email: DEMO.politie, ring: 'inner', role: 'member' }])
      const politieId = await userIdOf(dbUrl, DEMO.politie)
      const chairId = await userIdOf(dbUrl, DEMO.chair)
      expect((await api(node.url, chairCookie, 'PATCH', `/api/cases/${caseId}/members/${politieId}`, { isCaseDirector: true })).status).toBe(200)
      const politie = await login(node.url, DEMO.politie)
      const [a, b] = await Promise.all([
        api(node.url, chairCookie, 'PATCH', `/api/cases/${caseId}/members/${politieId}`, { isCaseDirector: false }),
        api(node.url, politie, 'PATCH', `/api/cases/${caseId}/members/${chairId}`, { isCaseDirector: false }),
      ])
      // One wins; the other is refused: 409 (the count) or 403 (no longer a director by then).
      const statuses = [a.status, b.status].sort((x, y) => x - y)
      expect(statuses[0]).toBe(200)
      expect([403, 409]).toContain(statuses[1])
      const detail = await api<CaseDetailDto>(node.url, a.status === 200 ? chairCookie : politie, 'GET', `/api/cases/${caseId}`)
      expect(detail.body.members.filter((m) => m.isCaseDirector)).toHaveLength(1)
    }
  })

  it('serves /metrics to loopback and to the token holder, not through a proxy without the token', async () => {
    expect((await fetch(`${node.url}/metrics`)).status).toBe(200)
    expect((await fetch(`${node.url}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.9' } })).status).toBe(403)
    const withToken = await fetch(`${node.url}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.9', authorization: 'Bearer metrics-token-for-the-tests-0123456789' } })
    expect(withToken.status).toBe(200)
  })
})
