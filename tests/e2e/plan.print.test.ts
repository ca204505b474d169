/**
 * Printing the plan (Chromium `page.pdf()`, print media): a clean document with
 * "Vertrouwelijk", the case code, who printed it, when and in which ring, without
 * navigation, buttons or forms; the inner part only for the inner ring. The PDF text is
 * read with pdftotext, and its first page rendered to PNG (docs/screenshots/) for people
 * to look at.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningServer } from '../../server/main'
import { DEMO_CASE_ID } from '../../server/seed'
import { DEMO } from '../helpers/clients'
import { createDataDir } from '../helpers/databases'
import { launchBrowser, loginAs, newContext } from '../helpers/browser'
import { startNode } from '../helpers/nodes'

const TIMEOUT = { timeout: 15_000 }
const SCREENSHOTS = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url))
let node: RunningServer
let browser: Browser
let removeDir: () => Promise<void>
const work = mkdtempSync(join(tmpdir(), 'samenspel-print-'))

/** Prints the demo plan as `email`; returns the PDF's text and writes its first page as PNG. */
async function printAs(email: string, name: string): Promise<string> {
  const context = await newContext(browser)
  try {
    const page = await context.newPage()
    await loginAs(page, node.url, email)
    await page.goto(`${node.url}/cases/${DEMO_CASE_ID}`)
    await page.locator('[data-testid="collab-status"][data-status="connected"]').waitFor(TIMEOUT)
    await page.getByTestId('action-row').first().waitFor(TIMEOUT)
    const pdf = await page.pdf({ format: 'A4', printBackground: false })
    const file = join(work, `${name}.pdf`)
    writeFileSync(file, pdf)
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', file, join(SCREENSHOTS, `plan-print-${name}`)])
    return execFileSync('pdftotext', ['-layout', file, '-']).toString()
  } finally {
    await context.close()
  }
}

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
  rmSync(work, { recursive: true, force: true })
})

describe('the printed plan', () => {
  it('prints for the inner ring with the confidentiality mark, case code, printer and ring, and none of the screen\'s controls', async () => {
    const text = await printAs(DEMO.chair, 'inner')
    expect(text).toMatch(/VERTROUWELIJK|Vertrouwelijk/)
    expect(text).toContain('HG-DEMO-0001')
    expect(text).toContain('Afgedrukt door Anouk de Wit (Veilig Thuis Noordkust)')
    expect(text).toContain('Binnenring')
    expect(text).toContain('Gezin en netwerk')
    for (const control of ['Uitloggen', 'Ongedaan maken', 'Terug naar casussen', 'Wie is er nu']) expect(text).not.toContain(control)
  })

  it('prints for the outer ring without the inner part', async () => {
    const text = await printAs(DEMO.school, 'outer')
    expect(text).toContain('Afgedrukt door Joost Bakker (OBS De Vlinder)')
    expect(text).toContain('Buitenring')
    expect(text).not.toContain('Gezin en netwerk')
    expect(text).toContain('HG-DEMO-0001')
  })
})
