import type { ItemTimer } from '../../shared/meetings/state'

/**
 * Milliseconds left on an item timer at `serverNow` (server time); negative once the
 * item runs over. A paused timer keeps what it had (`elapsedMs`).
 */
export function remainingMs(timer: ItemTimer, serverNow: number): number {
  const running = timer.startedAt === null ? 0 : Math.max(0, serverNow - timer.startedAt)
  return timer.durationSec * 1000 - timer.elapsedMs - running
}

/** Whether the timer runs now. */
export function isTimerRunning(timer: ItemTimer): boolean {
  return timer.startedAt !== null
}

/** `m:ss` of a duration, with a minus sign when over time; whole seconds, rounded up while counting down. */
export function formatClock(ms: number): string {
  const isOver = ms < 0
  const seconds = isOver ? Math.floor(-ms / 1000) : Math.ceil(ms / 1000)
  const minutes = Math.floor(seconds / 60)
  const rest = String(seconds % 60).padStart(2, '0')
  return `${isOver ? '−' : ''}${minutes}:${rest}`
}
