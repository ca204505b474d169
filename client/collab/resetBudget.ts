/**
 * Fresh starts of one document allowed within {@link RESET_WINDOW_MS}. One refused change
 * is a race or a stale screen (a colleague changed the owner of an action a moment
 * before); the same refusal coming back at once is a loop (e.g. a bug that writes the
 * refused change again on every start), which must stop at a message, not spin.
 */
export const MAX_RESETS_PER_WINDOW = 3
/** The window in which {@link MAX_RESETS_PER_WINDOW} is counted. */
export const RESET_WINDOW_MS = 60_000

/** A sliding-window count of fresh starts. */
export interface ResetBudget {
  /** Takes one fresh start at `now` (ms) if the window has room; returns whether it did. */
  tryTake(now: number): boolean
}

/**
 * A budget of at most `max` fresh starts within any `windowMs`.
 * @param max starts allowed per window; @param windowMs window length in ms.
 */
export function createResetBudget(max = MAX_RESETS_PER_WINDOW, windowMs = RESET_WINDOW_MS): ResetBudget {
  const taken: number[] = []
  return {
    tryTake(now) {
      while (taken.length > 0 && taken[0]! <= now - windowMs) taken.shift()
      if (taken.length >= max) return false
      taken.push(now)
      return true
    },
  }
}
