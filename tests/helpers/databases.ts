/** Fresh databases for tests: a new PostgreSQL database, or a new PGlite directory. */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomUUID } from 'node:crypto'
import pg from 'pg'

/** The server tests create their databases on (trust auth on the dev and CI machines). */
export const ADMIN_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
/** Redis the tests use; each test picks its own key prefix. */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'

/**
 * Creates an empty PostgreSQL database; returns its URL and a drop function. The
 * benchmark uses it too, with its own admin URL and name prefix.
 */
export async function createPgDatabase(
  { adminUrl = ADMIN_DATABASE_URL, prefix = 'samenspel_t_' }: { adminUrl?: string; prefix?: string } = {},
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}${randomUUID().replaceAll('-', '').slice(0, 16)}`
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl })
      await c.connect()
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await c.end()
    },
  }
}

/** Creates an empty directory for a PGlite data dir. */
export async function createDataDir(): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'samenspel-test-'))
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) }
}

/** A Redis key prefix no other test uses. */
export function uniqueRedisPrefix(): string {
  return `samenspel-test:${randomUUID().slice(0, 8)}:`
}
