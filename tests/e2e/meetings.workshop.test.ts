/**
 * A workshop in Chromium on one node: on the first board the politie adds a card, the
 * wijkteam sees it with author and organisation and adds a remark the politie sees; on
 * Mijn volgende stap
 * the politie keeps its step private and the wijkteam shares its own: each sees its own,
 * only the shared one reaches the other. axe clean; a screenshot in docs/screenshots/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import type { RunningServer } from '../../server/main'
import { DEMO_CASE_ID } from '../../server/seed'
import { DEMO } from '../helpers/clients'
import { createDataDir } from '../helpers/databases'
import { launchBrowser } from '../helpers/browser'
import { startNode } from '../helpers/nodes'
import {
  clickAgendaItem, expectCurrentItem, joinAs, openMeetingFromList, runAxe, scheduleMeeting, screenshot, TIMEOUT, type Participant,
} from '../helpers/meetingPages'

const TITLE = 'Workshop intieme terreur'
const CARD = 'Vader losweken van zijn netwerk dat hem dekt'
const REMARK = 'Betrek het OM eerder: het netwerk zwijgt zonder druk.'
const PRIVATE_STEP = 'Morgen de wijkagent bellen over de meldingen.'
const SHARED_STEP = 'Morgen het signaal van school vastleggen volgens de meldcode.'

let node: RunningServer
let removeDir: () => Promise<void>
let browser: Browser
let chair: Participant
let politie: Participant
let wijkteam: Participant

beforeAll(async () => {
  const dir = await createDataDir()
  removeDir = dir.remove
  node = await startNode({ DATA_DIR: dir.dir, SERVE_CLIENT: 'true' })
  browser = await launchBrowser()
  ;[chair, politie, wijkteam] = await Promise.all([
    joinAs(browser, node.url, DEMO.chair),
    joinAs(browser, node.url, DEMO.politie),
    joinAs(browser, node.url, DEMO.wijkteam),
  ])
})

afterAll(async () => {
  for (const p of [chair, politie, wijkteam]) await p?.context.close()
  await browser?.close()
  await node?.close()
  await removeDir?.()
})

describe('a workshop board and next steps', () => {
  it('shows a card with author and organisation', async () => {
    await scheduleMeeting(chair.page, chair.baseUrl, DEMO_CASE_ID, 'workshop', TITLE)
    await chair.page.getByTestId('meeting-start').click()
    await expectCurrentItem(chair.page, 'Uitdagingen')
    await openMeetingFromList(politie.page, politie.baseUrl, DEMO_CASE_ID, TITLE)
    await openMeetingFromList(wijkteam.page, wijkteam.baseUrl, DEMO_CASE_ID, TITLE)
    await politie.page.getByTestId('board-card-text').fill(CARD)
    await politie.page.getByTestId('board-card-submit').click()
    const card = wijkteam.page.locator('[data-testid="board-card"]', { hasText: CARD })
    await card.waitFor(TIMEOUT)
    expect(await card.innerText()).toContain('Ruben Smit (Politie Eenheid Noordkust)')
    await screenshot(politie.page, 'meeting-workshop-board', '[data-testid="meeting-item"]')
  })

  it('shows a remark on a card to the card author', async () => {
    const card = wijkteam.page.locator('[data-testid="board-card"]', { hasText: CARD })
    await card.getByTestId('board-remark-text').fill(REMARK)
    await card.getByTestId('board-remark-text').press('Enter')
    const remark = politie.page.locator('[data-testid="board-remark"]', { hasText: REMARK })
    await remark.waitFor(TIMEOUT)
    expect(await remark.innerText()).toContain('Fatma Yilmaz (Wijkteam Havenstad)')
  })

  it('keeps a next step private unless shared', async () => {
    await clickAgendaItem(chair.page, 'Mijn volgende stap')
    await expectCurrentItem(politie.page, 'Mijn volgende stap')
    await expectCurrentItem(wijkteam.page, 'Mijn volgende stap')
    await politie.page.getByTestId('next-step-text').fill(PRIVATE_STEP)
    await politie.page.getByTestId('next-step-submit').click()
    await politie.page.getByTestId('next-step-own').waitFor(TIMEOUT)
    await wijkteam.page.getByTestId('next-step-text').fill(SHARED_STEP)
    await wijkteam.page.getByTestId('next-step-shared').check()
    await wijkteam.page.getByTestId('next-step-submit').click()
    await politie.page.locator('[data-testid="next-step-shared-row"]', { hasText: SHARED_STEP }).waitFor(TIMEOUT)
    expect(await wijkteam.page.getByTestId('next-step-own').innerText()).toContain('gedeeld')
    expect(await wijkteam.page.evaluate(() => document.body.innerHTML)).not.toContain(PRIVATE_STEP)
    expect(await chair.page.evaluate(() => document.body.innerHTML)).not.toContain(PRIVATE_STEP)
    expect(await runAxe(politie.page)).toEqual([])
  })
})
