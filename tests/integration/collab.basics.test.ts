/**
 * The walking skeleton's collaboration promises, on PGlite and on real PostgreSQL:
 * two clients converge through the server, the text survives a restart, and the doc
 * hub refuses non-members and foreign origins before any sync (a non-member's socket
 * receives not a single frame before its 4403).
 */
import * as decoding from 'lib0/decoding'
import * as Y from 'yjs'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { CloseCode } from '../../shared/protocol/closeCodes'
import { caseDocName } from '../../shared/protocol/docName'
import { DEMO_CASE_ID } from '../../server/seed'
import type { RunningServer } from '../../server/main'
import { api, connectDoc, DEMO, login, synced, type DocClient } from '../helpers/clients'
import { createDataDir, createPgDatabase } from '../helpers/databases'
import { startNode, type NodeEnv } from '../helpers/nodes'
import { MESSAGE, SYNC, syncFrame } from '../helpers/frames'
import { closedWithin, openRawSocket } from '../helpers/rawSockets'
import { until } from '../helpers/until'

/** What a server frame is, for a readable failure: `sync/1` (step 2), `awareness`, … */
function frameKind(frame: Buffer): string {
  const d = decoding.createDecoder(new Uint8Array(frame))
  const type = decoding.readVarUint(d)
  if (type === MESSAGE.sync) return `sync/${decoding.readVarUint(d)}`
  return Object.entries(MESSAGE).find(([, t]) => t === type)?.[0] ?? `type ${type}`
}

const backends: { name: string; make(): Promise<{ env: NodeEnv; cleanup(): Promise<void> }> }[] = [
  { name: 'PGlite', make: async () => { const d = await createDataDir(); return { env: { DATA_DIR: d.dir }, cleanup: d.remove } } },
  { name: 'PostgreSQL', make: async () => { const d = await createPgDatabase(); return { env: { DATABASE_URL: d.url }, cleanup: d.drop } } },
]

describe.each(backends)('collab basics on $name', (backend) => {
  let env: NodeEnv
  let cleanup: () => Promise<void>
  let node: RunningServer
  const clients: DocClient[] = []
  const open = (cookie: string | null, name: string, opts?: { origin?: string }) => {
    const c = connectDoc(node.url, cookie, name, opts)
    clients.push(c)
    return c
  }

  // One node per backend (PGlite takes seconds to start); the restart test replaces it.
  beforeAll(async () => {
    ;({ env, cleanup } = await backend.make())
    node = await startNode(env)
  })
  afterEach(() => {
    for (const c of clients.splice(0)) c.destroy()
  })
  afterAll(async () => {
    await node.close()
    await cleanup()
  })

  it('relays one client\'s typing to another and converges', async () => {
    const planDoc = caseDocName(DEMO_CASE_ID, 'plan')
    const [a, b] = [open(await login(node.url, DEMO.chair), planDoc), open(await login(node.url, DEMO.politie), planDoc)]
    await Promise.all([synced(a), synced(b)])
    a.prose().insert(0, 'Moeder en kinderen naar de opvang.')
    b.prose().insert(0, 'School geïnformeerd. ')
    await until(() => a.text() === b.text() && a.text().length > 40)
    expect(a.text()).toContain('opvang')
    expect(a.text()).toContain('School geïnformeerd')
  })

  it('keeps the text across a server restart', async () => {
    const planDoc = caseDocName(DEMO_CASE_ID, 'plan')
    const cookie = await login(node.url, DEMO.chair)
    const a = open(cookie, planDoc)
    await synced(a)
    a.prose().insert(0, 'Veiligheidsafspraak: geen contact na 20:00.')
    // Another client seeing it proves the server persisted it (persist before broadcast).
    const witness = open(await login(node.url, DEMO.politie), planDoc)
    // The demo summary's first paragraph already holds text: the edit goes in front of it.
    await until(() => witness.text().startsWith('Veiligheidsafspraak: geen contact na 20:00.'))
    const typed = witness.text()
    for (const c of clients.splice(0)) c.destroy()
    await node.close()

    node = await startNode(env)
    const after = open(await login(node.url, DEMO.politie), planDoc)
    await synced(after)
    expect(after.text()).toBe(typed)
  })

  it('refuses a user who is not a member of the case with 4403 and sends no content', async () => {
    const outsider = await login(node.url, DEMO.chair)
    const created = await api<{ id: string }>(node.url, outsider, 'POST', '/api/cases', { title: 'Gezin B.' })
    const politie = await login(node.url, DEMO.politie)
    const name = caseDocName(created.body.id, 'plan')
    const c = open(politie, name)
    await until(() => c.closes.length > 0)
    expect(c.closes[0]).toEqual({ code: CloseCode.Forbidden, reason: 'no access to this document' })
    expect(c.provider.synced).toBe(false)
    expect(c.doc.share.size).toBe(0)

    // Every frame the server sends before its close, to a socket that asks for the whole
    // document (sync step 1, empty state vector) the moment it is open: none at all, so
    // no sync step 1, step 2, update or presence of the document reached the outsider.
    const raw = openRawSocket(node.url, politie, name)
    raw.ws.once('open', () => raw.ws.send(syncFrame(SYNC.step1, Y.encodeStateVector(new Y.Doc()))))
    expect(await closedWithin(raw)).toEqual({ code: CloseCode.Forbidden, reason: 'no access to this document' })
    expect(raw.messages.map(frameKind)).toEqual([])
  })

  it('refuses an upgrade without a session with 4401', async () => {
    const c = open(null, caseDocName(DEMO_CASE_ID, 'plan'))
    await until(() => c.closes.length > 0)
    expect(c.closes[0]!.code).toBe(CloseCode.Unauthenticated)
    expect(c.provider.synced).toBe(false)
  })

  it('refuses a foreign Origin with 4406 even with a valid session', async () => {
    const cookie = await login(node.url, DEMO.chair)
    const c = open(cookie, caseDocName(DEMO_CASE_ID, 'plan'), { origin: 'https://evil.example' })
    await until(() => c.closes.length > 0)
    expect(c.closes[0]!.code).toBe(CloseCode.OriginNotAllowed)
    expect(c.provider.synced).toBe(false)
  })

  it('accepts the app\'s own Origin', async () => {
    const cookie = await login(node.url, DEMO.chair)
    const c = open(cookie, caseDocName(DEMO_CASE_ID, 'plan'), { origin: node.url })
    await synced(c)
    expect(c.closes).toEqual([])
  })

  it('refuses an unknown document name with 4400', async () => {
    const cookie = await login(node.url, DEMO.chair)
    const c = open(cookie, 'case/not-a-uuid/plan')
    await until(() => c.closes.length > 0)
    expect(c.closes[0]!.code).toBe(CloseCode.InvalidDocName)
  })
})
