/**
 * An item's history in Chromium (issue 12): the chair adds an action, the politie changes
 * its Wat in another browser; the chair opens Geschiedenis on the row and reads the
 * earlier value, the new one and who changed it (from the server, not the page's memory:
 * the chair reloads first). Axe clean; screenshot kept. And the case's own scale anchors.
 * And an action's priority (declared once, shared/plan/kinds/action.ts, issue 19): chosen
 * "hoog" in the add form, it shows in both partners' tables and in the edit form.
 */
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import type { RunningServer } from '../../server/main'
import { DEMO_CASE_ID } from '../../server/seed'
import { addDays, todayIsoDate } from '../../shared/plan'
import { DEMO } from '../helpers/clients'
import { createDataDir } from '../helpers/databases'
import { launchBrowser, loginAs } from '../helpers/browser'
import { startNode } from '../helpers/nodes'

const root = fileURLToPath(new URL('../..', import.meta.url))
const TIMEOUT = { timeout: 15_000 }

let node: RunningServer
let browser: Browser
let removeDir: () => Promise<void>
let contexts: BrowserContext[] = []
let chair: Page
let politie: Page

async function openPlan(page: Page): Promise<void> {
  await page.goto(`${node.url}/cases/${DEMO_CASE_ID}`)
  await page.getByTestId('action-row').first().waitFor(TIMEOUT)
  await page.locator('[data-testid="collab-status"][data-status="connected"]').waitFor(TIMEOUT)
}

beforeAll(async () => {
  const dir = await createDataDir()
  removeDir = dir.remove
  node = await startNode({ DATA_DIR: dir.dir, SERVE_CLIENT: 'true' })
  browser = await launchBrowser()
  const options = { viewport: { width: 1366, height: 768 }, locale: 'nl-NL', bypassCSP: true }
  contexts = await Promise.all([browser.newContext(options), browser.newContext(options)])
  ;[chair, politie] = await Promise.all(contexts.map((c) => c.newPage())) as [Page, Page]
  await Promise.all([loginAs(chair, node.url, DEMO.chair), loginAs(politie, node.url, DEMO.politie)])
  await Promise.all([openPlan(chair), openPlan(politie)])
})

afterAll(async () => {
  for (const c of contexts) await c.close()
  await browser?.close()
  await node?.close()
  await removeDir?.()
})

