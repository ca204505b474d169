/** A bus whose messages from one node arrive late: a Redis message still on its way. */
import type { Bus } from '../../server/bus/bus'

/** Wraps `inner` so that this node's publishes are delivered `delayMs` later. */
export function delayPublishes(inner: Bus, delayMs: number): Bus {
  return {
    ...inner,
    subscribe: (channel, handler) => inner.subscribe(channel, handler),
    unsubscribe: (channel, handler) => inner.unsubscribe(channel, handler),
    publish: (channel, message) => new Promise((resolve) => {
      setTimeout(() => void inner.publish(channel, message).then(resolve, resolve), delayMs)
    }),
    close: async () => undefined,
  }
}
