/** A bad environment stops the process with one clear line (DESIGN.md "Configuration"). */
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../..', import.meta.url))

function runMain(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { cwd: root, env: { PATH: process.env.PATH ?? '', ...env } })
    let stderr = ''
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000)
    child.on('exit', (code) => {
      clearTimeout(timer)
      resolve({ code, stderr })
    })
  })
}

describe('start-up configuration', () => {
  it('exits with code 2 and one line naming a malformed variable', async () => {
    const r = await runMain({ PORT: 'eighty' })
    expect(r.code).toBe(2)
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^Configuration error: PORT: .+ \(got "eighty"\)$/)])
  })

  it('refuses DATABASE_URL without SESSION_SECRET, since nodes must share it', async () => {
    const r = await runMain({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test', PORT: '0' })
    expect(r.code).toBe(2)
    expect(r.stderr.trim()).toBe('Configuration error: SESSION_SECRET: required when DATABASE_URL is set (every node must use the same one)')
  })
})
