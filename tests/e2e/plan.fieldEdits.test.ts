/**
 * Field-level edits in Chromium with two partners on the demo case:
 * - both open Bewerken on one action; the chair changes Wat and saves, the politie then
 *   changes only the deadline and saves: both changes stay, for both; the same when the
 *   politie's form is stale (offline while the chair saved);
 * - the politie has Wat edited in an open form when the chair saves another Wat: the
 *   politie's form says at once who changed it, with both values, and saving waits for a
 *   choice; "Mijn waarde houden" then saves the politie's text for everyone, and
 *   "Hun waarde overnemen" in a second round keeps the chair's;
 * - a safety agreement, a danger statement, a SoS item and a justice item can be edited,
 *   and the edit reaches the other partner; a decision, an escalation and a score added
 *   through their forms reach the other partner too;
 * - the form with a conflict open passes axe.
 */
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core'
import type { RunningServer } from '../../server/main'
import { DEMO_CASE_ID } from '../../server/seed'
import { addDays, todayIsoDate } from '../../shared/plan'
import { DEMO } from '../helpers/clients'
import { createDataDir } from '../helpers/databases'
import { launchBrowser, loginAs } from '../helpers/browser'
import { startNode } from '../helpers/nodes'

const root = fileURLToPath(new URL('../..', import.meta.url))
const AXE_PATH = `${root}node_modules/axe-core/axe.min.js`
const TIMEOUT = { timeout: 15_000 }
/** "At once": a colleague's change shows in an open form within this bound. */
const AT_ONCE = { timeout: 3_000, intervals: [50] }
const CHAIR = 'Anouk de Wit (Veilig Thuis Noordkust)'

interface AxeViolation { id: string; impact: string | null; nodes: { target: unknown }[] }

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

async function addAction(page: Page, what: string, due: string): Promise<void> {
  await page.getByTestId('action-add-what').fill(what)
  await page.getByTestId('action-add-owner').fill('Veilig Thuis Noordkust')
  await page.getByTestId('action-add-due').fill(due)
  await page.getByTestId('action-add-link').selectOption('result:direct-safety')
  await page.getByTestId('action-add-submit').click()
  await expect.poll(() => page.getByTestId('action-add-what').inputValue()).toBe('')
}

async function actionId(page: Page, what: string): Promise<string> {
  const row = page.locator('[data-testid="action-row"]', { hasText: what })
  await row.waitFor(TIMEOUT)
  const id = await row.getAttribute('data-action-id')
  if (!id) throw new Error(`no action id for ${what}`)
  return id
}

function row(page: Page, id: string): Locator {
  return page.locator(`[data-testid="action-row"][data-action-id="${id}"]`)
}

async function openEditor(page: Page, id: string): Promise<Locator> {
  await row(page, id).getByTestId('action-edit').click()
  const form = row(page, id).locator('form')
  await form.waitFor(TIMEOUT)
  return form
}

async function runAxe(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: AXE_PATH })
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: AxeViolation[] }> } }).axe
    const result = await axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] })
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => ({ target: n.target })) }))
  })
}

