/**
 * A token bucket for one sender: `burst` messages at once, then `perSecond` on average.
 * In memory and synchronous, because it sits on a socket's hot path (every frame of a
 * collab connection, every meeting command); a limit across nodes (logins) lives in
 * Redis instead (server/auth/loginLimiter.ts, rate-limiter-flexible).
 */
export class TokenBucket {
  private tokens: number
  private refilledAt: number

  /** Starts full. */
  constructor(private readonly burst: number, private readonly perSecond: number, private readonly now: () => number = Date.now) {
    this.tokens = burst
    this.refilledAt = now()
  }

  /** Takes one token if there is one. @returns false when the sender is over its rate. */
  take(): boolean {
    const now = this.now()
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.refilledAt) / 1000) * this.perSecond)
    this.refilledAt = now
    if (this.tokens < 1) return false
    this.tokens -= 1
    return true
  }
}
