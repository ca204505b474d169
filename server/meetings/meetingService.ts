/**
 * The meeting service: loads a meeting, asks the pure rules (rules.ts), stores the new
 * state (compare-and-set on its sequence number, so two nodes never both win), carries
 * out the effects (plan writes through the doc hub, adoption, ended admissions) and only
 * then lets the sockets broadcast it: persisted before broadcast, like the doc hub.
 * REST routes and socket.io handlers both call this; neither holds meeting rules.
 */
import { randomUUID } from 'node:crypto'
import type { CreateMeetingBody, MeetingCommand, MeetingError } from '../../shared/meetings/schemas'
import { FORMAT_SPECS } from '../../shared/meetings/formats'
import type { MeetingState, MeetingSummary, MeetingView, PresentParticipant } from '../../shared/meetings/state'
import type { SessionUser } from '../auth/sessions'
import type { Db } from '../db/db'
import type { Logger } from '../log'
import { insertMeeting, listMeetings, listPresent, loadMeeting, saveMeeting, type PresenceRow } from '../store/meetings'
import { buildAgenda } from './agenda'
import type { MeetingActor } from './actor'
import { applyCommand, checkJoin, startMeeting, type CommandContext, type KnownPerson, type MeetingEffect, type PlanWrite, type RuleResult } from './rules'
import { viewMeeting } from './view'
import { KeyedQueue } from '../flow/keyedQueue'

/** What the service needs from the rest of the server (wired in main.ts). */
export interface MeetingServiceDeps {
  db: Db
  log: Logger
  now?: () => number
  /** The user's standing in a case (membership or admission), or null: not theirs. */
  standing(caseId: string, user: SessionUser, state: MeetingState | null): Promise<MeetingActor | null>
  /** Members of the case and the users named, by id. */
  people(caseId: string, userIds: readonly string[]): Promise<Map<string, KnownPerson>>
  /** Whether the user may open a meeting on the case (its chair or case director). */
  canSchedule(caseId: string, user: SessionUser): Promise<boolean>
  /** Why this user may not be the meeting's deputy chair (server/access/roleRules.ts), or null. */
  deputyRefusal(caseId: string, userId: string): Promise<string | null>
  /** Writes into the plan through the doc hub for the actor; throws a MeetingFailure when refused. */
  writePlan(state: MeetingState, actor: MeetingActor, user: SessionUser, write: PlanWrite): Promise<void>
  /**
   * Stores the meeting's closed state (compare-and-set on `expectedSeq`) together with the
   * adopted version and its notices, in one transaction. @returns the stored state (with
   * its version), or null when another writer got there first (nothing was stored).
   */
  closeAndAdopt(closed: MeetingState, expectedSeq: number, user: SessionUser): Promise<MeetingState | null>
  /** These users' access ended (an admission, an invitation): close their meeting and document connections everywhere. */
  endAccess(state: MeetingState, userIds: readonly string[], reason: 'agenda item ended' | 'access changed'): Promise<void>
  /** A new state is stored: tell every node and every participant. */
  changed(state: MeetingState): Promise<void>
  /** Presence rows older than this are not counted (a node that died). */
  presenceStaleMs: number
  /**
   * Resolves when the other nodes can be told of a change; throws a MeetingFailure when
   * they cannot (Redis hung), so a command is refused with nothing stored.
   */
  reachable?(): Promise<void>
}

/** A refusal the caller turns into an error ack or an HTTP error. */
export class MeetingFailure extends Error {
  constructor(readonly error: MeetingError) {
    super(error.message)
  }
}

/** The users a command names (looked up before the rules run). */
function namedUsers(cmd: MeetingCommand): string[] {
  if (cmd.type === 'invite') return cmd.userIds ?? []
  return 'userId' in cmd && cmd.userId ? [cmd.userId] : []
}

/** Compare-and-set attempts before a command gives up (two nodes writing at once). */
const MAX_ATTEMPTS = 6

/** The meeting service of one node. */
export interface MeetingService {
  create(caseId: string, user: SessionUser, body: CreateMeetingBody): Promise<string>
  list(caseId: string): Promise<MeetingSummary[]>
  /** The meeting as `user` may see it; throws MeetingFailure. */
  view(meetingId: string, user: SessionUser): Promise<MeetingView>
  /** Checks that `user` may follow the meeting now. @returns their standing and the state. */
  join(meetingId: string, user: SessionUser): Promise<{ actor: MeetingActor; state: MeetingState }>
  start(meetingId: string, user: SessionUser): Promise<MeetingState>
  execute(user: SessionUser, cmd: MeetingCommand): Promise<MeetingState>
  /** The view of a stored state for one present participant. */
  viewFor(state: MeetingState, viewer: MeetingActor, present: PresentParticipant[]): MeetingView
  present(state: MeetingState): Promise<{ rows: PresenceRow[]; present: PresentParticipant[] }>
  /** The stored state, or null. */
  load(meetingId: string): Promise<MeetingState | null>
}

