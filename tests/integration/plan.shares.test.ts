/**
 * Issue 18 item 2, over two nodes with real Redis and PostgreSQL: each organisation has
 * its own share of a plan. The school (buitenring) adds actions until it is refused, with
 * a Dutch message that says which limit was reached and by whom; then the chair records
 * a decision and an action in a meeting, the politie edits, and the case director removes
 * the school's items: all accepted, on both nodes and in PostgreSQL. The same after the
 * school used up its byte share with long actions; and the case director's purge takes an
 * item's text out of the live document and the stored log, with an audit entry.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createI18n } from 'vue-i18n'
import * as Y from 'yjs'
import { nl } from '../../client/i18n/nl'
import { refusalMessageOf } from '../../client/collab/refusalMessage'
import { applyStoredUpdates } from '../../server/collab/applyLog'
import { DEFAULT_HUB_LIMITS } from '../../server/collab/hubLimits'
import { createPgDb } from '../../server/db/pgDb'
import { createSqlDocStore } from '../../server/store/sqlDocStore'
import { addAction, addAgreement, listActions, listDecisions, removeItem } from '../../shared/plan'
import { ORGANISATION_SHARES } from '../../shared/plan/writeRules'
import { CloseCode } from '../../shared/protocol/closeCodes'
import { caseDocName } from '../../shared/protocol/docName'
import { parseShareRefusal } from '../../shared/protocol/limits'
import { makeCase } from '../helpers/cases'
import { api, connectDoc, DEMO, login, synced, type DocClient } from '../helpers/clients'
import { startCluster, type Cluster } from '../helpers/clusters'
import { auditEventsFor, isCommittedInUpdateLog, isInSnapshot } from '../helpers/dbInspect'
import { connectMeeting, makeMeeting, type MeetingClient } from '../helpers/meetingClients'
import { until } from '../helpers/until'

const today = new Date().toISOString().slice(0, 10)
const SCHOOL = { name: 'Joost Bakker', organisation: 'OBS De Vlinder' }
const POLITIE = { name: 'Ruben Smit', organisation: 'Politie Eenheid Noordkust' }
const CHAIR = { name: 'Anouk de Wit', organisation: 'Veilig Thuis Noordkust' }
/** More than any share, and more than the old plan-wide cap of 500 items per section. */
const MAX_ATTEMPTS = 600
/** Updates the school sends at once (10 to each node) before it pauses. */
const BATCH = 20
/**
 * How far past its share the school may get when it writes to both nodes at once: each
 * node judges against what it has, and may not yet have the other node's last accepted
 * items (docs/ARCHITECTURE.md, "Shares of a plan and purge"). One batch in flight.
 */
const IN_FLIGHT = BATCH

