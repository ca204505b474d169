/**
 * The embedded default (`npm start`: PGlite, in-process bus, socket.io's in-memory
 * adapter) runs a meeting too: join, move the agenda, record a decision into the plan,
 * close with a version.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningServer } from '../../server/main'
import { listDecisions } from '../../shared/plan'
import { caseDocName } from '../../shared/protocol/docName'
import { makeCase } from '../helpers/cases'
import { connectDoc, DEMO, login, synced, type DocClient } from '../helpers/clients'
import { createDataDir } from '../helpers/databases'
import { connectMeeting, makeMeeting, type MeetingClient } from '../helpers/meetingClients'
import { startNode } from '../helpers/nodes'
import { until } from '../helpers/until'

describe('a meeting on the embedded defaults', () => {
  let node: RunningServer
  let remove: () => Promise<void>
  const open: (MeetingClient | DocClient)[] = []
  beforeAll(async () => {
    const dir = await createDataDir()
    remove = dir.remove
    node = await startNode({ DATA_DIR: dir.dir })
  })
  afterAll(async () => {
    for (const c of open) {
      if ('socket' in c) c.close()
      else c.destroy()
    }
    await node.close()
    await remove()
  })

  it('runs from start to close on PGlite with the in-memory adapter', async () => {
    const { caseId, chairCookie } = await makeCase(node.url, [{ email: DEMO.politie, ring: 'inner', role: 'member' }])
    const meetingId = await makeMeeting(node.url, chairCookie, caseId, 'mda')
    const chair = await connectMeeting(node.url, chairCookie)
    const politieCookie = await login(node.url, DEMO.politie)
    const politie = await connectMeeting(node.url, politieCookie)
    const plan = connectDoc(node.url, politieCookie, caseDocName(caseId, 'plan'))
    open.push(chair, politie, plan)
    await chair.join(meetingId)
    await politie.join(meetingId)
    await synced(plan)
    const decisions = chair.latest()!.agenda.find((i) => i.kind === 'decisions')!
    await chair.command({ type: 'goto', meetingId, itemId: decisions.id })
    await politie.until((s) => s.currentItemId === decisions.id)
    expect(await chair.command({ type: 'decision', meetingId, text: 'Plan van aanpak vastgesteld', decisionType: 'plan' })).toEqual({ ok: true })
    await until(() => listDecisions(plan.doc).some((d) => d.text === 'Plan van aanpak vastgesteld'))
    expect(await chair.command({ type: 'close', meetingId })).toEqual({ ok: true, version: 1 })
    await politie.until((s) => s.status === 'closed' && s.version === 1)
  })
})