/** Creates the service. */
export function createMeetingService(deps: MeetingServiceDeps): MeetingService {
  const now = deps.now ?? Date.now
  /** Commands of one meeting on this node run one after the other (fewer compare-and-set retries). */
  const queues = new KeyedQueue()
  const serialise = <T>(meetingId: string, run: () => Promise<T>): Promise<T> => queues.run(meetingId, run)
  const fail = (code: MeetingError['code'], message: string): never => {
    throw new MeetingFailure({ code, message })
  }
  const loadOrFail = async (meetingId: string) => (await loadMeeting(deps.db, meetingId)) ?? fail('not_found', 'No such meeting.')
  const standingOrFail = async (state: MeetingState, user: SessionUser) =>
    (await deps.standing(state.caseId, user, state)) ?? fail('forbidden', 'You have no part in this meeting.')

  /** Loads, applies, stores (retrying on a concurrent write), then carries out effects. */
  const run = async (meetingId: string, user: SessionUser, named: readonly string[], decide: (s: MeetingState, a: MeetingActor, ctx: CommandContext) => RuleResult) => {
    await deps.reachable?.()
    return serialise(meetingId, async () => {
      const ids: string[] = []
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        const state = await loadOrFail(meetingId)
        const actor = await standingOrFail(state, user)
        let k = 0
        const ctx0 = { now: now(), newId: () => (ids[k++] ??= randomUUID()) }
        // Only commands that name someone (attendance, admit, pen, invite) ask who they are:
        // a raised hand or a goto costs no member query.
        const peopleMap = named.length > 0 ? await deps.people(state.caseId, named) : new Map<string, KnownPerson>()
        const ctx: CommandContext = { ...ctx0, person: (id) => peopleMap.get(id) ?? null }
        const r = decide(state, actor, ctx)
        if (!r.ok) throw new MeetingFailure(r.error)
        // Plan writes first: a write the plan refuses (a goal that does not exist) leaves
        // the meeting unchanged. Ids are chosen once, so a retry writes the same items (idempotent).
        for (const e of r.effects) if (e.kind === 'plan-write') await deps.writePlan(state, actor, user, e.write)
        // A close stores the closed state, the version and its notices as one unit: a node
        // killed half-way leaves the meeting live, to be closed again.
        const saved = r.effects.some((e) => e.kind === 'adopt')
          ? await deps.closeAndAdopt(r.state, state.seq, user)
          : (await saveMeeting(deps.db, r.state, state.seq)) ? r.state : null
        if (!saved) continue
        return finish(saved, r.effects)
      }
      return fail('conflict', 'The meeting changed too often at once; try again.')
    })
  }

  const finish = async (state: MeetingState, effects: MeetingEffect[]): Promise<MeetingState> => {
    await deps.changed(state)
    const ended = effects.flatMap((e) => (e.kind === 'admissions-ended' ? e.userIds : []))
    if (ended.length > 0) await deps.endAccess(state, ended, 'agenda item ended')
    const uninvited = effects.some((e) => e.kind === 'recheck-present') ? await shutOut(state) : []
    if (uninvited.length > 0) await deps.endAccess(state, uninvited, 'access changed')
    return state
  }

  /** Participants following the meeting (on any node) whom `state` no longer lets join. */
  const shutOut = async (state: MeetingState): Promise<string[]> => {
    const rows = await listPresent(deps.db, state.id, deps.presenceStaleMs)
    const people = await deps.people(state.caseId, rows.map((r) => r.userId))
    return rows.filter((row) => {
      const ring = people.get(row.userId)?.ring ?? null
      const actor: MeetingActor = { ...row, ring: ring ?? row.ring, isMember: ring !== null, isCaseDirector: false }
      return checkJoin(state, actor) !== null
    }).map((r) => r.userId)
  }

  const present = async (state: MeetingState) => {
    const rows = await listPresent(deps.db, state.id, deps.presenceStaleMs)
    return { rows, present: rows.map(({ canWrite: _w, ...p }) => ({ ...p, handRaised: state.hands.includes(p.userId) })) }
  }
  const viewFor = (state: MeetingState, viewer: MeetingActor, p: PresentParticipant[]) => viewMeeting(state, viewer, p, now())

  return {
    async create(caseId, user, body) {
      if (!(await deps.canSchedule(caseId, user))) fail('forbidden', "Only the case's chair or case director schedules a meeting.")
      const deputyRefused = body.deputyChairId ? await deps.deputyRefusal(caseId, body.deputyChairId) : null
      if (deputyRefused) fail('invalid_input', deputyRefused)
      const spec = FORMAT_SPECS[body.format]
      const state: MeetingState = {
        id: randomUUID(), caseId, format: body.format, title: body.title ?? spec.title, startsAt: body.startsAt ?? null, status: 'scheduled',
        chairId: user.id, deputyChairId: body.deputyChairId ?? null, agenda: buildAgenda(body.format, randomUUID), currentItemId: null,
        invited: body.invited ?? null, attendance: [], hands: [], locks: [], admissions: [], entries: [], revealed: [], answers: [],
        cards: [], nextSteps: [], checks: [], records: [], startedAt: null, closedAt: null, version: null, seq: 1,
      }
      await insertMeeting(deps.db, state)
      return state.id
    },
    list: (caseId) => listMeetings(deps.db, caseId),
    async view(meetingId, user) {
      const state = await loadOrFail(meetingId)
      const actor = await standingOrFail(state, user)
      const refusal = checkJoin(state, actor)
      if (refusal) throw new MeetingFailure(refusal)
      return viewFor(state, actor, (await present(state)).present)
    },
    async join(meetingId, user) {
      const state = await loadOrFail(meetingId)
      const actor = await standingOrFail(state, user)
      const refusal = checkJoin(state, actor)
      if (refusal) throw new MeetingFailure(refusal)
      return { actor, state }
    },
    start: (meetingId, user) => run(meetingId, user, [], (s, a, ctx) => startMeeting(s, a, ctx.now)),
    execute: (user, cmd) =>
      run(cmd.meetingId, user, namedUsers(cmd), (s, a, ctx) => {
        const refusal = checkJoin(s, a)
        return refusal ? { ok: false, error: refusal } : applyCommand(s, cmd, a, ctx)
      }),
    viewFor,
    present,
    load: (meetingId) => loadMeeting(deps.db, meetingId),
  }
}
