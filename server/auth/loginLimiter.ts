/**
 * Brute-force protection for logins: failed attempts per e-mail address and per IP.
 * In Redis when `REDIS_URL` is set (every node counts the same failures), in memory
 * otherwise (one node).
 */
import { createClient } from 'redis'
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible'

/** Failed logins allowed per e-mail address per window. */
export const LOGIN_FAILURES_PER_ADDRESS = 10
/**
 * Failed logins allowed per IP per window: higher, because a whole organisation can sit
 * behind one NAT address, and one colleague's typos must not lock out the others.
 */
export const LOGIN_FAILURES_PER_IP = 100
/** The window: 15 minutes. */
export const LOGIN_WINDOW_S = 15 * 60

/** Limiters of failed logins, and how to release their resources. */
export interface LoginLimiter {
  byAddress: RateLimiterAbstract
  byIp: RateLimiterAbstract
  close(): Promise<void>
}

/** Creates the login limiter; with a Redis URL it connects its own client. */
export async function createLoginLimiter(redisUrl: string | undefined, prefix: string): Promise<LoginLimiter> {
  const address = { points: LOGIN_FAILURES_PER_ADDRESS, duration: LOGIN_WINDOW_S, keyPrefix: `${prefix}login-fail-address` }
  const ip = { points: LOGIN_FAILURES_PER_IP, duration: LOGIN_WINDOW_S, keyPrefix: `${prefix}login-fail-ip` }
  if (!redisUrl) {
    return { byAddress: new RateLimiterMemory(address), byIp: new RateLimiterMemory(ip), close: async () => undefined }
  }
  const client = createClient({ url: redisUrl, disableOfflineQueue: true })
  // Errors surface through the bus's own logging; a limiter without Redis lets logins through
  // rather than locking everyone out (insuranceLimiter below keeps some protection).
  client.on('error', () => undefined)
  await client.connect()
  const inRedis = (opts: typeof address) =>
    new RateLimiterRedis({ ...opts, storeClient: client, useRedisPackage: true, insuranceLimiter: new RateLimiterMemory(opts) })
  return { byAddress: inRedis(address), byIp: inRedis(ip), close: async () => void (await client.close()) }
}
