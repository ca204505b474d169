/**
 * The veiligheidsschaal's anchors per case (issue 12, DOMAIN.md §4.4): a binnenring member
 * sets them over the real websocket and every partner reads them; the write guard keeps
 * them the inner document's (never the buitenring's), stamped with the writer, bounded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getScaleAnchors, setScaleAnchors } from '../../shared/plan'
import { CloseCode } from '../../shared/protocol/closeCodes'
import { caseDocName } from '../../shared/protocol/docName'
import { makeCase } from '../helpers/cases'
import { connectDoc, DEMO, login, synced, type DocClient } from '../helpers/clients'
import { startCluster, type Cluster } from '../helpers/clusters'
import { isCommittedInUpdateLog } from '../helpers/dbInspect'
import { until } from '../helpers/until'

describe('scale anchors per case', () => {
  let cluster: Cluster
  const docs: DocClient[] = []
  beforeAll(async () => {
    cluster = await startCluster(1)
  })
  afterAll(async () => {
    for (const d of docs) d.destroy()
    await cluster.close()
  })

  it('lets the binnenring set the anchors for an adult victim, stamped with the writer, and refuses a forged stamp', async () => {
    const url = cluster.nodes[0]!.url
    const { caseId, chairCookie } = await makeCase(url, [{ email: DEMO.politie, ring: 'inner', role: 'member' }], 'Mevr. G.')
    const politieCookie = await login(url, DEMO.politie)
    const chair = connectDoc(url, chairCookie, caseDocName(caseId, 'inner'))
    const politie = connectDoc(url, politieCookie, caseDocName(caseId, 'inner'))
    docs.push(chair, politie)
    await Promise.all([synced(chair), synced(politie)])
    setScaleAnchors(chair.doc, { zero: 'Mevrouw kan nu niet veilig thuis blijven (ANKER-0-7712)', ten: 'Veilig genoeg om af te sluiten' }, { name: 'Anouk de Wit', organisation: 'Veilig Thuis Noordkust' })
    await until(() => getScaleAnchors(politie.doc).zero.startsWith('Mevrouw kan nu niet'))
    expect(getScaleAnchors(politie.doc)).toMatchObject({ ten: 'Veilig genoeg om af te sluiten', updatedBy: 'Anouk de Wit' })
    await until(() => isCommittedInUpdateLog(cluster.databaseUrl, 'ANKER-0-7712'))
    expect(() => setScaleAnchors(chair.doc, { zero: 'x'.repeat(301) }, { name: 'Anouk de Wit', organisation: 'Veilig Thuis Noordkust' })).toThrow(/too long/)

    // The politie writes the anchor in the chair's name: refused, not stored.
    politie.doc.transact(() => {
      politie.doc.getMap('scaleAnchors').set('zero', 'VERVALST-9931')
      politie.doc.getMap('scaleAnchors').set('updatedBy', 'Anouk de Wit')
    })
    await until(() => politie.closes.some((c) => c.code === CloseCode.UpdateRefused), { message: 'forged stamp refused' })
    expect(await isCommittedInUpdateLog(cluster.databaseUrl, 'VERVALST-9931')).toBe(false)
    expect(getScaleAnchors(chair.doc).zero).toContain('ANKER-0-7712')
  })
})
