/** Waits on a condition with a bound, never on time alone (STYLE.md). */

/**
 * Polls `check` until it returns true (or a truthy value), at most `timeoutMs`.
 * @throws with `message` (or the check's source) when the bound passes.
 */
export async function until<T>(
  check: () => T | Promise<T>,
  { timeoutMs = 5000, intervalMs = 10, message }: { timeoutMs?: number; intervalMs?: number; message?: string } = {},
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs
  let last: unknown
  for (;;) {
    try {
      const v = await check()
      if (v) return v as NonNullable<T>
    } catch (err) {
      last = err
    }
    if (Date.now() > deadline) {
      throw new Error(`until: timed out after ${timeoutMs} ms: ${message ?? check.toString()}${last ? ` (last error: ${String(last)})` : ''}`)
    }
    await new Promise((r) => setTimeout(r, intervalMs))
  }
}
