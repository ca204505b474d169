/**
 * The whole family plan in the browser: partners editing different and the same
 * sections at once converge, undo reverts only one's own change, the outer ring gets
 * nothing of the inner document (not even a socket), the page passes axe (WCAG 2.1 AA),
 * and screenshots of both rings land in docs/screenshots/.
 */
import { mkdir } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import type { RunningServer } from '../../server/main'
import { DEMO_CASE_ID } from '../../server/seed'
import { addDays, RED_FLAG_KEYS, todayIsoDate } from '../../shared/plan'
import { DEMO } from '../helpers/clients'
import { createDataDir } from '../helpers/databases'
import { launchBrowser, loginAs, newContext } from '../helpers/browser'
import { startNode } from '../helpers/nodes'

const root = fileURLToPath(new URL('../..', import.meta.url))
const SCREENSHOT_DIR = `${root}docs/screenshots`
const AXE_PATH = `${root}node_modules/axe-core/axe.min.js`
const INNER_TEST_IDS = ['family', 'sos', 'danger', 'red-flags', 'safety-scale', 'justice', 'trauma', 'inner-notes']
const PLAN_TEST_IDS = ['summary', 'results', 'agreements', 'actions', 'decisions', 'regie', 'phase']
/** Dutch headings of the inner sections: none may reach an outer-ring page. */
const INNER_HEADINGS = [
  'Gezin en netwerk', 'SoS-kaart', 'Gevaarsomschrijvingen', 'Rode vlaggen', 'Veiligheidsschaal',
  'Justitie en politie', 'Traumascreening', 'Notities binnenring',
]
/** Content of the demo inner document (DOMAIN.md §8, fictional). */
const INNER_CONTENT = ['Samenvatting politie', 'Sanne', 'Greep naar de keel', 'Aangifte in voorbereiding']
const TIMEOUT = { timeout: 15_000 }

let node: RunningServer
let browser: Browser
let removeDir: () => Promise<void>
let chairCtx: BrowserContext
let politieCtx: BrowserContext
let chair: Page
let politie: Page

interface AxeViolation {
  id: string
  impact: string | null
  nodes: { target: unknown[] }[]
}

async function openPlan(page: Page, hasInner: boolean): Promise<void> {
  await page.goto(`${node.url}/cases/${DEMO_CASE_ID}`)
  await page.getByTestId('action-row').first().waitFor(TIMEOUT)
  if (hasInner) await page.getByTestId('red-flag-escalation').waitFor(TIMEOUT)
  await page.locator('[data-testid="collab-status"][data-status="connected"]').waitFor(TIMEOUT)
}

async function addAction(page: Page, what: string, owner: string): Promise<void> {
  await page.getByTestId('action-add-what').fill(what)
  await page.getByTestId('action-add-owner').fill(owner)
  await page.getByTestId('action-add-due').fill(addDays(todayIsoDate(), 10))
  await page.getByTestId('action-add-link').selectOption('result:direct-safety')
  await page.getByTestId('action-add-submit').click()
  // The form empties only when the accessor accepted the action.
  await expect.poll(() => page.getByTestId('action-add-what').inputValue()).toBe('')
}

function actionTexts(page: Page): Promise<string[]> {
  return page.locator('[data-testid="action-row"] .plan-action__what').allInnerTexts().then((t) => t.sort())
}

/**
 * What a screenshot of the demo plan is meant to show, checked before it is taken: the
 * Dutch page of Gezin V., connected, every section of the caller's ring with its content,
 * and nothing of the other ring's.
 */
async function expectPlanShown(page: Page, hasInner: boolean): Promise<void> {
  expect(await page.locator('html').getAttribute('lang')).toBe('nl')
  expect(await page.getByTestId('plan-title').innerText()).toBe('Gezin V.')
  expect(await page.locator('[data-testid="collab-status"][data-status="connected"]').isVisible()).toBe(true)
  for (const name of PLAN_TEST_IDS) expect(await page.getByTestId(`plan-section-${name}`).isVisible(), name).toBe(true)
  for (const name of INNER_TEST_IDS) expect(await page.getByTestId(`plan-section-${name}`).count(), name).toBe(hasInner ? 1 : 0)
  for (const name of INNER_HEADINGS) {
    const count = await page.getByRole('heading', { name, exact: true }).count()
    if (hasInner) expect(count, name).toBeGreaterThan(0)
    else expect(count, name).toBe(0)
  }
  expect(await actionTexts(page)).toContain('Contactverbod voorbereiden')
  if (hasInner) {
    expect(await page.getByTestId('red-flag-row').count()).toBeGreaterThanOrEqual(RED_FLAG_KEYS.length)
    expect(await page.getByTestId('red-flag-escalation').isVisible()).toBe(true)
  } else {
    expect(await page.getByTestId('outer-ring-notice').isVisible()).toBe(true)
  }
}

