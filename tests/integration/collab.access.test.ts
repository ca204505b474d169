/**
 * Who may open and write which case document, as the doc hub enforces it: the outer
 * ring gets not one byte of the inner document, readers read but never write, and
 * every refusal and every dropped write leaves an audit row.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CloseCode } from '../../shared/protocol/closeCodes'
import { caseDocName } from '../../shared/protocol/docName'
import type { RunningServer } from '../../server/main'
import { makeCase } from '../helpers/cases'
import { connectDoc, DEMO, login, synced, type DocClient } from '../helpers/clients'
import { startCluster, type Cluster } from '../helpers/clusters'
import { auditEventsFor, isCommittedInUpdateLog, userIdOf } from '../helpers/dbInspect'
import { readMetric } from '../helpers/metrics'
import { closedWithin, openRawSocket, type RawSocket } from '../helpers/rawSockets'
import { until } from '../helpers/until'

const DROPPED = 'samenspel_collab_readonly_dropped_total'

describe('collab access', () => {
  let cluster: Cluster
  let node: RunningServer
  let db: { url: string }
  const clients: DocClient[] = []
  const sockets: RawSocket[] = []
  const open = (cookie: string, name: string) => {
    const c = connectDoc(node.url, cookie, name)
    clients.push(c)
    return c
  }

  // A node with its own database and Redis prefix per test.
  beforeEach(async () => {
    cluster = await startCluster(1)
    node = cluster.nodes[0]!
    db = { url: cluster.databaseUrl }
  })
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy()
    for (const s of sockets.splice(0)) s.ws.terminate()
    await cluster?.close()
  })

  it('refuses the outer ring on the inner document with 4403 and sends nothing but the close frame', async () => {
    const { caseId, chairCookie } = await makeCase(node.url, [{ email: DEMO.school, ring: 'outer', role: 'member' }])
    const inner = caseDocName(caseId, 'inner')
    const writer = open(chairCookie, inner)
    await synced(writer)
    writer.prose().insert(0, 'Alleen voor de binnenring.')

    const school = await login(node.url, DEMO.school)
    const raw = openRawSocket(node.url, school, inner)
    sockets.push(raw)
    const closed = await closedWithin(raw)

    expect(closed).toEqual({ code: CloseCode.Forbidden, reason: 'no access to this document' })
    expect(raw.messages).toHaveLength(0)
  })

  it('lets the outer ring open the plan document', async () => {
    const { caseId, chairCookie } = await makeCase(node.url, [{ email: DEMO.school, ring: 'outer', role: 'member' }])
    const plan = caseDocName(caseId, 'plan')
    const writer = open(chairCookie, plan)
    await synced(writer)
    writer.prose().insert(0, 'School let op signalen.')

    const school = open(await login(node.url, DEMO.school), plan)
    await synced(school)
    await until(() => school.text() === 'School let op signalen.')
    expect(school.closes).toEqual([])
  })

  it('writes a denied doc.open audit event when a user is refused', async () => {
    const { caseId } = await makeCase(node.url, [{ email: DEMO.school, ring: 'outer', role: 'member' }])
    const inner = caseDocName(caseId, 'inner')
    const raw = openRawSocket(node.url, await login(node.url, DEMO.school), inner)
    sockets.push(raw)
    expect((await closedWithin(raw)).code).toBe(CloseCode.Forbidden)

    const schoolId = await userIdOf(db.url, DEMO.school)
    const rows = await until(async () => {
      const r = (await auditEventsFor(db.url, inner)).filter((e) => e.action === 'doc.open')
      return r.length > 0 ? r : null
    })
    expect(rows).toEqual([
      expect.objectContaining({ action: 'doc.open', outcome: 'denied', actor_user_id: schoolId, case_id: caseId, target: inner }),
    ])
  })

  it('lets a reader sync and read the document', async () => {
    const { caseId, chairCookie } = await makeCase(node.url, [{ email: DEMO.reader, ring: 'inner', role: 'reader' }])
    const plan = caseDocName(caseId, 'plan')
    const writer = open(chairCookie, plan)
    await synced(writer)
    writer.prose().insert(0, 'Vader meldt zich bij de reclassering.')

    const reader = open(await login(node.url, DEMO.reader), plan)
    await synced(reader)
    await until(() => reader.text() === 'Vader meldt zich bij de reclassering.')
    writer.prose().insert(0, 'Update: ')
    await until(() => reader.text() === 'Update: Vader meldt zich bij de reclassering.')
  })

  it('drops a reader\'s edits: they reach no client and not the database, and are counted and audited', async () => {
    const { caseId, chairCookie } = await makeCase(node.url, [{ email: DEMO.reader, ring: 'inner', role: 'reader' }])
    const plan = caseDocName(caseId, 'plan')
    const writer = open(chairCookie, plan)
    await synced(writer)
    writer.prose().insert(0, 'Afspraak staat.')
    const reader = open(await login(node.url, DEMO.reader), plan)
    await synced(reader)
    await until(() => reader.text() === 'Afspraak staat.')
    const droppedBefore = await readMetric(node.url, DROPPED)

    reader.prose().insert(0, 'VERVALST ')
    reader.prose().insert(reader.text().length, ' NOG MEER')
    await until(async () => (await readMetric(node.url, DROPPED)) >= droppedBefore + 2, { message: 'both edits counted as dropped' })
    // The writer's own next edit is a marker: once it has gone round, anything the reader
    // sent before it would have arrived too.
    writer.prose().insert(writer.text().length, ' Gecontroleerd.')
    const fresh = open(chairCookie, plan)
    await synced(fresh)
    await until(() => fresh.text() === 'Afspraak staat. Gecontroleerd.')
    expect(writer.text()).toBe('Afspraak staat. Gecontroleerd.')
    expect(await isCommittedInUpdateLog(db.url, 'VERVALST')).toBe(false)
    expect(await isCommittedInUpdateLog(db.url, 'NOG MEER')).toBe(false)

    // The first dropped write is audited at once, the total when the connection closes.
    reader.destroy()
    const readerId = await userIdOf(db.url, DEMO.reader)
    const rows = await until(async () => {
      const r = (await auditEventsFor(db.url, plan)).filter((e) => e.action === 'doc.write')
      return r.some((e) => typeof e.details?.count === 'number') ? r : null
    }, { message: 'the dropped-write total is audited on close' })
    for (const row of rows) expect(row).toMatchObject({ outcome: 'dropped', actor_user_id: readerId, case_id: caseId, details: { reason: 'read-only' } })
    expect(rows.at(-1)!.details!.count).toBeGreaterThanOrEqual(2)
  })

  it('does not report a write for a reader who only opened the document', async () => {
    const { caseId, chairCookie } = await makeCase(node.url, [{ email: DEMO.reader, ring: 'inner', role: 'reader' }])
    const plan = caseDocName(caseId, 'plan')
    const writer = open(chairCookie, plan)
    await synced(writer)
    writer.prose().insert(0, 'Alleen lezen.')
    const droppedBefore = await readMetric(node.url, DROPPED)

    const reader = open(await login(node.url, DEMO.reader), plan)
    await synced(reader)
    await until(() => reader.text() === 'Alleen lezen.')
    // The open itself is audited; once its row is there, a dropped-write row from the
    // same handshake would have been written as well.
    await until(async () => (await auditEventsFor(db.url, plan)).some((e) => e.action === 'doc.open' && e.details?.mode === 'read'))
    reader.destroy()
    await until(async () => (await readMetric(node.url, 'samenspel_collab_connections')) === 1)
    // The writer's close writes its doc.edit row; the reader's close came before it.
    writer.destroy()
    await until(async () => (await auditEventsFor(db.url, plan)).some((e) => e.action === 'doc.edit'))

    const rows = await auditEventsFor(db.url, plan)
    expect(rows.filter((e) => e.action === 'doc.write')).toEqual([])
    expect(await readMetric(node.url, DROPPED)).toBe(droppedBefore)
  })
})
