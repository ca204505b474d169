/** Fresh PostgreSQL databases for one benchmark target (the tests' helper), dropped afterwards. */
import { randomUUID } from 'node:crypto'
import { createPgDatabase } from '../../tests/helpers/databases'

/** Where the benchmark creates its databases (same defaults as the tests). */
export const ADMIN_DATABASE_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
export const BENCH_REDIS_URL = process.env.BENCH_REDIS_URL ?? process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'

/** Creates an empty database named `samenspel_bench_…`; returns its URL and a drop function. */
export function createDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  return createPgDatabase({ adminUrl: ADMIN_DATABASE_URL, prefix: 'samenspel_bench_' })
}

/** A Redis key prefix of its own for one target. */
export function uniquePrefix(label: string): string {
  return `bench-${label}:${randomUUID().slice(0, 8)}:`
}
