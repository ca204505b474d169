/**
 * The members page in the browser, driven by the keyboard alone, and what a partner
 * whose access it changes sees on the plan page they have open:
 * - the case director (the demo chair, on a fresh case of their own) finds the wijkteam
 *   by name, adds them to the binnenring, moves them to the buitenring and removes them;
 *   every step with Tab, arrows, Enter and Escape, focus going somewhere sensible;
 * - the wijkteam's open plan loses the inner part at once when moved (4410 on the inner
 *   document, then the page is built again with the server's new abilities) and shows
 *   the Dutch revocation message with no control left when removed (4410 on the plan);
 * - the last case director cannot be removed or demoted (409, in Dutch);
 * - anyone else gets "Geen toegang" on the members page;
 * - a session ended elsewhere (logout) closes the plan with 4401 and offers the login page;
 * - the page passes axe (WCAG 2.1 A and AA) and a screenshot lands in docs/screenshots/.
 */
import { mkdir } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import type { CandidateDto } from '../../shared/api/schemas'
import type { RunningServer } from '../../server/main'
import { DEMO_CASE_ID } from '../../server/seed'
import { api, DEMO } from '../helpers/clients'
import { makeCase } from '../helpers/cases'
import { createDataDir } from '../helpers/databases'
import { launchBrowser, loginAs, newContext } from '../helpers/browser'
import { startNode } from '../helpers/nodes'

const root = fileURLToPath(new URL('../..', import.meta.url))
const SCREENSHOT_DIR = `${root}docs/screenshots`
const AXE_PATH = `${root}node_modules/axe-core/axe.min.js`
const TIMEOUT = { timeout: 15_000 }
/** "At once": what a revoked partner sees must be there within this bound. */
const AT_ONCE = { timeout: 3_000, intervals: [50] }
/** Enough Tab presses to reach any control on these pages from anywhere. */
const MAX_TABS = 80
const REVOKED_TEXT = 'Je toegang tot dit plan is ingetrokken.'
const SESSION_TEXT = 'Je sessie is verlopen of beëindigd; log opnieuw in.'
/** Anything a user could type into or change. */
const EDITABLE = 'main input, main textarea, main select, main [contenteditable="true"]'

interface AxeViolation {
  id: string
  impact: string | null
  nodes: { target: unknown[] }[]
}

let node: RunningServer
let browser: Browser
let removeDir: () => Promise<void>
let caseId: string
let wijkteamId: string
let chairId: string
let chairCtx: BrowserContext
let partnerCtx: BrowserContext
let chair: Page
let partner: Page

/** Presses Tab (Shift+Tab with `isBackwards`) until the focused element matches `selector`. */
async function tabTo(page: Page, selector: string, isBackwards = false): Promise<void> {
  for (let i = 0; i < MAX_TABS; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return
    await page.keyboard.press(isBackwards ? 'Shift+Tab' : 'Tab')
  }
  throw new Error(`no focus on ${selector} after ${MAX_TABS} presses of Tab`)
}

function focusedId(page: Page): Promise<string> {
  return page.evaluate(() => document.activeElement?.id ?? '')
}

function rowOf(page: Page, userId: string) {
  return page.locator(`[data-testid="member-row"][data-user-id="${userId}"]`)
}

async function openPlan(page: Page, id: string): Promise<void> {
  await page.goto(`${node.url}/cases/${id}`)
  await page.getByTestId('plan-section-actions').waitFor(TIMEOUT)
  await page.locator('[data-testid="collab-status"][data-status="connected"]').waitFor(TIMEOUT)
}

async function runAxe(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: AXE_PATH })
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: AxeViolation[] }> } }).axe
    const result = await axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] })
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => ({ target: n.target })) }))
  })
}

async function findUserId(cookie: string, name: string): Promise<string> {
  const found = await api<CandidateDto[]>(node.url, cookie, 'GET', `/api/cases/${caseId}/candidates?q=${encodeURIComponent(name)}`)
  const id = found.body.find((c) => c.name === name)?.userId
  if (!id) throw new Error(`no candidate named ${name}`)
  return id
}

