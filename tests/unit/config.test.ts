import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from '../../server/config'

describe('loadConfig', () => {
  it('uses embedded defaults on an empty environment', () => {
    const c = loadConfig({})
    expect(c).toMatchObject({ port: 3000, dataDir: './data', databaseUrl: undefined, redisUrl: undefined, seedDemo: true, demoPassword: 'demo-demo-demo' })
    expect(c.nodeId).toMatch(/^node-/)
  })

  it('turns off demo seeding by default when DATABASE_URL is set', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://h/db' }).seedDemo).toBe(false)
    expect(loadConfig({ DATABASE_URL: 'postgres://h/db', SEED_DEMO: 'true' }).seedDemo).toBe(true)
  })

  it.each([
    [{ PORT: 'eighty' }, /^PORT: /],
    [{ PORT: '70000' }, /^PORT: /],
    [{ DATABASE_URL: 'mysql://h/db' }, /^DATABASE_URL: must start with postgres: or postgresql:/],
    [{ REDIS_URL: 'not a url' }, /^REDIS_URL: must be a URL/],
    [{ SESSION_SECRET: 'short' }, /^SESSION_SECRET: must be at least 32 characters/],
    [{ NODE_ID: 'has spaces' }, /^NODE_ID: /],
    [{ SEED_DEMO: 'maybe' }, /^SEED_DEMO: must be true or false/],
    [{ PUBLIC_ORIGIN: 'ftp://x' }, /^PUBLIC_ORIGIN: must start with http: or https:/],
  ])('rejects %o with one line naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError)
    expect(() => loadConfig(env)).toThrow(message)
  })

  it('treats empty variables as unset', () => {
    expect(loadConfig({ REDIS_URL: '' }).redisUrl).toBeUndefined()
  })
})
