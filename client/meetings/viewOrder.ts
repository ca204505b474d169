import type { MeetingView } from '../../shared/meetings/state'

/**
 * Whether `incoming` should replace `current`: a higher `seq` always does; the same `seq`
 * does when it was made later (who is present changes without a new `seq`); a lower one
 * never (an old broadcast overtaken by a newer one).
 */
export function isNewerView(incoming: MeetingView, current: MeetingView | null): boolean {
  if (current === null) return true
  if (incoming.seq !== current.seq) return incoming.seq > current.seq
  return incoming.serverNow >= current.serverNow
}
