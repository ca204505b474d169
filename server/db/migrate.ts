/** Applies pending migrations at start; safe when several nodes start at once. */
import type { Db } from './db'
import { MIGRATIONS } from './migrations'

/** Advisory lock key that serialises migrations across nodes sharing one PostgreSQL. */
const MIGRATION_LOCK_KEY = 726_173_501

/**
 * Brings the schema up to the newest migration, each step in its own transaction.
 * @returns the versions applied by this call.
 */
export async function migrate(db: Db): Promise<number[]> {
  await db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`)
  const applied: number[] = []
  for (const m of MIGRATIONS) {
    const did = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY])
      const done = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [m.version])
      if (done.length > 0) return false
      for (const statement of splitStatements(m.sql)) await tx.query(statement)
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name])
      return true
    })
    if (did) applied.push(m.version)
  }
  return applied
}

/** Splits a migration into statements (our migrations hold no `;` inside literals). */
function splitStatements(sql: string): string[] {
  return sql
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
}
