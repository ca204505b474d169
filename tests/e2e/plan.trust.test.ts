/**
 * Plan edits a partner can trust, in Chromium with two partners on the demo case:
 * - ArrowDown on a status select is a draft: the other partner sees nothing until Enter;
 * - "Verwijderen" asks first; a removed item is listed under "Verwijderd" for the other
 *   partner, and restored from there it is back for everyone;
 * - a partner whose open form loses its action to a colleague's removal is told so, can
 *   restore it and save their text;
 * - the connection badge says offline within 2 s of the browser going offline.
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
  await page.getByTestId('action-add-owner').fill('Veilig Thuis Noordkust')
  await page.getByTestId('action-add-due').fill(addDays(todayIsoDate(), 10))
  await page.getByTestId('action-add-link').selectOption('result:direct-safety')
  await page.getByTestId('action-add-submit').click()
  await expect.poll(() => page.getByTestId('action-add-what').inputValue()).toBe('')
}

function actionRow(page: Page, what: string) {
  return page.locator('[data-testid="action-row"]', { hasText: what })
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

describe('plan edits partners can trust', () => {
  it('keeps an ArrowDown status choice to itself until the user presses Enter', async () => {
    const what = `Status met toetsenbord ${Date.now()}`
    await addAction(chair, what)
    await actionRow(politie, what).waitFor(TIMEOUT)
    const chairSelect = actionRow(chair, what).getByTestId('action-status')
    const politieSelect = actionRow(politie, what).getByTestId('action-status')
    await chairSelect.focus()
    await chair.keyboard.press('ArrowDown')
    expect(await chairSelect.inputValue()).toBe('in-progress')
    await expect.poll(() => actionRow(chair, what).locator('.confirm-select').getAttribute('data-pending')).toBe('true')

    // A later change from the chair, on the same socket, reaches the politie first: the
    // draft was never sent (updates of one document arrive in order).
    const resultSelect = chair.getByTestId('result-status-direct-safety')
    const resultBefore = await resultSelect.inputValue()
    const resultNext = resultBefore === 'at-risk' ? 'open' : 'at-risk'
    await resultSelect.selectOption(resultNext)
    await expect.poll(() => politie.getByTestId('result-status-direct-safety').inputValue(), TIMEOUT).toBe(resultNext)
    expect(await politieSelect.inputValue()).toBe('open')

    await chairSelect.focus()
    await chair.keyboard.press('Enter')
    await expect.poll(() => politieSelect.inputValue(), TIMEOUT).toBe('in-progress')
  })

  it('asks before removing, and a restored action is back for the other partner', async () => {
    const what = `Actie om te verwijderen ${Date.now()}`
    await addAction(chair, what)
    await actionRow(politie, what).waitFor(TIMEOUT)

    await actionRow(chair, what).getByTestId('action-remove').click()
    const confirm = actionRow(chair, what).getByTestId('action-remove-confirm')
    await expect.poll(() => confirm.evaluate((el) => el === document.activeElement)).toBe(true)
    expect(await actionRow(chair, what).getByRole('group').getAttribute('aria-label')).toContain(what)
    // Escape takes the question back and leaves the action.
    await chair.keyboard.press('Escape')
    expect(await actionRow(chair, what).getByTestId('action-remove').count()).toBe(1)

    await actionRow(chair, what).getByTestId('action-remove').click()
    await confirm.click()
    await expect.poll(() => actionRow(politie, what).count(), TIMEOUT).toBe(0)

    await politie.getByTestId('removed-actions-toggle').click()
    const politieRemoved = politie.getByTestId('removed-item').filter({ hasText: what })
    await expect.poll(() => politieRemoved.innerText(), TIMEOUT).toContain('verwijderd door Anouk de Wit')

    await chair.getByTestId('removed-actions-toggle').click()
    await chair.getByTestId('removed-item').filter({ hasText: what }).getByTestId('removed-restore').click()
    await actionRow(politie, what).waitFor(TIMEOUT)
    await expect.poll(() => actionRow(politie, what).getByTestId('item-meta').innerText(), TIMEOUT).toContain('laatst gewijzigd door Anouk de Wit')
    expect(await politieRemoved.count()).toBe(0)
  })

  it('tells a partner whose open form lost its action, and lets them restore it and save', async () => {
    const what = `Actie in bewerking ${Date.now()}`
    await addAction(chair, what)
    await actionRow(politie, what).waitFor(TIMEOUT)
    await actionRow(chair, what).getByTestId('action-edit').click()
    const form = chair.locator(`[data-testid="action-row"].plan-action--editing`)
    await form.locator('textarea, input').first().fill(`${what} (aangepast)`)

    await actionRow(politie, what).getByTestId('action-remove').click()
    await actionRow(politie, what).getByTestId('action-remove-confirm').click()
    await expect.poll(() => chair.getByTestId('action-removed-notice').innerText(), TIMEOUT).toContain('Ruben Smit heeft dit intussen verwijderd')
    // The text typed so far is still there.
    expect(await form.locator('textarea, input').first().inputValue()).toBe(`${what} (aangepast)`)

    await chair.getByTestId('action-removed-restore').click()
    await expect.poll(() => chair.getByTestId('action-removed-notice').count(), TIMEOUT).toBe(0)
    await actionRow(politie, what).waitFor(TIMEOUT)
    await form.getByRole('button', { name: 'Opslaan' }).click()
    await actionRow(politie, `${what} (aangepast)`).waitFor(TIMEOUT)
  })

  it('says offline within 2 s of the browser going offline, and online again after', async () => {
    const badge = politie.getByTestId('collab-status')
    await politieCtx.setOffline(true)
    await expect.poll(() => badge.getAttribute('data-status'), WITHIN_2S).toBe('offline')
    await politieCtx.setOffline(false)
    await expect.poll(() => badge.getAttribute('data-status'), TIMEOUT).toBe('connected')
  })
})
