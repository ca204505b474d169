/**
 * Adopted plan versions (issue #14, server side): the case director adopts the server's
 * own state of both documents; versions are immutable; the diff lists what changed and,
 * for the buitenring, nothing of the inner document; absent members get a notice with
 * a case code and version only; acknowledgements with objections; non-members 403 on
 * every route; a version adopted on one node is readable on the other at once.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { NoticeDto, VersionSummaryDto } from '../../shared/api/schemas'
import { addAction, appendParagraph, getInnerNotesFragment, listActions, type PlanDiff, type PlanJson } from '../../shared/plan'
import { caseDocName } from '../../shared/protocol/docName'
import { makeCase } from '../helpers/cases'
import { api, connectDoc, DEMO, login, synced, type DocClient } from '../helpers/clients'
import { startCluster, type Cluster } from '../helpers/clusters'
import { until } from '../helpers/until'

const INNER_MARKER = 'GEHEIM-BINNENRING-7731'
const work = mkdtempSync(join(tmpdir(), 'samenspel-versions-'))

describe('adopted plan versions', () => {
  let cluster: Cluster
  let caseId: string
  let chair: string
  let politie: string
  let school: string
  const clients: DocClient[] = []
  const a = () => cluster.nodes[0]!.url
  const b = () => cluster.nodes[1]!.url

  beforeAll(async () => {
    cluster = await startCluster(2)
    const made = await makeCase(a(), [
      { email: DEMO.politie, ring: 'inner', role: 'member' },
      { email: DEMO.school, ring: 'outer', role: 'member' },
    ])
    caseId = made.caseId
    chair = made.chairCookie
    politie = await login(a(), DEMO.politie)
    school = await login(a(), DEMO.school)
    const inner = connectDoc(a(), politie, caseDocName(caseId, 'inner'))
    clients.push(inner)
    await synced(inner)
    inner.doc.transact(() => appendParagraph(getInnerNotesFragment(inner.doc), `Politie: ${INNER_MARKER}`))
    const plan = connectDoc(a(), politie, caseDocName(caseId, 'plan'))
    clients.push(plan)
    await synced(plan)
    addAction(plan.doc, { what: 'Huisbezoek <script>alert(1)</script>', ownerOrganisation: 'Politie Eenheid Noordkust', due: '2026-12-20', resultKey: 'direct-safety' }, { name: 'Ruben Smit', organisation: 'Politie Eenheid Noordkust' })
    // Persisted before anyone sees it: once a fresh reader has both, the server has them.
    const reader = connectDoc(b(), chair, caseDocName(caseId, 'plan'))
    clients.push(reader)
    await until(() => listActions(reader.doc).length === 1)
    const innerReader = connectDoc(b(), chair, caseDocName(caseId, 'inner'))
    clients.push(innerReader)
    await until(() => JSON.stringify(innerReader.doc.getXmlFragment('innerNotes').toJSON()).includes(INNER_MARKER))
  })
  afterAll(async () => {
    for (const c of clients) c.destroy()
    await cluster.close()
    rmSync(work, { recursive: true, force: true })
  })

  it('adopts version 1 from the server\'s state, readable on the other node at once, and tells the others', async () => {
    expect((await api(a(), politie, 'POST', `/api/cases/${caseId}/versions`)).status).toBe(403)
    const adopted = await api<{ ok: boolean; version: number }>(a(), chair, 'POST', `/api/cases/${caseId}/versions`)
    expect(adopted).toMatchObject({ status: 201, body: { ok: true, version: 1 } })
    const onB = await api<{ n: number; plan: PlanJson }>(b(), politie, 'GET', `/api/cases/${caseId}/versions/1`)
    expect(onB.status).toBe(200)
    expect(onB.body.plan.actions.map((x) => x.what)).toEqual(['Huisbezoek <script>alert(1)</script>'])
    expect(JSON.stringify(onB.body.plan)).toContain(INNER_MARKER)
    const inbox = await api<NoticeDto[]>(b(), school, 'GET', '/api/inbox')
    const notice = inbox.body.find((x) => x.caseId === caseId)!
    expect(notice).toMatchObject({ kind: 'version-adopted', version: 1, readAt: null })
    expect(Object.keys(notice).sort()).toEqual(['caseCode', 'caseId', 'createdAt', 'id', 'kind', 'readAt', 'version'])
    expect((await api(b(), school, 'POST', `/api/inbox/${notice.id}/read`)).status).toBe(200)
    expect((await api(b(), politie, 'POST', `/api/inbox/${notice.id}/read`)).status).toBe(404)
    expect((await api<NoticeDto[]>(a(), chair, 'GET', '/api/inbox')).body.some((x) => x.caseId === caseId)).toBe(false)
  })

  it('keeps version 1 as it was while the live plan changes, and diffs 1 → 2 exactly, without the inner part for the buitenring', async () => {
    const plan = clients[1]!
    addAction(plan.doc, { what: 'Contactverbod voorbereiden', ownerOrganisation: 'Politie Eenheid Noordkust', due: '2026-12-22', resultKey: 'direct-safety' }, { name: 'Ruben Smit', organisation: 'Politie Eenheid Noordkust' })
    await until(() => listActions(clients[2]!.doc).length === 2)
    const v1 = await api<{ plan: PlanJson }>(a(), chair, 'GET', `/api/cases/${caseId}/versions/1`)
    expect(v1.body.plan.actions).toHaveLength(1)
    expect((await api<{ version: number }>(a(), chair, 'POST', `/api/cases/${caseId}/versions`)).body.version).toBe(2)
    const diff = await api<{ from: number; to: number; diff: PlanDiff }>(a(), chair, 'GET', `/api/cases/${caseId}/versions/2/diff?from=1`)
    expect(diff.body.diff.actions.added.map((x) => x.what)).toEqual(['Contactverbod voorbereiden'])
    expect(diff.body.diff.actions.changed).toEqual([])
    expect(diff.body.diff.actions.removed).toEqual([])
    expect(diff.body.diff.goals.added).toEqual([])
    const forSchool = await api<{ diff: PlanDiff }>(a(), school, 'GET', `/api/cases/${caseId}/versions/2/diff?from=1`)
    expect(forSchool.body.diff.family).toBeUndefined()
    expect(forSchool.body.diff.innerNotesChanged).toBeUndefined()
    const schoolView = await api<{ plan: PlanJson }>(a(), school, 'GET', `/api/cases/${caseId}/versions/1`)
    expect(JSON.stringify(schoolView.body)).not.toContain(INNER_MARKER)
    expect(JSON.stringify(forSchool.body)).not.toContain(INNER_MARKER)
  })

  it('records acknowledgements with an objection, shows them to the case director only', async () => {
    expect((await api(a(), school, 'POST', `/api/cases/${caseId}/versions/2/ack`, { objection: 'Wachttijd van zes weken' })).status).toBe(200)
    expect((await api(a(), politie, 'POST', `/api/cases/${caseId}/versions/2/ack`, {})).status).toBe(200)
    const list = await api<VersionSummaryDto[]>(a(), school, 'GET', `/api/cases/${caseId}/versions`)
    expect(list.body.map((v) => [v.n, v.acknowledged])).toEqual([[2, true], [1, false]])
    const acks = await api<{ name: string; ackedAt: string | null; objection: string | null }[]>(a(), chair, 'GET', `/api/cases/${caseId}/versions/2/acks`)
    expect(acks.body.find((x) => x.name === 'Joost Bakker')).toMatchObject({ objection: 'Wachttijd van zes weken' })
    expect(acks.body.find((x) => x.name === 'Anouk de Wit')).toMatchObject({ ackedAt: null })
    expect((await api(a(), school, 'GET', `/api/cases/${caseId}/versions/2/acks`)).status).toBe(403)
    expect((await api(a(), school, 'POST', `/api/cases/${caseId}/versions/2/ack`, { objection: 'x'.repeat(3000) })).status).toBe(400)
    expect((await api(a(), chair, 'GET', `/api/cases/${caseId}/versions/9`)).status).toBe(404)
  })

  it('exports a PDF per ring: the inner marker only in the binnenring\'s, markup printed as text, the reader on it', async () => {
    const text = async (cookie: string, name: string) => {
      const res = await fetch(`${a()}/api/cases/${caseId}/versions/1/pdf`, { headers: { cookie } })
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe('application/pdf')
      const file = join(work, `${name}.pdf`)
      writeFileSync(file, Buffer.from(await res.arrayBuffer()))
      return execFileSync('pdftotext', ['-layout', file, '-']).toString()
    }
    const inner = await text(politie, 'inner')
    const outer = await text(school, 'outer')
    expect(inner).toContain(INNER_MARKER)
    expect(outer).not.toContain(INNER_MARKER)
    expect(outer).toContain('Huisbezoek <script>alert(1)</script>')
    expect(outer).toContain('Voor Joost Bakker (OBS De Vlinder), buitenring')
    expect(inner).toContain('Voor Ruben Smit (Politie Eenheid Noordkust), binnenring')
    expect(outer).toMatch(/Pagina 1 van \d+/)
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', join(work, 'inner.pdf'), fileURLToPath(new URL('../../docs/screenshots/version-pdf-inner', import.meta.url))])
  })

  it('answers 403 to a non-member on every version route', async () => {
    const outsider = await login(a(), DEMO.wijkteam)
    for (const [method, path] of [
      ['POST', `/api/cases/${caseId}/versions`], ['GET', `/api/cases/${caseId}/versions`], ['GET', `/api/cases/${caseId}/versions/1`],
      ['GET', `/api/cases/${caseId}/versions/2/diff?from=1`], ['GET', `/api/cases/${caseId}/versions/1/pdf`], ['POST', `/api/cases/${caseId}/versions/1/ack`], ['GET', `/api/cases/${caseId}/versions/1/acks`],
    ] as const) {
      expect((await api(a(), outsider, method, path, method === 'POST' ? {} : undefined)).status, `${method} ${path}`).toBe(403)
    }
  })
})
