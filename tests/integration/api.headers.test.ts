/**
 * Security headers (issue 18 item 9): no inline or any-https styles in the CSP, and HSTS
 * and `upgrade-insecure-requests` only when the public origin is https.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningServer } from '../../server/main'
import { createPgDatabase } from '../helpers/databases'
import { startNode } from '../helpers/nodes'

let plain: RunningServer
let secure: RunningServer
let drop: () => Promise<void>

beforeAll(async () => {
  const db = await createPgDatabase()
  drop = db.drop
  plain = await startNode({ DATABASE_URL: db.url, SEED_DEMO: 'false' })
  secure = await startNode({ DATABASE_URL: db.url, SEED_DEMO: 'false', PUBLIC_ORIGIN: 'https://samenspel.example' })
})
afterAll(async () => {
  await plain?.close()
  await secure?.close()
  await drop()
})

/** The CSP's directives by name. */
async function headersOf(url: string): Promise<{ csp: Map<string, string>; hsts: string | null }> {
  const res = await fetch(`${url}/api/config`)
  expect(res.status).toBe(200)
  const csp = new Map<string, string>()
  for (const part of (res.headers.get('content-security-policy') ?? '').split(';')) {
    const [name, ...values] = part.trim().split(/\s+/)
    if (name) csp.set(name, values.join(' '))
  }
  return { csp, hsts: res.headers.get('strict-transport-security') }
}

describe('security headers', () => {
  it('allows styles from our own origin only, over http and https alike', async () => {
    for (const node of [plain, secure]) {
      const { csp } = await headersOf(node.url)
      expect(csp.get('style-src')).toBe("'self'")
      expect(csp.get('default-src')).toBe("'self'")
      expect(csp.get('script-src')).toBe("'self'")
      expect([...csp.values()].join(' ')).not.toContain('unsafe-inline')
    }
  })

  it('sends neither HSTS nor upgrade-insecure-requests when the public origin is plain http', async () => {
    const { csp, hsts } = await headersOf(plain.url)
    expect(hsts).toBeNull()
    expect(csp.has('upgrade-insecure-requests')).toBe(false)
    // The marker that the header was read at all.
    expect(csp.get('frame-ancestors')).toBe("'self'")
  })

  it('sends HSTS and upgrade-insecure-requests when the public origin is https', async () => {
    const { csp, hsts } = await headersOf(secure.url)
    expect(hsts).toMatch(/^max-age=\d+; includeSubDomains$/)
    expect(csp.has('upgrade-insecure-requests')).toBe(true)
  })
})