beforeAll(async () => {
  const dir = await createDataDir()
  removeDir = dir.remove
  node = await startNode({ DATA_DIR: dir.dir, SERVE_CLIENT: 'true' })
  const made = await makeCase(node.url, [], 'Gezin L.')
  caseId = made.caseId
  wijkteamId = await findUserId(made.chairCookie, 'Fatma Yilmaz')
  chairId = await findUserId(made.chairCookie, 'Anouk de Wit')
  browser = await launchBrowser()
  // bypassCSP: axe is injected as a script tag, which the app's CSP forbids.
  chairCtx = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'nl-NL', bypassCSP: true })
  partnerCtx = await newContext(browser)
  ;[chair, partner] = await Promise.all([chairCtx.newPage(), partnerCtx.newPage()])
  await Promise.all([loginAs(chair, node.url, DEMO.chair), loginAs(partner, node.url, DEMO.wijkteam)])
})

afterAll(async () => {
  await chairCtx?.close()
  await partnerCtx?.close()
  await browser?.close()
  await node?.close()
  await removeDir?.()
})

describe('the members page, by keyboard, and the partner whose access it changes', () => {
  it('lets the case director reach the members page from the plan and add a partner with the keyboard alone', async () => {
    await openPlan(chair, caseId)
    await tabTo(chair, '[data-testid="tab-members"]')
    await chair.keyboard.press('Enter')
    await chair.getByTestId('members-title').waitFor(TIMEOUT)
    expect(await chair.getByTestId('member-row').count()).toBe(1)

    await tabTo(chair, '[data-testid="members-search"]')
    await chair.keyboard.type('Fatma')
    await expect.poll(() => chair.getByTestId('members-search-status').innerText(), TIMEOUT).toBe('Gevonden partners: 1.')
    await tabTo(chair, '[data-testid="members-candidate"]')
    await chair.keyboard.press('Enter')
    // Focus moves to the ring, which starts at the buitenring (the least a partner sees).
    await expect.poll(() => focusedId(chair), TIMEOUT).toBe('members-add-ring')
    expect(await chair.getByTestId('members-add-ring-outer').isChecked()).toBe(true)
    await chair.keyboard.press('ArrowUp')
    expect(await chair.getByTestId('members-add-ring-inner').isChecked()).toBe(true)
    expect(await chair.getByTestId('members-add-role-member').isChecked()).toBe(true)
    await tabTo(chair, '[data-testid="members-add-submit"]')
    await chair.keyboard.press('Enter')

    // Focus lands on the new member's row, which says what was chosen.
    await expect.poll(() => focusedId(chair), TIMEOUT).toBe(`member-${wijkteamId}`)
    const row = rowOf(chair, wijkteamId)
    expect(await row.innerText()).toContain('Wijkteam Havenstad')
    expect(await row.getByTestId('member-ring').innerText()).toBe('binnenring')
    expect(await row.getByTestId('member-role').innerText()).toBe('lid')
    expect(await chair.getByTestId('members-announcement').innerText()).toBe('Fatma Yilmaz is toegevoegd aan de casus (binnenring, lid).')
    expect(await chair.getByTestId('members-search').inputValue()).toBe('')
  })

  it('has no axe violations (WCAG 2.1 A and AA) on the members page, with and without an open panel', async () => {
    const closed = await runAxe(chair)
    await chair.getByTestId('members-search').fill('Noord')
    await expect.poll(() => chair.getByTestId('members-candidate-member').count(), TIMEOUT).toBeGreaterThan(0)
    await rowOf(chair, chairId).getByTestId('member-edit').click()
    await chair.getByTestId('member-edit-form').waitFor(TIMEOUT)
    const open = await runAxe(chair)
    await chair.getByTestId('member-edit-cancel').click()
    expect([...closed, ...open], JSON.stringify([...closed, ...open], null, 2)).toEqual([])
  })

  it('saves a screenshot of the members page in Dutch', async () => {
    await mkdir(SCREENSHOT_DIR, { recursive: true })
    await chair.getByTestId('members-search').fill('Noord')
    await chair.getByTestId('members-candidate').first().waitFor(TIMEOUT)
    // What the screenshot is meant to show, checked first: this case's page in Dutch with
    // both members, their rings and roles, and a search that found partners.
    expect(await chair.locator('html').getAttribute('lang')).toBe('nl')
    expect(await chair.getByTestId('members-title').innerText()).toBe('Leden van Gezin L.')
    for (const name of ['Huidige leden', 'Partner toevoegen']) expect(await chair.getByRole('heading', { name }).isVisible()).toBe(true)
    expect(await chair.getByTestId('member-row').count()).toBe(2)
    const director = rowOf(chair, chairId)
    expect(await director.innerText()).toContain('Anouk de Wit')
    expect(await director.getByTestId('member-ring').innerText()).toBe('binnenring')
    expect(await director.getByTestId('member-role').innerText()).toBe('lid, casusregisseur')
    expect(await rowOf(chair, wijkteamId).innerText()).toContain('Fatma Yilmaz')
    expect(await rowOf(chair, wijkteamId).getByTestId('member-role').innerText()).toBe('lid')
    await expect.poll(() => chair.getByTestId('members-search-status').innerText(), TIMEOUT).toMatch(/^Gevonden partners: [1-9]\d*\.$/)
    const found = await chair.locator('.members-search__result').allInnerTexts()
    expect(found.length).toBeGreaterThan(0)
    for (const text of found) expect(text).toMatch(/noord/i)
    expect(await chair.getByTestId('members-candidate').first().isVisible()).toBe(true)
    await chair.screenshot({ path: `${SCREENSHOT_DIR}/members-page.png`, fullPage: true })
    await chair.getByTestId('members-search').fill('')
  })

  it("closes the partner's inner part at once when moved to the buitenring, and rebuilds their plan as buitenring", async () => {
    await openPlan(partner, caseId)
    await partner.getByTestId('plan-section-red-flags').waitFor(TIMEOUT)
    expect(await partner.getByTestId('tab-members').count()).toBe(0)

    await tabTo(chair, `#member-${wijkteamId}-edit`)
    await chair.keyboard.press('Enter')
    // Focus is on the checked ring; nothing is sent when it changes, only on Save.
    await expect.poll(() => focusedId(chair), TIMEOUT).toBe(`member-${wijkteamId}-panel`)
    await chair.keyboard.press('ArrowDown')
    expect(await chair.getByTestId(`member-${wijkteamId}-ring-outer`).isChecked()).toBe(true)
    expect(await rowOf(chair, wijkteamId).getByTestId('member-ring').innerText()).toBe('binnenring')
    await tabTo(chair, '[data-testid="member-edit-save"]')
    await chair.keyboard.press('Enter')

    await expect.poll(() => partner.getByTestId('plan-section-red-flags').count(), AT_ONCE).toBe(0)
    await expect.poll(() => partner.locator('[data-testid="access-notice"][data-notice="changed"]').count(), AT_ONCE).toBe(1)
    await partner.getByTestId('outer-ring-notice').waitFor(TIMEOUT)
    expect(await partner.locator('[data-testid="plan-toc"]').innerText()).not.toContain('Rode vlaggen')

    await expect.poll(() => focusedId(chair), TIMEOUT).toBe(`member-${wijkteamId}-edit`)
    expect(await rowOf(chair, wijkteamId).getByTestId('member-ring').innerText()).toBe('buitenring')
    expect(await chair.getByTestId('members-announcement').innerText()).toBe('De wijziging voor Fatma Yilmaz is opgeslagen.')
  })

  it("ends the partner's open plan at once with the Dutch message and no control when removed", async () => {
    await partner.locator('[data-testid="collab-status"][data-status="connected"]').waitFor(TIMEOUT)
    expect(await partner.locator(EDITABLE).count()).toBeGreaterThan(0)

    await tabTo(chair, `#member-${wijkteamId}-remove`)
    await chair.keyboard.press('Enter')
    // Focus on the question; the confirming button is the next stop.
    await expect.poll(() => focusedId(chair), TIMEOUT).toBe(`member-${wijkteamId}-panel`)
    expect(await chair.getByTestId('member-remove-confirm').innerText()).toContain('Fatma Yilmaz (Wijkteam Havenstad) uit deze casus verwijderen?')
    await chair.keyboard.press('Tab')
    expect(await chair.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('member-remove-confirm-button')
    await chair.keyboard.press('Enter')

    await expect.poll(() => partner.getByRole('alert').filter({ hasText: REVOKED_TEXT }).count(), AT_ONCE).toBeGreaterThan(0)
    await expect.poll(() => partner.locator(EDITABLE).count(), AT_ONCE).toBe(0)
    // Once the server confirms (403 on the case), only the message stays.
    await expect.poll(() => partner.locator('.plan-workspace').count(), TIMEOUT).toBe(0)
    await expect.poll(() => partner.locator('[data-testid="access-notice"][data-notice="revoked"]').innerText(), TIMEOUT).toContain(REVOKED_TEXT)

    await expect.poll(() => focusedId(chair), TIMEOUT).toBe('members-heading')
    expect(await rowOf(chair, wijkteamId).count()).toBe(0)
    expect(await chair.getByTestId('members-announcement').innerText()).toBe('Fatma Yilmaz is uit de casus verwijderd.')
  })

  it('refuses to remove or demote the last case director with a clear Dutch message', async () => {
    await tabTo(chair, `#member-${chairId}-remove`)
    await chair.keyboard.press('Enter')
    await chair.keyboard.press('Tab')
    await chair.keyboard.press('Enter')
    await expect.poll(() => chair.getByTestId('member-error').innerText(), TIMEOUT)
      .toBe('De laatste casusregisseur kan niet uit de casus worden verwijderd. Maak eerst iemand anders casusregisseur.')
    await chair.keyboard.press('Escape')
    await expect.poll(() => focusedId(chair), TIMEOUT).toBe(`member-${chairId}-remove`)

    await chair.keyboard.press('Shift+Tab')
    expect(await focusedId(chair)).toBe(`member-${chairId}-edit`)
    await chair.keyboard.press('Enter')
    await tabTo(chair, '[data-testid="member-edit-director"]')
    await chair.keyboard.press('Space')
    await tabTo(chair, '[data-testid="member-edit-save"]')
    await chair.keyboard.press('Enter')
    await expect.poll(() => chair.getByTestId('member-error').innerText(), TIMEOUT)
      .toBe('Een casus houdt altijd minstens één casusregisseur. Maak eerst iemand anders casusregisseur.')
    await chair.keyboard.press('Escape')
    expect(await rowOf(chair, chairId).getByTestId('member-role').innerText()).toContain('casusregisseur')
  })

  it('tells anyone but the case director "Geen toegang" on the members page', async () => {
    // A member of the demo case who does not direct it.
    await partner.goto(`${node.url}/cases/${DEMO_CASE_ID}/members`)
    await partner.getByTestId('members-no-access').waitFor(TIMEOUT)
    expect(await partner.getByTestId('members-no-access').innerText()).toContain('Alleen de casusregisseur van deze casus beheert de leden.')
    expect(await partner.getByTestId('members-table').count()).toBe(0)
    // No longer a member of the fresh case at all.
    await partner.goto(`${node.url}/cases/${caseId}/members`)
    await partner.getByTestId('members-no-access').waitFor(TIMEOUT)
    expect(await partner.getByTestId('members-no-access').innerText()).toContain('Je hebt geen toegang tot deze casus.')
  })

  it('closes the plan at once when the session is ended elsewhere, and offers the login page', async () => {
    await openPlan(partner, DEMO_CASE_ID)
    const session = (await partnerCtx.cookies(node.url)).map((c) => `${c.name}=${c.value}`).join('; ')
    const logout = await api(node.url, session, 'DELETE', '/api/session')
    expect(logout.status).toBeLessThan(300)

    await expect.poll(() => partner.getByRole('alert').filter({ hasText: SESSION_TEXT }).count(), AT_ONCE).toBe(1)
    await expect.poll(() => partner.locator(EDITABLE).count(), AT_ONCE).toBe(0)
    await tabTo(partner, '[data-testid="collab-login-again"]')
    await partner.keyboard.press('Enter')
    await partner.getByTestId('login-email').waitFor(TIMEOUT)
    expect(new URL(partner.url()).searchParams.get('redirect')).toBe(`/cases/${DEMO_CASE_ID}`)
  })
})
