/**
 * Closing a meeting adopts the plan (issue 14 with issue 13): the version records the
 * meeting; its PDF names the meeting and, for the binnenring only, who attended with
 * mandate; absent members get a notice; an objection to that version appears on the
 * next meeting's Terugblik, for the binnenring only.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeCase } from '../helpers/cases'
import { api, DEMO, login } from '../helpers/clients'
import { startCluster, type Cluster } from '../helpers/clusters'
import { userIdOf } from '../helpers/dbInspect'
import { connectMeeting, makeMeeting, type MeetingClient } from '../helpers/meetingClients'

describe('closing a meeting adopts the plan', () => {
  let cluster: Cluster
  const open: MeetingClient[] = []
  const work = mkdtempSync(join(tmpdir(), 'samenspel-meeting-pdf-'))
  beforeAll(async () => {
    cluster = await startCluster(1)
  })
  afterAll(async () => {
    for (const c of open) c.close()
    await cluster.close()
    rmSync(work, { recursive: true, force: true })
  })

  it('records the meeting in the version, its PDF and the notices, and brings objections to the next Terugblik', async () => {
    const url = cluster.nodes[0]!.url
    const { caseId, chairCookie } = await makeCase(url, [
      { email: DEMO.politie, ring: 'inner', role: 'member' },
      { email: DEMO.wijkteam, ring: 'inner', role: 'member' },
      { email: DEMO.school, ring: 'outer', role: 'member' },
    ])
    const meetingId = await makeMeeting(url, chairCookie, caseId, 'mda')
    const chair = await connectMeeting(url, chairCookie)
    open.push(chair)
    await chair.join(meetingId)
    const politieId = await userIdOf(cluster.databaseUrl, DEMO.politie)
    await chair.command({ type: 'attendance', meetingId, userId: politieId, present: true, mandate: true })
    const closed = await chair.command({ type: 'close', meetingId })
    expect(closed).toEqual({ ok: true, version: 1 })

    const [politie, wijkteam, school] = await Promise.all([login(url, DEMO.politie), login(url, DEMO.wijkteam), login(url, DEMO.school)])
    // Present (the politie) gets no notice; the absent wijkteam and school do.
    const inbox = async (cookie: string) => (await api<{ version: number }[]>(url, cookie, 'GET', '/api/inbox')).body
    expect(await inbox(politie)).toEqual([])
    expect((await inbox(wijkteam)).map((n) => n.version)).toEqual([1])
    expect((await inbox(school)).map((n) => n.version)).toEqual([1])

    const pdfText = async (cookie: string, name: string) => {
      const res = await fetch(`${url}/api/cases/${caseId}/versions/1/pdf`, { headers: { cookie } })
      expect(res.status).toBe(200)
      const file = join(work, `${name}.pdf`)
      writeFileSync(file, Buffer.from(await res.arrayBuffer()))
      return execFileSync('pdftotext', ['-layout', file, '-']).toString()
    }
    const inner = await pdfText(wijkteam, 'inner')
    const outer = await pdfText(school, 'outer')
    expect(inner).toContain('Overleg: MDA++ casusoverleg.')
    expect(inner).toMatch(/Aanwezig: Ruben Smit \(Politie Eenheid Noordkust\), met\s+mandaat/)
    expect(outer).toContain('Overleg: MDA++ casusoverleg.')
    expect(outer).not.toContain('Ruben Smit')

    expect((await api(url, wijkteam, 'POST', `/api/cases/${caseId}/versions/1/ack`, { objection: 'De datum van het huisbezoek klopt niet' })).status).toBe(200)
    const next = await makeMeeting(url, chairCookie, caseId, 'mda')
    const terugblik = await api<{ version: number; objections: { name: string; objection: string }[]; notAcknowledged: { name: string }[] }>(
      url, chairCookie, 'GET', `/api/meetings/${next}/terugblik`,
    )
    expect(terugblik.status).toBe(200)
    expect(terugblik.body.version).toBe(1)
    expect(terugblik.body.objections.map((o) => [o.name, o.objection])).toEqual([['Fatma Yilmaz', 'De datum van het huisbezoek klopt niet']])
    expect(terugblik.body.notAcknowledged.map((m) => m.name).sort()).toEqual(['Anouk de Wit', 'Joost Bakker', 'Ruben Smit'])
    expect((await api(url, school, 'GET', `/api/meetings/${next}/terugblik`)).status).toBe(403)
  })
})