/** The summary's text without the other people's caret labels, which live inside the editor. */
function summaryText(page: Page): Promise<string> {
  return page.getByTestId('plan-editor').locator('.ProseMirror').evaluate((editor) => {
    const copy = editor.cloneNode(true) as HTMLElement
    for (const caret of copy.querySelectorAll('.collaboration-carets__caret')) caret.remove()
    return [...copy.querySelectorAll('p')].map((p) => p.textContent ?? '').join('\n')
  })
}

beforeAll(async () => {
  const dir = await createDataDir()
  removeDir = dir.remove
  node = await startNode({ DATA_DIR: dir.dir, SERVE_CLIENT: 'true' })
  browser = await launchBrowser()
  ;[chairCtx, politieCtx] = await Promise.all([newContext(browser), newContext(browser)])
  ;[chair, politie] = await Promise.all([chairCtx.newPage(), politieCtx.newPage()])
  await Promise.all([loginAs(chair, node.url, DEMO.chair), loginAs(politie, node.url, DEMO.politie)])
  await Promise.all([openPlan(chair, true), openPlan(politie, true)])
})

afterAll(async () => {
  await chairCtx?.close()
  await politieCtx?.close()
  await browser?.close()
  await node?.close()
  await removeDir?.()
})

describe('the family plan page, live for two partners', () => {
  it('converges when partners edit different sections and the same section at once', async () => {
    await Promise.all([
      addAction(chair, 'Opvang bevestigen bij grootmoeder', 'Veilig Thuis Noordkust'),
      politie.getByTestId('red-flag-escalation').selectOption('observed'),
    ])
    await Promise.all([
      addAction(chair, 'Huisbezoek met wijkteam plannen', 'Wijkteam Havenstad'),
      addAction(politie, 'Contactverbod voorbereiden', 'Politie Eenheid Noordkust'),
    ])
    const chairEditor = chair.getByTestId('plan-editor').locator('.ProseMirror')
    const politieEditor = politie.getByTestId('plan-editor').locator('.ProseMirror')
    await Promise.all([chairEditor.click(), politieEditor.click()])
    await Promise.all([chair.keyboard.press('Control+End'), politie.keyboard.press('Control+Home')])
    await Promise.all([chair.keyboard.type(' Grootmoeder biedt opvang.'), politie.keyboard.type('Politie: melding nacht. ')])

    for (const page of [chair, politie]) {
      await expect.poll(() => actionTexts(page), TIMEOUT).toEqual(expect.arrayContaining([
        'Opvang bevestigen bij grootmoeder', 'Huisbezoek met wijkteam plannen', 'Contactverbod voorbereiden',
      ]))
      await expect.poll(() => page.getByTestId('red-flag-escalation').inputValue(), TIMEOUT).toBe('observed')
      await expect.poll(() => summaryText(page), TIMEOUT).toContain('Grootmoeder biedt opvang.')
      await expect.poll(() => summaryText(page), TIMEOUT).toContain('Politie: melding nacht.')
    }
    await expect.poll(async () => (await actionTexts(chair)).join('|'), TIMEOUT).toBe((await actionTexts(politie)).join('|'))
    await expect.poll(() => summaryText(chair), TIMEOUT).toBe(await summaryText(politie))
  })

  it("undoes only the partner's own last change, never the other's work", async () => {
    await addAction(chair, 'Actie die de voorzitter terugdraait', 'Veilig Thuis Noordkust')
    await expect.poll(() => actionTexts(politie), TIMEOUT).toContain('Actie die de voorzitter terugdraait')
    await addAction(politie, 'Actie van de politie die blijft', 'Politie Eenheid Noordkust')
    await expect.poll(() => actionTexts(chair), TIMEOUT).toContain('Actie van de politie die blijft')

    // The chair's last change is older than the politie's: undo still picks the chair's own.
    await chair.getByTestId('undo').click()
    for (const page of [chair, politie]) {
      await expect.poll(() => actionTexts(page), TIMEOUT).not.toContain('Actie die de voorzitter terugdraait')
      expect(await actionTexts(page)).toContain('Actie van de politie die blijft')
      expect(await actionTexts(page)).toContain('Contactverbod voorbereiden')
    }
    // The keyboard works outside the editors; redo brings the change back for everyone.
    await politie.getByTestId('undo').focus()
    await politie.keyboard.press('Control+z')
    await expect.poll(() => actionTexts(chair), TIMEOUT).not.toContain('Actie van de politie die blijft')
    await politie.keyboard.press('Control+Shift+z')
    await expect.poll(() => actionTexts(chair), TIMEOUT).toContain('Actie van de politie die blijft')
    expect(await actionTexts(chair)).not.toContain('Actie die de voorzitter terugdraait')
    expect(await chair.getByTestId('red-flag-escalation').inputValue()).toBe('observed')

    // Inside the rich-text editor Ctrl+Z is the editor's own: it reverts the typing, not an action.
    const editor = chair.getByTestId('plan-editor').locator('.ProseMirror')
    await editor.click()
    await chair.keyboard.press('Control+End')
    await chair.keyboard.insertText(' Tijdelijke zin.')
    await expect.poll(() => summaryText(chair), TIMEOUT).toContain('Tijdelijke zin.')
    const actionsBefore = await actionTexts(chair)
    await chair.keyboard.press('Control+z')
    await expect.poll(() => summaryText(politie), TIMEOUT).not.toContain('Tijdelijke zin.')
    expect(await actionTexts(chair)).toEqual(actionsBefore)
  })

  it('gives the outer ring the plan part only: no inner section, heading, content or socket', async () => {
    const secret = `Notitie alleen binnenring ${Date.now()}`
    await chair.getByTestId('red-flag-note-isolation').fill(secret)
    await chair.getByTestId('red-flag-note-save-isolation').click()
    // Once the politie sees it, the server has it.
    await expect.poll(() => politie.getByTestId('red-flag-note-isolation').inputValue(), TIMEOUT).toBe(secret)

    const schoolCtx = await newContext(browser)
    const school = await schoolCtx.newPage()
    const sockets: string[] = []
    school.on('websocket', (ws) => sockets.push(new URL(ws.url()).pathname))
    await loginAs(school, node.url, DEMO.school)
    await openPlan(school, false)
    await expect.poll(() => actionTexts(school), TIMEOUT).toContain('Contactverbod voorbereiden')

    for (const name of PLAN_TEST_IDS) expect(await school.getByTestId(`plan-section-${name}`).count()).toBe(1)
    for (const name of INNER_TEST_IDS) expect(await school.getByTestId(`plan-section-${name}`).count()).toBe(0)
    const html = await school.content()
    // As element text: the plan may mention a word (an action "Traumascreening voor moeder…").
    for (const heading of INNER_HEADINGS) expect(html).not.toContain(`>${heading}<`)
    for (const text of [...INNER_CONTENT, secret]) expect(html).not.toContain(text)
    expect(sockets).toContain(`/collab/case/${DEMO_CASE_ID}/plan`)
    expect(sockets.filter((path) => path.includes('/inner'))).toEqual([])
    await schoolCtx.close()
  })

  it('has no serious or critical axe violations (WCAG 2.1 A and AA) for an inner-ring user', async () => {
    // The app's CSP forbids inline scripts, which is how addScriptTag injects a file.
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'nl-NL', bypassCSP: true })
    const page = await ctx.newPage()
    await loginAs(page, node.url, DEMO.chair)
    await openPlan(page, true)
    await page.addScriptTag({ path: AXE_PATH })
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: AxeViolation[] }> } }).axe
      const result = await axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] })
      return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => ({ target: n.target })) }))
    })
    await ctx.close()
    const severe = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    expect(severe, JSON.stringify(severe, null, 2)).toEqual([])
  })

  it('saves screenshots of the plan in Dutch for both rings at 1366×768', async () => {
    await mkdir(SCREENSHOT_DIR, { recursive: true })
    const ctx = await newContext(browser)
    const page = await ctx.newPage()
    await loginAs(page, node.url, DEMO.wijkteam)
    await openPlan(page, true)
    await page.getByTestId('red-flag-row').last().waitFor()
    await expectPlanShown(page, true)
    await page.screenshot({ path: `${SCREENSHOT_DIR}/plan-inner-ring-viewport.png` })
    await page.screenshot({ path: `${SCREENSHOT_DIR}/plan-inner-ring.png`, fullPage: true })
    await ctx.close()

    const schoolCtx = await newContext(browser)
    const school = await schoolCtx.newPage()
    await loginAs(school, node.url, DEMO.school)
    await openPlan(school, false)
    await expectPlanShown(school, false)
    await school.screenshot({ path: `${SCREENSHOT_DIR}/plan-outer-ring-viewport.png` })
    await school.screenshot({ path: `${SCREENSHOT_DIR}/plan-outer-ring.png`, fullPage: true })
    await schoolCtx.close()
  })
})
