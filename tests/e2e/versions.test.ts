/**
 * Adopted versions for an absent partner, in Chromium:
 * - the chair adopts version 1 on the versions page ("Versie vaststellen");
 * - the politie adds an action and changes another through a y-websocket client, and the
 *   chair adopts version 2;
 * - the school (absent) finds the notice in Berichten, opens version 2 and, having
 *   acknowledged nothing, sees the whole plan; after acknowledging version 1 it sees the
 *   new action marked added and the changed one with its old value; it acknowledges
 *   version 2 with an objection and downloads the PDF;
 * - the chair sees the acknowledgement and the objection; the page passes axe and a
 *   screenshot lands in docs/screenshots/.
 */
import { execFile } from 'node:child_process'
import { mkdir, readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { addAction, listActions, updateAction } from '../../shared/plan'
import { caseDocName } from '../../shared/protocol/docName'
import type { RunningServer } from '../../server/main'
import { DEMO_CASE_ID } from '../../server/seed'
import { api, connectDoc, DEMO, login, synced, type DocClient } from '../helpers/clients'
import { createDataDir } from '../helpers/databases'
import { launchBrowser, loginAs } from '../helpers/browser'
import { startNode } from '../helpers/nodes'
import { until } from '../helpers/until'

const root = fileURLToPath(new URL('../..', import.meta.url))
const SCREENSHOT_DIR = `${root}docs/screenshots`
const AXE_PATH = `${root}node_modules/axe-core/axe.min.js`
const TIMEOUT = { timeout: 15_000 }
const POLITIE = { name: 'Ruben Smit', organisation: 'Politie Eenheid Noordkust' }
const NEW_ACTION = 'Huisbezoek samen met het wijkteam <b>niet vet</b>'
const OBJECTION = 'De school is niet gevraagd of de nieuwe deadline haalbaar is.'

interface AxeViolation {
  id: string
  impact: string | null
  nodes: { target: unknown[] }[]
}

let node: RunningServer
let browser: Browser
let removeDir: () => Promise<void>
let chairCtx: BrowserContext
let schoolCtx: BrowserContext
let chair: Page
let school: Page
let politie: DocClient | null = null
let changedWhat = ''
let oldDue = ''

async function runAxe(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: AXE_PATH })
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: AxeViolation[] }> } }).axe
    const result = await axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] })
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => ({ target: n.target })) }))
  })
}

function versionPath(n: number): string {
  return `/cases/${DEMO_CASE_ID}/versions/${n}`
}

beforeAll(async () => {
  const dir = await createDataDir()
  removeDir = dir.remove
  node = await startNode({ DATA_DIR: dir.dir, SERVE_CLIENT: 'true' })
  browser = await launchBrowser()
  // bypassCSP: axe is injected as a script tag, which the app's CSP forbids.
  const options = { viewport: { width: 1366, height: 900 }, locale: 'nl-NL', bypassCSP: true, acceptDownloads: true }
  chairCtx = await browser.newContext(options)
  schoolCtx = await browser.newContext(options)
  ;[chair, school] = await Promise.all([chairCtx.newPage(), schoolCtx.newPage()])
  await Promise.all([loginAs(chair, node.url, DEMO.chair), loginAs(school, node.url, DEMO.school)])
})

afterAll(async () => {
  politie?.destroy()
  await chairCtx?.close()
  await schoolCtx?.close()
  await browser?.close()
  await node?.close()
  await removeDir?.()
})

