/** A bound on storage calls, so a lock or a stuck connection fails a document instead of stalling it. */

/** A storage call that did not finish in time. */
export class StoreTimeoutError extends Error {}

/**
 * Resolves or rejects like `promise`, or rejects with StoreTimeoutError after `ms`.
 * The call itself is not cancelled: an append that commits late is harmless (Yjs
 * updates are idempotent, and the client re-sends after the reconnect).
 */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StoreTimeoutError(`${what} took longer than ${ms} ms`)), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}
