/**
 * Builds the real client once before the end-to-end tests (the same `vite build` that
 * `npm start` runs), so the browser tests drive what users get.
 */
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../..', import.meta.url))

/** Vitest global setup: fails the run early with a clear message when a prerequisite is missing. */
export default function setup(): void {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
  if (!existsSync(chromium)) {
    throw new Error(`Chromium not found at ${chromium}: install Debian's chromium package (bash .ci/run does) or set CHROMIUM_PATH`)
  }
  const r = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'error'], { cwd: root, stdio: 'inherit' })
  if (r.status !== 0) throw new Error('vite build failed')
}
