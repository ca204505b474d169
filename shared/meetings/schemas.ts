/**
 * zod schemas of everything a client sends about meetings: the REST bodies and the
 * socket.io events `join` and `command`. The server parses every payload with these once,
 * at the edge; the names are a public contract (docs/API.md).
 */
import { z } from 'zod'
import { ITEM_VISIBILITIES } from '../plan/innerRecords'
import { ACTION_MEETING_FIELDS, actionKind } from '../plan/kinds/action'
import { pickInputShape } from '../plan/kinds/kindTypes'
import { INNER_SECTIONS, PLAN_SECTIONS } from '../plan/layout'
import { DECISION_TYPES, SAFETY_SCORE_MAX, SAFETY_SCORE_MIN, MAX_TEXT_LENGTH } from '../plan/model'
import { AGENDA_KINDS, MEETING_FORMATS } from './formats'
import { lowerUuid, safeString } from '../text'

/** Longest agenda item title, meeting title. */
export const MAX_TITLE_LENGTH = 200
/** Most agenda items: a meeting is not a register. */
export const MAX_AGENDA_ITEMS = 40
/** Longest text of an entry, answer, card, remark or next step. */
export const MAX_MEETING_TEXT = 2000
/** Largest socket.io payload a meeting socket accepts (socket.io's maxHttpBufferSize). */
export const MAX_MEETING_PAYLOAD_BYTES = 64 * 1024
/** Most entries of a kind (answers, cards, …) one meeting holds. */
export const MAX_MEETING_ENTRIES = 500

/** Ids in any case, lower case after parsing: `join`, `invited`, `deputyChairId` all match stored ids. */
const id = lowerUuid()
const title = safeString().trim().min(1, 'title is empty').max(MAX_TITLE_LENGTH)
const text = safeString().trim().min(1, 'text is empty').max(MAX_MEETING_TEXT)
const optionalText = safeString().trim().max(MAX_MEETING_TEXT)
const section = z.enum([...PLAN_SECTIONS, ...INNER_SECTIONS])

/** `POST /api/cases/:id/meetings` */
export const createMeetingBodySchema = z.strictObject({
  format: z.enum(MEETING_FORMATS),
  title: title.optional(),
  startsAt: z.iso.datetime({ offset: true }).optional(),
  deputyChairId: id.optional(),
  /** Narrows the invitation to these users; absent: every inner-ring member. */
  invited: z.array(id).max(200).optional(),
})
export type CreateMeetingBody = z.infer<typeof createMeetingBodySchema>

/** socket.io `join` */
export const joinPayloadSchema = z.strictObject({ meetingId: id })

const itemRef = { meetingId: id, itemId: id }

