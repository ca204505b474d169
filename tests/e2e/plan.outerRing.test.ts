/**
 * The buitenring's plan page in the browser, against the server's write guard:
 * - the school (outer ring of Gezin V.) is offered only what the server lets it write:
 *   no controls on goals, decisions, regie, phase, results or the summary, and on the
 *   agreements only the status of the one that binds the school;
 *   it adds actions of its own organisation and moves their progress, and those
 *   changes reach the chair;
 * - a change the server refuses is dropped with a Dutch message that names it and shows
 *   what the school chose, and the school keeps working on a fresh copy with everything
 *   the server has.
 *
 * How the refusal is provoked, and why this way: after the client hides every control
 * whose change the server refuses, no UI path writes a forbidden change on its own, and
 * the production build the tests run exposes no Y.Doc to reach into (a test-only hook in
 * it would be a hole, not a test). What remains is a real race that every honest client
 * can run into: the chair gives the school's action to another organisation while the
 * school's page has not received that yet, and the school changes the action's status.
 * The server judges the status change against its own copy (no longer the school's
 * action) and refuses it. The test makes the delay deterministic by routing the school's
 * websocket through Playwright (`routeWebSocket`) and holding the server's messages to
 * the page for a moment; the page itself, its socket, cookie and frames are untouched.
 * A y-websocket client in Node (the politie) reads what the server holds.
 */
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Locator, Page, WebSocketRoute } from 'playwright-core'
import type { RunningServer } from '../../server/main'
import { DEMO_CASE_ID } from '../../server/seed'
import { addDays, listActions, todayIsoDate, type Action } from '../../shared/plan'
import { CloseCode } from '../../shared/protocol/closeCodes'
import { caseDocName } from '../../shared/protocol/docName'
import { connectDoc, DEMO, login, synced, type DocClient } from '../helpers/clients'
import { createDataDir } from '../helpers/databases'
import { launchBrowser, loginAs, newContext } from '../helpers/browser'
import { startNode } from '../helpers/nodes'
import { until } from '../helpers/until'

const SCHOOL_ORGANISATION = 'OBS De Vlinder'
const TIMEOUT = { timeout: 15_000 }
const REFUSAL_TEXT = 'Niet opgeslagen: Actie “Schoolarts inschakelen voor het oudste kind”'
const REFUSAL_WHY = 'Als partner in de buitenring wijzig je alleen acties van je eigen organisatie.'
/** Sections the buitenring may only read: no button, select, text field or add form in them. */
const READ_ONLY_SECTIONS = ['summary', 'results', 'decisions', 'regie', 'phase']
/** The demo agreement that binds the school: the one agreement whose status the school may change. */
const BOUND_AGREEMENT = 'De school meldt afwezigheid van het oudste kind'

/** One of the school page's collab sockets, routed through the test. */
interface RoutedSocket {
  url: string
  /** While true, the server's messages wait in `held` instead of reaching the page. */
  isHolding: boolean
  held: (string | Buffer)[]
  /** Close frames the server sent (code and reason), forwarded to the page as they are. */
  closes: { code: number | undefined; reason: string | undefined }[]
}

let node: RunningServer
let browser: Browser
let removeDir: () => Promise<void>
let chairCtx: BrowserContext
let schoolCtx: BrowserContext
let chair: Page
let school: Page
let observer: DocClient
const schoolSockets: RoutedSocket[] = []

/** Forwards both ways, recording the server's close frames; holds server messages on demand. */
function routeSocket(route: WebSocketRoute): void {
  const socket: RoutedSocket = { url: route.url(), isHolding: false, held: [], closes: [] }
  schoolSockets.push(socket)
  const server = route.connectToServer()
  server.onMessage((message) => {
    if (socket.isHolding) socket.held.push(message)
    else route.send(message)
  })
  server.onClose((code, reason) => {
    socket.closes.push({ code, reason })
    void route.close({ code, reason })
  })
}

async function openPlan(page: Page): Promise<void> {
  await page.goto(`${node.url}/cases/${DEMO_CASE_ID}`)
  await page.getByTestId('action-row').first().waitFor(TIMEOUT)
  await page.locator('[data-testid="collab-status"][data-status="connected"]').waitFor(TIMEOUT)
}

/** The row of an action, also while its form replaces it. */
function actionRow(page: Page, id: string): Locator {
  return page.locator(`[data-testid="action-row"][data-action-id="${id}"]`)
}

/** The action as the server holds it (read through the politie's y-websocket client). */
function serverAction(what: string): Action | undefined {
  return listActions(observer.doc).find((a) => a.what === what)
}

/** The same, by id. */
function onServer(id: string): Action | undefined {
  return listActions(observer.doc).find((a) => a.id === id)
}

