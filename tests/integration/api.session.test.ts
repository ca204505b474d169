/** The JSON API contract of issue 3: sessions, cases, members, health; bad input gets a clear 4xx. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CaseDetailDto, CaseSummaryDto, ErrorDto, MeDto } from '../../shared/api/schemas'
import type { RunningServer } from '../../server/main'
import { DEMO_CASE_ID } from '../../server/seed'
import { api, DEMO, login } from '../helpers/clients'
import { createPgDatabase } from '../helpers/databases'
import { startNode } from '../helpers/nodes'

let node: RunningServer
let drop: () => Promise<void>

beforeAll(async () => {
  const db = await createPgDatabase()
  drop = db.drop
  node = await startNode({ DATABASE_URL: db.url })
})
afterAll(async () => {
  await node.close()
  await drop()
})

describe('sessions', () => {
  it('logs in a demo user, sets an httpOnly SameSite cookie and answers /api/me', async () => {
    const res = await fetch(`${node.url}/api/session`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'Chair@Demo.test ', password: 'demo-demo-demo' }),
    })
    expect(res.status).toBe(200)
    const cookie = res.headers.get('set-cookie')!
    expect(cookie).toMatch(/HttpOnly/i)
    expect(cookie).toMatch(/SameSite=Lax/i)
    const me = await api<MeDto>(node.url, cookie.split(';')[0]!, 'GET', '/api/me')
    expect(me.status).toBe(200)
    expect(me.body.email).toBe('chair@demo.test')
    expect(me.body.organisation.name).toBe('Veilig Thuis Noordkust')
  })

  it('answers 401 with a clear message on a wrong password or unknown user', async () => {
    for (const email of [DEMO.chair, 'nobody@demo.test']) {
      const r = await api<ErrorDto>(node.url, null, 'POST', '/api/session', { email, password: 'wrong-password' })
      expect(r.status).toBe(401)
      expect(r.body.error).toEqual({ code: 'invalid_credentials', message: 'E-mail address or password is incorrect.' })
    }
  })

  it('answers 400 naming the field for a malformed body, and for broken JSON', async () => {
    const r = await api<ErrorDto>(node.url, null, 'POST', '/api/session', { email: 'not-an-address', password: 'x', extra: 1 })
    expect(r.status).toBe(400)
    expect(r.body.error.code).toBe('invalid_input')
    expect(r.body.error.message).toMatch(/email/)
    const broken = await api<ErrorDto>(node.url, null, 'POST', '/api/session', '{"email":')
    expect(broken.status).toBe(400)
    expect(broken.body.error.message).toBe('Request body is not valid JSON.')
  })

  it('ends the session on DELETE /api/session', async () => {
    const cookie = await login(node.url, DEMO.politie)
    expect((await api(node.url, cookie, 'DELETE', '/api/session')).status).toBe(204)
    expect((await api(node.url, cookie, 'GET', '/api/me')).status).toBe(401)
  })
})

describe('cases and members', () => {
  it('lists the demo case for each of the four demo users with their ring and role', async () => {
    const expected = { [DEMO.chair]: ['inner', 'chair'], [DEMO.politie]: ['inner', 'member'], [DEMO.school]: ['outer', 'member'], [DEMO.reader]: ['inner', 'reader'] }
    for (const [email, [ring, role]] of Object.entries(expected)) {
      const cases = await api<CaseSummaryDto[]>(node.url, await login(node.url, email), 'GET', '/api/cases')
      const demo = cases.body.find((c) => c.id === DEMO_CASE_ID)
      expect(demo, email).toMatchObject({ ring, role })
    }
  })

  it('creates a case whose only member is its creator, as inner-ring case director', async () => {
    const wijkteam = await login(node.url, DEMO.wijkteam)
    const created = await api<{ id: string }>(node.url, wijkteam, 'POST', '/api/cases', { title: 'Gezin B.' })
    expect(created.status).toBe(201)
    const detail = await api<CaseDetailDto>(node.url, wijkteam, 'GET', `/api/cases/${created.body.id}`)
    expect(detail.body.members.map((m) => [m.email, m.ring, m.isCaseDirector])).toEqual([[DEMO.wijkteam, 'inner', true]])
    expect(detail.body.abilities).toMatchObject({ canManageMembers: true, canReadInner: true, canSeeMembers: true })
    const chair = await login(node.url, DEMO.chair)
    expect((await api(node.url, chair, 'GET', `/api/cases/${created.body.id}`)).status).toBe(403)
  })

  it('lets only partners who register cases create one: not the school, the police, a reader or the privacy officer', async () => {
    for (const email of [DEMO.school, DEMO.politie, DEMO.reader, 'privacy@demo.test']) {
      const cookie = await login(node.url, email)
      const r = await api<ErrorDto>(node.url, cookie, 'POST', '/api/cases', { title: 'Dringend: nieuwe melding' })
      expect(r.status, email).toBe(403)
    }
    const chair = await login(node.url, DEMO.chair)
    const mine = await api<CaseSummaryDto[]>(node.url, chair, 'GET', '/api/cases')
    expect(mine.body.some((c) => c.title.startsWith('Dringend'))).toBe(false)
  })

  it('lets only the case director add members, and only existing users', async () => {
    const director = await login(node.url, DEMO.wijkteam)
    const { body } = await api<{ id: string }>(node.url, director, 'POST', '/api/cases', { title: 'Gezin K.' })
    const add = (cookie: string, payload: unknown) => api<ErrorDto>(node.url, cookie, 'POST', `/api/cases/${body.id}/members`, payload)
    expect((await add(director, { email: DEMO.school, ring: 'outer', role: 'member' })).status).toBe(201)
    const school = await login(node.url, DEMO.school)
    expect((await add(school, { email: DEMO.reader, ring: 'inner', role: 'reader' })).status).toBe(403)
    const ghost = await add(director, { email: 'ghost@demo.test', ring: 'inner', role: 'member' })
    expect(ghost.status).toBe(404)
    // The same answer for an address that has no account: the route is no directory.
    expect(ghost.body.error.message).not.toMatch(/ghost/)
    const bad = await add(director, { email: DEMO.reader, ring: 'middle', role: 'member' })
    expect(bad.status).toBe(400)
    expect(bad.body.error.message).toMatch(/ring/)
    const cases = await api<CaseSummaryDto[]>(node.url, school, 'GET', '/api/cases')
    expect(cases.body.find((c) => c.id === body.id)).toMatchObject({ ring: 'outer', role: 'member' })
  })

  it('answers 401 without a session, 400 for a malformed id, 404 JSON for unknown API paths', async () => {
    expect((await api(node.url, null, 'GET', '/api/cases')).status).toBe(401)
    const chair = await login(node.url, DEMO.chair)
    const r = await api<ErrorDto>(node.url, chair, 'GET', '/api/cases/not-a-uuid')
    expect(r.status).toBe(400)
    expect(r.body.error.message).toMatch(/case id/)
    expect((await api<ErrorDto>(node.url, chair, 'GET', '/api/nothing-here')).body.error.code).toBe('not_found')
  })
})

describe('health', () => {
  it('reports database and bus status on /healthz', async () => {
    const r = await api<{ status: string; database: { kind: string; ok: boolean }; bus: { kind: string; ok: boolean } }>(node.url, null, 'GET', '/healthz')
    expect(r.status).toBe(200)
    expect(r.body).toMatchObject({ status: 'ok', database: { kind: 'pg', ok: true }, bus: { kind: 'memory', ok: true } })
  })
})

describe('brute force', () => {
  it('blocks an account from one source after 8 attempts, even with the right password, and says when to retry', async () => {
    const wrong = await Promise.all(Array.from({ length: 8 }, (_, i) => api(node.url, null, 'POST', '/api/session', { email: DEMO.reader, password: `wrong-${i}` })))
    expect(wrong.map((r) => r.status)).toEqual(Array(8).fill(401))
    const res = await fetch(`${node.url}/api/session`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: DEMO.reader, password: 'demo-demo-demo' }),
    })
    expect(res.status).toBe(429)
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(60)
    expect(((await res.json()) as ErrorDto).error.code).toBe('rate_limited')
  })
})
