/**
 * Every REST route and every meeting socket event against the input classes of issue 18
 * item 9, on one node with real PostgreSQL and the real socket.io-client:
 * - text with NUL or a lone surrogate in any body field, query or path parameter: a 4xx,
 *   for text fields a 400 naming the field and saying why, never a 5xx, and nothing
 *   changed (the marker: the same reads answer the same afterwards);
 * - ids in upper (or mixed) case: the same answer as in lower case, and `invited`,
 *   `deputyChairId`, `join` and commands match the stored ids.
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CaseDetailDto, ErrorDto } from '../../shared/api/schemas'
import type { MeetingAck, MeetingCommandInput } from '../../shared/meetings/schemas'
import type { MeetingState } from '../../shared/meetings/state'
import { UNSAFE_TEXT_MESSAGE } from '../../shared/text'
import type { RunningServer } from '../../server/main'
import { makeCase } from '../helpers/cases'
import { api, DEMO, login } from '../helpers/clients'
import { createPgDatabase } from '../helpers/databases'
import { connectMeeting, makeMeeting, type MeetingClient } from '../helpers/meetingClients'
import { startNode } from '../helpers/nodes'
import { caseVariantOf, unsafeText } from '../helpers/oddInput'

/** Runs per property: enough to hit every route several times, small enough for a CI minute. */
const RUNS = Number(process.env.ODD_INPUT_RUNS ?? 60)

let node: RunningServer
let drop: () => Promise<void>
let url: string
let chair: string
let ids: { case: string; meeting: string; user: string; item: string; notice: string }

/** A path with NUL and lone surrogates as a careless client would send them: NUL as %00, a surrogate as its CESU-8 bytes. */
function encodeOdd(s: string): string {
  return [...s].map((c) => {
    const code = c.charCodeAt(0)
    if (c.length === 1 && code >= 0xd800 && code <= 0xdfff) {
      return [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join('')
    }
    return encodeURIComponent(c)
  }).join('')
}

interface Route {
  method: string
  /** With :case, :meeting, :user, :item, :notice, :n placeholders. */
  path: string
  /** A body with `text` in every free-text field, or none. */
  body?: (text: string) => unknown
  /** Reads only: safe to call with any id variant. */
  read?: boolean
}

const ROUTES: Route[] = [
  { method: 'GET', path: '/api/cases/:case', read: true },
  { method: 'POST', path: '/api/cases', body: (t) => ({ title: t }) },
  { method: 'GET', path: '/api/cases/:case/candidates?q=:text', read: true },
  { method: 'POST', path: '/api/cases/:case/members', body: (t) => ({ email: t, ring: 'inner', role: 'member' }) },
  { method: 'PATCH', path: '/api/cases/:case/members/:user', body: (t) => ({ ring: t }) },
  { method: 'DELETE', path: '/api/cases/:case/members/:item' },
  { method: 'GET', path: '/api/cases/:case/plan', read: true },
  { method: 'GET', path: '/api/cases/:case/items/actions/:item/history', read: true },
  { method: 'POST', path: '/api/cases/:case/items/actions/:item/purge' },
  { method: 'POST', path: '/api/cases/:case/meetings', body: (t) => ({ format: 'mda', title: t }) },
  { method: 'GET', path: '/api/cases/:case/meetings', read: true },
  { method: 'GET', path: '/api/meetings/:meeting', read: true },
  { method: 'GET', path: '/api/meetings/:meeting/terugblik', read: true },
  { method: 'GET', path: '/api/cases/:case/versions', read: true },
  { method: 'GET', path: '/api/cases/:case/versions/:n', read: true },
  { method: 'GET', path: '/api/cases/:case/versions/:n/diff', read: true },
  { method: 'GET', path: '/api/cases/:case/versions/:n/acks', read: true },
  { method: 'POST', path: '/api/cases/:case/versions/:n/ack', body: (t) => ({ objection: t }) },
  { method: 'POST', path: '/api/inbox/:notice/read' },
  { method: 'POST', path: '/api/session', body: (t) => ({ email: `${t}@demo.test`, password: t }) },
]

function fill(path: string, values: Partial<Record<string, string>>): string {
  return path.replace(/:(case|meeting|user|item|notice|n|text)\b/g, (_m, k: string) => values[k] ?? { ...ids, n: '1', text: 'xx' }[k as keyof typeof ids]!)
}

/** Reads whose answers must not change while the odd input is sent. */
async function snapshot() {
  const reads = ['/api/cases', `/api/cases/${ids.case}`, `/api/meetings/${ids.meeting}`, `/api/cases/${ids.case}/versions`, `/api/cases/${ids.case}/plan`]
  const out: unknown[] = []
  for (const r of reads) out.push(await api(url, chair, 'GET', r))
  return withoutClock(out)
}

/** A JSON answer without the fields that change by themselves (the server's clock). */
function withoutClock(body: unknown): string {
  return JSON.stringify(body).replace(/"(serverNow|lastSeenAt)":[^,}]+/g, '')
}

