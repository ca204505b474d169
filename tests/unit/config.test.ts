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

  // Issue 18 item 9: start-up errors land in logs that operators share; a secret never does.
  it.each([
    [{ SESSION_SECRET: 'short-secret-value' }, 'short-secret-value', /^SESSION_SECRET: must be at least 32 characters$/],
    [{ METRICS_TOKEN: 'tok-secret-9' }, 'tok-secret-9', /^METRICS_TOKEN: must be at least 24 characters$/],
    [{ DEMO_PASSWORD: 'pw-seve' }, 'pw-seve', /^DEMO_PASSWORD: must be at least 8 characters$/],
    [{ DATABASE_URL: 'mysql://app:db-secret-pw@h/db' }, 'db-secret-pw', /^DATABASE_URL: must start with postgres: or postgresql:$/],
    [{ DATABASE_URL: 'postgres://app:db secret pw@h:x/db' }, 'db secret pw', /^DATABASE_URL: must be a URL$/],
    [{ REDIS_URL: 'http://:redis-secret-pw@h:6379' }, 'redis-secret-pw', /^REDIS_URL: must start with redis: or rediss:$/],
  ])('names the variable and the reason for %o but never echoes the secret', (env, secret, message) => {
    let error: unknown
    try { loadConfig(env) } catch (err) { error = err }
    expect(error).toBeInstanceOf(ConfigError)
    expect((error as Error).message).toMatch(message)
    expect((error as Error).message).not.toContain(secret)
  })

  it('still shows a bad value that is not a secret', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow('PORT: must be a number (got "eighty")')
    expect(() => loadConfig({ PUBLIC_ORIGIN: 'ftp://x' })).toThrow('(got "ftp://x")')
  })

  it('treats empty variables as unset', () => {
    expect(loadConfig({ REDIS_URL: '' }).redisUrl).toBeUndefined()
  })
})