/** Every command a client may send (`type` names it); who may send which is server/meetings/rules.ts. */
export const commandSchema = z.discriminatedUnion('type', [
  // chair
  z.strictObject({ type: z.literal('goto'), ...itemRef }),
  z.strictObject({ type: z.literal('timer'), ...itemRef, action: z.enum(['start', 'pause', 'reset']), durationSec: z.number().int().min(10).max(4 * 3600).optional() }),
  z.strictObject({ type: z.literal('attendance'), meetingId: id, userId: id, present: z.boolean(), mandate: z.boolean() }),
  z.strictObject({ type: z.literal('admit'), meetingId: id, userId: id, itemIds: z.array(id).min(1).max(MAX_AGENDA_ITEMS) }),
  z.strictObject({ type: z.literal('dismiss'), meetingId: id, userId: id }),
  /** Narrows (or, with null, widens to every binnenring member) who may join; outside MDA++ it also invites buitenring members by name. */
  z.strictObject({ type: z.literal('invite'), meetingId: id, userIds: z.array(id).max(200).nullable() }),
  z.strictObject({ type: z.literal('lock'), meetingId: id, section }),
  z.strictObject({ type: z.literal('unlock'), meetingId: id, section }),
  z.strictObject({ type: z.literal('pen'), meetingId: id, section, userId: id }),
  z.strictObject({ type: z.literal('reveal'), ...itemRef }),
  z.strictObject({ type: z.literal('turn'), ...itemRef, userId: id.nullable() }),
  z.strictObject({ type: z.literal('agenda-add'), meetingId: id, title, kind: z.enum(AGENDA_KINDS).default('other'), afterItemId: id.nullable().default(null) }),
  z.strictObject({ type: z.literal('agenda-rename'), ...itemRef, title }),
  z.strictObject({ type: z.literal('agenda-remove'), ...itemRef }),
  z.strictObject({ type: z.literal('agenda-move'), ...itemRef, toIndex: z.number().int().min(0).max(MAX_AGENDA_ITEMS) }),
  z.strictObject({
    type: z.literal('decision'), meetingId: id, itemId: id.nullable().default(null),
    text: safeString().trim().min(1, 'text is empty').max(MAX_TEXT_LENGTH), decisionType: z.enum(DECISION_TYPES),
    dissent: z.array(z.strictObject({ organisation: safeString().trim().min(1).max(120), reason: text })).max(20).default([]),
    /** `inner`: only the binnenring sees the decision (the inner document); default the plan both rings read. */
    visibility: z.enum(ITEM_VISIBILITIES).default('plan'),
  }),
  z.strictObject({
    type: z.literal('action'), meetingId: id, itemId: id.nullable().default(null),
    // The action's fields come from its declaration (shared/plan/kinds/action.ts), so a new field is one entry there.
    ...pickInputShape(actionKind, ACTION_MEETING_FIELDS),
    /** `inner`: only the binnenring sees the action (the inner document); default the plan both rings read. */
    visibility: z.enum(ITEM_VISIBILITIES).default('plan'),
  }).refine((c) => (c.goalId === null) !== (c.resultKey === null), { message: 'link the action to exactly one goal or result', path: ['goalId'] }),
  z.strictObject({ type: z.literal('restore'), meetingId: id, section, planItemId: id }),
  z.strictObject({ type: z.literal('close'), meetingId: id }),
  // every participant
  z.strictObject({ type: z.literal('hand'), meetingId: id, raised: z.boolean() }),
  z.strictObject({
    type: z.literal('entry'), ...itemRef,
    entry: z.strictObject({ score: z.number().int().min(SAFETY_SCORE_MIN).max(SAFETY_SCORE_MAX), danger: text, plan: text }),
  }),
  z.strictObject({ type: z.literal('answer'), ...itemRef, text }),
  z.strictObject({ type: z.literal('card'), ...itemRef, text }),
  z.strictObject({ type: z.literal('remark'), meetingId: id, cardId: id, text }),
  z.strictObject({ type: z.literal('next-step'), meetingId: id, text, shared: z.boolean() }),
  z.strictObject({ type: z.literal('check'), ...itemRef, agreementId: id, result: z.enum(['held', 'unclear', 'not-held']), note: optionalText.default('') }),
])
/** A parsed command. */
export type MeetingCommand = z.output<typeof commandSchema>
/** A command's type. */
export type MeetingCommandType = MeetingCommand['type']
/** A command as a client sends it. */
export type MeetingCommandInput = z.input<typeof commandSchema>

/** Commands every participant may send; all others are the chair's (or deputy's). */
export const PARTICIPANT_COMMANDS: readonly MeetingCommandType[] = ['hand', 'entry', 'answer', 'card', 'remark', 'next-step', 'check']

/** An error in a socket.io ack: a stable code and a message for people. */
export interface MeetingError {
  code: 'invalid_input' | 'forbidden' | 'not_found' | 'conflict' | 'unauthenticated' | 'server_error'
  message: string
}

/** A socket.io ack. */
export type MeetingAck<T = object> = ({ ok: true } & T) | { ok: false; error: MeetingError }

/** socket.io event names (server → client). */
export const MEETING_EVENTS = {
  state: 'meeting:state',
  /** Sent just before the server disconnects a socket on purpose, with the reason. */
  ended: 'meeting:ended',
} as const

/** The socket.io namespace of meetings. */
export const MEETING_NAMESPACE = '/meetings'
