/**
 * Brute-force protection for logins, in Redis when `REDIS_URL` is set (every node counts
 * the same attempts), in memory otherwise (one node). Three counters, each consumed
 * BEFORE the password is checked (so 40 parallel guesses cannot all pass a check made
 * before the slow hash) and given back when the password is right:
 * - account + source (IP): few attempts, then that source is blocked for that account;
 *   the owner logging in from anywhere else is not;
 * - account, from every source: many more per hour, so a distributed guess is slowed
 *   without an attacker locking the owner out for longer than the window;
 * - source, for every account: generous, because a whole organisation can sit behind
 *   one NAT address (and behind a proxy, set TRUST_PROXY so the source is the client's).
 * Failures are also answered more slowly as they add up (see `failureDelayMs`).
 */
import { createClient } from 'redis'
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible'

/** Attempts per account per source per window before that pair is blocked. */
export const LOGIN_ATTEMPTS_PER_ACCOUNT_AND_SOURCE = 8
/** Attempts per account from all sources per hour. */
export const LOGIN_ATTEMPTS_PER_ACCOUNT = 100
/** Attempts per source for all accounts per window. */
export const LOGIN_ATTEMPTS_PER_SOURCE = 200
/** The window of the per-source counters: 15 minutes. */
export const LOGIN_WINDOW_S = 15 * 60
/** The window of the per-account counter: one hour. */
export const LOGIN_ACCOUNT_WINDOW_S = 60 * 60

/** One login attempt's keys. */
export interface LoginAttempt {
  account: string
  source: string
}

/** Outcome of reserving an attempt. */
export type Reservation = { ok: true; failuresSoFar: number } | { ok: false; retryAfterS: number }

/** The login limiter. */
export interface LoginLimiter {
  /** Consumes one attempt on every counter; refuses (with when to retry) once any is exhausted. */
  reserve(attempt: LoginAttempt): Promise<Reservation>
  /** The password was right: give the attempt back and forget this pair's failures. */
  succeeded(attempt: LoginAttempt): Promise<void>
  close(): Promise<void>
}

/** How long to hold a failed answer: a little longer with every failure of the pair, at most 2 s. */
export function failureDelayMs(failuresSoFar: number): number {
  return Math.min(2000, Math.max(0, failuresSoFar - 1) * 250)
}

interface Counters {
  pair: RateLimiterAbstract
  account: RateLimiterAbstract
  source: RateLimiterAbstract
}

/** Creates the login limiter; with a Redis URL it connects its own client. */
export async function createLoginLimiter(redisUrl: string | undefined, prefix: string): Promise<LoginLimiter> {
  const opts = {
    pair: { points: LOGIN_ATTEMPTS_PER_ACCOUNT_AND_SOURCE, duration: LOGIN_WINDOW_S, keyPrefix: `${prefix}login-pair` },
    account: { points: LOGIN_ATTEMPTS_PER_ACCOUNT, duration: LOGIN_ACCOUNT_WINDOW_S, keyPrefix: `${prefix}login-account` },
    source: { points: LOGIN_ATTEMPTS_PER_SOURCE, duration: LOGIN_WINDOW_S, keyPrefix: `${prefix}login-source` },
  }
  if (!redisUrl) {
    const counters = { pair: new RateLimiterMemory(opts.pair), account: new RateLimiterMemory(opts.account), source: new RateLimiterMemory(opts.source) }
    return limiterOver(counters, async () => undefined)
  }
  const client = createClient({ url: redisUrl, disableOfflineQueue: true })
  // A limiter without Redis falls back to memory (insuranceLimiter) rather than letting
  // every login through or locking everyone out.
  client.on('error', () => undefined)
  await client.connect()
  const inRedis = (o: (typeof opts)['pair']) =>
    new RateLimiterRedis({ ...o, storeClient: client, useRedisPackage: true, insuranceLimiter: new RateLimiterMemory(o) })
  return limiterOver({ pair: inRedis(opts.pair), account: inRedis(opts.account), source: inRedis(opts.source) }, async () => void (await client.close()))
}

function limiterOver(c: Counters, close: () => Promise<void>): LoginLimiter {
  const keys = (a: LoginAttempt) => ({ pair: `${a.account}|${a.source}`, account: a.account, source: a.source })
  return {
    async reserve(attempt) {
      const k = keys(attempt)
      const results = await Promise.allSettled([c.pair.consume(k.pair), c.account.consume(k.account), c.source.consume(k.source)])
      const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')
      if (refused.length > 0) {
        const waits = refused.map((r) => (r.reason instanceof RateLimiterRes ? r.reason.msBeforeNext : 60_000))
        return { ok: false, retryAfterS: Math.max(1, Math.ceil(Math.max(...waits) / 1000)) }
      }
      const pair = results[0] as PromiseFulfilledResult<RateLimiterRes>
      return { ok: true, failuresSoFar: pair.value.consumedPoints - 1 }
    },
    async succeeded(attempt) {
      const k = keys(attempt)
      await Promise.allSettled([c.pair.delete(k.pair), c.account.reward(k.account, 1), c.source.reward(k.source, 1)])
    },
    close,
  }
}
