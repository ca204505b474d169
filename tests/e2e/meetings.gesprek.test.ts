/**
 * A Het Gesprek round in Chromium on two nodes: on the round "Wat heb jij nodig?" the
 * chair gives the floor to the politie (node B), who answers; then to the wijkteam
 * (node A), who answers; both partners see whose turn it is and both answers with name
 * and organisation; the wijkteam answers with the keyboard alone. axe clean; screenshots
 * in docs/screenshots/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { DEMO_CASE_ID } from '../../server/seed'
import { DEMO } from '../helpers/clients'
import type { Cluster } from '../helpers/clusters'
import { launchBrowser } from '../helpers/browser'
import {
  clickAgendaItem, expectCurrentItem, joinAs, openMeetingFromList, runAxe, scheduleMeeting, screenshot, startTwoClientNodes,
  tabTo, TIMEOUT, type Participant,
} from '../helpers/meetingPages'

const TITLE = 'Het Gesprek politie en wijkteam'
const ROUND = 'Wat heb jij nodig?'
const POLITIE_ANSWER = 'Een vast aanspreekpunt bij het wijkteam dat ook buiten kantoortijd bereikbaar is.'
const WIJKTEAM_ANSWER = 'Dat de politie ons laat weten wanneer vader weer in de buurt is gezien.'

let cluster: Cluster
let browser: Browser
let chair: Participant
let politie: Participant
let wijkteam: Participant

function turnText(page: Page): Promise<string> {
  return page.getByTestId('round-turn').innerText()
}

async function giveTurnTo(name: string): Promise<void> {
  const select = chair.page.getByTestId('round-turn-select')
  const option = select.locator('option', { hasText: name })
  await select.selectOption((await option.getAttribute('value'))!)
  await chair.page.getByTestId('round-turn-give').click()
}

async function answer(p: Participant, text: string): Promise<void> {
  await p.page.getByTestId('round-answer-text').fill(text)
  await p.page.getByTestId('round-answer-submit').click()
}

/** Answers with the keyboard alone: Tab to the answer, type, Tab to the button, Enter. */
async function answerByKeyboard(p: Participant, text: string): Promise<void> {
  await p.page.getByTestId('meeting-item-title').focus()
  await tabTo(p.page, '[data-testid="round-answer-text"]')
  await p.page.keyboard.type(text)
  await tabTo(p.page, '[data-testid="round-answer-submit"]')
  await p.page.keyboard.press('Enter')
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

describe('a Het Gesprek round', () => {
  it('brings everyone to the first question', async () => {
    await scheduleMeeting(chair.page, chair.baseUrl, DEMO_CASE_ID, 'gesprek', TITLE)
    await chair.page.getByTestId('meeting-start').click()
    await expectCurrentItem(chair.page, 'Kennismaking')
    await openMeetingFromList(politie.page, politie.baseUrl, DEMO_CASE_ID, TITLE)
    await openMeetingFromList(wijkteam.page, wijkteam.baseUrl, DEMO_CASE_ID, TITLE)
    // Both partners are present before the chair hands out turns.
    await chair.page.locator('[data-testid="present-person"]', { hasText: 'Ruben Smit' }).waitFor(TIMEOUT)
    await chair.page.locator('[data-testid="present-person"]', { hasText: 'Fatma Yilmaz' }).waitFor(TIMEOUT)
    await clickAgendaItem(chair.page, ROUND)
    await expectCurrentItem(politie.page, ROUND)
    await expectCurrentItem(wijkteam.page, ROUND)
    expect(await wijkteam.page.getByTestId('round-turn').innerText()).toBe('Nog niemand is aan het woord.')
  })

  it('gives the floor to the politie, who answers', async () => {
    await giveTurnTo('Ruben Smit')
    await expect.poll(() => turnText(wijkteam.page), TIMEOUT).toBe('Aan het woord: Ruben Smit (Politie Eenheid Noordkust)')
    await expect.poll(() => turnText(politie.page), TIMEOUT).toContain('Ruben Smit')
    await answer(politie, POLITIE_ANSWER)
    await expect.poll(() => wijkteam.page.getByTestId('round-answer').count(), TIMEOUT).toBe(1)
    expect(await wijkteam.page.getByTestId('round-answer').innerText()).toContain(POLITIE_ANSWER)
  })

  it('moves the floor to the wijkteam, who answers; both see both answers', async () => {
    await giveTurnTo('Fatma Yilmaz')
    await expect.poll(() => turnText(politie.page), TIMEOUT).toBe('Aan het woord: Fatma Yilmaz (Wijkteam Havenstad)')
    await answerByKeyboard(wijkteam, WIJKTEAM_ANSWER)
    for (const p of [politie, wijkteam, chair]) {
      await expect.poll(() => p.page.getByTestId('round-answer').count(), TIMEOUT).toBe(2)
      const answers = await p.page.getByTestId('round-answer').allInnerTexts()
      expect(answers.some((a) => a.includes('Ruben Smit (Politie Eenheid Noordkust)') && a.includes(POLITIE_ANSWER))).toBe(true)
      expect(answers.some((a) => a.includes('Fatma Yilmaz (Wijkteam Havenstad)') && a.includes(WIJKTEAM_ANSWER))).toBe(true)
    }
    // "Volgende partner" moves on from the wijkteam to the next one present.
    await chair.page.getByTestId('round-turn-next').click()
    await expect.poll(() => turnText(wijkteam.page), TIMEOUT).not.toContain('Fatma Yilmaz')
    await screenshot(politie.page, 'meeting-gesprek-round', '[data-testid="meeting-item"]')
    await screenshot(chair.page, 'meeting-gesprek-chair')
  })

  it('lets the chair add an agenda item after the current one, which the partners see', async () => {
    await chair.page.getByTestId('agenda-editor').locator('summary').click()
    await chair.page.getByTestId('agenda-add-title').fill('Rondvraag')
    await chair.page.getByTestId('agenda-add').click()
    await expect.poll(() => politie.page.getByTestId('agenda-item').allInnerTexts(), TIMEOUT).toEqual([
      expect.stringContaining('Kennismaking'), expect.stringContaining(ROUND), expect.stringContaining('Rondvraag'),
      expect.stringContaining('Wat kun en mag je'), expect.stringContaining('Hoe help je'), expect.stringContaining('Afspraken'),
    ])
  })

  it('speaks English on request', async () => {
    await wijkteam.page.getByTestId('lang-switch').click()
    await expect.poll(() => wijkteam.page.getByTestId('hand-toggle').innerText(), TIMEOUT).toBe('Raise hand')
    expect(await wijkteam.page.getByTestId('meeting-status').innerText()).toBe('live')
    expect(await wijkteam.page.getByTestId('round-answer-submit').innerText()).toBe('Add answer')
    await screenshot(wijkteam.page, 'meeting-gesprek-english')
    await wijkteam.page.getByTestId('lang-switch').click()
    await expect.poll(() => wijkteam.page.getByTestId('hand-toggle').innerText(), TIMEOUT).toBe('Hand opsteken')
  })

  it('passes axe on the chair\'s and a partner\'s page', async () => {
    expect(await runAxe(chair.page)).toEqual([])
    expect(await runAxe(wijkteam.page)).toEqual([])
  })
})
