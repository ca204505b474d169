/**
 * The message bus between nodes: Redis pub/sub when `REDIS_URL` is set, an in-process
 * bus with the same interface otherwise. At-most-once delivery in both cases; callers
 * that need more (the doc hub) catch up from the database after `onReconnect`.
 */

/** Receives one message published on a channel. */
export type BusHandler = (message: Uint8Array) => void

/** Pub/sub between the nodes that serve the same documents. */
export interface Bus {
  readonly kind: 'redis' | 'memory'
  /** Resolves once the subscription is active, so nothing published later is missed. */
  subscribe(channel: string, handler: BusHandler): Promise<void>
  unsubscribe(channel: string, handler: BusHandler): Promise<void>
  /** Publishes; rejects when the bus is down (the message is then lost, by design). */
  publish(channel: string, message: Uint8Array): Promise<void>
  isConnected(): boolean
  /** Called after the bus came back from a disconnect; messages in between are lost. */
  onReconnect(listener: () => void): void
  close(): Promise<void>
}
