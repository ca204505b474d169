/**
 * main.ts's wiring of meetings, in its own file for size: socket.io on the HTTP server
 * (namespace /meetings, websocket only, the Redis streams adapter when REDIS_URL is set),
 * the meeting service with the doc hub for plan writes, server/versions for adoption, and the
 * access events for ended admissions. Only this file and main.ts know concrete parts.
 */
import type { Server as HttpServer } from 'node:http'
import { createAdapter } from '@socket.io/redis-streams-adapter'
import { createClient } from 'redis'
import { Server as IoServer } from 'socket.io'
import { MEETING_NAMESPACE } from '../shared/meetings/schemas'
import type { MeetingState } from '../shared/meetings/state'
import { PlanValidationError } from '../shared/plan'
import { caseDocName, parseDocName } from '../shared/protocol/docName'
import { canScheduleMeetings, meetingStanding } from './access/meetingAccess'
import { decideDocAccess } from './access/policy'
import { deputyRefusal } from './access/roleRules'
import type { AccessEvent, AccessEvents } from './auth/accessEvents'
import type { ResolvedSession, SessionStore, SessionUser } from './auth/sessions'
import type { DocHub } from './collab/docHub'
import type { DocStore } from './collab/docStore'
import type { Config } from './config'
import type { Db } from './db/db'
import { sessionTokenFrom } from './http/middleware'
import type { Logger } from './log'
import type { LockRegistry } from './meetings/lockRegistry'
import { createMeetingService, MeetingFailure, type MeetingService } from './meetings/meetingService'
import type { KnownPerson, PlanWrite } from './meetings/rules'
import { createMeetingSockets } from './meetings/socketServer'
import { applyMeetingWrite, partOfWrite } from './plan/meetingWrites'
import { findMembership, isPrivacyOfficer, listMembers } from './store/cases'
import { saveMeeting } from './store/meetings'
import { findUserNames } from './store/users'
import { adoptVersion } from './versions/adoption'

/** Largest socket.io frame; larger ones close the socket (the handlers refuse above MAX_MEETING_PAYLOAD_BYTES with an ack). */
const MAX_SOCKET_FRAME_BYTES = 1 << 20
/** A presence row not refreshed for this long belongs to a node that stopped. */
const PRESENCE_STALE_MS = 15_000
/** How long the streams adapter's XREAD blocks: also the longest a shutdown waits for it. */
const STREAM_BLOCK_MS = 1_000

/** What the meetings need from the node. */
export interface MeetingsWiringDeps {
  config: Config
  db: Db
  store: DocStore
  hub: DocHub
  sessions: SessionStore
  accessEvents: AccessEvents
  locks: LockRegistry
  log: Logger
  nodeId: string
}

/** The meetings of one node. */
export interface RunningMeetings {
  service: MeetingService
  /** Serves socket.io on the node's HTTP server (after the Express app is attached to it). */
  attach(server: HttpServer): Promise<void>
  close(): Promise<void>
}