beforeAll(async () => {
  const db = await createPgDatabase()
  drop = db.drop
  node = await startNode({ DATABASE_URL: db.url })
  url = node.url
  const made = await makeCase(url, [{ email: DEMO.politie, ring: 'inner', role: 'chair' }, { email: DEMO.wijkteam, ring: 'inner', role: 'member' }])
  chair = made.chairCookie
  const detail = (await api<CaseDetailDto>(url, chair, 'GET', `/api/cases/${made.caseId}`)).body
  const politie = detail.members.find((m) => m.email === DEMO.politie)!.userId
  const meeting = await makeMeeting(url, chair, made.caseId, 'mda')
  expect((await api(url, chair, 'POST', `/api/cases/${made.caseId}/versions`)).status).toBe(201)
  ids = { case: made.caseId, meeting, user: politie, item: '6f9619ff-8b86-4011-b42d-00c04fc964ff', notice: '6f9619ff-8b86-4011-b42d-00c04fc964fe' }
})
afterAll(async () => {
  await node?.close()
  await drop()
})

describe('REST routes with odd input', () => {
  it('answers text with NUL or a lone surrogate in any body field or query with a 400 that says why, and changes nothing', async () => {
    const before = await snapshot()
    const textRoutes = ROUTES.filter((r) => r.body || r.path.includes(':text'))
    await fc.assert(fc.asyncProperty(fc.constantFrom(...textRoutes), unsafeText(), async (route, text) => {
      const path = fill(route.path, { text: encodeOdd(text) })
      const r = await api<ErrorDto>(url, chair, route.method, path, route.body?.(text))
      // In a query a lone surrogate's bytes do not decode: the text stays as sent (%ED%A0%80), harmless.
      if (!route.body && !text.includes('\u0000')) return void expect(r.status).toBeLessThan(500)
      expect(r.status, `${route.method} ${route.path}`).toBe(400)
      expect(r.body.error.code).toBe('invalid_input')
      // The enum field names what it accepts; every text field says why.
      if (!route.path.endsWith('/members/:user')) expect(r.body.error.message).toContain(UNSAFE_TEXT_MESSAGE)
    }), { numRuns: RUNS })
    expect(await snapshot()).toBe(before)
  })

  it('answers NUL, lone surrogates and broken escapes in any path parameter with a 4xx, never a 5xx', async () => {
    const before = await snapshot()
    const withParams = ROUTES.filter((r) => /:(case|meeting|user|item|notice|n)\b/.test(r.path))
    const oddParam = fc.oneof(unsafeText().map(encodeOdd), fc.constantFrom('%00', '%ED%A0%80', '%E0%A4%A', '%', `${ids.case}%00`))
    // A parameter the route has: every request below carries odd input, none is a real change.
    const routeAndKey = fc.constantFrom(...withParams).chain((route) =>
      fc.constantFrom(...[...route.path.matchAll(/:(case|meeting|user|item|notice|n)\b/g)].map((m) => m[1]!)).map((key) => [route, key] as const))
    await fc.assert(fc.asyncProperty(routeAndKey, oddParam, async ([route, key], odd) => {
      const r = await api<ErrorDto>(url, chair, route.method, fill(route.path, { [key]: odd }), route.body?.('Gezin T.'))
      expect(r.status, `${route.method} ${route.path} with ${key}=${odd}`).toBeLessThan(500)
    }), { numRuns: RUNS })
    expect(await snapshot()).toBe(before)
  })

  it('reads the same with upper- or mixed-case ids as with lower-case ones', async () => {
    const reads = ROUTES.filter((r) => r.read)
    await fc.assert(fc.asyncProperty(fc.constantFrom(...reads), caseVariantOf(ids.case), caseVariantOf(ids.meeting), async (route, caseVariant, meetingVariant) => {
      const lower = await api(url, chair, route.method, fill(route.path, {}))
      const other = await api(url, chair, route.method, fill(route.path, { case: caseVariant, meeting: meetingVariant }))
      expect(other.status, `${route.path} with ${caseVariant}`).toBe(lower.status)
      expect(withoutClock(other.body)).toBe(withoutClock(lower.body))
    }), { numRuns: Math.min(RUNS, 30) })
    expect((await api(url, chair, 'GET', `/api/cases/${ids.case.toUpperCase()}/plan`)).status).toBe(200)
  })

  it('stores upper-case deputyChairId and invited ids as the ids they name, and changes members through an upper-case user id', async () => {
    const made = await api<{ id: string }>(url, chair, 'POST', `/api/cases/${ids.case.toUpperCase()}/meetings`, {
      format: 'gesprek', deputyChairId: ids.user.toUpperCase(), invited: [ids.user.toUpperCase()],
    })
    expect(made.status, JSON.stringify(made.body)).toBe(201)
    const meeting = (await api<MeetingState>(url, chair, 'GET', `/api/meetings/${made.body.id.toUpperCase()}`)).body
    expect(meeting).toMatchObject({ id: made.body.id, deputyChairId: ids.user, invited: [ids.user] })
    expect((await api(url, chair, 'PATCH', `/api/cases/${ids.case}/members/${ids.user.toUpperCase()}`, { role: 'member' })).status).toBe(200)
    const members = (await api<CaseDetailDto>(url, chair, 'GET', `/api/cases/${ids.case}`)).body.members
    expect(members.find((x) => x.userId === ids.user)!.role).toBe('member')
  })
})

