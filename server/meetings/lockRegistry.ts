/**
 * This node's copy of the section locks of every live meeting, read synchronously by
 * the doc hub's write guard. Kept current from the bus channel `meetings` (every node
 * publishes a meeting's locks when it stores a new state, before the participants hear
 * of it), reloaded from the database at start, after a bus reconnect and periodically
 * (the bus is at-most-once).
 */
import { z } from 'zod'
import type { MeetingState, SectionLock } from '../../shared/meetings/state'
import type { MeetingLocks } from '../access/sectionLocks'
import type { Bus } from '../bus/bus'
import type { Db } from '../db/db'
import type { Logger } from '../log'
import { listLiveMeetings } from '../store/meetings'

/** The bus channel of meeting lock changes. */
export const MEETINGS_CHANNEL = 'meetings'

const messageSchema = z.strictObject({
  meetingId: z.uuid(),
  caseId: z.uuid(),
  seq: z.number().int(),
  live: z.boolean(),
  chairIds: z.array(z.uuid()).max(2),
  locks: z.array(z.strictObject({ section: z.string().max(40), holderId: z.uuid().nullable(), itemId: z.uuid() })).max(40),
})

/** The lock registry of one node. */
export interface LockRegistry {
  /** The live meetings' locks on a case. */
  locksOf(caseId: string): MeetingLocks[]
  /** Records a stored state here and tells the other nodes (awaited before participants are told). */
  publish(state: MeetingState): Promise<void>
  start(): Promise<void>
  close(): Promise<void>
}

/** How often the registry is reloaded from the database in any case. */
const RELOAD_MS = 30_000

/** Creates the registry. */
export function createLockRegistry(db: Db, bus: Bus, log: Logger): LockRegistry {
  const byCase = new Map<string, Map<string, MeetingLocks & { seq: number }>>()
  const apply = (m: z.infer<typeof messageSchema>) => {
    const meetings = byCase.get(m.caseId) ?? new Map<string, MeetingLocks & { seq: number }>()
    const known = meetings.get(m.meetingId)
    if (known && known.seq > m.seq) return
    if (!m.live) meetings.delete(m.meetingId)
    else meetings.set(m.meetingId, { meetingId: m.meetingId, chairIds: m.chairIds, locks: m.locks as SectionLock[], seq: m.seq })
    if (meetings.size === 0) byCase.delete(m.caseId)
    else byCase.set(m.caseId, meetings)
  }
  const toMessage = (s: MeetingState) => ({
    meetingId: s.id, caseId: s.caseId, seq: s.seq, live: s.status === 'live',
    chairIds: [s.chairId, ...(s.deputyChairId ? [s.deputyChairId] : [])], locks: s.locks,
  })
  const reload = async () => {
    const live = await listLiveMeetings(db)
    byCase.clear()
    for (const s of live) apply(toMessage(s))
  }
  const handler = (bytes: Uint8Array) => {
    try {
      const parsed = messageSchema.safeParse(JSON.parse(new TextDecoder().decode(bytes)))
      if (parsed.success) apply(parsed.data)
      else log.warn('ignored malformed meetings bus message')
    } catch {
      log.warn('ignored malformed meetings bus message')
    }
  }
  let timer: NodeJS.Timeout | null = null
  const reloadLogged = () => void reload().catch((err: Error) => log.warn({ err: err.message }, 'reloading meeting locks failed'))
  return {
    locksOf: (caseId) => [...(byCase.get(caseId)?.values() ?? [])],
    async publish(state) {
      const message = toMessage(state)
      apply(message)
      try {
        await bus.publish(MEETINGS_CHANNEL, new TextEncoder().encode(JSON.stringify(message)))
      } catch (err) {
        log.warn({ meetingId: state.id, err: (err as Error).message }, 'meeting locks not published; other nodes reload them')
      }
    },
    async start() {
      await bus.subscribe(MEETINGS_CHANNEL, handler)
      bus.onReconnect(reloadLogged)
      await reload()
      timer = setInterval(reloadLogged, RELOAD_MS)
      timer.unref()
    },
    async close() {
      if (timer) clearInterval(timer)
      await bus.unsubscribe(MEETINGS_CHANNEL, handler).catch(() => undefined)
    },
  }
}
