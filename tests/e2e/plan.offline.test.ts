/**
 * Offline edits survive a closed tab, in Chromium with two partners on the demo case:
 * the politie goes offline (the badge says so within 2 s), adds two actions, and closes
 * the page while still offline; once online it opens the plan again, and both actions
 * arrive once for the chair, for itself and for the wijkteam, who opens the plan later. The browser's copy is named by user and
 * document, and logging out deletes it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import type { RunningServer } from '../../server/main'
import { DEMO_CASE_ID } from '../../server/seed'
import { addDays, todayIsoDate } from '../../shared/plan'
import { DEMO } from '../helpers/clients'
import { createDataDir } from '../helpers/databases'
import { launchBrowser, loginAs, newContext } from '../helpers/browser'
import { startNode } from '../helpers/nodes'

const TIMEOUT = { timeout: 15_000 }
/** "At once" for the offline badge (the bound). */
const WITHIN_2S = { timeout: 2_000, intervals: [50] }
/**
 * How long the politie stays offline before closing the page: the scenario, 60 s
 * (long enough for every reconnect attempt and the session re-checks to have run while
 * offline). Not a performance figure: the scenario's length.
 */
const OFFLINE_MS = 60_000

let node: RunningServer
let browser: Browser
let removeDir: () => Promise<void>
let chairCtx: BrowserContext
let politieCtx: BrowserContext
let chair: Page
let politie: Page

async function openPlan(page: Page): Promise<void> {
  await page.goto(`${node.url}/cases/${DEMO_CASE_ID}`)
  await page.getByTestId('action-row').first().waitFor(TIMEOUT)
  await page.locator('[data-testid="collab-status"][data-status="connected"]').waitFor(TIMEOUT)
}

async function addAction(page: Page, what: string): Promise<void> {
  await page.getByTestId('action-add-what').fill(what)
  await page.getByTestId('action-add-owner').fill('Politie Eenheid Noordkust')
  await page.getByTestId('action-add-due').fill(addDays(todayIsoDate(), 10))
  await page.getByTestId('action-add-link').selectOption('result:direct-safety')
  await page.getByTestId('action-add-submit').click()
  await expect.poll(() => page.getByTestId('action-add-what').inputValue()).toBe('')
}

function rowsOf(page: Page, what: string) {
  return page.locator('[data-testid="action-row"]', { hasText: what })
}

function localCopies(page: Page): Promise<string[]> {
  return page.evaluate(async () => (await indexedDB.databases()).map((db) => db.name ?? '').filter((name) => name.startsWith('samenspel:')))
}

beforeAll(async () => {
  const dir = await createDataDir()
  removeDir = dir.remove
  node = await startNode({ DATA_DIR: dir.dir, SERVE_CLIENT: 'true' })
  browser = await launchBrowser()
  ;[chairCtx, politieCtx] = await Promise.all([newContext(browser), newContext(browser)])
  ;[chair, politie] = await Promise.all([chairCtx.newPage(), politieCtx.newPage()])
  await Promise.all([loginAs(chair, node.url, DEMO.chair), loginAs(politie, node.url, DEMO.politie)])
  await Promise.all([openPlan(chair), openPlan(politie)])
})

afterAll(async () => {
  await chairCtx?.close()
  await politieCtx?.close()
  await browser?.close()
  await node?.close()
  await removeDir?.()
})

describe('offline edits', () => {
  it('delivers two actions added offline once, after the page was closed offline and opened again online', async () => {
    const first = `Offline actie een ${Date.now()}`
    const second = `Offline actie twee ${Date.now()}`
    await politieCtx.setOffline(true)
    await expect.poll(() => politie.getByTestId('collab-status').getAttribute('data-status'), WITHIN_2S).toBe('offline')
    await addAction(politie, first)
    await addAction(politie, second)
    expect(await rowsOf(politie, first).count()).toBe(1)
    // The offline period of the scenario (see OFFLINE_MS), not a wait for a condition.
    await politie.waitForTimeout(OFFLINE_MS)
    expect(await rowsOf(chair, first).count()).toBe(0)
    // Closed while offline, without the leave dialog (playwright skips beforeunload).
    await politie.close()

    await politieCtx.setOffline(false)
    politie = await politieCtx.newPage()
    await openPlan(politie)
    for (const page of [chair, politie]) {
      for (const what of [first, second]) await rowsOf(page, what).first().waitFor(TIMEOUT)
    }
    // A second copy would arrive with the same sync; give it a reload's worth of chance.
    await chair.reload()
    await openPlan(chair)
    // A third partner who opens the plan only now gets them from the server, once.
    const wijkteamCtx = await newContext(browser)
    const wijkteam = await wijkteamCtx.newPage()
    await loginAs(wijkteam, node.url, DEMO.wijkteam)
    await openPlan(wijkteam)
    for (const page of [chair, politie, wijkteam]) {
      expect(await rowsOf(page, first).count()).toBe(1)
      expect(await rowsOf(page, second).count()).toBe(1)
    }
    await wijkteamCtx.close()
    // The write guard took the re-sent edits (their client id is the politie's own): no refusal.
    expect(await politie.getByTestId('collab-refusal').count()).toBe(0)
    expect(await politie.getByTestId('collab-status').getAttribute('data-status')).toBe('connected')
  }, 150_000)

  it('keeps the copy per user and document, and deletes it at logout', async () => {
    const me = await politie.evaluate(async () => (await (await fetch('/api/session')).json()) as { me: { id: string } })
    const copies = await localCopies(politie)
    expect(copies).toContain(`samenspel:${me.me.id}:case/${DEMO_CASE_ID}/plan`)
    expect(copies).toContain(`samenspel:${me.me.id}:case/${DEMO_CASE_ID}/inner`)
    await politie.getByTestId('logout').click()
    await politie.getByTestId('login-email').waitFor(TIMEOUT)
    await expect.poll(() => localCopies(politie), TIMEOUT).toEqual([])
  })
})
