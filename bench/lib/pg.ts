/** Fresh PostgreSQL databases for one benchmark target, dropped afterwards. */
import { randomUUID } from 'node:crypto'
import pg from 'pg'

/** Where the benchmark creates its databases (same defaults as the tests). */
export const ADMIN_DATABASE_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
export const BENCH_REDIS_URL = process.env.BENCH_REDIS_URL ?? process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'

/** Creates an empty database; returns its URL and a drop function. */
export async function createDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `samenspel_bench_${randomUUID().replaceAll('-', '').slice(0, 12)}`
  const admin = new pg.Client({ connectionString: ADMIN_DATABASE_URL })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  const url = new URL(ADMIN_DATABASE_URL)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: ADMIN_DATABASE_URL })
      await c.connect()
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await c.end()
    },
  }
}

/** A Redis key prefix of its own for one target. */
export function uniquePrefix(label: string): string {
  return `bench-${label}:${randomUUID().slice(0, 8)}:`
}
