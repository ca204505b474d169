/**
 * Presence (y-protocols awareness) of one document on this node: which connection owns
 * which awareness client ids, and the fan-out of changes to local connections and to
 * the other nodes.
 *
 * Renewals are coalesced. A y-protocols client re-sends its unchanged state every 15 s
 * (receivers drop a state not heard of for 30 s). Forwarding each renewal at once cost
 * one socket write per connection of the document per renewal: in a benchmark with 20
 * clients per document that was about 40% of all writes (docs/BENCHMARKS.md). A renewal
 * whose state equals the one we hold is therefore collected and forwarded with the
 * others of the document at most `renewalDelayMs` later, in one message. Real changes
 * (a join, a leave, a moved cursor) are forwarded at once. With the default 5 s delay a
 * receiver hears of a live client at least every ~23 s, inside the 30 s timeout.
 *
 * Changes are bounded in time per connection (presenceThrottle.ts): at most one forward
 * per `awarenessMinIntervalMs`, later changes merged into it. A connection's departure
 * is forwarded at once, with whatever it still had waiting.
 *
 * Who is present is binnenring information (DOMAIN.md §5, §7; issue 18 item 5): a
 * connection outside the binnenring (the buitenring, a partner admitted for an item)
 * receives only its own organisation's presence states (and removals, which name
 * nobody), never a Reclassering member working in the same plan.
 */
import * as awarenessProtocol from 'y-protocols/awareness'
import type * as Y from 'yjs'
import { encodeFanoutAwareness } from './fanout'
import { PresenceThrottle } from './presenceThrottle'
import { encodeAwarenessMessage } from './protocol'
import type { HubConnection, HubLimits } from './types'

/** Transaction origin of presence that came from another node. */
export const REMOTE_PRESENCE = Symbol('remote-presence')

/** What presence needs from its document. */
export interface HubAwarenessDeps {
  nodeId: string
  /** Sends each local connection the frame made for it (null: nothing for that connection). */
  sendEach(frameFor: (conn: HubConnection) => Uint8Array | null): void
  /** Publishes a fan-out message to the other nodes (fire and forget). */
  publish(message: Uint8Array): void
  /** `awarenessRenewalDelayMs`: longest a renewal waits; `awarenessMinIntervalMs`: bound per connection. */
  limits: Pick<HubLimits, 'awarenessRenewalDelayMs' | 'awarenessMinIntervalMs'>
}

interface AwarenessChange {
  added: number[]
  updated: number[]
  removed: number[]
}

/** Presence of one document. */
export class HubAwareness {
  readonly awareness: awarenessProtocol.Awareness
  /** Awareness client ids each local connection controls, and the reverse. */
  private readonly owned = new Map<HubConnection, Set<number>>()
  private readonly ownerById = new Map<number, HubConnection>()
  /** Ids whose state actually changed in the update being handled (from the 'change' event). */
  private changedNow: Set<number> | null = null
  private renewals = new Set<number>()
  private renewalTimer: NodeJS.Timeout | null = null
  private readonly throttle: PresenceThrottle<HubConnection>

  constructor(ydoc: Y.Doc, private readonly deps: HubAwarenessDeps) {
    this.awareness = new awarenessProtocol.Awareness(ydoc)
    this.throttle = new PresenceThrottle(deps.limits.awarenessMinIntervalMs, (ids) => this.forwardKnown(ids))
    this.awareness.setLocalState(null)
    // y-protocols emits 'change' (real changes only) right before 'update' (renewals too).
    this.awareness.on('change', (change: AwarenessChange) => {
      this.changedNow = new Set([...change.added, ...change.updated, ...change.removed])
    })
    this.awareness.on('update', (change: AwarenessChange, origin: unknown) => this.handleUpdate(change, origin))
  }

  attach(conn: HubConnection): void {
    this.owned.set(conn, new Set())
  }

  /** Forgets a connection and removes its presence (forwarded at once). */
  detach(conn: HubConnection): void {
    const ids = this.owned.get(conn)
    if (!ids) return
    this.owned.delete(conn)
    const waiting = this.throttle.drop(conn).filter((id) => !ids.has(id))
    for (const id of ids) this.ownerById.delete(id)
    if (ids.size > 0) awarenessProtocol.removeAwarenessStates(this.awareness, [...ids], conn)
    if (waiting.length > 0) this.forwardKnown(waiting)
  }

  /** Which local connection controls an awareness client id, if any. */
  ownerOf(clientId: number): HubConnection | undefined {
    return this.ownerById.get(clientId)
  }

