/**
 * A partner's meeting page survives its node going away, in Chromium: the politie follows
 * on node B, node B stops (the page says it is reconnecting), the chair on node A moves
 * the agenda meanwhile, node B comes back on the same address, and the politie's page
 * joins again by itself and shows the item the chair moved to, without a reload.
 */
import { createServer } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { DEMO_CASE_ID } from '../../server/seed'
import { DEMO } from '../helpers/clients'
import { startCluster, type Cluster } from '../helpers/clusters'
import { launchBrowser } from '../helpers/browser'
import { spawnNode, type SpawnedNode } from '../helpers/nodes'
import { clickAgendaItem, expectCurrentItem, joinAs, openMeetingFromList, scheduleMeeting, TIMEOUT, type Participant } from '../helpers/meetingPages'

const TITLE = 'MDA++ met een node die herstart'

let cluster: Cluster
let nodeB: SpawnedNode | null = null
let portB = 0
let browser: Browser
let chair: Participant
let politie: Participant

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      const port = typeof address === 'object' && address ? address.port : 0
      probe.close(() => resolve(port))
    })
  })
}

/** Node B in a process of its own, as in a deployment: its shutdown touches nothing of node A. */
function startNodeB(): Promise<SpawnedNode> {
  return spawnNode({ ...cluster.env, PORT: String(portB) })
}

/** Longest a graceful stop may take before the test kills node B instead (it has been seen to hang). */
const STOP_TIMEOUT_MS = 10_000

/** SIGTERM, and SIGKILL when node B has not exited within STOP_TIMEOUT_MS (a crash is a restart too); true when it stopped gracefully. */
async function stopOrKill(node: SpawnedNode): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timedOut = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), STOP_TIMEOUT_MS)
  })
  const stopped = await Promise.race([node.stop().then(() => true), timedOut])
  clearTimeout(timer)
  if (!stopped) await node.kill()
  return stopped
}

beforeAll(async () => {
  cluster = await startCluster(0)
  cluster.env.SERVE_CLIENT = 'true'
  const a = await cluster.addNode()
  portB = await freePort()
  nodeB = await startNodeB()
  browser = await launchBrowser()
  ;[chair, politie] = await Promise.all([joinAs(browser, a.url, DEMO.chair), joinAs(browser, nodeB.url, DEMO.politie)])
})

afterAll(async () => {
  for (const p of [chair, politie]) await p?.context.close()
  await browser?.close()
  if (nodeB) await stopOrKill(nodeB)
  await cluster?.close()
})

describe('a meeting page whose node restarts', () => {
  it('joins again by itself and shows the item the chair moved to meanwhile', async () => {
    await scheduleMeeting(chair.page, chair.baseUrl, DEMO_CASE_ID, 'mda', TITLE)
    await chair.page.getByTestId('meeting-start').click()
    await openMeetingFromList(politie.page, politie.baseUrl, DEMO_CASE_ID, TITLE)
    await expectCurrentItem(politie.page, 'Opening')
    const connection = politie.page.getByTestId('meeting-connection')
    expect(await connection.getAttribute('data-status')).toBe('joined')

    await stopOrKill(nodeB!)
    nodeB = null
    await expect.poll(() => connection.getAttribute('data-status'), TIMEOUT).toBe('reconnecting')
    // A graceful stop of node B also disconnects the chair's socket on node A (the server's
    // close calls disconnectSockets through the Redis adapter, so every node's meeting
    // sockets go); the chair's page connects again by itself: wait for that before moving on.
    await expect.poll(() => chair.page.getByTestId('meeting-connection').getAttribute('data-status'), TIMEOUT).toBe('joined')
    await clickAgendaItem(chair.page, 'SoS-kaart')
    await expectCurrentItem(chair.page, 'SoS-kaart')
    // The politie's page cannot know yet.
    await expectCurrentItem(politie.page, 'Opening')

    nodeB = await startNodeB()
    await expect.poll(() => connection.getAttribute('data-status'), { timeout: 30_000 }).toBe('joined')
    await expectCurrentItem(politie.page, 'SoS-kaart')
    expect(await politie.page.getByTestId('meeting-item-title').innerText()).toBe('SoS-kaart')
  }, 150_000)
})
