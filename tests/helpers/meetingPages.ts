/**
 * Meeting pages in Chromium for the end-to-end tests: two nodes serving the built client
 * on one database and Redis, a browser context per participant, axe, screenshots.
 */
import { mkdir } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { expect } from 'vitest'
import type { RunningServer } from '../../server/main'
import { loginAs } from './browser'
import { startCluster, type Cluster } from './clusters'

const root = fileURLToPath(new URL('../..', import.meta.url))
/** Where the meeting screenshots are kept (and looked at). */
export const SCREENSHOT_DIR = `${root}docs/screenshots`
const AXE_PATH = `${root}node_modules/axe-core/axe.min.js`
/** How long a page may take to show what another node did. */
export const TIMEOUT = { timeout: 15_000 }

/** One axe violation, trimmed to what a failing test should print. */
export interface AxeViolation {
  id: string
  impact: string | null
  nodes: { target: unknown[] }[]
}

/** Two nodes of one cluster (same PostgreSQL database and Redis prefix), both serving the client. */
export async function startTwoClientNodes(): Promise<{ cluster: Cluster; a: RunningServer; b: RunningServer }> {
  const cluster = await startCluster(0)
  cluster.env.SERVE_CLIENT = 'true'
  try {
    // One after the other: the first seeds the demo users and case.
    const a = await cluster.addNode()
    const b = await cluster.addNode()
    return { cluster, a, b }
  } catch (error) {
    await cluster.close()
    throw error
  }
}

/** A participant: their own browser context (cookies), logged in on one node. */
export interface Participant {
  context: BrowserContext
  page: Page
  baseUrl: string
}

/** Opens a context for `email` on the node at `baseUrl` and logs in through the login page. */
export async function joinAs(browser: Browser, baseUrl: string, email: string): Promise<Participant> {
  // bypassCSP: axe is injected as a script tag, which the app's CSP forbids.
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'nl-NL', bypassCSP: true })
  const page = await context.newPage()
  await loginAs(page, baseUrl, email)
  return { context, page, baseUrl }
}

/** Runs axe (WCAG 2.1 A and AA) on the page. */
export async function runAxe(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: AXE_PATH })
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: AxeViolation[] }> } }).axe
    const result = await axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] })
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => ({ target: n.target })) }))
  })
}

/** Schedules a meeting through the case's Overleggen tab and lands on its page; returns its id. */
export async function scheduleMeeting(page: Page, baseUrl: string, caseId: string, format: string, title: string): Promise<string> {
  await page.goto(`${baseUrl}/cases/${caseId}`)
  await page.getByTestId('tab-meetings').click()
  await page.getByTestId('meetings-title').waitFor(TIMEOUT)
  await page.getByTestId('meeting-format').selectOption(format)
  await page.getByTestId('meeting-title-input').fill(title)
  await page.getByTestId('meeting-create').click()
  await page.waitForURL(/\/meetings\/[0-9a-f-]{36}$/, TIMEOUT)
  await page.getByTestId('meeting-title').waitFor(TIMEOUT)
  return page.url().split('/').pop()!
}

/** Opens a meeting from the case's meetings list, as a partner would. */
export async function openMeetingFromList(page: Page, baseUrl: string, caseId: string, title: string): Promise<void> {
  await page.goto(`${baseUrl}/cases/${caseId}/meetings`)
  await page.getByTestId('meetings-title').waitFor(TIMEOUT)
  await page.getByTestId('meeting-link').filter({ hasText: title }).click()
  await page.getByTestId('meeting-title').waitFor(TIMEOUT)
}

/** The title of the item marked current in the page's agenda. */
export function currentAgendaTitle(page: Page): Promise<string> {
  return page.locator('[data-testid="agenda-item"][aria-current="step"] .meeting-agenda__title').innerText()
}

/** Waits until the page's agenda marks `title` as current. */
export async function expectCurrentItem(page: Page, title: string): Promise<void> {
  await expect.poll(() => currentAgendaTitle(page).catch(() => ''), TIMEOUT).toBe(title)
}

/** Clicks the agenda item titled `title`. */
export async function clickAgendaItem(page: Page, title: string): Promise<void> {
  await page.getByTestId('agenda-item').filter({ hasText: title }).first().click()
}

/** Most Tab presses a keyboard user should need to reach a control on a meeting page. */
const MAX_TABS = 120

/** Presses Tab until `selector` has the focus, as a keyboard-only user would; throws when it never does. */
export async function tabTo(page: Page, selector: string, isBackwards = false): Promise<void> {
  for (let i = 0; i < MAX_TABS; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return
    await page.keyboard.press(isBackwards ? 'Shift+Tab' : 'Tab')
  }
  throw new Error(`no focus on ${selector} after ${MAX_TABS} presses of Tab`)
}

/** Saves a screenshot of the page's viewport (or of one element) into docs/screenshots. */
export async function screenshot(page: Page, name: string, selector?: string): Promise<void> {
  await mkdir(SCREENSHOT_DIR, { recursive: true })
  const path = `${SCREENSHOT_DIR}/${name}.png`
  if (selector) await page.locator(selector).first().screenshot({ path })
  else await page.screenshot({ path, fullPage: false })
}
