/**
 * A short MDA++ casusoverleg in Chromium on two nodes (one PostgreSQL database, one Redis):
 * - the chair (node A) schedules it on the Overleggen tab and starts it;
 * - the politie (node B) and the wijkteam (node A) follow: when the chair moves the
 *   agenda their pages mark the new current item; the politie looks elsewhere and comes
 *   back; the politie raises a hand, which the chair sees;
 * - the school (buitenring) is admitted for Terugblik only and its part ends after it;
 * - the chair runs the item timer, marks attendance and mandate, records a decision with
 *   dissent and assigns an action (moving there with the keyboard), which show in the plan
 *   sections of the partners' pages and on the plan page; the chair locks the actions for
 *   everyone else and unlocks them; the chair closes and sees the adopted version's number;
 * - axe is clean on the chair's and a partner's page; screenshots in docs/screenshots/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { DEMO_CASE_ID } from '../../server/seed'
import { DEMO } from '../helpers/clients'
import type { Cluster } from '../helpers/clusters'
import { launchBrowser } from '../helpers/browser'
import {
  clickAgendaItem, expectCurrentItem, joinAs, openMeetingFromList, runAxe, scheduleMeeting, screenshot, startTwoClientNodes,
  tabTo, TIMEOUT, type Participant,
} from '../helpers/meetingPages'

const TITLE = 'MDA++ vervolgoverleg december'
const DECISION = 'Het wijkteam start deze week met het veiligheidsplan thuis.'
const DISSENT = 'De politie wil eerst het huisverbod afwachten.'
const ACTION = 'Huisbezoek met het wijkteam plannen en verslag delen'

let cluster: Cluster
let browser: Browser
let chair: Participant
let politie: Participant
let wijkteam: Participant
let school: Participant

beforeAll(async () => {
  const nodes = await startTwoClientNodes()
  cluster = nodes.cluster
  browser = await launchBrowser()
  ;[chair, politie, wijkteam] = await Promise.all([
    joinAs(browser, nodes.a.url, DEMO.chair),
    joinAs(browser, nodes.b.url, DEMO.politie),
    joinAs(browser, nodes.a.url, DEMO.wijkteam),
  ])
  school = await joinAs(browser, nodes.b.url, DEMO.school)
})

afterAll(async () => {
  for (const p of [chair, politie, wijkteam, school]) await p?.context.close()
  await browser?.close()
  await cluster?.close()
})

describe('an MDA++ meeting from opening to close, on two nodes', () => {
  it('lets the chair schedule and start the meeting, and the partners on both nodes follow', async () => {
    await scheduleMeeting(chair.page, chair.baseUrl, DEMO_CASE_ID, 'mda', TITLE)
    expect(await chair.page.getByTestId('meeting-status').getAttribute('data-status')).toBe('scheduled')
    await chair.page.getByTestId('meeting-start').click()
    await expect.poll(() => chair.page.getByTestId('meeting-status').getAttribute('data-status'), TIMEOUT).toBe('live')
    await expectCurrentItem(chair.page, 'Opening')

    await openMeetingFromList(politie.page, politie.baseUrl, DEMO_CASE_ID, TITLE)
    // Only the chair and the case director schedule meetings.
    expect(await politie.page.getByTestId('meeting-create-form').count()).toBe(0)
    await openMeetingFromList(wijkteam.page, wijkteam.baseUrl, DEMO_CASE_ID, TITLE)
    await expectCurrentItem(politie.page, 'Opening')
    await expectCurrentItem(wijkteam.page, 'Opening')
    // Presence crosses nodes: the chair on A sees the politie on B.
    await chair.page.locator('[data-testid="present-person"]', { hasText: 'Ruben Smit' }).waitFor(TIMEOUT)
    await politie.page.locator('[data-testid="present-person"]', { hasText: 'Anouk de Wit' }).waitFor(TIMEOUT)
  })

  it('moves the agenda: both partners see the new current item', async () => {
    await clickAgendaItem(chair.page, 'Terugblik')
    await expectCurrentItem(chair.page, 'Terugblik')
    await expectCurrentItem(politie.page, 'Terugblik')
    await expectCurrentItem(wijkteam.page, 'Terugblik')
    expect(await politie.page.getByTestId('meeting-item-title').innerText()).toBe('Terugblik')
    // Terugblik shows the plan's actions and agreements, live.
    await politie.page.getByTestId('plan-section-actions').waitFor(TIMEOUT)
    await politie.page.getByTestId('plan-section-agreements').waitFor(TIMEOUT)
    // And what the latest version's readers said (none adopted yet on this fresh database).
    await expect.poll(() => politie.page.getByTestId('terugblik-part').innerText(), TIMEOUT).toContain('Er is nog geen versie vastgesteld.')
  })

  it('admits the school (buitenring) for Terugblik only: refused before, in after Opnieuw proberen, the plan and no inner part', async () => {
    await school.page.goto(`${school.baseUrl}/cases/${DEMO_CASE_ID}/meetings`)
    await school.page.getByTestId('meeting-link').filter({ hasText: TITLE }).click()
    await school.page.getByTestId('meeting-refused').waitFor(TIMEOUT)
    await chair.page.getByTestId('admit-user').selectOption({ label: 'Joost Bakker (OBS De Vlinder)' })
    await chair.page.locator('label', { hasText: 'Terugblik' }).getByTestId('admit-item').check()
    await chair.page.getByTestId('admit-submit').click()
    await chair.page.locator('[data-testid="admission-row"]', { hasText: 'Joost Bakker' }).waitFor(TIMEOUT)
    await school.page.getByTestId('meeting-retry').click()
    await expectCurrentItem(school.page, 'Terugblik')
    await school.page.getByTestId('plan-section-actions').waitFor(TIMEOUT)
    expect(await school.page.getByTestId('inner-part').count()).toBe(0)
    await chair.page.locator('[data-testid="present-person"]', { hasText: 'Joost Bakker' }).waitFor(TIMEOUT)
  })

  it('lets a partner look elsewhere and come back to the current item', async () => {
    await clickAgendaItem(politie.page, 'Veiligheidsafspraken')
    await politie.page.getByTestId('looking-elsewhere').waitFor(TIMEOUT)
    expect(await politie.page.getByTestId('meeting-item-title').innerText()).toBe('Veiligheidsafspraken')
    // Looking elsewhere moves nobody else.
    await expectCurrentItem(politie.page, 'Terugblik')
    expect(await chair.page.getByTestId('meeting-item-title').innerText()).toBe('Terugblik')
    await screenshot(politie.page, 'meeting-mda-elsewhere')
    await politie.page.getByTestId('back-to-current').focus()
    await politie.page.keyboard.press('Enter')
    await expect.poll(() => politie.page.getByTestId('meeting-item-title').innerText(), TIMEOUT).toBe('Terugblik')
    expect(await politie.page.getByTestId('looking-elsewhere').count()).toBe(0)
  })

  it("shows the chair the politie's raised hand, and its lowering", async () => {
    await politie.page.getByTestId('hand-toggle').click()
    const hand = chair.page.locator('[data-testid="hand-row"]', { hasText: 'Ruben Smit' })
    await hand.waitFor(TIMEOUT)
    await chair.page.locator('[data-testid="present-person"][data-hand="true"]', { hasText: 'Ruben Smit' }).waitFor(TIMEOUT)
    await chair.page.evaluate(() => window.scrollTo(0, 0))
    await screenshot(chair.page, 'meeting-mda-chair')
    await screenshot(chair.page, 'meeting-mda-hands', '.meeting-layout__side')
    await politie.page.getByTestId('hand-toggle').click()
    await hand.waitFor({ state: 'detached', ...TIMEOUT })
  })

  it('runs the item timer in server time on every page', async () => {
    await chair.page.getByTestId('timer-start').click()
    await expect.poll(() => politie.page.getByTestId('meeting-timer').getAttribute('data-running'), TIMEOUT).toBe('true')
    const first = await politie.page.getByTestId('meeting-timer-clock').innerText()
    await expect.poll(() => politie.page.getByTestId('meeting-timer-clock').innerText(), TIMEOUT).not.toBe(first)
    await chair.page.getByTestId('timer-pause').click()
    await expect.poll(() => wijkteam.page.getByTestId('meeting-timer').getAttribute('data-running'), TIMEOUT).toBe('false')
  })

  it('lets the chair mark attendance and mandate', async () => {
    const row = chair.page.locator('[data-testid="attendance-row"]', { hasText: 'Ruben Smit' })
    await row.getByTestId('attendance-mandate').check()
    await expect.poll(() => row.getByTestId('attendance-present').isChecked(), TIMEOUT).toBe(true)
    await politie.page.locator('[data-testid="present-person"]', { hasText: 'Ruben Smit' }).getByText('Mandaat').waitFor(TIMEOUT)
  })

  it('records a decision with dissent that appears in the plan for the partners', async () => {
    await clickAgendaItem(chair.page, 'Besluiten')
    await expectCurrentItem(politie.page, 'Besluiten')
    // The school's item ended: the server ends its part in the meeting.
    const ended = school.page.getByTestId('meeting-ended')
    await ended.waitFor(TIMEOUT)
    // Either reason may come first: node A's 'agenda item ended' crosses Redis, while node B
    // re-checks the school's socket on the access event and says 'access changed' itself.
    expect(['agenda item ended', 'access changed']).toContain(await ended.getAttribute('data-reason'))
    expect(await school.page.getByTestId('meeting-agenda').count()).toBe(0)
    await screenshot(school.page, 'meeting-mda-school-ended')
    await chair.page.getByTestId('meeting-decision-text').fill(DECISION)
    await chair.page.getByTestId('meeting-decision-type').selectOption('plan')
    await chair.page.getByTestId('meeting-dissent-add').click()
    await chair.page.getByTestId('meeting-dissent-organisation').fill('Politie Eenheid Noordkust')
    await chair.page.getByTestId('meeting-dissent-reason').fill(DISSENT)
    await chair.page.getByTestId('meeting-decision-submit').click()
    await expect.poll(() => chair.page.getByTestId('meeting-decision-status').innerText(), TIMEOUT).toContain('Het besluit staat in het plan.')
    const decisions = politie.page.getByTestId('plan-section-decisions')
    await expect.poll(() => decisions.innerText(), TIMEOUT).toContain(DECISION)
    expect(await decisions.innerText()).toContain(DISSENT)
  })

  it('assigns an action that appears in the plan for the partners', async () => {
    // The chair moves the agenda with the keyboard alone.
    await chair.page.getByTestId('meeting-item-title').focus()
    await tabTo(chair.page, '[data-testid="agenda-item"][data-kind="actions"]', true)
    await chair.page.keyboard.press('Enter')
    await expectCurrentItem(wijkteam.page, 'Acties en regie')
    await chair.page.getByTestId('meeting-action-what').fill(ACTION)
    await chair.page.getByTestId('meeting-action-owner').fill('Wijkteam Havenstad')
    await chair.page.getByTestId('meeting-action-due').fill('2027-01-15')
    await chair.page.getByTestId('meeting-action-link').selectOption('result:direct-safety')
    // The priority is offered because the action's declaration and the command carry it.
    expect(await chair.page.getByTestId('meeting-action-priority').inputValue()).toBe('normal')
    await chair.page.getByTestId('meeting-action-priority').selectOption({ label: 'hoog' })
    await chair.page.getByTestId('meeting-action-submit').click()
    await expect.poll(() => chair.page.getByTestId('meeting-action-status').innerText(), TIMEOUT).toContain('De actie staat in het plan.')
    await screenshot(chair.page, 'meeting-mda-chair-tools', '[data-testid="chair-tools"]')
    await expect.poll(() => wijkteam.page.getByTestId('plan-section-actions').innerText(), TIMEOUT).toContain(ACTION)
    await expect.poll(() => politie.page.getByTestId('plan-section-actions').innerText(), TIMEOUT).toContain(ACTION)
    const assigned = politie.page.locator('[data-testid="action-row"]', { hasText: ACTION }).locator('[data-field="priority"]')
    expect(await assigned.innerText()).toBe('hoog')
    await screenshot(wijkteam.page, 'meeting-mda-partner')
  })

  it('locks the actions for everyone but the chair, and unlocks them', async () => {
    await chair.page.getByTestId('lock-section').selectOption('actions')
    await chair.page.getByTestId('lock-submit').click()
    await politie.page.locator('[data-testid="section-locked"][data-section="actions"]').waitFor(TIMEOUT)
    // Nothing in the locked section is offered for editing, and nothing to add.
    await expect.poll(() => politie.page.getByTestId('plan-section-actions').getByTestId('action-edit').count(), TIMEOUT).toBe(0)
    await politie.page.getByTestId('section-locked').scrollIntoViewIfNeeded()
    await screenshot(politie.page, 'meeting-mda-locked')
    expect(await chair.page.getByTestId('plan-section-actions').getByTestId('action-edit').count()).toBeGreaterThan(0)
    await chair.page.getByTestId('lock-row').getByTestId('unlock').click()
    await politie.page.getByTestId('section-locked').waitFor({ state: 'detached', ...TIMEOUT })
    await expect.poll(() => politie.page.getByTestId('plan-section-actions').getByTestId('action-edit').count(), TIMEOUT).toBeGreaterThan(0)
  })

  it('passes axe on the chair\'s and a partner\'s meeting page', async () => {
    expect(await runAxe(chair.page)).toEqual([])
    expect(await runAxe(politie.page)).toEqual([])
  })

  it('lets the chair close the meeting and shows the adopted version', async () => {
    await chair.page.getByTestId('meeting-close').click()
    // Focus moved to the confirm button: Enter confirms.
    await expect.poll(() => chair.page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? ''), TIMEOUT).toBe('meeting-close-confirm')
    await chair.page.keyboard.press('Enter')
    const link = chair.page.getByTestId('meeting-version-link')
    await link.waitFor(TIMEOUT)
    const version = await link.getAttribute('data-version')
    expect(Number(version)).toBeGreaterThanOrEqual(1)
    expect(await link.getAttribute('href')).toBe(`/cases/${DEMO_CASE_ID}/versions/${version}`)
    expect(await chair.page.getByTestId('meeting-status').getAttribute('data-status')).toBe('closed')
    // The outcome takes the focus once the chair's tools are gone.
    await expect.poll(() => chair.page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? ''), TIMEOUT).toBe('meeting-closed')
    await politie.page.getByTestId('meeting-closed').waitFor(TIMEOUT)
    await screenshot(chair.page, 'meeting-mda-closed')
    // The decision and the action are in the plan page too.
    await politie.page.goto(`${politie.baseUrl}/cases/${DEMO_CASE_ID}`)
    await expect.poll(() => politie.page.getByTestId('plan-section-decisions').innerText(), TIMEOUT).toContain(DECISION)
    await expect.poll(() => politie.page.getByTestId('plan-section-actions').innerText(), TIMEOUT).toContain(ACTION)
  })
})