/** Creates the meeting service; `attach` starts its sockets. */
export function createMeetings(deps: MeetingsWiringDeps): RunningMeetings {
  const { db, config, log } = deps
  let sockets: ReturnType<typeof createMeetingSockets> | null = null
  let io: IoServer | null = null
  let redis: ReturnType<typeof createClient> | null = null
  const service = createMeetingService({
    db, log, presenceStaleMs: PRESENCE_STALE_MS,
    standing: async (caseId, user, state) => meetingStanding(user, await findMembership(db, caseId, user.id), state),
    people: (caseId, ids) => knownPeople(db, caseId, ids),
    canSchedule: async (caseId, user) => canScheduleMeetings(await findMembership(db, caseId, user.id)),
    deputyRefusal: async (caseId, userId) => deputyRefusal(await findMembership(db, caseId, userId), await isPrivacyOfficer(db, userId)),
    writePlan: (state, _actor, user, write) => writePlan(deps, state, user, write),
    closeAndAdopt: (closed, expectedSeq, user) => closeAndAdopt(deps, closed, expectedSeq, user),
    endAccess: (state, userIds, reason) => notLongerThan(log, 'access events', async () => {
      sockets?.disconnectUsers(state.id, userIds, reason)
      for (const userId of userIds) await deps.accessEvents.publish({ kind: 'membership', caseId: state.caseId, userId })
    }),
    changed: (state) => notLongerThan(log, 'meeting broadcast', async () => {
      // Locks first: a participant told of a lock must find it enforced on every node.
      await deps.locks.publish(state)
      await sockets?.broadcast(state)
    }),
    // A hung Redis (connected, not answering) refuses commands before anything is stored.
    // A Redis that is down is no reason: the adapter queues, and resumes (ARCHITECTURE.md).
    reachable: async () => {
      if (!redis?.isReady) return
      if ((await within(redis.ping(), REDIS_ANSWER_MS)) === TIMED_OUT) throw new MeetingFailure({ code: 'server_error', message: REDIS_HUNG })
    },
  })
  return {
    service,
    async attach(server) {
      io = new IoServer(server, { transports: ['websocket'], serveClient: false, maxHttpBufferSize: MAX_SOCKET_FRAME_BYTES, destroyUpgrade: false })
      if (config.redisUrl) {
        redis = createClient({ url: config.redisUrl })
        redis.on('error', (err: Error) => log.debug({ err: err.message }, 'meetings redis client error'))
        await redis.connect()
        io.adapter(createAdapter(redis, { streamName: `${config.redisPrefix}meetings`, channelPrefix: `${config.redisPrefix}sio`, blockTimeInMs: STREAM_BLOCK_MS }))
      }
      sockets = createMeetingSockets({
        nsp: io.of(MEETING_NAMESPACE), service, db, log, nodeId: deps.nodeId, publicOrigin: config.publicOrigin, presenceStaleMs: PRESENCE_STALE_MS,
        authenticate: async (req): Promise<ResolvedSession | null> => {
          const token = sessionTokenFrom(req.headers.cookie)
          return token ? deps.sessions.resolveSession(token) : null
        },
        resolveById: (idHash) => deps.sessions.resolveById(idHash),
      })
      await deps.accessEvents.subscribe((event) => void sockets?.recheck(matchesSession(event)).catch((err: Error) =>
        log.warn({ err: err.message }, 'meeting socket re-check failed')))
    },
    async close() {
      sockets?.close()
      if (io) {
        // This node's sockets only: through the adapter it would disconnect every node's.
        io.of(MEETING_NAMESPACE).local.disconnectSockets(true)
        // Not awaited: io.close waits for the HTTP server to close, which waits for
        // keep-alive connections that main.ts closes after this.
        io.close().catch((err: Error) => log.debug({ err: err.message }, "socket.io close"))
      }
      if (redis) await closeRedis(redis, log)
    },
  }
}

/** How long a meeting command waits for Redis: to answer a PING before it is refused, to take the broadcast once stored. */
const REDIS_ANSWER_MS = 2_000
const REDIS_HUNG = 'The servers cannot reach each other right now (Redis does not answer); nothing was changed. Try again in a moment.'
const TIMED_OUT = Symbol('timed out')

/** `p`, or TIMED_OUT after `ms` (p goes on; its outcome is then ignored). */
async function within<T>(p: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined
  const gaveUp = new Promise<typeof TIMED_OUT>((resolve) => (timer = setTimeout(() => resolve(TIMED_OUT), ms)))
  try {
    return await Promise.race([p, gaveUp])
  } finally {
    clearTimeout(timer)
  }
}

/**
 * Runs a stored change's effects (lock publication, broadcast, access events), waiting at
 * most REDIS_ANSWER_MS: when Redis hangs after the change was stored, the command is
 * still answered; the effects complete when Redis answers again.
 */
