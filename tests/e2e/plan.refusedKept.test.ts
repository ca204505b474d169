/**
 * A refused update keeps the partner's other unsent edits (issue 18 item 8), in Chromium:
 * the school (buitenring) goes offline; meanwhile the chair gives one of the school's
 * actions to the wijkteam. Still offline, the school marks that action done with a note
 * (which the server will refuse: it is no longer the school's) and adds a new action of
 * its own (allowed). Back online, both leave in one sync reply and the server refuses it
 * (4409). The new action must still reach the chair and the server, and the refused edit
 * must be shown to the school in Dutch, with the note it typed, until dismissed.
 * A y-websocket client in Node (the politie) reads what the server holds.
 */
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core'
import type { RunningServer } from '../../server/main'
import { DEMO_CASE_ID } from '../../server/seed'
import { addDays, listActions, todayIsoDate, type Action } from '../../shared/plan'
import { caseDocName } from '../../shared/protocol/docName'
import { connectDoc, DEMO, login, synced, type DocClient } from '../helpers/clients'
import { createDataDir } from '../helpers/databases'
import { launchBrowser, loginAs, newContext } from '../helpers/browser'
import { startNode } from '../helpers/nodes'
import { until } from '../helpers/until'

const TIMEOUT = { timeout: 15_000 }
const DONE_NOTE = 'Gesprek met de schoolarts gevoerd op dinsdag; zij belt moeder terug.'

let node: RunningServer
let browser: Browser
let removeDir: () => Promise<void>
let chairCtx: BrowserContext
let schoolCtx: BrowserContext
let chair: Page
let school: Page
let observer: DocClient

async function openPlan(page: Page): Promise<void> {
  await page.goto(`${node.url}/cases/${DEMO_CASE_ID}`)
  await page.getByTestId('action-row').first().waitFor(TIMEOUT)
  await page.locator('[data-testid="collab-status"][data-status="connected"]').waitFor(TIMEOUT)
}

function actionRow(page: Page, id: string): Locator {
  return page.locator(`[data-testid="action-row"][data-action-id="${id}"]`)
}

function rowByText(page: Page, what: string): Locator {
  return page.locator('[data-testid="action-row"]', { hasText: what })
}

/** An action as the server holds it (read through the politie's y-websocket client). */
function onServer(what: string): Action | undefined {
  return listActions(observer.doc).find((a) => a.what === what)
}

/** Fills the add form (the owner is fixed to the school's own organisation). */
async function fillNewAction(page: Page, what: string): Promise<void> {
  await page.getByTestId('action-add-what').fill(what)
  await page.getByTestId('action-add-due').fill(addDays(todayIsoDate(), 14))
  await page.getByTestId('action-add-link').selectOption('result:direct-safety')
  await page.getByTestId('action-add-submit').click()
  await expect.poll(() => page.getByTestId('action-add-what').inputValue()).toBe('')
}

