/**
 * Access that changes at once on every node (Outline's revocation through Redis): every
 * change of membership, ring or role, a logout, a session ended at login, and an expired
 * session is one scoped message on the bus channel `access`. Each node (this one too)
 * re-checks the open connections the message names through the same single check the
 * upgrade uses, and closes (4410, 4401) or downgrades them. The message names ids only,
 * never what changed: the check reads the truth from the database.
 */
import { z } from 'zod'
import type { Bus } from '../bus/bus'
import type { Logger } from '../log'

/** What changed, scoped as narrowly as the change. */
export type AccessEvent =
  | { kind: 'membership'; caseId: string; userId: string }
  | { kind: 'session'; sessionId: string }
  | { kind: 'user'; userId: string }

const accessEventSchema: z.ZodType<AccessEvent> = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('membership'), caseId: z.uuid(), userId: z.uuid() }),
  z.strictObject({ kind: z.literal('session'), sessionId: z.string().min(1).max(100) }),
  z.strictObject({ kind: z.literal('user'), userId: z.uuid() }),
])

/** The bus channel of access changes. */
export const ACCESS_CHANNEL = 'access'

/** Publishing and receiving access changes. */
export interface AccessEvents {
  /** Handles the change on this node at once and tells every other node. */
  publish(event: AccessEvent): Promise<void>
  /** Registers the handler of this node (called for every event, own ones included). */
  subscribe(handler: (event: AccessEvent) => void): Promise<void>
}

/** Creates the access events over `bus`. */
export function createAccessEvents(bus: Bus, nodeId: string, log: Logger): AccessEvents {
  const handlers: ((event: AccessEvent) => void)[] = []
  const deliver = (event: AccessEvent) => {
    for (const h of handlers) {
      try {
        h(event)
      } catch (err) {
        log.error({ err: (err as Error).message, kind: event.kind }, 'access event handler failed')
      }
    }
  }
  return {
    async publish(event) {
      deliver(event)
      try {
        await bus.publish(ACCESS_CHANNEL, new TextEncoder().encode(JSON.stringify({ from: nodeId, event })))
      } catch (err) {
        // The other nodes also re-check every open connection periodically (docHub's sweep).
        log.warn({ err: (err as Error).message, kind: event.kind }, 'access event not published')
      }
    },
    async subscribe(handler) {
      handlers.push(handler)
      if (handlers.length > 1) return
      await bus.subscribe(ACCESS_CHANNEL, (bytes) => {
        let message: { from?: unknown; event?: unknown }
        try {
          message = JSON.parse(new TextDecoder().decode(bytes)) as { from?: unknown; event?: unknown }
        } catch {
          return void log.warn('ignored an access message that is not JSON')
        }
        if (message.from === nodeId) return
        const parsed = accessEventSchema.safeParse(message.event)
        if (!parsed.success) return void log.warn('ignored a malformed access message')
        deliver(parsed.data)
      })
    },
  }
}
