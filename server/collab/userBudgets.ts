/**
 * Update bytes per user per minute on this node, over all their connections and
 * documents: one account cannot grow documents and every node's memory without bound.
 * A fixed one-minute window per user; users idle for a window are forgotten.
 */

/** The per-user byte budgets of one node. */
export interface UserBudgets {
  /** Takes `bytes` from the user's budget; false (and nothing taken) when it would be exceeded. */
  take(userId: string, bytes: number): boolean
}

const WINDOW_MS = 60_000

/** Creates the budgets with `maxBytesPerMinute` per user. */
export function createUserBudgets(maxBytesPerMinute: number, now: () => number = Date.now): UserBudgets {
  const windows = new Map<string, { start: number; used: number }>()
  let lastSweep = now()
  return {
    take(userId, bytes) {
      const t = now()
      if (t - lastSweep > WINDOW_MS) {
        for (const [id, w] of windows) if (t - w.start > WINDOW_MS) windows.delete(id)
        lastSweep = t
      }
      let w = windows.get(userId)
      if (!w || t - w.start > WINDOW_MS) {
        w = { start: t, used: 0 }
        windows.set(userId, w)
      }
      if (w.used + bytes > maxBytesPerMinute) return false
      w.used += bytes
      return true
    },
  }
}