/** Adds an action through the page's form and returns its id once the server has it. */
async function addOwnAction(page: Page, what: string): Promise<string> {
  await page.getByTestId('action-add-what').fill(what)
  await page.getByTestId('action-add-due').fill(addDays(todayIsoDate(), 14))
  await page.getByTestId('action-add-link').selectOption('result:direct-safety')
  await page.getByTestId('action-add-submit').click()
  // The form empties only when the accessor accepted the action.
  await expect.poll(() => page.getByTestId('action-add-what').inputValue()).toBe('')
  const action = await until(() => serverAction(what), { timeoutMs: 10_000, message: `the server has "${what}"` })
  return action.id
}

beforeAll(async () => {
  const dir = await createDataDir()
  removeDir = dir.remove
  node = await startNode({ DATA_DIR: dir.dir, SERVE_CLIENT: 'true' })
  browser = await launchBrowser()
  observer = connectDoc(node.url, await login(node.url, DEMO.politie), caseDocName(DEMO_CASE_ID, 'plan'))
  await synced(observer)
  ;[chairCtx, schoolCtx] = await Promise.all([newContext(browser), newContext(browser)])
  await schoolCtx.routeWebSocket(/\/collab\//, routeSocket)
  ;[chair, school] = await Promise.all([chairCtx.newPage(), schoolCtx.newPage()])
  await Promise.all([loginAs(chair, node.url, DEMO.chair), loginAs(school, node.url, DEMO.school)])
  await Promise.all([openPlan(chair), openPlan(school)])
})

afterAll(async () => {
  observer?.destroy()
  await chairCtx?.close()
  await schoolCtx?.close()
  await browser?.close()
  await node?.close()
  await removeDir?.()
})

describe('the buitenring on the plan page', () => {
  it('offers the school only its own actions and their progress, and those changes reach the chair', async () => {
    await expect.poll(() => school.getByTestId('outer-ring-notice').count(), TIMEOUT).toBe(1)
    for (const name of READ_ONLY_SECTIONS) {
      const section = school.getByTestId(`plan-section-${name}`)
      expect(await section.count(), name).toBe(1)
      // No control that changes anything; reading an item's Geschiedenis is reading.
      expect(await section.locator('button:not([data-testid="item-history-toggle"]), select, input, textarea').count(), name).toBe(0)
    }
    // Agreements: only the status of the agreement that binds the school (a write rule as
    // data, shared/plan/writeEntries.ts, asked per item through itemAccess); nothing else.
    const agreements = school.getByTestId('plan-section-agreements')
    expect(await agreements.locator('button:not([data-testid="item-history-toggle"]), input, textarea').count()).toBe(0)
    expect(await agreements.locator('select').count()).toBe(1)
    expect(await agreements.getByTestId('agreement-row').filter({ hasText: BOUND_AGREEMENT }).getByTestId('agreement-status').count()).toBe(1)
    expect(await school.getByTestId('plan-editor').locator('.ProseMirror').getAttribute('contenteditable')).toBe('false')
    // None of the seeded actions is the school's: no status select, no edit or remove.
    expect(await school.getByTestId('action-status').count()).toBe(0)
    expect(await school.locator('[data-testid="action-edit"], [data-testid="action-remove"], [data-testid="action-progress"]').count()).toBe(0)
    // The owner of a new action is fixed to the school's own organisation.
    const owner = school.getByTestId('action-add-owner')
    expect(await owner.inputValue()).toBe(SCHOOL_ORGANISATION)
    expect(await owner.getAttribute('readonly')).not.toBeNull()

    const what = 'Leerkracht let op signalen in de klas'
    const id = await addOwnAction(school, what)
    expect(serverAction(what)?.ownerOrganisation).toBe(SCHOOL_ORGANISATION)
    const row = actionRow(school, id)
    expect(await row.locator('[data-testid="action-edit"], [data-testid="action-remove"]').count()).toBe(0)

    await row.getByTestId('action-status').selectOption('in-progress')
    await until(() => serverAction(what)?.status === 'in-progress', { timeoutMs: 10_000, message: 'the status change reached the server' })
    await expect.poll(() => actionRow(chair, id).getByTestId('action-status').inputValue(), TIMEOUT).toBe('in-progress')

    // Blocked needs a reason: the progress form has the status, the reason and the done note, nothing else.
    await row.getByTestId('action-progress').click()
    const form = row.locator('form')
    const fieldIds = await form.locator('input, select, textarea').evaluateAll((els) => els.map((el) => el.id))
    expect(fieldIds).toEqual(['status', 'blockedReason', 'doneNote'].map((field) => `action-${id}-${field}`))
    await form.locator('select').selectOption('blocked')
    await form.locator('textarea').first().fill('Wacht op toestemming van de ouders.')
    await form.locator('button[type="submit"]').click()
    await until(() => serverAction(what)?.status === 'blocked', { timeoutMs: 10_000, message: 'the blocked status reached the server' })
    expect(serverAction(what)?.blockedReason).toBe('Wacht op toestemming van de ouders.')
    await expect.poll(() => actionRow(chair, id).innerText(), TIMEOUT).toContain('Wacht op toestemming van de ouders.')

    expect(schoolSockets.flatMap((s) => s.closes)).toEqual([])
    expect(await school.getByTestId('collab-refusal').count()).toBe(0)
  })

  it('drops a refused change with a Dutch message and keeps the school working with everything the server has', async () => {
    const kept = serverAction('Leerkracht let op signalen in de klas')!.id
    const given = await addOwnAction(school, 'Schoolarts inschakelen voor het oudste kind')
    await expect.poll(() => actionRow(chair, given).count(), TIMEOUT).toBe(1)

    // The school's page stops hearing from the server; the chair gives the action to the wijkteam.
    const first = schoolSockets.at(-1)!
    first.isHolding = true
    await actionRow(chair, given).getByTestId('action-edit').click()
    const ownerField = actionRow(chair, given).locator('input[id$="-ownerOrganisation"]')
    await ownerField.fill('Wijkteam Havenstad')
    await actionRow(chair, given).locator('button[type="submit"]').click()
    await until(() => onServer(given)?.ownerOrganisation === 'Wijkteam Havenstad', { timeoutMs: 10_000, message: 'the server has the new owner' })

    // Unaware, the school moves the action it still sees as its own: the server refuses it.
    await actionRow(school, given).getByTestId('action-status').selectOption('done')
    // The only unsent edit is the refused one: named at once, with what the school chose.
    const refusal = school.getByTestId('unsaved-edit')
    await refusal.waitFor(TIMEOUT)
    expect(await refusal.getAttribute('role')).toBe('alert')
    expect(await refusal.innerText()).toContain(REFUSAL_TEXT)
    expect(await refusal.innerText()).toContain(REFUSAL_WHY)
    expect(await refusal.getByTestId('unsaved-edit-text').innerText()).toContain('gedaan')
    // Kept for people to look at: the message as the partner sees it.
    await refusal.scrollIntoViewIfNeeded()
    await school.screenshot({ path: fileURLToPath(new URL('../../docs/screenshots/plan-refused-write.png', import.meta.url)) })
    expect(first.closes).toEqual([{ code: CloseCode.UpdateRefused, reason: 'the buitenring changes actions of its own organisation only' }])

    // A fresh copy, synced from the server: the wijkteam's action, the school's earlier work intact.
    await expect.poll(() => schoolSockets.length, TIMEOUT).toBeGreaterThan(schoolSockets.indexOf(first) + 1)
    await school.locator('[data-testid="collab-status"][data-status="connected"]').waitFor(TIMEOUT)
    await expect.poll(() => actionRow(school, given).innerText(), TIMEOUT).toContain('Wijkteam Havenstad')
    expect(await actionRow(school, given).getByTestId('action-status').count()).toBe(0)
    expect(await actionRow(school, kept).getByTestId('action-status').inputValue()).toBe('blocked')
    expect(onServer(given)?.status).toBe('open')
    expect(onServer(kept)?.status).toBe('blocked')
    // The refused change never reached the chair, whose page carries on undisturbed.
    expect(await actionRow(chair, given).getByTestId('action-status').inputValue()).toBe('open')
    expect(await chair.locator('[data-testid="collab-error"], [data-testid="collab-refusal"]').count()).toBe(0)

    // The fresh copy writes as before, and the message can be closed.
    await actionRow(school, kept).getByTestId('action-status').selectOption('in-progress')
    await until(() => onServer(kept)?.status === 'in-progress', { timeoutMs: 10_000, message: 'the fresh copy writes again' })
    await expect.poll(() => actionRow(chair, kept).getByTestId('action-status').inputValue(), TIMEOUT).toBe('in-progress')
    await school.getByTestId('unsaved-edit-dismiss').click()
    expect(await school.locator('[data-testid="unsaved-edit"], [data-testid="collab-refusal"]').count()).toBe(0)
    expect(schoolSockets.slice(schoolSockets.indexOf(first) + 1).flatMap((s) => s.closes)).toEqual([])

    // The refused change left the browser's own copy (IndexedDB) too: after a reload
    // nothing is refused again and the action is still the wijkteam's, open.
    await school.reload()
    await openPlan(school)
    await expect.poll(() => actionRow(school, given).innerText(), TIMEOUT).toContain('Wijkteam Havenstad')
    expect(await school.locator('[data-testid="unsaved-edit"], [data-testid="collab-refusal"]').count()).toBe(0)
    // (The reload itself closes the old sockets from the page's side, without a code.)
    const refusedAgain = schoolSockets.slice(schoolSockets.indexOf(first) + 1).flatMap((s) => s.closes).filter((c) => c.code === CloseCode.UpdateRefused)
    expect(refusedAgain).toEqual([])
    expect(onServer(given)?.status).toBe('open')
  })
})
