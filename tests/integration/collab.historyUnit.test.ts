/**
 * No accepted change is ever missing from an item's history (issue 18 item 7), through
 * the official y-websocket client against a node on PostgreSQL:
 * - a NUL in a field is refused by the write guard (4409; a lone surrogate cannot even be
 *   sent: y-websocket encodes it as U+FFFD): the document and the history stay whole, and
 *   the next change is recorded;
 * - when the history insert fails (a real CHECK constraint added to `item_history`), the
 *   change is not stored either: the writer gets 4500 (retryable), nobody sees the change,
 *   and once the cause is gone the client's own resend stores change and history together.
 */
import pg from 'pg'
import * as Y from 'yjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addAction, updateAction } from '../../shared/plan'
import { CloseCode } from '../../shared/protocol/closeCodes'
import { caseDocName } from '../../shared/protocol/docName'
import { makeCase } from '../helpers/cases'
import { api, connectDoc, DEMO, login, synced, type DocClient } from '../helpers/clients'
import { startCluster, type Cluster } from '../helpers/clusters'
import { until } from '../helpers/until'

const inTwoWeeks = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10)
const anouk = { name: 'Anouk de Wit', organisation: 'Veilig Thuis Noordkust' }
type Change = { field: string; from: unknown; to: unknown; by: string }

async function sql<T extends pg.QueryResultRow>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: url })
  await c.connect()
  try {
    return (await c.query<T>(text, params)).rows
  } finally {
    await c.end()
  }
}

describe('item history and its update are one unit', () => {
  let cluster: Cluster
  const docs: DocClient[] = []
  beforeAll(async () => {
    cluster = await startCluster(1)
  })
  afterAll(async () => {
    for (const d of docs) d.destroy()
    await cluster.close()
  })

  /** A case, the chair and the politie on its plan, and one action. */
  async function setUp() {
    const url = cluster.nodes[0]!.url
    const { caseId, chairCookie } = await makeCase(url, [{ email: DEMO.politie, ring: 'inner', role: 'member' }])
    const docName = caseDocName(caseId, 'plan')
    const chair = connectDoc(url, chairCookie, docName)
    const politie = connectDoc(url, await login(url, DEMO.politie), docName)
    docs.push(chair, politie)
    await Promise.all([synced(chair), synced(politie)])
    const action = addAction(chair.doc, { what: 'Huisbezoek', ownerOrganisation: anouk.organisation, due: inTwoWeeks, resultKey: 'direct-safety' }, anouk)
    await until(() => politie.doc.getMap('actions').has(action.id))
    const whatOf = (c: DocClient) => (c.doc.getMap('actions').get(action.id) as Y.Map<unknown> | undefined)?.get('what')
    const history = async () => (await api<Change[]>(url, chairCookie, 'GET', `/api/cases/${caseId}/items/actions/${action.id}/history`)).body
    return { url, caseId, docName, chair, politie, action, whatOf, history, chairCookie }
  }

  it.each([
    ['a NUL', 'Huis\u0000bezoek'],
    ['a lone surrogate', 'Huisbezoek \ud83d'],
  ])('keeps document and history whole after %s in a field (NUL refused with 4409, a lone surrogate arrives as U+FFFD), and records the next change', async (_what, bad) => {
    const { url, docName, chair, politie, action, whatOf, history, chairCookie } = await setUp()
    updateAction(chair.doc, action.id, { what: 'Huisbezoek met wijkagent' }, anouk)
    await until(() => whatOf(politie) === 'Huisbezoek met wijkagent')
    // A hostile or buggy client (the chair in a second tab) writes past the shared
    // accessors, which refuse such text too.
    const writer = connectDoc(url, chairCookie, docName)
    docs.push(writer)
    await synced(writer)
    writer.doc.transact(() => (writer.doc.getMap('actions').get(action.id) as Y.Map<unknown>).set('what', bad))
    // y-websocket encodes a lone surrogate as U+FFFD on the wire; NUL arrives as it is.
    const refused = bad.includes('\u0000')
    if (refused) {
      await until(() => writer.closes.length > 0, { message: 'the writer is closed' })
      expect(writer.closes[0]!.code).toBe(CloseCode.UpdateRefused)
      writer.destroy()
    } else {
      await until(() => whatOf(politie) === 'Huisbezoek \uFFFD', { message: 'the replaced text arrives' })
    }
    // The marker: the politie's next change arrives everywhere, after whatever the bad write did.
    updateAction(politie.doc, action.id, { what: 'Huisbezoek met wijkagent en school' }, { name: 'Ruben Smit', organisation: 'Politie Eenheid Noordkust' })
    await until(() => whatOf(chair) === 'Huisbezoek met wijkagent en school', { timeoutMs: 10_000, message: 'the next change reaches the chair' })
    const changes = await until(async () => {
      const h = await history()
      return h.filter((c) => c.field === 'what').length >= (refused ? 2 : 3) ? h : null
    }, { message: 'the next change is in the history' })
    const what = changes.filter((c) => c.field === 'what').reverse()
    if (refused) {
      expect(what.map((c) => [c.from, c.to])).toEqual([
        ['Huisbezoek', 'Huisbezoek met wijkagent'],
        ['Huisbezoek met wijkagent', 'Huisbezoek met wijkagent en school'],
      ])
    } else {
      // Stored as U+FFFD, and the history says exactly that.
      expect(what.map((c) => [c.from, c.to])).toEqual([
        ['Huisbezoek', 'Huisbezoek met wijkagent'],
        ['Huisbezoek met wijkagent', 'Huisbezoek \uFFFD'],
        ['Huisbezoek \uFFFD', 'Huisbezoek met wijkagent en school'],
      ])
    }
    expect(JSON.stringify(changes)).not.toContain('\\u0000')
  })

  it('stores neither change nor history when the history insert fails, tells the writer to retry (4500), and stores both on the retry', async () => {
    const { docName, chair, politie, action, whatOf, history } = await setUp()
    const dbUrl = cluster.databaseUrl
    await sql(dbUrl, `ALTER TABLE item_history ADD CONSTRAINT refuse_for_test CHECK (new_value IS DISTINCT FROM '"Huisbezoek gaat niet door"'::jsonb)`)
    try {
      const closes = chair.closes.length
      updateAction(chair.doc, action.id, { what: 'Huisbezoek gaat niet door' }, anouk)
      await until(() => chair.closes.length > closes, { timeoutMs: 15_000, message: 'the writer is told to retry' })
      expect(chair.closes[closes]!.code).toBe(CloseCode.ServerError)
      // Rolled back: not in the log, and the politie never saw it.
      const stored = await sql<{ n: string }>(dbUrl, `SELECT count(*) AS n FROM doc_updates WHERE doc_name = $1 AND position(convert_to('gaat niet door', 'UTF8') in data) > 0`, [docName])
      expect(Number(stored[0]!.n)).toBe(0)
      expect(whatOf(politie)).toBe('Huisbezoek')
    } finally {
      await sql(dbUrl, 'ALTER TABLE item_history DROP CONSTRAINT refuse_for_test')
    }
    // The chair's client reconnects and resends its edit: now change and history land together.
    await until(() => whatOf(politie) === 'Huisbezoek gaat niet door', { timeoutMs: 20_000, message: 'the resent change arrives' })
    const changes = await until(async () => ((await history()).some((c) => c.to === 'Huisbezoek gaat niet door') ? history() : null))
    expect(changes.filter((c) => c.field === 'what').map((c) => [c.from, c.to])).toEqual([['Huisbezoek', 'Huisbezoek gaat niet door']])
  })
})