async function notLongerThan(log: Logger, what: string, run: () => Promise<void>): Promise<void> {
  if ((await within(run(), REDIS_ANSWER_MS)) === TIMED_OUT) log.warn({ what }, 'meeting effects waiting for Redis; answered without them')
}

/** How long a closing node waits for its queued Redis commands (broadcasts) before dropping them. */
const REDIS_CLOSE_MS = 2_000

/**
 * Closes the meetings' Redis client: pending broadcasts get a moment, then the client is
 * destroyed (the states are in the database; a participant re-joining reads them there).
 * A plain close can wait for ever on a client still reconnecting after a Redis restart.
 */
async function closeRedis(redis: ReturnType<typeof createClient>, log: Logger): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  const gaveUp = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), REDIS_CLOSE_MS)))
  const outcome = await Promise.race([redis.close().then(() => 'closed' as const, () => 'failed' as const), gaveUp])
  clearTimeout(timer)
  if (outcome !== 'closed') {
    log.debug({ outcome }, 'meetings redis client destroyed at shutdown')
    redis.destroy()
  }
}

function matchesSession(event: AccessEvent): (s: ResolvedSession) => boolean {
  switch (event.kind) {
    case 'membership':
    case 'user':
      return (s) => s.user.id === event.userId
    case 'session':
      return (s) => s.idHash === event.sessionId
  }
}

async function knownPeople(db: Db, caseId: string, ids: readonly string[]): Promise<Map<string, KnownPerson>> {
  const people = new Map<string, KnownPerson>()
  for (const m of await listMembers(db, caseId)) people.set(m.userId, { userId: m.userId, name: m.name, organisation: m.organisation.name, ring: m.ring })
  const missing = ids.filter((id) => !people.has(id))
  for (const r of await findUserNames(db, missing)) people.set(r.id, { userId: r.id, name: r.name, organisation: r.organisation, ring: null })
  return people
}

/** A meeting's plan write as a server-side edit through the doc hub, for the acting user. */
async function writePlan(deps: MeetingsWiringDeps, state: MeetingState, user: SessionUser, write: PlanWrite): Promise<void> {
  const name = caseDocName(state.caseId, partOfWrite(write))
  const ref = parseDocName(name)!
  const access = decideDocAccess(await findMembership(deps.db, state.caseId, user.id), ref)
  if (!access.canWrite) throw new MeetingFailure({ code: 'forbidden', message: 'You may not write this part of the plan.' })
  let refusal
  try {
    refusal = await deps.hub.edit(name, { user, access }, (doc) =>
      applyMeetingWrite(doc, write, { name: user.name, organisation: user.organisationName, meetingId: state.id }))
  } catch (err) {
    if (err instanceof PlanValidationError) throw new MeetingFailure({ code: 'invalid_input', message: err.message.slice(0, 300) })
    throw err
  }
  if (refusal) throw new MeetingFailure({ code: 'forbidden', message: `The plan refused this change: ${refusal.reason}.` })
}

/**
 * Stores a meeting's closed state with the plan version it adopts and the notices, in one
 * transaction (server/versions). @returns the stored state, or null when the meeting
 * changed meanwhile (everything rolled back; the service reloads and decides again).
 */
async function closeAndAdopt(deps: MeetingsWiringDeps, closed: MeetingState, expectedSeq: number, user: SessionUser): Promise<MeetingState | null> {
  const present = new Set(closed.attendance.filter((a) => a.present).map((a) => a.userId))
  present.add(closed.chairId)
  let stored: MeetingState | null = null
  const n = await adoptVersion(deps, { caseId: closed.caseId, adoptedBy: user.id, meetingId: closed.id, present }, async (tx, version) => {
    stored = { ...closed, version }
    return saveMeeting(tx, stored, expectedSeq)
  })
  if (n === null) return null
  deps.log.info({ meetingId: closed.id, caseId: closed.caseId, version: n }, 'meeting closed; plan adopted')
  return stored
}
