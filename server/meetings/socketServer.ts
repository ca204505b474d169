/**
 * The live part of meetings over socket.io: namespace `/meetings`, websocket transport
 * only. The connection middleware checks Origin and the session cookie; the handlers
 * parse (zod, shared/meetings/schemas.ts), call the service, ack. Each participant's
 * sockets sit in a room of their own per meeting, so `meeting:state` is filtered per
 * recipient (view.ts) and still reaches them on any node through the adapter (the Redis
 * streams adapter when REDIS_URL is set: it resumes after a Redis reconnect).
 */
import type { IncomingMessage } from 'node:http'
import type { Namespace, Socket } from 'socket.io'
import { z } from 'zod'
import { commandSchema, joinPayloadSchema, MAX_MEETING_PAYLOAD_BYTES, MEETING_EVENTS, type MeetingAck, type MeetingError } from '../../shared/meetings/schemas'
import type { MeetingState } from '../../shared/meetings/state'
import { isOriginAllowed } from '../auth/origin'
import type { ResolvedSession } from '../auth/sessions'
import type { Db } from '../db/db'
import type { Logger } from '../log'
import { addPresence, refreshPresence, removePresence, type PresenceRow } from '../store/meetings'
import type { MeetingActor } from './actor'
import { MeetingFailure, type MeetingService } from './meetingService'
import { KeyedQueue } from '../flow/keyedQueue'
import { TokenBucket } from '../flow/tokenBucket'

/** What the socket layer needs. */
export interface MeetingSocketDeps {
  nsp: Namespace
  service: MeetingService
  db: Db
  log: Logger
  nodeId: string
  publicOrigin: string | undefined
  /** The session behind a request's cookie, or null. */
  authenticate(req: IncomingMessage): Promise<ResolvedSession | null>
  /** The session by its stored id, or null when it ended (logout, expiry). */
  resolveById(idHash: string): Promise<ResolvedSession | null>
  presenceStaleMs: number
}

/** Commands one socket may send per second (burst twice that): a chair clicks, a client does not flood. */
const COMMANDS_PER_SECOND = 20
/** Meeting connections one user may hold on one node (a few tabs and a projector). */
const MAX_SOCKETS_PER_USER = 16
/** Meetings one connection may follow at once (a page follows one). */
const MAX_MEETINGS_PER_SOCKET = 4

interface SocketData {
  session: ResolvedSession
  /** Meetings this socket joined, with the standing it joined with. */
  joined: Map<string, MeetingActor>
  /** Commands and events of this socket: COMMANDS_PER_SECOND, bursts of twice that. */
  bucket: TokenBucket
}

/** The meeting sockets of one node. */
export interface MeetingSockets {
  /** Sends the new state to every participant, on every node. */
  broadcast(state: MeetingState): Promise<void>
  /** Presence changed (join, leave): broadcast soon, once for a burst. */
  scheduleBroadcast(meetingId: string): void
  /** Tells these users their access ended and disconnects their sockets of this meeting, on every node. */
  disconnectUsers(meetingId: string, userIds: readonly string[], reason: string): void
  /** Re-checks this node's sockets `match` selects; those that may no longer follow are disconnected. */
  recheck(match: (session: ResolvedSession) => boolean): Promise<number>
  close(): void
}

const userRoom = (meetingId: string, userId: string) => `m:${meetingId}:u:${userId}`