describe('meeting socket events with odd input', () => {
  const open: MeetingClient[] = []
  afterAll(() => {
    for (const c of open) c.close()
  })

  it('joins and commands with upper-case ids, and refuses odd text in every command with invalid_input, never server_error', async () => {
    const chairSocket = await connectMeeting(url, chair)
    open.push(chairSocket)
    const politie = await connectMeeting(url, await login(url, DEMO.politie))
    open.push(politie)
    const joined = await chairSocket.join(ids.meeting.toUpperCase())
    expect(joined.ok).toBe(true)
    expect((await politie.join(ids.meeting.toUpperCase())).ok).toBe(true)
    const items = chairSocket.latest()!.agenda.map((i) => i.id)
    const moved = await chairSocket.command({ type: 'goto', meetingId: ids.meeting.toUpperCase(), itemId: items[2]!.toUpperCase() })
    expect(moved.ok).toBe(true)
    await politie.until((s) => s.currentItemId === items[2])

    const m = ids.meeting
    const item = items[2]!
    const uuid = ids.item
    const due = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10)
    const texted: ((t: string) => MeetingCommandInput)[] = [
      (t) => ({ type: 'agenda-add', meetingId: m, title: t }),
      (t) => ({ type: 'agenda-rename', meetingId: m, itemId: item, title: t }),
      (t) => ({ type: 'decision', meetingId: m, text: t, decisionType: 'plan' }),
      (t) => ({ type: 'decision', meetingId: m, text: 'Plan vastgesteld', decisionType: 'plan', dissent: [{ organisation: t, reason: 'Geen reden' }] }),
      (t) => ({ type: 'action', meetingId: m, what: t, ownerOrganisation: 'Politie', due, resultKey: 'direct-safety' }),
      (t) => ({ type: 'action', meetingId: m, what: 'Huisbezoek', ownerOrganisation: t, ownerPerson: t, due, resultKey: 'direct-safety' }),
      (t) => ({ type: 'entry', meetingId: m, itemId: item, entry: { score: 4, danger: t, plan: t } }),
      (t) => ({ type: 'answer', meetingId: m, itemId: item, text: t }),
      (t) => ({ type: 'card', meetingId: m, itemId: item, text: t }),
      (t) => ({ type: 'remark', meetingId: m, cardId: uuid, text: t }),
      (t) => ({ type: 'next-step', meetingId: m, text: t, shared: true }),
      (t) => ({ type: 'check', meetingId: m, itemId: item, agreementId: uuid, result: 'held', note: t }),
    ]
    const before = JSON.stringify(chairSocket.latest()!.agenda)
    await fc.assert(fc.asyncProperty(fc.constantFrom(...texted), unsafeText(), fc.boolean(), async (make, text, asPolitie) => {
      const ack = await (asPolitie ? politie : chairSocket).command(make(text))
      expect(ack.ok).toBe(false)
      const error = (ack as Extract<MeetingAck, { ok: false }>).error
      expect(error.code).toBe('invalid_input')
      expect(error.message).toContain(UNSAFE_TEXT_MESSAGE)
    }), { numRuns: RUNS })
    // Odd ids and payloads on join and leave: refused with invalid_input, the socket stays.
    for (const payload of [{ meetingId: `${m}\u0000` }, { meetingId: '\ud800' }, { meetingId: m.toUpperCase().replace('-', '\u0000') }]) {
      const ack = (await politie.emitRaw('join', payload)) as MeetingAck
      expect(ack).toMatchObject({ ok: false, error: { code: 'invalid_input' } })
      expect((await politie.emitRaw('leave', payload)) as MeetingAck).toMatchObject({ ok: false })
    }
    // The marker: a command after all of that is accepted, and nothing else changed.
    expect((await politie.command({ type: 'hand', meetingId: m.toUpperCase(), raised: true })).ok).toBe(true)
    const after = await chairSocket.until((s) => s.hands.length === 1)
    expect(JSON.stringify(after.agenda)).toBe(before)
    expect(after.currentItemId).toBe(item)
  })
})