beforeAll(async () => {
  const dir = await createDataDir()
  removeDir = dir.remove
  node = await startNode({ DATA_DIR: dir.dir, SERVE_CLIENT: 'true' })
  browser = await launchBrowser()
  observer = connectDoc(node.url, await login(node.url, DEMO.politie), caseDocName(DEMO_CASE_ID, 'plan'))
  await synced(observer)
  ;[chairCtx, schoolCtx] = await Promise.all([newContext(browser), newContext(browser)])
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

describe('a refused update', () => {
  it('keeps the other unsent edits: the allowed one reaches the chair, the refused one is shown with its text', async () => {
    const earlier = 'Leerkracht let op signalen in de klas'
    const given = 'Schoolarts inschakelen voor het oudste kind'
    const added = 'Mentor volgt de aanwezigheid van het oudste kind'
    await fillNewAction(school, earlier)
    await fillNewAction(school, given)
    const givenId = (await until(() => onServer(given), { timeoutMs: 10_000, message: 'the server has the action' })).id
    await until(() => onServer(earlier), { timeoutMs: 10_000, message: 'the server has the earlier action' })
    await actionRow(chair, givenId).waitFor(TIMEOUT)

    await schoolCtx.setOffline(true)
    await expect.poll(() => school.getByTestId('collab-status').getAttribute('data-status'), TIMEOUT).toBe('offline')
    // Meanwhile the chair gives the action to the wijkteam.
    await actionRow(chair, givenId).getByTestId('action-edit').click()
    await actionRow(chair, givenId).locator('input[id$="-ownerOrganisation"]').fill('Wijkteam Havenstad')
    await actionRow(chair, givenId).locator('button[type="submit"]').click()
    await until(() => onServer(given)?.ownerOrganisation === 'Wijkteam Havenstad', { timeoutMs: 10_000, message: 'the server has the new owner' })

    // Offline and unaware, the school marks it done with a note, and adds an action of its own.
    const row = actionRow(school, givenId)
    await row.getByTestId('action-progress').click()
    await row.locator(`#action-${givenId}-status`).selectOption('done')
    await row.locator(`#action-${givenId}-doneNote`).fill(DONE_NOTE)
    await row.locator('form button[type="submit"]').click()
    await expect.poll(() => row.getByTestId('action-status').inputValue(), TIMEOUT).toBe('done')
    await fillNewAction(school, added)
    expect(onServer(added)).toBeUndefined()

    await schoolCtx.setOffline(false)
    // The allowed edit is kept and reaches the server and the chair.
    await until(() => onServer(added), { timeoutMs: 20_000, message: 'the action added offline reached the server' })
    expect(onServer(added)?.ownerOrganisation).toBe('OBS De Vlinder')
    await rowByText(chair, added).waitFor(TIMEOUT)
    // The refused one is shown to the school, in Dutch, with what it typed.
    const notice = school.getByTestId('unsaved-edit')
    await notice.waitFor({ timeout: 20_000 })
    expect(await notice.count()).toBe(1)
    expect(await notice.getAttribute('role')).toBe('alert')
    const text = await notice.innerText()
    expect(text).toContain(`Niet opgeslagen: Actie “${given}”`)
    expect(text).toContain('acties van je eigen organisatie')
    expect(await notice.getByTestId('unsaved-edit-text').innerText()).toContain(DONE_NOTE)
    expect(await notice.getByTestId('unsaved-edit-text').innerText()).toContain('gedaan')
    // The copy button puts the heading and the lines on the clipboard.
    await schoolCtx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: node.url })
    await notice.getByTestId('unsaved-edit-copy').click()
    await expect.poll(() => notice.innerText(), TIMEOUT).toContain('Gekopieerd')
    const copied = await school.evaluate(() => navigator.clipboard.readText())
    expect(copied).toContain(given)
    expect(copied).toContain(`Toelichting afgerond: ${DONE_NOTE}`)
    await notice.scrollIntoViewIfNeeded()
    await school.screenshot({ path: fileURLToPath(new URL('../../docs/screenshots/plan-refused-kept.png', import.meta.url)) })

    // Nothing else lost: the server holds the chair's owner and the status it had; the
    // school's earlier action and the added one are on its page, once each.
    expect(onServer(given)).toMatchObject({ ownerOrganisation: 'Wijkteam Havenstad', status: 'open', doneNote: '' })
    await school.locator('[data-testid="collab-status"][data-status="connected"]').waitFor(TIMEOUT)
    await expect.poll(() => actionRow(school, givenId).innerText(), TIMEOUT).toContain('Wijkteam Havenstad')
    for (const what of [earlier, added]) await expect.poll(() => rowByText(school, what).count(), TIMEOUT).toBe(1)
    expect(listActions(observer.doc).filter((a) => a.what === added)).toHaveLength(1)

    // The notice stays until the school closes it.
    await notice.getByTestId('unsaved-edit-dismiss').click()
    expect(await school.getByTestId('unsaved-edit').count()).toBe(0)
  }, 120_000)
})
