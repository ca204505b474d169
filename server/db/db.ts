/**
 * The database interface the rest of the server sees. Two implementations share one
 * SQL dialect and one migration set: `pg` against a real PostgreSQL and PGlite
 * (PostgreSQL in WASM, in-process) as the embedded default.
 */

/** Something that runs parameterised SQL. */
export interface Sql {
  /** Runs one statement with `$1…$n` parameters and returns its rows. */
  query<T = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<T[]>
}

/** The system of record. */
export interface Db extends Sql {
  readonly kind: 'pg' | 'pglite'
  /** Runs `fn` in one transaction; commits when it resolves, rolls back when it throws. */
  transaction<T>(fn: (tx: Sql) => Promise<T>): Promise<T>
  /** Runs several statements separated by `;` (migrations only; no parameters). */
  exec(text: string): Promise<void>
  /** True when a trivial query succeeds. */
  ping(): Promise<boolean>
  close(): Promise<void>
}

/** Turns a bytea value from either driver into a Uint8Array without copying. */
export function toBytes(v: unknown): Uint8Array {
  if (v instanceof Uint8Array) return v
  throw new TypeError('expected a bytea value')
}
