/**
 * Issue 18 item 5, over two nodes with real Redis and PostgreSQL: that an organisation
 * sits at the table is binnenring information (DOMAIN.md §5, §7). An admitted
 * buitenring school's meeting view names nobody present but the chair and its own
 * organisation; a decision's attendance, mandate and dissent land in the inner document,
 * never in the plan the school reads (y-websocket) nor in its version PDF; an action the
 * chair marks binnenring-only lands in the inner document and never reaches the school.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { MeetingView } from '../../shared/meetings/state'
import { listActions, listDecisionMandates, listDecisions, listInnerActions, type PlanJson } from '../../shared/plan'
import { caseDocName } from '../../shared/protocol/docName'
import { makeCase } from '../helpers/cases'
import { api, connectDoc, DEMO, login, synced, type DocClient } from '../helpers/clients'
import { startCluster, type Cluster } from '../helpers/clusters'
import { userIdOf } from '../helpers/dbInspect'
import { connectMeeting, makeMeeting, type MeetingClient } from '../helpers/meetingClients'
import { until } from '../helpers/until'

const today = new Date().toISOString().slice(0, 10)
const work = mkdtempSync(join(tmpdir(), 'samenspel-innerring-'))
// One word: pdftotext drops the hyphen where a table cell wraps a hyphenated word.
const DISSENT = 'DISSENTnetwerkberaad5521'
const INNER_ACTION = 'ACTIE-plegeraanbod-reclassering-7730'
const PLAN_MARKER = 'ACTIE-na-het-binnenringdeel-1187'
const DECISION = 'BESLUIT-opvang-verlengen-4410'

describe('the buitenring does not learn who sits at the table', () => {
  let cluster: Cluster
  let caseId: string
  let meetingId: string
  let chairCookie: string
  let schoolCookie: string
  let politieCookie: string
  let version: number
  const meetings: MeetingClient[] = []
  const docs: DocClient[] = []
  const trackM = (c: MeetingClient) => (meetings.push(c), c)
  const trackD = (c: DocClient) => (docs.push(c), c)
  const a = () => cluster.nodes[0]!.url
  const b = () => cluster.nodes[1]!.url
  let chair: MeetingClient
  let school: MeetingClient
  let schoolPlan: DocClient

  beforeAll(async () => {
    cluster = await startCluster(2)
    // The reader of the demo is Lotte Visser of Reclassering Noordkust: a binnenring reader.
    const made = await makeCase(a(), [
      { email: DEMO.politie, ring: 'inner', role: 'member' },
      { email: DEMO.reader, ring: 'inner', role: 'reader' },
      { email: DEMO.school, ring: 'outer', role: 'member' },
    ])
    caseId = made.caseId
    chairCookie = made.chairCookie
    schoolCookie = await login(b(), DEMO.school)
    politieCookie = await login(b(), DEMO.politie)
    meetingId = await makeMeeting(a(), chairCookie, caseId, 'mda')
    chair = trackM(await connectMeeting(a(), chairCookie))
    await chair.join(meetingId)
    const reclassering = trackM(await connectMeeting(b(), await login(b(), DEMO.reader)))
    expect((await reclassering.join(meetingId)).ok).toBe(true)
    const politie = trackM(await connectMeeting(b(), politieCookie))
    expect((await politie.join(meetingId)).ok).toBe(true)
    for (const [email, mandate] of [[DEMO.politie, true], [DEMO.reader, false]] as const) {
      const userId = await userIdOf(cluster.databaseUrl, email)
      expect(await chair.command({ type: 'attendance', meetingId, userId, present: true, mandate })).toEqual({ ok: true })
    }
    const item = chair.latest()!.agenda.find((i) => i.kind === 'agreements')!
    const schoolId = await userIdOf(cluster.databaseUrl, DEMO.school)
    expect(await chair.command({ type: 'admit', meetingId, userId: schoolId, itemIds: [item.id] })).toEqual({ ok: true })
    expect(await chair.command({ type: 'goto', meetingId, itemId: item.id })).toEqual({ ok: true })
    school = trackM(await connectMeeting(b(), schoolCookie))
    expect((await school.join(meetingId)).ok).toBe(true)
    schoolPlan = trackD(connectDoc(b(), schoolCookie, caseDocName(caseId, 'plan')))
    await synced(schoolPlan)
  })
  afterAll(async () => {
    for (const c of meetings) c.close()
    for (const d of docs) d.destroy()
    await cluster.close()
    rmSync(work, { recursive: true, force: true })
  })

  it('sends an admitted school a meeting view naming nobody present but the chair and its own organisation, without rings', async () => {
    // Everyone is present, as the chair sees it: the presence is there to leak.
    await chair.until((s) => s.present.some((p) => p.organisation === 'Reclassering Noordkust') && s.present.some((p) => p.organisation === 'OBS De Vlinder'))
    // A marker after which the school's view has everything the server would send.
    const item = chair.latest()!.agenda.find((i) => i.kind === 'agreements')!
    expect(await chair.command({ type: 'agenda-rename', meetingId, itemId: item.id, title: 'Veiligheidsafspraken MARKER-6612' })).toEqual({ ok: true })
    const view = await school.until((s) => s.agenda.some((i) => i.title.endsWith('MARKER-6612')))
    expect(view.present.map((p) => p.organisation).sort()).toEqual(['OBS De Vlinder', 'Veilig Thuis Noordkust'])
    expect(view.present.every((p) => !('ring' in p))).toBe(true)
    expect(view.attendance).toEqual([])
    const everything = school.frames.join('\n')
    for (const leak of ['Reclassering', 'Lotte Visser', 'Politie', 'Ruben Smit']) expect(everything).not.toContain(leak)
  })

  it('writes a decision\'s mandate and dissent and a binnenring-only action into the inner document only', async () => {
    expect(await chair.command({
      type: 'decision', meetingId, text: DECISION, decisionType: 'plan',
      dissent: [{ organisation: 'Wijkteam Havenstad', reason: DISSENT }],
    })).toEqual({ ok: true })
    expect(await chair.command({
      type: 'action', meetingId, what: INNER_ACTION, ownerOrganisation: 'Reclassering Noordkust', due: today, resultKey: 'stable-safety', visibility: 'inner',
    })).toEqual({ ok: true })
    expect(await chair.command({
      type: 'action', meetingId, what: PLAN_MARKER, ownerOrganisation: 'Veilig Thuis Noordkust', due: today, resultKey: 'direct-safety',
    })).toEqual({ ok: true })

    // The binnenring's inner document holds attendance, mandate, dissent and the action.
    const inner = trackD(connectDoc(b(), politieCookie, caseDocName(caseId, 'inner')))
    await synced(inner)
    await until(() => listDecisionMandates(inner.doc).length === 1 && listInnerActions(inner.doc).length === 1, { message: 'inner records arrive' })
    // The school's plan document: the decision and the marker written after the inner action arrive, nothing more.
    await until(() => listActions(schoolPlan.doc).some((x) => x.what === PLAN_MARKER), { message: 'plan marker reaches the school' })
    const decision = listDecisions(schoolPlan.doc).find((d) => d.text === DECISION)!
    expect(decision).toMatchObject({ chair: 'Anouk de Wit', mandatedPresent: [], dissent: [] })
    const mandate = listDecisionMandates(inner.doc)[0]!
    expect(mandate).toMatchObject({
      decisionId: decision.id,
      present: expect.arrayContaining(['Ruben Smit (Politie Eenheid Noordkust)', 'Lotte Visser (Reclassering Noordkust)']),
      mandatedPresent: ['Ruben Smit (Politie Eenheid Noordkust)'],
      dissent: [{ organisation: 'Wijkteam Havenstad', reason: DISSENT }],
    })
    expect(listInnerActions(inner.doc)[0]).toMatchObject({ what: INNER_ACTION, ownerOrganisation: 'Reclassering Noordkust' })
    const planText = JSON.stringify(schoolPlan.doc.toJSON())
    for (const leak of [DISSENT, INNER_ACTION, 'Reclassering', 'Ruben Smit', 'Lotte Visser']) expect(planText).not.toContain(leak)
    // Nor does the school's meeting view list the inner record.
    const view: MeetingView = await school.until((s) => s.records.length >= 2)
    expect(view.records.map((r) => r.kind)).toEqual(['decision', 'action'])
    expect(school.frames.join('\n')).not.toContain('Reclassering')

    const closed = await api<{ ok: boolean; version: number }>(a(), chairCookie, 'POST', `/api/meetings/${meetingId}/close`)
    expect(closed.status).toBe(200)
    version = closed.body.version
  })

  it('keeps attendance, mandate and dissent out of the school\'s version and its PDF, and puts them in the binnenring\'s', async () => {
    const forSchool = await api<{ plan: PlanJson }>(b(), schoolCookie, 'GET', `/api/cases/${caseId}/versions/${version}`)
    expect(forSchool.status).toBe(200)
    for (const leak of [DISSENT, INNER_ACTION, 'Reclassering', 'Ruben Smit']) expect(JSON.stringify(forSchool.body)).not.toContain(leak)
    const forPolitie = await api<{ plan: PlanJson }>(b(), politieCookie, 'GET', `/api/cases/${caseId}/versions/${version}`)
    expect(forPolitie.body.plan.decisionMandates?.[0]?.dissent).toEqual([{ organisation: 'Wijkteam Havenstad', reason: DISSENT }])
    expect(forPolitie.body.plan.innerActions?.map((x) => x.what)).toEqual([INNER_ACTION])

    const pdfText = async (cookie: string, name: string) => {
      const res = await fetch(`${a()}/api/cases/${caseId}/versions/${version}/pdf`, { headers: { cookie } })
      expect(res.status).toBe(200)
      const file = join(work, `${name}.pdf`)
      writeFileSync(file, Buffer.from(await res.arrayBuffer()))
      // Without -layout: table cells wrap, and a name must read whole.
      return execFileSync('pdftotext', [file, '-']).toString().replace(/\s+/g, ' ')
    }
    const outer = await pdfText(schoolCookie, 'outer')
    const innerPdf = await pdfText(politieCookie, 'inner')
    expect(outer).toContain(DECISION)
    for (const leak of [DISSENT, INNER_ACTION, 'Reclassering', 'Ruben Smit', 'Aanwezig', 'mandaat']) expect(outer).not.toContain(leak)
    for (const shown of [DISSENT, INNER_ACTION, 'Ruben Smit (Politie Eenheid Noordkust)', 'Lotte Visser (Reclassering Noordkust)']) expect(innerPdf).toContain(shown)
  })

  it('shows the school in the plan document\'s presence only its own organisation, on both nodes', async () => {
    const organisationsSeen = (c: DocClient) => [...c.provider.awareness.getStates().entries()]
      .filter(([id]) => id !== c.doc.clientID)
      .map(([, s]) => (s as { user?: { organisation?: string } }).user?.organisation ?? '')
    // The Reclassering reader works in the plan on node A; the politie sees it from node B.
    const reclassering = trackD(connectDoc(a(), await login(a(), DEMO.reader), caseDocName(caseId, 'plan')))
    const politie = trackD(connectDoc(b(), politieCookie, caseDocName(caseId, 'plan')))
    await Promise.all([synced(reclassering), synced(politie)])
    const show = (c: DocClient) => c.provider.awareness.setLocalState({ user: { color: '#336699' } })
    show(reclassering)
    show(politie)
    await until(() => organisationsSeen(politie).includes('Reclassering Noordkust'), { message: 'politie sees the reclassering' })
    const school = trackD(connectDoc(a(), await login(a(), DEMO.school), caseDocName(caseId, 'plan')))
    await synced(school)
    show(school)
    // A change of the reclassering's presence after the school came, then the school's own second tab on node B as the marker.
    reclassering.provider.awareness.setLocalStateField('cursor', null)
    // Seen on node B means node A already sent it to its own connections, the school's included.
    await until(() => 'cursor' in (politie.provider.awareness.getStates().get(reclassering.doc.clientID) ?? {}), { message: 'politie sees the move' })
    await until(() => organisationsSeen(politie).includes('OBS De Vlinder'), { message: 'politie sees the school' })
    const secondTab = trackD(connectDoc(b(), schoolCookie, caseDocName(caseId, 'plan')))
    await synced(secondTab)
    show(secondTab)
    await until(() => organisationsSeen(school).includes('OBS De Vlinder'), { message: 'the school\'s own second tab shows' })
    expect(organisationsSeen(school).every((o) => o === 'OBS De Vlinder')).toBe(true)
    expect(organisationsSeen(secondTab).every((o) => o === 'OBS De Vlinder')).toBe(true)
    // The binnenring still sees everyone.
    expect(organisationsSeen(politie)).toEqual(expect.arrayContaining(['Reclassering Noordkust', 'OBS De Vlinder']))
  })
})