/** Wires the namespace. */
export function createMeetingSockets(deps: MeetingSocketDeps): MeetingSockets {
  const { nsp, service, log } = deps
  const pending = new Map<string, NodeJS.Timeout>()

  nsp.use((socket, next) => {
    if (!isOriginAllowed(socket.request, deps.publicOrigin)) return next(withData(new Error('origin not allowed'), 'forbidden'))
    deps.authenticate(socket.request).then((session) => {
      if (!session) return next(withData(new Error('not logged in'), 'unauthenticated'))
      const own = [...nsp.sockets.values()].filter((x) => (x.data as Partial<SocketData>).session?.user.id === session.user.id).length
      if (own >= MAX_SOCKETS_PER_USER) return next(withData(new Error(`more than ${MAX_SOCKETS_PER_USER} meeting connections`), 'conflict'))
      const data: SocketData = { session, joined: new Map(), bucket: new TokenBucket(COMMANDS_PER_SECOND * 2, COMMANDS_PER_SECOND) }
      socket.data = data
      next()
    }, (err: Error) => {
      log.error({ err: err.message }, 'meeting socket authentication failed')
      next(withData(new Error('server error'), 'server_error'))
    })
  })

  nsp.on('connection', (socket: Socket) => {
    const data = socket.data as SocketData
    socket.on('join', (payload: unknown, ack: unknown) => void respond(socket, payload, ack, (p) => handleJoin(socket, data, p)))
    socket.on('leave', (payload: unknown, ack: unknown) => void respond(socket, payload, ack, (p) => handleLeave(socket, data, p)))
    socket.on('command', (payload: unknown, ack: unknown) => void respond(socket, payload, ack, (p) => handleCommand(data, p)))
    socket.onAny((event: string, ...args: unknown[]) => {
      if (['join', 'leave', 'command'].includes(event)) return
      const ack = args.at(-1)
      if (typeof ack === 'function') ack(failure({ code: 'invalid_input', message: `Unknown event "${String(event).slice(0, 40)}".` }))
    })
    socket.on('disconnect', () => {
      for (const meetingId of data.joined.keys()) {
        removePresence(deps.db, socket.id).then(() => sockets.scheduleBroadcast(meetingId), (err: Error) =>
          log.warn({ meetingId, err: err.message }, 'presence not removed'))
      }
      data.joined.clear()
    })
  })

  const handleJoin = async (socket: Socket, data: SocketData, raw: unknown) => {
    if (!data.bucket.take()) throw new MeetingFailure({ code: 'conflict', message: `More than ${COMMANDS_PER_SECOND} events a second; slow down.` })
    const { meetingId } = parse(joinPayloadSchema, raw)
    if (!data.joined.has(meetingId) && data.joined.size >= MAX_MEETINGS_PER_SOCKET) {
      throw new MeetingFailure({ code: 'conflict', message: `One connection follows at most ${MAX_MEETINGS_PER_SOCKET} meetings.` })
    }
    const { actor, state } = await service.join(meetingId, data.session.user)
    data.joined.set(meetingId, actor)
    await socket.join(userRoom(meetingId, actor.userId))
    const row: PresenceRow = { userId: actor.userId, name: actor.name, organisation: actor.organisation, ring: actor.ring, canWrite: actor.canWrite }
    await addPresence(deps.db, { socketId: socket.id, meetingId, nodeId: deps.nodeId, ...row })
    sockets.scheduleBroadcast(meetingId)
    return { state: service.viewFor(state, actor, (await service.present(state)).present) }
  }

  const handleLeave = async (socket: Socket, data: SocketData, raw: unknown) => {
    const { meetingId } = parse(joinPayloadSchema, raw)
    const actor = data.joined.get(meetingId)
    if (!actor) return {}
    data.joined.delete(meetingId)
    await socket.leave(userRoom(meetingId, actor.userId))
    await removePresence(deps.db, socket.id)
    sockets.scheduleBroadcast(meetingId)
    return {}
  }

  const handleCommand = async (data: SocketData, raw: unknown) => {
    if (!data.bucket.take()) throw new MeetingFailure({ code: 'conflict', message: `More than ${COMMANDS_PER_SECOND} commands a second; slow down.` })
    const cmd = parse(commandSchema, raw)
    if (!data.joined.has(cmd.meetingId)) throw new MeetingFailure({ code: 'forbidden', message: 'Join the meeting first.' })
    const state = await service.execute(data.session.user, cmd)
    return cmd.type === 'close' ? { version: state.version } : {}
  }

  const respond = async (socket: Socket, payload: unknown, ack: unknown, handle: (p: unknown) => Promise<object>) => {
    let answer: MeetingAck
    try {
      if (payloadBytes(payload) > MAX_MEETING_PAYLOAD_BYTES) {
        throw new MeetingFailure({ code: 'invalid_input', message: `The message is larger than ${MAX_MEETING_PAYLOAD_BYTES} bytes.` })
      }
      answer = { ok: true, ...(await handle(payload)) }
    } catch (err) {
      if (err instanceof MeetingFailure) answer = failure(err.error)
      else {
        log.error({ socketId: socket.id, err: (err as Error).message }, 'meeting event failed')
        answer = failure({ code: 'server_error', message: 'Something went wrong on the server; nothing was changed.' })
      }
    }
    if (typeof ack === 'function') ack(answer)
  }

  const heartbeat = setInterval(() => {
    refreshPresence(deps.db, deps.nodeId, deps.presenceStaleMs).catch((err: Error) => log.warn({ err: err.message }, 'presence refresh failed'))
  }, Math.max(1000, Math.floor(deps.presenceStaleMs / 3)))
  heartbeat.unref()
  // The bus is at-most-once and sessions also end by idling: every socket is re-checked now and then.
  const sweep = setInterval(() => {
    void sockets.recheck(() => true).catch((err: Error) => log.warn({ err: err.message }, 'meeting socket sweep failed'))
  }, ACCESS_SWEEP_MS)
  sweep.unref()

  /** This node's broadcasts of one meeting go out one after the other, and never an older state after a newer one. */
  const chains = new KeyedQueue()
  const lastSent = new Map<string, number>()
  const inOrder = (meetingId: string, run: () => Promise<void>): Promise<void> => chains.run(meetingId, run)
  const emitState = async (state: MeetingState) => {
    if (state.seq < (lastSent.get(state.id) ?? 0)) return
    lastSent.set(state.id, state.seq)
    const { rows, present } = await service.present(state)
    for (const row of rows) {
      const viewer: MeetingActor = { ...row, isCaseDirector: false, isMember: row.ring === 'inner' }
      nsp.to(userRoom(state.id, row.userId)).emit(MEETING_EVENTS.state, service.viewFor(state, viewer, present))
    }
  }

  const sockets: MeetingSockets = {
    broadcast: (state) => inOrder(state.id, () => emitState(state)),
    scheduleBroadcast(meetingId) {
      if (pending.has(meetingId)) return
      pending.set(meetingId, setTimeout(() => {
        pending.delete(meetingId)
        // Read inside the queue: never older than a state this node already sent.
        inOrder(meetingId, async () => {
          const state = await service.load(meetingId)
          if (state) await emitState(state)
        }).catch((err: Error) => log.warn({ meetingId, err: err.message }, 'presence broadcast failed'))
      }, PRESENCE_BROADCAST_DELAY_MS))
    },
    disconnectUsers(meetingId, userIds, reason) {
      for (const userId of userIds) {
        const room = nsp.to(userRoom(meetingId, userId))
        room.emit(MEETING_EVENTS.ended, { meetingId, reason })
        nsp.in(userRoom(meetingId, userId)).disconnectSockets(true)
      }
    },
    async recheck(match) {
      let closed = 0
      for (const socket of nsp.sockets.values()) {
        const data = socket.data as SocketData
        if (!data.session || !match(data.session)) continue
        const reason = await whyNotAllowed(data)
        if (reason) {
          socket.emit(MEETING_EVENTS.ended, { reason })
          socket.disconnect(true)
          closed++
        }
      }
      return closed
    },
    close() {
      clearInterval(heartbeat)
      clearInterval(sweep)
      for (const t of pending.values()) clearTimeout(t)
      pending.clear()
    },
  }

  /** Why a socket may no longer follow its meetings, or null when it may. */
  const whyNotAllowed = async (data: SocketData): Promise<string | null> => {
    const session = await deps.resolveById(data.session.idHash)
    if (!session) return 'session ended'
    data.session = session
    for (const [meetingId, actor] of data.joined) {
      try {
        await service.join(meetingId, data.session.user)
      } catch (err) {
        if (!(err instanceof MeetingFailure)) throw err
        // An admitted partner's access ends with their item, whichever node notices first.
        return actor.isMember ? 'access changed' : 'agenda item ended'
      }
    }
    return null
  }
  return sockets
}

/** Every meeting socket's session and standing are re-checked this often (as the doc hub's sweep). */
const ACCESS_SWEEP_MS = 60_000

/** Presence changes within this window go out as one broadcast. */
const PRESENCE_BROADCAST_DELAY_MS = 25

function parse<T extends z.ZodType>(schema: T, raw: unknown): z.output<T> {
  const r = schema.safeParse(raw)
  if (r.success) return r.data
  const issue = r.error.issues[0]
  const where = issue?.path.length ? `${issue.path.join('.')}: ` : ''
  throw new MeetingFailure({ code: 'invalid_input', message: `${where}${issue?.message ?? 'invalid message'}`.slice(0, 300) })
}

function failure(error: MeetingError): MeetingAck {
  return { ok: false, error }
}

function payloadBytes(payload: unknown): number {
  try {
    return JSON.stringify(payload ?? null).length
  } catch {
    return Number.POSITIVE_INFINITY
  }
}

function withData(err: Error, code: MeetingError['code']): Error {
  return Object.assign(err, { data: { code } })
}
