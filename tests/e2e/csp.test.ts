/**
 * The narrowed Content-Security-Policy (issue 18 item 9: `style-src 'self'`, no
 * `'unsafe-inline'`, no `https:`) does not break the real client: two partners co-edit
 * the demo plan in Chromium (carets and selections coloured per person, presence
 * avatars, Tiptap) and open the meeting list and members page, and the browser reports
 * no CSP violation, while the colours set through the CSSOM do apply.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
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

/** Collects every CSP violation the page reports, from its own event and the console. */
async function watchCsp(page: Page): Promise<string[]> {
  const violations: string[] = []
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text())
  })
  await page.exposeFunction('reportCspViolation', (v: string) => void violations.push(v))
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { reportCspViolation(v: string): void }).reportCspViolation(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`)
    })
  })
  return violations
}

describe('the client under the narrowed CSP', () => {
  it('co-edits the plan and shows meetings and members without a single CSP violation', async () => {
    const [chairCtx, politieCtx] = await Promise.all([newContext(browser), newContext(browser)])
    const [chair, politie] = await Promise.all([chairCtx.newPage(), politieCtx.newPage()])
    const seen = [await watchCsp(chair), await watchCsp(politie)]
    const all = () => seen.flat()
    await loginAs(chair, node.url, DEMO.chair)
    await loginAs(politie, node.url, DEMO.politie)
    const response = await chair.goto(`${node.url}/cases/${DEMO_CASE_ID}`)
    expect(response!.headers()['content-security-policy']).toMatch(/(^|;)style-src 'self'(;|$)/)
    await politie.goto(`${node.url}/cases/${DEMO_CASE_ID}`)

    const chairEditor = chair.getByTestId('plan-editor').locator('.ProseMirror')
    const politieEditor = politie.getByTestId('plan-editor').locator('.ProseMirror')
    await expect.poll(() => chairEditor.innerText(), { timeout: 15_000 }).toContain('directe veiligheid')
    await expect.poll(() => politieEditor.innerText(), { timeout: 15_000 }).toContain('directe veiligheid')
    await chairEditor.click()
    await chair.keyboard.press('Control+End')
    await chair.keyboard.type(' Afspraak met school.')
    // A selection, so the other partner's page draws a coloured selection decoration too.
    await chair.keyboard.press('Shift+Home')
    await expect.poll(() => politieEditor.innerText(), { timeout: 10_000 }).toContain('Afspraak met school.')
    const caret = politie.locator('.collaboration-carets__caret').first()
    await caret.waitFor({ timeout: 10_000 })
    // Colours set through the CSSOM apply under `style-src 'self'`.
    expect(await caret.evaluate((el) => getComputedStyle(el).borderLeftColor || getComputedStyle(el).borderColor)).not.toBe('')
    const avatar = chair.locator('.presence__avatar').first()
    await avatar.waitFor({ timeout: 10_000 })
    expect(await avatar.evaluate((el) => (el as HTMLElement).style.backgroundColor)).not.toBe('')

    await chair.goto(`${node.url}/cases/${DEMO_CASE_ID}/meetings`)
    await chair.waitForLoadState('networkidle')
    await chair.goto(`${node.url}/cases/${DEMO_CASE_ID}/members`)
    await chair.waitForLoadState('networkidle')
    expect(all()).toEqual([])
    await Promise.all([chairCtx.close(), politieCtx.close()])
  })
})