beforeAll(async () => {
  const dir = await createDataDir()
  removeDir = dir.remove
  node = await startNode({ DATA_DIR: dir.dir, SERVE_CLIENT: 'true' })
  browser = await launchBrowser()
  // bypassCSP: axe is injected as a script tag, which the app's CSP forbids.
  const options = { viewport: { width: 1366, height: 768 }, locale: 'nl-NL', bypassCSP: true }
  ;[chairCtx, politieCtx] = await Promise.all([browser.newContext(options), browser.newContext(options)])
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

describe('field-level edits', () => {
  it('keeps the chair\'s Wat and the politie\'s deadline when both saved from forms opened on the same action', async () => {
    const what = `Huisbezoek plannen ${Date.now()}`
    const newWhat = `${what} met de wijkagent`
    const newDue = addDays(todayIsoDate(), 21)
    await addAction(chair, what, addDays(todayIsoDate(), 10))
    const id = await actionId(chair, what)
    await row(politie, id).waitFor(TIMEOUT)
    const chairForm = await openEditor(chair, id)
    const politieForm = await openEditor(politie, id)

    await chairForm.locator(`#action-${id}-what`).fill(newWhat)
    await chairForm.getByRole('button', { name: 'Opslaan' }).click()
    await chairForm.waitFor({ state: 'detached', ...TIMEOUT })
    // The politie did not touch Wat: its open form follows the chair's text at once.
    await expect.poll(() => politieForm.locator(`#action-${id}-what`).inputValue(), AT_ONCE).toBe(newWhat)
    expect(await politieForm.getByTestId('field-conflict').count()).toBe(0)

    await politieForm.locator(`#action-${id}-due`).fill(newDue)
    await politieForm.getByRole('button', { name: 'Opslaan' }).click()
    await politieForm.waitFor({ state: 'detached', ...TIMEOUT })

    await expect.poll(() => row(politie, id).locator('.plan-action__what').innerText(), TIMEOUT).toBe(newWhat)
    // The chair's form, opened now, holds both changes (the deadline cell shows a Dutch date).
    const check = await openEditor(chair, id)
    expect(await check.locator(`#action-${id}-due`).inputValue()).toBe(newDue)
    expect(await check.locator(`#action-${id}-what`).inputValue()).toBe(newWhat)
    await check.getByRole('button', { name: 'Annuleren' }).click()
  })

  it('keeps the chair\'s Wat when the politie, offline with a stale form, saves only a new deadline', async () => {
    const what = `Veiligheidsplan bespreken ${Date.now()}`
    const newWhat = `${what} met beide ouders`
    const newDue = addDays(todayIsoDate(), 28)
    await addAction(chair, what, addDays(todayIsoDate(), 10))
    const id = await actionId(chair, what)
    await row(politie, id).waitFor(TIMEOUT)
    const politieForm = await openEditor(politie, id)
    // Offline, the politie's form cannot follow the chair's change: its Wat stays stale.
    await politieCtx.setOffline(true)
    const chairForm = await openEditor(chair, id)
    await chairForm.locator(`#action-${id}-what`).fill(newWhat)
    await chairForm.getByRole('button', { name: 'Opslaan' }).click()
    await chairForm.waitFor({ state: 'detached', ...TIMEOUT })
    expect(await politieForm.locator(`#action-${id}-what`).inputValue()).toBe(what)

    await politieForm.locator(`#action-${id}-due`).fill(newDue)
    await politieForm.getByRole('button', { name: 'Opslaan' }).click()
    await politieForm.waitFor({ state: 'detached', ...TIMEOUT })
    await politieCtx.setOffline(false)

    // The form writes the deadline only (and updateItem skips values equal to the
    // politie's own copy), so the chair's Wat is not overwritten on reconnect.
    await expect.poll(() => row(politie, id).locator('.plan-action__what').innerText(), TIMEOUT).toBe(newWhat)
    const check = await openEditor(chair, id)
    await expect.poll(() => check.locator(`#action-${id}-due`).inputValue(), TIMEOUT).toBe(newDue)
    expect(await check.locator(`#action-${id}-what`).inputValue()).toBe(newWhat)
    await check.getByRole('button', { name: 'Annuleren' }).click()
    await politie.locator('[data-testid="collab-status"][data-status="connected"]').waitFor(TIMEOUT)
  })

  it('shows a partner editing Wat who changed it meanwhile, with both values, and saves only after a choice', async () => {
    const what = `Gesprek met school ${Date.now()}`
    const mine = `${what} (politie)`
    const theirs = `${what} (Veilig Thuis)`
    await addAction(chair, what, addDays(todayIsoDate(), 10))
    const id = await actionId(chair, what)
    await row(politie, id).waitFor(TIMEOUT)
    const politieForm = await openEditor(politie, id)
    await politieForm.locator(`#action-${id}-what`).fill(mine)

    const chairForm = await openEditor(chair, id)
    await chairForm.locator(`#action-${id}-what`).fill(theirs)
    await chairForm.getByRole('button', { name: 'Opslaan' }).click()
    await chairForm.waitFor({ state: 'detached', ...TIMEOUT })

    const conflict = politieForm.getByTestId('field-conflict')
    await conflict.waitFor({ timeout: AT_ONCE.timeout })
    expect(await conflict.getByTestId('field-conflict-who').innerText()).toBe(`Wat is intussen gewijzigd door ${CHAIR}.`)
    expect(await conflict.getByTestId('field-conflict-theirs').innerText()).toBe(theirs)
    expect(await conflict.getByTestId('field-conflict-mine').innerText()).toBe(mine)
    expect(await conflict.getAttribute('role')).toBe('alert')
    // The input keeps what the politie typed.
    expect(await politieForm.locator(`#action-${id}-what`).inputValue()).toBe(mine)

    // Kept for people to look at: the conflict as the partner sees it.
    await conflict.scrollIntoViewIfNeeded()
    await politie.screenshot({ path: `${root}docs/screenshots/plan-field-conflict.png` })
    const violations = await runAxe(politie)
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([])

    // Saving with the conflict open writes nothing and asks for a choice, with focus on it.
    await politieForm.getByRole('button', { name: 'Opslaan' }).click()
    await politieForm.getByTestId('form-conflict-summary').waitFor(TIMEOUT)
    await expect.poll(() => conflict.evaluate((el) => el === document.activeElement)).toBe(true)
    expect(await row(chair, id).locator('.plan-action__what').innerText()).toBe(theirs)

    // Keyboard: Tab to "Mijn waarde houden" (after "Hun waarde overnemen") and press Enter.
    await politie.keyboard.press('Tab')
    await politie.keyboard.press('Tab')
    expect(await politie.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('field-conflict-keep-mine')
    await politie.keyboard.press('Enter')
    await expect.poll(() => conflict.count()).toBe(0)
    await expect.poll(() => politie.evaluate(() => document.activeElement?.id)).toBe(`action-${id}-what`)
    await politieForm.getByRole('button', { name: 'Opslaan' }).click()
    await politieForm.waitFor({ state: 'detached', ...TIMEOUT })
    await expect.poll(() => row(chair, id).locator('.plan-action__what').innerText(), TIMEOUT).toBe(mine)

    // Second round: the politie takes the chair's value instead.
    const again = await openEditor(politie, id)
    await again.locator(`#action-${id}-what`).fill(`${mine} opnieuw`)
    const chairAgain = await openEditor(chair, id)
    await chairAgain.locator(`#action-${id}-what`).fill(`${theirs} opnieuw`)
    await chairAgain.getByRole('button', { name: 'Opslaan' }).click()
    await again.getByTestId('field-conflict').waitFor({ timeout: AT_ONCE.timeout })
    await again.getByTestId('field-conflict-take-theirs').click()
    expect(await again.locator(`#action-${id}-what`).inputValue()).toBe(`${theirs} opnieuw`)
    await again.getByRole('button', { name: 'Opslaan' }).click()
    await again.waitFor({ state: 'detached', ...TIMEOUT })
    await expect.poll(() => row(chair, id).locator('.plan-action__what').innerText(), TIMEOUT).toBe(`${theirs} opnieuw`)
    expect(await row(politie, id).locator('.plan-action__what').innerText()).toBe(`${theirs} opnieuw`)
  })

  it('edits a safety agreement, a danger statement, a SoS item and a justice item, and the other partner sees the new text', async () => {
    const agreement = politie.getByTestId('agreement-row').first()
    const agreementId = await agreement.getAttribute('data-agreement-id')
    await agreement.getByTestId('agreement-edit').click()
    const agreementText = `Vader komt niet bij de woning ${Date.now()}`
    await politie.locator(`#agreement-${agreementId}-edit-text`).fill(agreementText)
    await politie.locator(`#agreement-${agreementId}-edit-text`).press('Tab')
    await politie.locator(`[data-agreement-id="${agreementId}"] form`).getByRole('button', { name: 'Opslaan' }).click()
    await chair.locator(`[data-agreement-id="${agreementId}"]`, { hasText: agreementText }).waitFor(TIMEOUT)
    await expect.poll(() => chair.locator(`[data-agreement-id="${agreementId}"]`).getByTestId('item-meta').innerText(), TIMEOUT)
      .toContain('laatst gewijzigd door Ruben Smit')

    const danger = chair.getByTestId('danger-row').first()
    const dangerId = await danger.getAttribute('data-danger-id')
    await danger.getByTestId('danger-edit').click()
    const behaviour = `Vader schreeuwt en gooit met spullen ${Date.now()}`
    await chair.locator(`#danger-${dangerId}-behaviour`).fill(behaviour)
    await chair.locator(`[data-danger-id="${dangerId}"] form`).getByRole('button', { name: 'Opslaan' }).click()
    await politie.locator(`[data-danger-id="${dangerId}"]`, { hasText: behaviour }).waitFor(TIMEOUT)

    const sos = politie.getByTestId('sos-item').first()
    const sosId = await sos.getAttribute('data-sos-id')
    await sos.getByTestId('sos-edit').click()
    const sosText = `Oma haalt Noor op van school ${Date.now()}`
    await politie.locator(`#sos-${sosId}-text`).fill(sosText)
    await politie.locator(`[data-sos-id="${sosId}"] form`).getByRole('button', { name: 'Opslaan' }).click()
    await chair.locator(`[data-sos-id="${sosId}"]`, { hasText: sosText }).waitFor(TIMEOUT)

    const justice = chair.getByTestId('justice-row').first()
    const justiceId = await justice.getAttribute('data-justice-id')
    await justice.getByTestId('justice-edit').click()
    const justiceText = `Huisverbod verlengd met 18 dagen ${Date.now()}`
    await chair.locator(`#justice-${justiceId}-text`).fill(justiceText)
    await chair.locator(`[data-justice-id="${justiceId}"] form`).getByRole('button', { name: 'Opslaan' }).click()
    await politie.locator(`[data-justice-id="${justiceId}"]`, { hasText: justiceText }).waitFor(TIMEOUT)
  })

  it('adds a decision, an escalation and a safety score through their forms, and the other partner sees them', async () => {
    const decision = `Casusregie blijft bij Veilig Thuis ${Date.now()}`
    await chair.locator('[aria-controls="decision-add-form"]').click()
    await chair.locator('#decision-add-text').fill(decision)
    await chair.locator('#decision-add-mandatedPresent').fill('Politie Eenheid Noordkust, Wijkteam Havenstad')
    await chair.locator('#decision-add-form').getByRole('button', { name: 'Besluit vastleggen' }).click()
    await politie.getByTestId('decision-row').filter({ hasText: decision }).waitFor(TIMEOUT)

    const issue = `Geen plek in de opvang ${Date.now()}`
    await chair.locator('[aria-controls="escalation-add-form"]').click()
    await chair.locator('#escalation-add-issue').fill(issue)
    await chair.locator('#escalation-add-raisedTo').fill('Wijkteam Havenstad')
    await chair.locator('#escalation-add-due').fill(addDays(todayIsoDate(), 7))
    await chair.locator('#escalation-add-form').getByRole('button', { name: 'Escalatie toevoegen' }).click()
    await politie.getByTestId('escalation-row').filter({ hasText: issue }).waitFor(TIMEOUT)

    await politie.locator('[aria-controls="scale-add-form"]').click()
    await politie.locator('#scale-add-score').selectOption('6')
    await politie.locator('#scale-add-reason').fill('Vader houdt zich aan het huisverbod')
    await politie.locator('#scale-add-form').getByRole('button', { name: 'Score toevoegen' }).click()
    await expect.poll(() => chair.getByTestId('scale-row').filter({ hasText: 'Politie Eenheid Noordkust' }).innerText(), TIMEOUT).toContain('6')
  })
})
