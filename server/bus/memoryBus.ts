/** The in-process bus: for a single node, and for tests that run nodes in one process. */
import type { Bus, BusHandler } from './bus'

/** Creates a bus whose subscribers are all in this process. */
export function createMemoryBus(): Bus {
  const channels = new Map<string, Set<BusHandler>>()
  return {
    kind: 'memory',
    async subscribe(channel, handler) {
      let set = channels.get(channel)
      if (!set) channels.set(channel, (set = new Set()))
      set.add(handler)
    },
    async unsubscribe(channel, handler) {
      const set = channels.get(channel)
      set?.delete(handler)
      if (set?.size === 0) channels.delete(channel)
    },
    async publish(channel, message) {
      const set = channels.get(channel)
      if (!set) return
      // Deliver asynchronously, like Redis would, so publishers never re-enter themselves.
      queueMicrotask(() => {
        for (const h of set) h(message)
      })
    },
    isConnected: () => true,
    onReconnect: () => undefined,
    close: async () => channels.clear(),
  }
}