describe('adopted versions for an absent partner', () => {
  it('lets the chair adopt version 1 on the versions page', async () => {
    await chair.goto(`${node.url}/cases/${DEMO_CASE_ID}`)
    await chair.getByTestId('tab-versions').click()
    await chair.getByTestId('versions-title').waitFor(TIMEOUT)
    await chair.getByTestId('versions-adopt').click()
    await expect.poll(() => chair.getByTestId('versions-announcement').innerText(), TIMEOUT).toContain('Versie 1 is vastgesteld.')
    await chair.locator('[data-testid="version-row"][data-n="1"]').waitFor(TIMEOUT)
  })

  it('adopts version 2 after the politie changed the live plan', async () => {
    const politieCookie = await login(node.url, DEMO.politie)
    politie = connectDoc(node.url, politieCookie, caseDocName(DEMO_CASE_ID, 'plan'))
    await synced(politie)
    const existing = listActions(politie.doc)[0]!
    changedWhat = existing.what
    oldDue = existing.due
    updateAction(politie.doc, existing.id, { due: '2027-03-01' }, POLITIE)
    addAction(politie.doc, { what: NEW_ACTION, ownerOrganisation: POLITIE.organisation, due: '2027-02-15', resultKey: 'direct-safety' }, POLITIE)
    // A fresh reader seeing both edits means the server has them.
    const chairCookie = await login(node.url, DEMO.chair)
    const reader = connectDoc(node.url, chairCookie, caseDocName(DEMO_CASE_ID, 'plan'))
    try {
      await until(() => listActions(reader.doc).some((a) => a.what === NEW_ACTION) && listActions(reader.doc).some((a) => a.due === '2027-03-01'), { timeoutMs: 5000 })
    } finally {
      reader.destroy()
    }
    const adopted = await api<{ version: number }>(node.url, chairCookie, 'POST', `/api/cases/${DEMO_CASE_ID}/versions`)
    expect(adopted).toMatchObject({ status: 201, body: { version: 2 } })
  })

  it('shows the school the notice and, with nothing acknowledged, the whole plan', async () => {
    await school.goto(`${node.url}/`)
    await expect.poll(() => school.getByTestId('inbox-unread').innerText(), TIMEOUT).toContain('2 ongelezen')
    await school.getByTestId('inbox-link').click()
    const row = school.locator('[data-testid="notice-row"][data-version="2"]')
    await row.waitFor(TIMEOUT)
    expect(await row.getAttribute('data-unread')).toBe('true')
    expect(await school.locator('[data-testid="notice-row"]').count()).toBe(2)
    await row.getByTestId('notice-open').click()
    await school.waitForURL(`**${versionPath(2)}`, TIMEOUT)
    await school.getByTestId('version-whole-plan').waitFor(TIMEOUT)
    expect(await school.getByTestId('version-title').innerText()).toContain('Versie 2')
    const actions = school.getByTestId('version-section-actions')
    expect(await actions.innerText()).toContain(NEW_ACTION)
    expect(await school.locator('[data-testid="version-item"][data-mark]:not([data-mark=""])').count()).toBe(0)
    // Plan text is text: the <b> in the action arrives as characters, not as markup.
    expect(await actions.locator('b').count()).toBe(0)
    // The outer ring reads no inner part.
    expect(await school.getByTestId('version-section-family').count()).toBe(0)
    await school.goto(`${node.url}/inbox`)
    await school.locator('[data-testid="notice-row"][data-version="2"][data-unread="false"]').waitFor(TIMEOUT)
  })

  it('marks what changed since version 1 once the school acknowledged it', async () => {
    const schoolCookie = await login(node.url, DEMO.school)
    expect((await api(node.url, schoolCookie, 'POST', `/api/cases/${DEMO_CASE_ID}/versions/1/ack`, {})).status).toBe(200)
    await school.goto(`${node.url}${versionPath(2)}`)
    const since = school.getByTestId('version-changes-since')
    await since.waitFor(TIMEOUT)
    expect(await since.getAttribute('data-from')).toBe('1')
    const actions = school.getByTestId('version-section-actions')
    const added = actions.locator('[data-testid="version-item"][data-mark="added"]')
    expect(await added.innerText()).toContain(NEW_ACTION)
    const changed = actions.locator('[data-testid="version-item"][data-mark="changed"]')
    expect(await changed.count()).toBe(1)
    expect(await changed.innerText()).toContain(changedWhat)
    expect(await changed.getByTestId('version-old').innerText()).toContain(new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${oldDue}T00:00:00Z`)))
    expect(await changed.innerText()).toContain('1 mrt 2027')
  })

  it('passes axe on the version page and leaves a screenshot', async () => {
    const violations = await runAxe(school)
    expect(violations).toEqual([])
    await mkdir(SCREENSHOT_DIR, { recursive: true })
    // The top of the page (picker, PDF, the 'changes since' note) and the marked actions.
    await school.screenshot({ path: `${SCREENSHOT_DIR}/version-view.png`, fullPage: false })
    await school.getByTestId('version-section-actions').screenshot({ path: `${SCREENSHOT_DIR}/version-view-changes.png` })
  })

  it('lets the school acknowledge version 2 with an objection and download the PDF', async () => {
    await school.getByTestId('ack-objection').fill(OBJECTION)
    await school.getByTestId('ack-submit').click()
    await expect.poll(() => school.getByTestId('ack-status').innerText(), TIMEOUT).toContain('met een bezwaar')
    const [download] = await Promise.all([school.waitForEvent('download', TIMEOUT), school.getByTestId('version-pdf').click()])
    expect(download.suggestedFilename()).toMatch(/-versie-2\.pdf$/)
    const path = await download.path()
    const bytes = await readFile(path)
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('%PDF')
    await promisify(execFile)('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', path, `${SCREENSHOT_DIR}/version-pdf-school`])
  })

  it('shows the chair the acknowledgement and the objection', async () => {
    await chair.goto(`${node.url}${versionPath(2)}`)
    const panel = chair.getByTestId('version-acks')
    await panel.waitFor(TIMEOUT)
    const row = panel.locator('[data-testid="ack-row"]', { hasText: 'Joost Bakker' })
    expect(await row.getAttribute('data-acked')).toBe('true')
    expect(await row.getByTestId('ack-objection-text').innerText()).toBe(OBJECTION)
    expect(await panel.getByTestId('acks-summary').innerText()).toContain('1 met bezwaar')
    expect(await chair.locator('[data-testid="ack-row"][data-acked="false"]').count()).toBeGreaterThan(0)
    await panel.scrollIntoViewIfNeeded()
    await panel.screenshot({ path: `${SCREENSHOT_DIR}/version-acks.png` })
  })
})
