/**
 * Two partners in two Chromium contexts on the demo family's plan: what one types
 * appears for the other, with the typist's caret labelled with name and organisation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import type { RunningServer } from '../../server/main'
import { DEMO_CASE_ID } from '../../server/seed'
import { DEMO } from '../helpers/clients'
import { createDataDir } from '../helpers/databases'
import { launchBrowser, loginAs, newContext } from '../helpers/browser'
import { startNode } from '../helpers/nodes'

let node: RunningServer
let browser: Browser
let removeDir: () => Promise<void>

beforeAll(async () => {
  const dir = await createDataDir()
  removeDir = dir.remove
  node = await startNode({ DATA_DIR: dir.dir, SERVE_CLIENT: 'true' })
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
  await node?.close()
  await removeDir?.()
})

describe('co-editing the plan in two browsers', () => {
  it('shows one partner\'s typing to the other, with a caret labelled with name and organisation', async () => {
    const [chairCtx, politieCtx] = await Promise.all([newContext(browser), newContext(browser)])
    const [chair, politie] = await Promise.all([chairCtx.newPage(), politieCtx.newPage()])
    await loginAs(chair, node.url, DEMO.chair)
    await loginAs(politie, node.url, DEMO.politie)
    await chair.goto(`${node.url}/cases/${DEMO_CASE_ID}`)
    await politie.goto(`${node.url}/cases/${DEMO_CASE_ID}`)

    const chairEditor = chair.getByTestId('plan-editor').locator('.ProseMirror')
    const politieEditor = politie.getByTestId('plan-editor').locator('.ProseMirror')
    // The seeded plan text arrives through the hub in both browsers.
    await expect.poll(() => politieEditor.innerText(), { timeout: 15_000 }).toContain('directe veiligheid')
    await expect.poll(() => chairEditor.innerText(), { timeout: 15_000 }).toContain('directe veiligheid')

    await chairEditor.click()
    await chair.keyboard.press('Control+End')
    await chair.keyboard.type(' Opvang geregeld voor vrijdag.')
    await expect.poll(() => politieEditor.innerText(), { timeout: 10_000 }).toContain('Opvang geregeld voor vrijdag.')

    const label = politie.locator('.collaboration-carets__label')
    await expect.poll(() => label.allInnerTexts(), { timeout: 10_000 }).toContainEqual(expect.stringContaining('Anouk de Wit'))
    expect((await label.allInnerTexts()).join(' ')).toContain('Veilig Thuis Noordkust')

    // Both partners are listed as present on each page.
    await expect.poll(() => chair.getByTestId('presence-list').innerText(), { timeout: 10_000 }).toContain('Ruben Smit')
    await Promise.all([chairCtx.close(), politieCtx.close()])
  })
})