describe('item history', () => {
  it('shows the chair the earlier Wat of an action the politie changed, with who and when', async () => {
    const what = `Schoolbezoek ${Date.now()}`
    const changed = `${what} samen met de mentor`
    await chair.getByTestId('action-add-what').fill(what)
    await chair.getByTestId('action-add-owner').fill('Veilig Thuis Noordkust')
    await chair.getByTestId('action-add-due').fill(addDays(todayIsoDate(), 10))
    await chair.getByTestId('action-add-link').selectOption('result:direct-safety')
    await chair.getByTestId('action-add-submit').click()
    const politieRow = politie.locator('[data-testid="action-row"]', { hasText: what })
    await politieRow.waitFor(TIMEOUT)
    const id = await politieRow.getAttribute('data-action-id')
    const byId = politie.locator(`[data-testid="action-row"][data-action-id="${id}"]`)
    await byId.getByTestId('action-edit').click()
    await byId.locator(`#action-${id}-what`).fill(changed)
    await byId.locator(`#action-${id}-priority`).selectOption('high')
    await byId.getByRole('button', { name: 'Opslaan' }).click()
    const chairRow = chair.locator(`[data-testid="action-row"][data-action-id="${id}"]`)
    await expect.poll(() => chairRow.locator('.plan-action__what').innerText(), TIMEOUT).toBe(changed)

    // From the server: a fresh page knows nothing of what happened.
    await chair.reload()
    await chairRow.waitFor(TIMEOUT)
    await chairRow.getByTestId('item-history-toggle').click()
    const entry = chairRow.getByTestId('item-history-entry').filter({ hasText: changed }).first()
    await entry.waitFor(TIMEOUT)
    const text = await entry.innerText()
    expect(text).toContain('Wat')
    expect(text).toContain(what)
    expect(text).toContain(changed)
    expect(text).toContain('door Ruben Smit (Politie Eenheid Noordkust)')
    // An enum value reads as its catalogue label in the history (issue 19), never as its key.
    const panel = await chairRow.getByTestId('item-history').innerText()
    expect(panel).toMatch(/Prioriteit:\s*normaal\s*→\s*hoog/)
    expect(panel).not.toMatch(/\b(high|normal)\b/)
    expect(await chairRow.getByTestId('item-history-toggle').getAttribute('aria-expanded')).toBe('true')

    await chair.addScriptTag({ path: `${root}node_modules/axe-core/axe.min.js` })
    const violations = await chair.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(ctx: Element, opts: object): Promise<{ violations: { id: string }[] }> } }).axe
      const row = document.querySelector('[data-testid="item-history"]')!.closest('[data-testid="action-row"]')!
      return (await axe.run(row, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] })).violations.map((v) => v.id)
    })
    expect(violations).toEqual([])
    await chairRow.scrollIntoViewIfNeeded()
    await chair.screenshot({ path: `${root}docs/screenshots/plan-item-history.png` })
  })

  it("shows an action's priority chosen in the add form in both partners' tables, and offers it in its edit form", async () => {
    // The priority comes from the action's declaration only: no action-specific client code names it.
    const what = 'Prioriteit: schoolbezoek plannen'
    await chair.getByTestId('action-add-what').fill(what)
    await chair.getByTestId('action-add-owner').fill('Veilig Thuis Noordkust')
    await chair.getByTestId('action-add-due').fill(addDays(todayIsoDate(), 30))
    await chair.getByTestId('action-add-link').selectOption('result:direct-safety')
    expect(await chair.getByTestId('action-add-priority').inputValue()).toBe('normal')
    await chair.getByTestId('action-add-priority').selectOption({ label: 'hoog' })
    await chair.getByTestId('action-add-submit').click()
    const chairRow = chair.locator('[data-testid="action-row"]', { hasText: what })
    await chairRow.waitFor(TIMEOUT)
    const id = await chairRow.getAttribute('data-action-id')
    const row = (page: Page) => page.locator(`[data-testid="action-row"][data-action-id="${id}"]`)
    const header = chair.locator('.plan-actions thead th', { hasText: 'Prioriteit' })
    expect(await header.count()).toBe(1)
    await expect.poll(() => row(chair).locator('[data-field="priority"]').innerText(), TIMEOUT).toBe('hoog')
    await expect.poll(() => row(politie).locator('[data-field="priority"]').innerText(), TIMEOUT).toBe('hoog')
    // A viewport taller than the section: the sticky toolbar stays above it in the picture.
    const viewport = chair.viewportSize()
    await chair.setViewportSize({ width: viewport?.width ?? 1280, height: 2800 })
    await chair.getByTestId('plan-section-actions').screenshot({ path: `${root}docs/screenshots/plan-actions-priority.png` })
    if (viewport) await chair.setViewportSize(viewport)
    await row(chair).getByTestId('action-edit').click()
    expect(await row(chair).locator(`#action-${id}-priority`).inputValue()).toBe('high')
    await row(chair).getByRole('button', { name: 'Annuleren' }).click()
  })

  it('lets the chair give the case its own scale anchors, which the politie reads at once', async () => {
    const section = chair.getByTestId('plan-section-safety-scale')
    await section.getByTestId('scale-anchors-toggle').click()
    await section.getByTestId('scale-anchor-zero').fill('mevrouw kan nu niet veilig thuis blijven')
    await section.getByTestId('scale-anchor-ten').fill('mevrouw woont veilig en de bank bewaakt haar rekening')
    await section.getByTestId('scale-anchors-save').click()
    const hint = politie.getByTestId('plan-section-safety-scale').locator('.plan-section__hint')
    await expect.poll(() => hint.innerText(), TIMEOUT).toBe('0 = mevrouw kan nu niet veilig thuis blijven; 10 = mevrouw woont veilig en de bank bewaakt haar rekening.')
    // Emptied again: the standard anchors come back.
    await section.getByTestId('scale-anchors-toggle').click()
    await section.getByTestId('scale-anchor-zero').fill('')
    await section.getByTestId('scale-anchor-ten').fill('')
    await section.getByTestId('scale-anchors-save').click()
    await expect.poll(() => hint.innerText(), TIMEOUT).toBe('0 = het kind kan nu niet veilig blijven; 10 = veilig genoeg om af te sluiten.')
  })
})
