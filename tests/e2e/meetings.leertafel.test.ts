/**
 * A leertafel round in Chromium on two nodes: the politie (node B) and the wijkteam
 * (node A) each hand in a blind assessment (score, main danger, plan); before the chair
 * reveals, neither page holds the other's entry (not on screen, not in the DOM), only the
 * count; after the chair's Onthullen both see both entries side by side with the spread
 * (lowest to highest, median), also on the Onthullen en vergelijken item; on the Toets
 * samenwerkingsafspraken item the politie judges an agreement, which the wijkteam sees.
 * axe clean; screenshots in docs/screenshots/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { DEMO_CASE_ID } from '../../server/seed'
import { DEMO } from '../helpers/clients'
import type { Cluster } from '../helpers/clusters'
import { launchBrowser } from '../helpers/browser'
import {
  clickAgendaItem, expectCurrentItem, joinAs, openMeetingFromList, runAxe, scheduleMeeting, screenshot, startTwoClientNodes,
  TIMEOUT, type Participant,
} from '../helpers/meetingPages'

const TITLE = 'Leertafel casus HG-DEMO-0001'
const BLIND_ITEM = 'Eigen inschatting, blind'
const POLITIE_DANGER = 'Vader negeert het contactverbod en zoekt moeder op bij school.'
const POLITIE_PLAN = 'Huisverbod verlengen, camera-toezicht bij de woning.'
const WIJKTEAM_DANGER = 'Moeder trekt haar aangifte in onder druk van de familie.'
const WIJKTEAM_PLAN = 'Dagelijks contact met moeder via het wijkteam, steunnetwerk opbouwen.'

let cluster: Cluster
let browser: Browser
let chair: Participant
let politie: Participant
let wijkteam: Participant

async function submitEntry(p: Participant, score: number, danger: string, plan: string): Promise<void> {
  await p.page.getByTestId('blind-score').fill(String(score))
  await p.page.getByTestId('blind-danger').fill(danger)
  await p.page.getByTestId('blind-plan').fill(plan)
  await p.page.getByTestId('blind-submit').click()
  await p.page.getByTestId('blind-own-status').waitFor(TIMEOUT)
}

function bodyHtml(p: Participant): Promise<string> {
  return p.page.evaluate(() => document.body.innerHTML)
}

beforeAll(async () => {
  const nodes = await startTwoClientNodes()
  cluster = nodes.cluster
  browser = await launchBrowser()
  ;[chair, politie, wijkteam] = await Promise.all([
    joinAs(browser, nodes.a.url, DEMO.chair),
    joinAs(browser, nodes.b.url, DEMO.politie),
    joinAs(browser, nodes.a.url, DEMO.wijkteam),
  ])
})

afterAll(async () => {
  for (const p of [chair, politie, wijkteam]) await p?.context.close()
  await browser?.close()
  await cluster?.close()
})

describe('a leertafel round with blind entries and the reveal', () => {
  it('brings everyone to the blind item', async () => {
    await scheduleMeeting(chair.page, chair.baseUrl, DEMO_CASE_ID, 'leertafel', TITLE)
    await chair.page.getByTestId('meeting-start').click()
    await expectCurrentItem(chair.page, 'Casus')
    await openMeetingFromList(politie.page, politie.baseUrl, DEMO_CASE_ID, TITLE)
    await openMeetingFromList(wijkteam.page, wijkteam.baseUrl, DEMO_CASE_ID, TITLE)
    await clickAgendaItem(chair.page, BLIND_ITEM)
    await expectCurrentItem(politie.page, BLIND_ITEM)
    await expectCurrentItem(wijkteam.page, BLIND_ITEM)
    await politie.page.getByTestId('blind-form').waitFor(TIMEOUT)
  })

  it("keeps the politie's entry from the wijkteam until the reveal", async () => {
    await submitEntry(politie, 4, POLITIE_DANGER, POLITIE_PLAN)
    await expect.poll(() => wijkteam.page.getByTestId('blind-submitted').getAttribute('data-count'), TIMEOUT).toBe('1')
    expect(await wijkteam.page.getByTestId('blind-entry').count()).toBe(0)
    expect(await bodyHtml(wijkteam)).not.toContain(POLITIE_DANGER)
    await submitEntry(wijkteam, 7, WIJKTEAM_DANGER, WIJKTEAM_PLAN)
    await expect.poll(() => politie.page.getByTestId('blind-submitted').getAttribute('data-count'), TIMEOUT).toBe('2')
    // Neither sees the other's: not on screen, not anywhere in the page.
    expect(await bodyHtml(politie)).not.toContain(WIJKTEAM_DANGER)
    expect(await bodyHtml(politie)).not.toContain(WIJKTEAM_PLAN)
    expect(await bodyHtml(wijkteam)).not.toContain(POLITIE_DANGER)
    expect(await bodyHtml(wijkteam)).not.toContain(POLITIE_PLAN)
    // The chair knows who has handed in, not what.
    await expect.poll(() => chair.page.getByTestId('blind-submitted').innerText(), TIMEOUT).toContain('Ruben Smit')
    expect(await chair.page.getByTestId('blind-submitted').innerText()).toContain('Fatma Yilmaz')
    expect(await bodyHtml(chair)).not.toContain(POLITIE_DANGER)
    await screenshot(wijkteam.page, 'meeting-leertafel-blind')
  })

  it('shows both entries side by side with the spread after the chair reveals', async () => {
    await chair.page.getByTestId('blind-reveal').click()
    for (const p of [politie, wijkteam, chair]) {
      await expect.poll(() => p.page.getByTestId('blind-entry').count(), TIMEOUT).toBe(2)
      const results = await p.page.getByTestId('blind-results').innerText()
      expect(results).toContain(POLITIE_DANGER)
      expect(results).toContain(WIJKTEAM_DANGER)
      expect(await p.page.getByTestId('blind-spread').innerText()).toBe('Spreiding: 4 tot 7, mediaan 5,5')
    }
    expect(await politie.page.getByTestId('blind-form').count()).toBe(0)
    await politie.page.getByTestId('blind-results').scrollIntoViewIfNeeded()
    await screenshot(politie.page, 'meeting-leertafel-reveal')
  })

  it('shows the entries again on the Onthullen en vergelijken item, and passes axe', async () => {
    await clickAgendaItem(chair.page, 'Onthullen en vergelijken')
    await expectCurrentItem(wijkteam.page, 'Onthullen en vergelijken')
    await expect.poll(() => wijkteam.page.getByTestId('blind-entry').count(), TIMEOUT).toBe(2)
    expect(await wijkteam.page.getByTestId('blind-spread').innerText()).toContain('mediaan 5,5')
    expect(await runAxe(wijkteam.page)).toEqual([])
    expect(await runAxe(chair.page)).toEqual([])
  })

  it('lets the politie judge a samenwerkingsafspraak, which the wijkteam sees with who judged', async () => {
    await clickAgendaItem(chair.page, 'Toets samenwerkingsafspraken')
    await expectCurrentItem(politie.page, 'Toets samenwerkingsafspraken')
    const row = politie.page.getByTestId('check-row').first()
    await row.getByTestId('check-result').selectOption('unclear')
    await row.getByTestId('check-note').fill('Controle door het wijkteam is niet vastgelegd.')
    await row.getByRole('button').click()
    const seen = wijkteam.page.getByTestId('check-row').first().getByTestId('check-last')
    await expect.poll(() => seen.innerText().catch(() => ''), TIMEOUT).toContain('onduidelijk, volgens Ruben Smit (Politie Eenheid Noordkust)')
    expect(await seen.innerText()).toContain('Controle door het wijkteam is niet vastgelegd.')
    await screenshot(wijkteam.page, 'meeting-leertafel-check', '[data-testid="meeting-item"]')
  })
})
