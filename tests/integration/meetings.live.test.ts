/**
 * Live meetings over two nodes with real Redis (streams adapter) and PostgreSQL, with
 * the real socket.io-client: the chair on node A runs the agenda and participants on
 * node B follow; non-chairs and malformed events are refused and change nothing; blind
 * leertafel entries never reach another participant before the reveal.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeCase } from '../helpers/cases'
import { api, DEMO, login } from '../helpers/clients'
import { startCluster, type Cluster } from '../helpers/clusters'
import { connectMeeting, makeMeeting, type MeetingClient } from '../helpers/meetingClients'

describe('live meetings across two nodes', () => {
  let cluster: Cluster
  let caseId: string
  let chairCookie: string
  let politieCookie: string
  let wijkteamCookie: string
  const open: MeetingClient[] = []
  const track = (c: MeetingClient) => (open.push(c), c)
  const a = () => cluster.nodes[0]!.url
  const b = () => cluster.nodes[1]!.url

  beforeAll(async () => {
    cluster = await startCluster(2)
    const made = await makeCase(a(), [
      { email: DEMO.politie, ring: 'inner', role: 'member' },
      { email: DEMO.wijkteam, ring: 'inner', role: 'member' },
    ])
    caseId = made.caseId
    chairCookie = made.chairCookie
    politieCookie = await login(b(), DEMO.politie)
    wijkteamCookie = await login(b(), DEMO.wijkteam)
  })
  afterAll(async () => {
    for (const c of open) c.close()
    await cluster.close()
  })

  it('moves the agenda on node A and participants on node B receive it', async () => {
    const meetingId = await makeMeeting(a(), chairCookie, caseId, 'mda')
    const chair = track(await connectMeeting(a(), chairCookie))
    const politie = track(await connectMeeting(b(), politieCookie))
    const joined = await chair.join(meetingId)
    expect(joined.ok).toBe(true)
    expect((await politie.join(meetingId)).ok).toBe(true)
    const agenda = chair.latest()!.agenda
    expect(agenda.map((i) => i.title)).toEqual([
      'Opening', 'Terugblik', 'Feiten en rode vlaggen', 'SoS-kaart', 'Gevaar en doelen', 'Schaalvraag',
      'Veiligheidsafspraken', 'Acties en regie', 'Besluiten', 'Afsluiting',
    ])
    expect(chair.latest()!.currentItemId).toBe(agenda[0]!.id)
    expect(await chair.command({ type: 'goto', meetingId, itemId: agenda[2]!.id })).toEqual({ ok: true })
    const seen = await politie.until((s) => s.currentItemId === agenda[2]!.id)
    expect(seen.status).toBe('live')
    // Presence crosses nodes: the chair (on A) sees the politie (on B) with organisation and ring.
    const present = await chair.until((s) => s.present.some((p) => p.name === 'Ruben Smit'))
    expect(present.present.find((p) => p.name === 'Ruben Smit')).toMatchObject({ ring: 'inner', organisation: expect.any(String) })
  })

  it("refuses a non-chair's command with a clear error and changes nothing", async () => {
    const meetingId = await makeMeeting(a(), chairCookie, caseId, 'mda')
    const chair = track(await connectMeeting(a(), chairCookie))
    const politie = track(await connectMeeting(b(), politieCookie))
    await chair.join(meetingId)
    await politie.join(meetingId)
    const before = politie.latest()!
    const refused = await politie.command({ type: 'goto', meetingId, itemId: before.agenda[3]!.id })
    expect(refused).toEqual({ ok: false, error: { code: 'forbidden', message: 'Only the chair of this meeting may use "goto".' } })
    // Marker after the refusal: the politie raises a hand (allowed); that state still shows item 1.
    expect(await politie.command({ type: 'hand', meetingId, raised: true })).toEqual({ ok: true })
    const after = await politie.until((s) => s.hands.length === 1)
    expect(after.currentItemId).toBe(before.currentItemId)
    expect(after.seq).toBe(before.seq + 1)
    const stored = await api<{ currentItemId: string }>(a(), chairCookie, 'GET', `/api/meetings/${meetingId}`)
    expect(stored.body.currentItemId).toBe(before.currentItemId)
  })

  it('answers malformed events with an error ack, changes nothing, and stays up', async () => {
    const meetingId = await makeMeeting(a(), chairCookie, caseId, 'mda')
    const chair = track(await connectMeeting(a(), chairCookie))
    await chair.join(meetingId)
    const before = chair.latest()!
    const item = before.agenda[1]!.id
    const bad: [string, unknown][] = [
      ['command', 'goto'],
      ['command', null],
      ['command', { type: 'goto', meetingId, itemId: 42 }],
      ['command', { type: 'teleport', meetingId }],
      ['command', { type: 'goto', meetingId, itemId: item, extra: true }],
      ['command', { type: 'timer', meetingId, itemId: item, action: 'start', durationSec: -5 }],
      ['command', { type: 'decision', meetingId, text: 'x'.repeat(70_000), decisionType: 'plan' }],
      ['command', { type: 'agenda-rename', meetingId, itemId: item, title: 'y'.repeat(500) }],
      ['command', { type: 'goto', meetingId: '00000000-0000-4000-8000-000000000000', itemId: item }],
      ['command', { type: 'goto', meetingId, itemId: '00000000-0000-4000-8000-000000000000' }],
      ['join', { meetingId: 'not-a-uuid' }],
      ['join', { meetingId: '00000000-0000-4000-8000-000000000000' }],
      ['teleport', { anything: 1 }],
    ]
    for (const [event, payload] of bad) {
      const ack = (await chair.emitRaw(event, payload)) as { ok: boolean; error?: { code: string; message: string } }
      expect(ack.ok, `${event} ${JSON.stringify(payload).slice(0, 80)}`).toBe(false)
      expect(ack.error?.message.length).toBeGreaterThan(5)
    }
    // Marker: a good command after all the bad ones; its state is the first change.
    expect(await chair.command({ type: 'goto', meetingId, itemId: item })).toEqual({ ok: true })
    const after = await chair.until((s) => s.currentItemId === item)
    expect(after.seq).toBe(before.seq + 1)
    expect(after.agenda.map((i) => i.title)).toEqual(before.agenda.map((i) => i.title))
    expect(after.records).toEqual([])
    expect((await fetch(`${a()}/healthz`)).status).toBe(200)
  })

  it('never sends a blind leertafel entry to another participant before the reveal', async () => {
    const meetingId = await makeMeeting(a(), chairCookie, caseId, 'leertafel')
    const chair = track(await connectMeeting(a(), chairCookie))
    const politie = track(await connectMeeting(a(), politieCookie))
    const wijkteam = track(await connectMeeting(b(), wijkteamCookie))
    for (const c of [chair, politie, wijkteam]) expect((await c.join(meetingId)).ok).toBe(true)
    const blind = chair.latest()!.agenda.find((i) => i.kind === 'blind')!
    await chair.command({ type: 'goto', meetingId, itemId: blind.id })
    const secret = 'GEHEIM-politie-inschatting-7731'
    expect(await politie.command({ type: 'entry', meetingId, itemId: blind.id, entry: { score: 3, danger: secret, plan: 'Huisverbod' } })).toEqual({ ok: true })
    expect(await wijkteam.command({ type: 'entry', meetingId, itemId: blind.id, entry: { score: 6, danger: 'Escalatie bij bezoek', plan: 'Netwerkberaad' } })).toEqual({ ok: true })
    const view = await wijkteam.until((s) => (s.submitted[blind.id] ?? []).length === 2)
    expect(view.entries.map((e) => e.danger)).toEqual(['Escalatie bij bezoek'])
    const rest = await api<unknown>(b(), wijkteamCookie, 'GET', `/api/meetings/${meetingId}`)
    expect(JSON.stringify(rest.body)).not.toContain(secret)
    // Marker: the reveal. Before it arrived, no frame of the wijkteam's raw socket held the secret.
    expect(await chair.command({ type: 'reveal', meetingId, itemId: blind.id })).toEqual({ ok: true })
    const revealed = await wijkteam.until((s) => s.revealed.includes(blind.id))
    const revealIndex = wijkteam.frames.findIndex((f) => f.includes('"revealed":["'))
    expect(revealIndex).toBeGreaterThan(0)
    expect(wijkteam.frames.slice(0, revealIndex).some((f) => f.includes(secret))).toBe(false)
    expect(revealed.entries.map((e) => e.score).sort()).toEqual([3, 6])
    expect(chair.frames.slice(0, chair.frames.findIndex((f) => f.includes('"revealed":["'))).some((f) => f.includes(secret))).toBe(false)
  })

  it('refuses a join from a non-member and from a foreign origin', async () => {
    const meetingId = await makeMeeting(a(), chairCookie, caseId, 'mda')
    const school = track(await connectMeeting(b(), await login(b(), DEMO.school)))
    expect(await school.join(meetingId)).toEqual({ ok: false, error: { code: 'forbidden', message: 'You have no part in this meeting.' } })
    await expect(connectMeeting(a(), chairCookie, { origin: 'https://evil.example' })).rejects.toThrow(/origin/)
    await expect(connectMeeting(a(), null)).rejects.toThrow(/not logged in/)
  })

  it('refuses a user\'s meeting connection beyond 16 on one node', async () => {
    const cookie = await login(a(), DEMO.reader)
    for (let i = 0; i < 16; i++) track(await connectMeeting(a(), cookie))
    await expect(connectMeeting(a(), cookie)).rejects.toThrow(/more than 16 meeting connections/)
    // Another node counts its own.
    track(await connectMeeting(b(), cookie))
  })
})
