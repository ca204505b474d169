/**
 * A time bound on presence per connection (issue 18, item 9): four reader connections
 * moving their cursors as fast as the message rate limit allowed had 3,344 presence
 * frames relayed to another node in 5 s. The size of a frame was bounded, its rate not.
 *
 * Each connection's changes are forwarded at most once per `intervalMs`: the first
 * change after a quiet interval goes at once (a normal cursor move arrives without
 * delay), changes within the interval are merged and go together when it ends, as the
 * latest state of each id (presence is state, not a log: the intermediate positions
 * need not be seen).
 */

interface Slot {
  /** When this key's last forward went out. */
  last: number
  pending: Set<number>
  timer: NodeJS.Timeout | null
}

/** Merges the presence changes of each key (a connection) into at most one forward per interval. */
export class PresenceThrottle<K> {
  private readonly slots = new Map<K, Slot>()

  /** `flush` forwards the ids merged during an interval, when it ends. */
  constructor(private readonly intervalMs: number, private readonly flush: (ids: number[]) => void) {}

  /** The ids to forward now, or none when they must wait for the end of the key's interval. */
  offer(key: K, ids: readonly number[]): number[] {
    const now = Date.now()
    let slot = this.slots.get(key)
    if (!slot) {
      slot = { last: Number.NEGATIVE_INFINITY, pending: new Set(), timer: null }
      this.slots.set(key, slot)
    }
    if (slot.timer === null && now - slot.last >= this.intervalMs) {
      slot.last = now
      return [...ids]
    }
    for (const id of ids) slot.pending.add(id)
    if (slot.timer === null) {
      slot.timer = setTimeout(() => this.release(key), Math.max(0, slot.last + this.intervalMs - now))
      slot.timer.unref()
    }
    return []
  }

  /** Forgets a key; returns the ids it still had waiting (to forward with its departure). */
  drop(key: K): number[] {
    const slot = this.slots.get(key)
    if (!slot) return []
    if (slot.timer) clearTimeout(slot.timer)
    this.slots.delete(key)
    return [...slot.pending]
  }

  /** Stops every timer; nothing waiting is forwarded. */
  destroy(): void {
    for (const slot of this.slots.values()) if (slot.timer) clearTimeout(slot.timer)
    this.slots.clear()
  }

  private release(key: K): void {
    const slot = this.slots.get(key)
    if (!slot) return
    slot.timer = null
    slot.last = Date.now()
    const ids = [...slot.pending]
    slot.pending.clear()
    if (ids.length > 0) this.flush(ids)
  }
}
