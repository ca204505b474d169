/** The Redis bus (node-redis): one client publishes, a duplicate subscribes. */
import { createClient } from 'redis'
import type { Logger } from '../log'
import type { Bus, BusHandler } from './bus'

/**
 * Connects to Redis. Channels get `prefix` in front, so several deployments (or test
 * runs) can share one Redis. Publishing fails fast while disconnected rather than
 * queueing without bound; the doc hub's anti-entropy covers what is lost.
 * @throws when Redis cannot be reached at start.
 */
export async function createRedisBus(url: string, prefix: string, log: Logger): Promise<Bus> {
  // No per-command timeout: node-redis arms an AbortSignal timer for every command,
  // which cost ~4% of a node's CPU at 100 publishes/s (docs/BENCHMARKS.md). A dead
  // connection is found by the ping instead; pending commands then fail, and anti-entropy
  // covers what was not delivered.
  const pub = createClient({ url, disableOfflineQueue: true, pingInterval: 5_000, commandOptions: { timeout: 0 } })
  const sub = pub.duplicate()
  const reconnectListeners: (() => void)[] = []
  const handlers = new Map<string, Set<BusHandler>>()
  let hasBeenReady = false
  let isDown = false

  for (const [name, client] of [['pub', pub], ['sub', sub]] as const) {
    client.on('error', (err: Error) => {
      if (!isDown) log.warn({ err: err.message, client: name }, 'redis connection lost')
      isDown = true
    })
  }
  sub.on('ready', () => {
    if (hasBeenReady) {
      log.info('redis reconnected')
      isDown = false
      for (const l of reconnectListeners) l()
    }
    hasBeenReady = true
  })
  pub.on('ready', () => {
    isDown = !sub.isReady
  })
  await Promise.all([pub.connect(), sub.connect()])

  const dispatch = (channel: string) => (message: Buffer) => {
    const set = handlers.get(channel)
    if (!set) return
    const bytes = new Uint8Array(message.buffer, message.byteOffset, message.byteLength)
    for (const h of set) h(bytes)
  }

  return {
    kind: 'redis',
    async subscribe(channel, handler) {
      const key = prefix + channel
      let set = handlers.get(key)
      if (!set) {
        handlers.set(key, (set = new Set()))
        set.add(handler)
        await sub.subscribe(key, dispatch(key), true)
        return
      }
      set.add(handler)
    },
    async unsubscribe(channel, handler) {
      const key = prefix + channel
      const set = handlers.get(key)
      if (!set) return
      set.delete(handler)
      if (set.size > 0) return
      handlers.delete(key)
      if (sub.isReady) await sub.unsubscribe(key)
    },
    async publish(channel, message) {
      await pub.publish(prefix + channel, Buffer.from(message.buffer, message.byteOffset, message.byteLength))
    },
    isConnected: () => pub.isReady && sub.isReady,
    onReconnect: (l) => void reconnectListeners.push(l),
    async close() {
      await Promise.allSettled([pub.close(), sub.close()])
    },
  }
}