  /** How many awareness client ids a local connection controls. */
  ownedBy(conn: HubConnection): number {
    return this.owned.get(conn)?.size ?? 0
  }

  /** The clock held for a client id (also after its removal), if it was ever seen. */
  clockOf(clientId: number): number | undefined {
    return this.awareness.meta.get(clientId)?.clock
  }

  /** Applies a connection's (already validated and identity-stamped) awareness update. */
  applyFromClient(conn: HubConnection, update: Uint8Array, clientIds: { added: number[]; removed: number[] }): void {
    const owned = this.owned.get(conn)
    if (!owned) return
    for (const id of clientIds.added) {
      owned.add(id)
      this.ownerById.set(id, conn)
    }
    for (const id of clientIds.removed) {
      owned.delete(id)
      this.ownerById.delete(id)
    }
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, conn)
  }

  /** Applies presence another node sent. */
  applyFromRemote(update: Uint8Array): void {
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, REMOTE_PRESENCE)
  }

  /** Every presence state `conn` may see as one frame, or null when there is none. */
  encodeAllFor(conn: HubConnection): Uint8Array | null {
    return this.frameFor(conn, [...this.awareness.getStates().keys()])
  }

  /** The frame of `ids` for one recipient: outside the binnenring, only its own organisation's states and removals. */
  private frameFor(conn: HubConnection, ids: readonly number[]): Uint8Array | null {
    const shown = conn.access.ring === 'inner' ? ids : ids.filter((id) => this.isShownOutside(conn, id))
    return shown.length === 0 ? null : encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...shown]))
  }

  private isShownOutside(conn: HubConnection, id: number): boolean {
    if (this.ownerById.get(id) === conn) return true
    const state = this.awareness.getStates().get(id)
    if (state === undefined) return true // a removal names nobody
    const user = (state as { user?: { organisation?: unknown } }).user
    return user?.organisation === conn.user.organisationName
  }

  /** The states of this node's own connections, for another node that asked. */
  encodeLocalForFanout(): Uint8Array | null {
    const local = [...this.ownerById.keys()].filter((id) => this.awareness.getStates().has(id))
    return local.length === 0 ? null : encodeFanoutAwareness(this.deps.nodeId, awarenessProtocol.encodeAwarenessUpdate(this.awareness, local))
  }

  destroy(): void {
    this.throttle.destroy()
    if (this.renewalTimer) clearTimeout(this.renewalTimer)
    this.renewalTimer = null
    this.awareness.destroy()
  }

  private handleUpdate(change: AwarenessChange, origin: unknown): void {
    const changedNow = this.changedNow ?? new Set<number>()
    this.changedNow = null
    const isLocal = origin !== REMOTE_PRESENCE && origin !== 'timeout'
    const now: number[] = [...change.added, ...change.removed]
    for (const id of change.updated) {
      // Another node's messages are already coalesced there; only local renewals wait.
      if (changedNow.has(id) || !isLocal) now.push(id)
      else this.renewals.add(id)
    }
    if (now.length > 0) this.forwardChange(now, origin, isLocal)
    if (this.renewals.size > 0 && !this.renewalTimer) {
      this.renewalTimer = setTimeout(() => this.flushRenewals(), this.deps.limits.awarenessRenewalDelayMs)
      this.renewalTimer.unref()
    }
  }

  private flushRenewals(): void {
    this.renewalTimer = null
    const states = this.awareness.getStates()
    const ids = [...this.renewals].filter((id) => states.has(id))
    this.renewals = new Set()
    if (ids.length > 0) this.forward(ids, true)
  }

  /** A connection's change waits for its interval (a departed connection's does not: detach). */
  private forwardChange(ids: number[], origin: unknown, isLocal: boolean): void {
    const conn = origin as HubConnection
    if (!isLocal || !this.owned.has(conn)) return this.forward(ids, isLocal)
    const ready = this.throttle.offer(conn, ids)
    if (ready.length > 0) this.forward(ready, true)
  }

  /** Forwards merged ids that are still known (a removal is known too: its clock stays in meta). */
  private forwardKnown(ids: number[]): void {
    const known = ids.filter((id) => this.awareness.meta.has(id))
    if (known.length > 0) this.forward(known, true)
  }

  private forward(ids: number[], publish: boolean): void {
    const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids)
    // To every local connection that may see them, the sender included: y-websocket
    // clients count any message as a sign of life.
    const full = encodeAwarenessMessage(update)
    this.deps.sendEach((conn) => (conn.access.ring === 'inner' ? full : this.frameFor(conn, ids)))
    if (publish) this.deps.publish(encodeFanoutAwareness(this.deps.nodeId, update))
  }
}