describe('each organisation has its own share of a plan (issue 18 item 2)', () => {
  /** The cluster of the running test: real defaults, or small document limits for the reserve. */
  let cluster: Cluster
  let real: Cluster
  let small: Cluster
  const docs: DocClient[] = []
  const meetings: MeetingClient[] = []
  const trackD = (c: DocClient) => (docs.push(c), c)
  const a = () => cluster.nodes[0]!.url
  const b = () => cluster.nodes[1]!.url

  beforeAll(async () => {
    real = await startCluster(2)
    // The reserve with small numbers: the buitenring may fill 400 KiB, less than the
    // school's own byte share, so the document limit is what refuses it.
    small = await startCluster(2, { opts: { limits: { maxDocBytes: 1400 * 1024, binnenringReserveBytes: 1000 * 1024 } } })
    cluster = real
  }, 90_000)
  afterAll(async () => {
    for (const m of meetings) m.close()
    for (const d of docs) d.destroy()
    await Promise.all([real?.close(), small?.close()])
  })

  /** A case with the politie (binnenring) and the school (buitenring); the chair is its case director. */
  async function newCase() {
    const made = await makeCase(a(), [
      { email: DEMO.politie, ring: 'inner', role: 'member' },
      { email: DEMO.school, ring: 'outer', role: 'member' },
    ])
    return { caseId: made.caseId, chairCookie: made.chairCookie, politieCookie: await login(b(), DEMO.politie), schoolCookie: await login(a(), DEMO.school) }
  }

  /**
   * The school adds actions of `what(i)` one by one, paced under the message rate limit,
   * until the server refuses one (4409) or MAX_ATTEMPTS were sent.
   * @returns the close reason.
   */
  async function fillUntilRefused(schoolCookie: string, caseId: string, what: (i: number) => string): Promise<string> {
    // Spread over both nodes, as the school did: a share is read from the document, not counted per node.
    const schools = [a(), b()].map((url) => trackD(connectDoc(url, schoolCookie, caseDocName(caseId, 'plan'))))
    await Promise.all(schools.map((c) => synced(c)))
    const refusal = () => schools.flatMap((c) => c.closes).find((c) => c.code === CloseCode.UpdateRefused)
    for (let i = 0; i < MAX_ATTEMPTS && !refusal(); i++) {
      addAction(schools[i % 2]!.doc, { what: what(i), ownerOrganisation: SCHOOL.organisation, due: today, resultKey: 'direct-safety' }, SCHOOL)
      // Pacing, not a proof of absence: 20 updates per 100 ms stays under 200 messages/s.
      if (i % BATCH === BATCH - 1) await new Promise((r) => setTimeout(r, 100))
    }
    const refused = await until(() => refusal() ?? null, { timeoutMs: 15_000, message: 'the school is refused' })
    for (const c of schools) c.destroy()
    return refused.reason
  }

  /** The chair's decision and action in a meeting on node A, the politie's edit on node B, the case director's removal on node A. */
  async function othersStillWrite(ids: { caseId: string; chairCookie: string; politieCookie: string }, tag: string) {
    const { caseId, chairCookie, politieCookie } = ids
    const meetingId = await makeMeeting(a(), chairCookie, caseId, 'mda')
    const chair = await connectMeeting(a(), chairCookie)
    meetings.push(chair)
    expect(await chair.join(meetingId)).toMatchObject({ ok: true })
    expect(await chair.command({ type: 'decision', meetingId, text: `BESLUIT-${tag}`, decisionType: 'plan' })).toEqual({ ok: true })
    expect(await chair.command({
      type: 'action', meetingId, what: `ACTIE-${tag}`, ownerOrganisation: POLITIE.organisation, due: today, resultKey: 'direct-safety',
    })).toEqual({ ok: true })

    const politie = trackD(connectDoc(b(), politieCookie, caseDocName(caseId, 'plan')))
    await synced(politie)
    addAction(politie.doc, { what: `POLITIE-${tag}`, ownerOrganisation: POLITIE.organisation, due: today, resultKey: 'direct-safety' }, POLITIE)
    addAgreement(politie.doc, { text: `AFSPRAAK-${tag}`, boundParties: ['vader'], checkedBy: 'Politie', startDate: today }, POLITIE)

    const director = trackD(connectDoc(a(), chairCookie, caseDocName(caseId, 'plan')))
    await synced(director)
    await until(() => listActions(director.doc).some((x) => x.what === `POLITIE-${tag}`), { timeoutMs: 10_000, message: 'politie action on A' })
    const schoolItems = listActions(director.doc).filter((x) => x.organisation === SCHOOL.organisation)
    director.doc.transact(() => {
      for (const item of schoolItems) removeItem(director.doc, 'actions', item.id, CHAIR)
    })

    for (const c of [politie, director]) {
      await until(() => listDecisions(c.doc).some((d) => d.text === `BESLUIT-${tag}`), { timeoutMs: 10_000, message: 'decision on both nodes' })
      await until(() => listActions(c.doc).some((x) => x.what === `ACTIE-${tag}`), { timeoutMs: 10_000, message: 'meeting action on both nodes' })
      await until(() => listActions(c.doc, { includeRemoved: true }).filter((x) => x.organisation === SCHOOL.organisation).every((x) => x.removedAt !== null),
        { timeoutMs: 10_000, message: 'the school\'s items removed on both nodes' })
    }
    expect(politie.closes).toEqual([])
    expect(director.closes).toEqual([])

    // In PostgreSQL: the plan read from the update log and snapshot has all of it.
    const stored = await storedPlan(caseDocName(caseId, 'plan'))
    expect(listDecisions(stored).map((d) => d.text)).toContain(`BESLUIT-${tag}`)
    expect(listActions(stored).map((x) => x.what)).toEqual(expect.arrayContaining([`ACTIE-${tag}`, `POLITIE-${tag}`]))
    const storedSchool = listActions(stored, { includeRemoved: true }).filter((x) => x.organisation === SCHOOL.organisation)
    expect(storedSchool.length).toBe(schoolItems.length)
    expect(storedSchool.every((x) => x.removedAt !== null && x.removedBy === CHAIR.name)).toBe(true)
    stored.destroy()
    return schoolItems.length
  }

  async function storedPlan(docName: string): Promise<Y.Doc> {
    const db = await createPgDb(cluster.databaseUrl, () => undefined)
    try {
      const read = await createSqlDocStore(db).load(docName)
      return applyStoredUpdates(read.updates).doc
    } finally {
      await db.close()
    }
  }

  function dutch(reason: string): string {
    const i18n = createI18n({ legacy: false, locale: 'nl', messages: { nl } })
    const { t, te } = i18n.global
    const message = refusalMessageOf(reason, (s) => (te(`collab.refusal.section.${s}`) ? t(`collab.refusal.section.${s}`) : s))
    return t(message.key, message.params)
  }

  it('has per-organisation shares by default, with a reserve of the document for the binnenring', () => {
    expect(ORGANISATION_SHARES.outer.liveItemsPerSection).toBe(100)
    expect(ORGANISATION_SHARES.outer.liveItemsPerSection).toBeLessThan(ORGANISATION_SHARES.inner.liveItemsPerSection)
    expect(ORGANISATION_SHARES.outer.itemBytesPerSection).toBeLessThan(DEFAULT_HUB_LIMITS.maxDocBytes - DEFAULT_HUB_LIMITS.binnenringReserveBytes)
    expect(DEFAULT_HUB_LIMITS.binnenringReserveBytes).toBeGreaterThanOrEqual(1024 * 1024)
  })

  it('the school adds items until refused (in Dutch: which limit, by whom); then the chair, the politie and the case director are all accepted', async () => {
    const ids = await newCase()
    const reason = await fillUntilRefused(ids.schoolCookie, ids.caseId, (i) => `Gesprek met de mentor ${i}`)
    const removed = await othersStillWrite(ids, 'items-7731')
    expect(removed).toBeGreaterThanOrEqual(ORGANISATION_SHARES.outer.liveItemsPerSection)
    expect(removed).toBeLessThanOrEqual(ORGANISATION_SHARES.outer.liveItemsPerSection + IN_FLIGHT)
    expect(parseShareRefusal(reason)).toEqual({ limit: 'items', section: 'actions', max: 100, organisation: SCHOOL.organisation })
    expect(dutch(reason)).toBe(
      'Niet opgeslagen: OBS De Vlinder heeft zijn deel van dit plan gebruikt, ten hoogste 100 items in Acties per organisatie. ' +
      'De casusregisseur kan items van OBS De Vlinder verwijderen; andere partners kunnen gewoon verder.',
    )

    // Removed items count for nobody's live share: the school writes again.
    const school = trackD(connectDoc(b(), ids.schoolCookie, caseDocName(ids.caseId, 'plan')))
    await synced(school)
    addAction(school.doc, { what: 'WEER-RUIMTE-4410', ownerOrganisation: SCHOOL.organisation, due: today, resultKey: 'direct-safety' }, SCHOOL)
    await until(() => isCommittedInUpdateLog(cluster.databaseUrl, 'WEER-RUIMTE-4410'), { timeoutMs: 10_000, message: 'the school writes again' })
    expect(school.closes).toEqual([])
  }, 60_000)

  it('the buitenring fills the document up to the binnenring\'s reserve and is refused there; the chair, the politie and the case director are all accepted', async () => {
    cluster = small
    try {
      const ids = await newCase()
      const reason = await fillUntilRefused(ids.schoolCookie, ids.caseId, (i) => `RESERVE-${i}-X ${'漢'.repeat(3980)}`)
      await othersStillWrite(ids, 'reserve-6604')
      expect(parseShareRefusal(reason)).toEqual({ limit: 'document', section: null, max: 400 * 1024, organisation: SCHOOL.organisation })
      expect(dutch(reason)).toBe(
        'Niet opgeslagen: de buitenring heeft zijn deel van dit plan gebruikt (400 kB); de rest is bewaard voor de binnenring. ' +
        'De wijziging kwam van OBS De Vlinder; de casusregisseur kan items verwijderen.',
      )
    } finally {
      cluster = real
    }
  }, 60_000)

  it('the school fills its byte share with long actions until refused; the others are still accepted; the case director purges an item with an audit entry', async () => {
    const ids = await newCase()
    // 4,000 wide characters (3 bytes each in UTF-8) per action.
    const reason = await fillUntilRefused(ids.schoolCookie, ids.caseId, (i) => `SCHOOL-${i}-X ${'漢'.repeat(3985)}`)
    await othersStillWrite(ids, 'bytes-5529')
    expect(parseShareRefusal(reason)).toEqual({ limit: 'bytes', section: 'actions', max: 512 * 1024, organisation: SCHOOL.organisation })
    expect(dutch(reason)).toContain('OBS De Vlinder heeft zijn deel van dit plan gebruikt, ten hoogste 512 kB tekst in Acties per organisatie')

    // The purge: one of the school's items is gone from both nodes, the log and the history; audited.
    const docName = caseDocName(ids.caseId, 'plan')
    const onB = trackD(connectDoc(b(), ids.politieCookie, docName))
    await synced(onB)
    const victim = listActions(onB.doc, { includeRemoved: true }).find((x) => x.what.startsWith('SCHOOL-7-X '))!
    expect((await isCommittedInUpdateLog(cluster.databaseUrl, 'SCHOOL-7-X')) || (await isInSnapshot(cluster.databaseUrl, docName, 'SCHOOL-7-X'))).toBe(true)
    const schoolPurge = await api(a(), ids.schoolCookie, 'POST', `/api/cases/${ids.caseId}/items/actions/${victim.id}/purge`)
    expect(schoolPurge.status).toBe(403)
    const unknown = await api(a(), ids.chairCookie, 'POST', `/api/cases/${ids.caseId}/items/actions/00000000-0000-4000-8000-000000000000/purge`)
    expect(unknown.status).toBe(404)
    const appendOnly = await api(a(), ids.chairCookie, 'POST', `/api/cases/${ids.caseId}/items/decisions/${victim.id}/purge`)
    expect(appendOnly.status).toBe(400)
    const purged = await api(a(), ids.chairCookie, 'POST', `/api/cases/${ids.caseId}/items/actions/${victim.id}/purge`)
    expect(purged.status).toBe(204)
    await until(() => !listActions(onB.doc, { includeRemoved: true }).some((x) => x.id === victim.id), { timeoutMs: 10_000, message: 'purged on B' })
    const stored = await storedPlan(docName)
    expect(listActions(stored, { includeRemoved: true }).some((x) => x.id === victim.id)).toBe(false)
    stored.destroy()
    expect(await isCommittedInUpdateLog(cluster.databaseUrl, 'SCHOOL-7-X')).toBe(false)
    expect(await isInSnapshot(cluster.databaseUrl, docName, 'SCHOOL-7-X')).toBe(false)
    const audit = await auditEventsFor(cluster.databaseUrl, docName)
    expect(audit.filter((e) => e.action === 'item.purge').map((e) => e.outcome)).toEqual(['denied', 'ok'])
    expect(audit.find((e) => e.action === 'item.purge' && e.outcome === 'ok')!.details).toMatchObject({ item: victim.id, organisation: SCHOOL.organisation })
    expect(onB.closes).toEqual([])
  }, 60_000)
})
