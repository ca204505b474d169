/**
 * Issue 19, abilities as data: the school (buitenring) changes the status of an agreement
 * its organisation is bound to, over a real node with real Redis and PostgreSQL and the
 * official y-websocket client; it is refused (4409) on an agreement it is not bound to
 * and on every other field or a removal of the one it is bound to; and the case detail's
 * abilities say exactly that, through the same shared predicates the write guard asks.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CaseDetailDto } from '../../shared/api/schemas'
import { addAgreement, listAgreements, removeItem, updateAgreement, type AgreementPatch } from '../../shared/plan'
import { canAddItem, canChangeField, canRemoveItem, changeableFields } from '../../shared/plan/abilities'
import { BOUND_AGREEMENTS_ENTRIES, OWN_ACTIONS_ENTRIES } from '../../shared/plan/writeEntries'
import { CloseCode } from '../../shared/protocol/closeCodes'
import { caseDocName } from '../../shared/protocol/docName'
import { makeCase } from '../helpers/cases'
import { api, connectDoc, DEMO, login, synced, type DocClient } from '../helpers/clients'
import { startCluster, type Cluster } from '../helpers/clusters'
import { until } from '../helpers/until'

const today = new Date().toISOString().slice(0, 10)
const SCHOOL = { name: 'Joost Bakker', organisation: 'OBS De Vlinder' }
const CHAIR = { name: 'Anouk de Wit', organisation: 'Veilig Thuis Noordkust' }

describe('the school changes the agreements it is bound to (issue 19)', () => {
  let cluster: Cluster
  const docs: DocClient[] = []
  const track = (c: DocClient) => (docs.push(c), c)
  beforeAll(async () => {
    cluster = await startCluster(1)
  }, 60_000)
  afterAll(async () => {
    for (const d of docs) d.destroy()
    await cluster?.close()
  })

  it('accepts the status of a bound agreement, refuses (4409) everything else, and the case detail says so', async () => {
    const url = cluster.nodes[0]!.url
    const { caseId, chairCookie } = await makeCase(url, [{ email: DEMO.school, ring: 'outer', role: 'member' }])
    const docName = caseDocName(caseId, 'plan')
    const chair = track(connectDoc(url, chairCookie, docName))
    await synced(chair)
    // Bound as a person would type the school's name; the other binds the father only.
    const bound = addAgreement(chair.doc, { text: 'Afwezigheid dezelfde ochtend melden', boundParties: ['vader', 'obs de vlinder'], checkedBy: 'Wijkteam Havenstad', startDate: today }, CHAIR).id
    const other = addAgreement(chair.doc, { text: 'Geen contact na 20:00', boundParties: ['vader'], checkedBy: 'Politie', startDate: today }, CHAIR).id
    const schoolCookie = await login(url, DEMO.school)

    // What the page gets: the school's entries, and the shared predicates over them.
    const detail = await api<CaseDetailDto>(url, schoolCookie, 'GET', `/api/cases/${caseId}`)
    expect(detail.status).toBe(200)
    const writes = detail.body.abilities.writes
    expect(writes).toMatchObject({ ring: 'outer', role: 'member', organisation: SCHOOL.organisation })
    expect(writes.plan).toEqual({ actions: OWN_ACTIONS_ENTRIES, agreements: BOUND_AGREEMENTS_ENTRIES })
    expect(writes.inner).toEqual({})
    expect(detail.body.abilities).toMatchObject({ planWritable: ['agreements', 'actions'], innerWritable: [], ownActionsOnly: true })
    const items = Object.fromEntries(listAgreements(chair.doc).map((a) => [a.id, a as unknown as Record<string, unknown>]))
    expect(changeableFields(writes, 'agreements', items[bound]!)).toEqual(['status'])
    expect(changeableFields(writes, 'agreements', items[other]!)).toEqual([])
    expect(canChangeField(writes, 'agreements', items[bound]!, 'text')).toBe(false)
    expect(canRemoveItem(writes, 'agreements', items[bound]!)).toBe(false)
    expect(canAddItem(writes, 'agreements')).toBe(false)

    /** A fresh school connection that makes one change and reports how the server took it. */
    async function schoolWrites(change: (doc: DocClient['doc']) => void): Promise<DocClient> {
      const school = track(connectDoc(url, schoolCookie, docName))
      await synced(school)
      await until(() => listAgreements(school.doc).length === 2, { message: 'the school sees both agreements' })
      change(school.doc)
      return school
    }
    const refusedWith = async (change: (doc: DocClient['doc']) => void, reason: string) => {
      const school = await schoolWrites(change)
      await until(() => school.closes.length > 0, { message: `the server refuses: ${reason}` })
      expect(school.closes[0]).toEqual({ code: CloseCode.UpdateRefused, reason })
      school.destroy()
    }
    const update = (id: string, patch: AgreementPatch) => (doc: DocClient['doc']) => { updateAgreement(doc, id, patch, SCHOOL) }

    // Allowed: the status of the agreement its organisation is bound to.
    const honest = await schoolWrites(update(bound, { status: 'broken' }))
    await until(() => listAgreements(chair.doc).find((a) => a.id === bound)?.status === 'broken', { message: 'the chair sees the school\'s status' })
    expect(listAgreements(chair.doc).find((a) => a.id === bound)).toMatchObject({ status: 'broken', updatedBy: SCHOOL.name, updatedByOrganisation: SCHOOL.organisation })
    expect(honest.closes).toEqual([])
    honest.destroy()

    // Refused: another agreement, another field, a removal.
    await refusedWith(update(other, { status: 'ended' }), 'the buitenring changes only agreements that name its organisation')
    await refusedWith(update(bound, { text: 'Herschreven door de school' }), 'the buitenring may not change agreements.text')
    // Judged on the item as the update leaves it: without the school among the bound, it is no longer the school's to change.
    await refusedWith(update(bound, { boundParties: ['vader'] }), 'the buitenring changes only agreements that name its organisation')
    await refusedWith(update(bound, { boundParties: ['vader', 'OBS De Vlinder', 'Politie'] }), 'the buitenring may not change agreements.boundParties')
    await refusedWith((doc) => removeItem(doc, 'agreements', bound, SCHOOL), 'the buitenring may not change agreements.removedAt')

    // The marker: a later allowed status reaches the chair, and nothing refused came before it.
    const marker = await schoolWrites(update(bound, { status: 'ended' }))
    await until(() => listAgreements(chair.doc).find((a) => a.id === bound)?.status === 'ended', { message: 'the later honest status arrives' })
    expect(marker.closes).toEqual([])
    const after = Object.fromEntries(listAgreements(chair.doc, { includeRemoved: true }).map((a) => [a.id, a]))
    expect(after[bound]).toMatchObject({ text: 'Afwezigheid dezelfde ochtend melden', boundParties: ['vader', 'obs de vlinder'], removedAt: null })
    expect(after[other]).toMatchObject({ status: 'active', updatedBy: CHAIR.name })
    expect(chair.closes).toEqual([])
  }, 60_000)
})
