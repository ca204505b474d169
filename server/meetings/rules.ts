/**
 * The meeting rules (DOMAIN.md §3, §5): pure functions from state + command + actor to
 * a new state and the effects the service carries out (plan writes through the doc hub,
 * admissions that ended, adoption). No sockets, no database here:
 *   const r = applyCommand(meeting, cmd, actor, ctx)
 * Every command is checked in this order: the meeting's status, the actor's standing
 * (chair or deputy for all but the participant commands; readers write nothing), the
 * item it names, then its own rule.
 */
import { FORMAT_SPECS } from '../../shared/meetings/formats'
import { PARTICIPANT_COMMANDS, type MeetingCommand, type MeetingError } from '../../shared/meetings/schemas'
import type { MeetingState } from '../../shared/meetings/state'
import type { DecisionType } from '../../shared/plan/model'
import type { ActionMeetingField } from '../../shared/plan/kinds/action'
import type { ActionFields } from '../../shared/plan/planItems'
import type { SectionName } from '../../shared/plan/layout'
import type { CasePart } from '../../shared/protocol/docName'
import { isChairOf, refuse, type MeetingActor, type RuleContext } from './actor'
import { applyChairCommand } from './chairRules'
import { applyParticipantCommand } from './participantRules'

/**
 * A write into the plan the service makes through the doc hub, for the actor. `part`
 * says which document: `inner` for what a school must not see. Who was present, with
 * mandate, and who dissented is binnenring information (DOMAIN.md §5, §7): an inner
 * decision carries it, a plan decision gets a `decision-mandate` in the inner document.
 */
export type PlanWrite =
  | {
    kind: 'decision'; id: string; part: CasePart; text: string; decisionType: DecisionType; chair: string
    mandatedPresent: string[]; dissent: { organisation: string; reason: string }[]
  }
  | {
    kind: 'decision-mandate'; id: string; decisionId: string; present: string[]; mandatedPresent: string[]
    dissent: { organisation: string; reason: string }[]
  }
  | {
    kind: 'action'; id: string; part: CasePart
  } & Pick<ActionFields, ActionMeetingField>
  | { kind: 'restore'; section: SectionName; planItemId: string }

/** What the service does after the new state is stored. */
export type MeetingEffect =
  | { kind: 'plan-write'; write: PlanWrite }
  /** These users' access from admission ended: close their meeting and document connections. */
  | { kind: 'admissions-ended'; userIds: string[] }
  /** The meeting closed: adopt the plan as the next version. */
  | { kind: 'adopt' }
  /** Who may follow narrowed (the invitation changed): present participants the new state shuts out lose access. */
  | { kind: 'recheck-present' }

/** The outcome of a command. */
export type RuleResult = { ok: true; state: MeetingState; effects: MeetingEffect[] } | { ok: false; error: MeetingError }

/** People the rules may name (members of the case, and users a command names), by id. */
export interface KnownPerson {
  userId: string
  name: string
  organisation: string
  /** The ring of their membership; null: not a member of the case. */
  ring: 'inner' | 'outer' | null
}

/** The context of one command. */
export interface CommandContext extends RuleContext {
  person(userId: string): KnownPerson | null
}

/** Applies one command. The state passed in is never changed. */
export function applyCommand(state: MeetingState, cmd: MeetingCommand, actor: MeetingActor, ctx: CommandContext): RuleResult {
  if (state.status === 'closed') return refuse('conflict', 'This meeting is closed.')
  if (!actor.canWrite) return refuse('forbidden', 'Readers follow the meeting; they do not change it.')
  const result = PARTICIPANT_COMMANDS.includes(cmd.type)
    ? applyParticipantCommand(state, cmd, actor, ctx)
    : isChairOf(state, actor)
      ? applyChairCommand(state, cmd, actor, ctx)
      : refuse('forbidden', `Only the chair of this meeting may use "${cmd.type}".`)
  if (!result.ok) return result
  return { ...result, state: { ...result.state, seq: state.seq + 1 } }
}

/** Starts a scheduled meeting at the first agenda item. */
export function startMeeting(state: MeetingState, actor: MeetingActor, now: number): RuleResult {
  if (!isChairOf(state, actor)) return refuse('forbidden', 'Only the chair of this meeting starts it.')
  if (state.status !== 'scheduled') return refuse('conflict', `The meeting is ${state.status}, not scheduled.`)
  const first = state.agenda[0] ?? null
  return {
    ok: true, effects: [],
    state: { ...state, status: 'live', startedAt: new Date(now).toISOString(), currentItemId: first?.id ?? null, seq: state.seq + 1 },
  }
}

/** Whether `actor` may join (follow) the meeting now; an error says why not. */
export function checkJoin(state: MeetingState, actor: MeetingActor): MeetingError | null {
  if (isChairOf(state, actor)) return null
  if (actor.isMember && actor.ring === 'inner') {
    if (state.invited === null || state.invited.includes(actor.userId)) return null
    return { code: 'forbidden', message: 'You are not invited to this meeting.' }
  }
  // Outside MDA++ (DOMAIN.md §5: meeting notes rw for the buitenring elsewhere) a
  // buitenring member the chair invited by name joins for the whole meeting.
  if (actor.isMember && !FORMAT_SPECS[state.format].isInnerRingMeeting && state.invited?.includes(actor.userId)) return null
  const admission = state.admissions.find((a) => a.userId === actor.userId)
  if (state.status === 'live' && admission && state.currentItemId && admission.itemIds.includes(state.currentItemId)) return null
  return {
    code: 'forbidden',
    message: admission ? 'You are admitted for your own agenda items only; the current item is not one of them.' : 'You are not admitted to this meeting.',
  }
}
