/** The action (actie): owner organisation, due date and a goal or result are required. */
import { ACTION_STATUSES, idListSchema, idSchema, isoDateSchema, nameSchema, requiredTextSchema, resultKeySchema, textSchema } from '../model'
import { declareKind, enumField, field } from './kindTypes'

/** The fields a meeting's `action` command carries; the rest take their defaults. */
const MEETING_FIELDS = ['what', 'ownerOrganisation', 'ownerPerson', 'due', 'priority', 'goalId', 'resultKey'] as const

/** Declaration of the action, in the plan's `actions` section (and, same fields, the inner `innerActions`). */
export const actionKind = declareKind({
  kind: 'action',
  doc: 'plan',
  section: 'actions',
  labelKey: 'kinds.action',
  fields: {
    what: field(requiredTextSchema, { fallback: '', required: true, type: 'longText' }),
    ownerOrganisation: field(nameSchema, { fallback: '', required: true, type: 'name' }),
    ownerPerson: field(nameSchema.nullable(), { fallback: null, type: 'name' }),
    due: field(isoDateSchema, { fallback: '', required: true, type: 'date' }),
    status: enumField(ACTION_STATUSES, 'open'),
    /** How urgent the action is; stored actions without it read `normal`. */
    priority: enumField(['high', 'normal'], 'normal'),
    goalId: field(idSchema.nullable(), { fallback: null, type: 'link', link: 'goal' }),
    resultKey: field(resultKeySchema.nullable(), { fallback: null, type: 'link', link: 'result' }),
    doneNote: field(textSchema, { fallback: '', type: 'longText' }),
    blockedReason: field(textSchema, { fallback: '', type: 'longText' }),
    innerRefs: field(idListSchema, { fallback: [], type: 'idList' }),
  },
  views: {
    table: ['what', 'ownerOrganisation', 'ownerPerson', 'due', 'priority', 'status'],
    form: ['what', 'ownerOrganisation', 'ownerPerson', 'due', 'priority', 'goalId', 'status', 'blockedReason', 'doneNote'],
    pdf: ['what', 'ownerOrganisation', 'due', 'priority', 'status'],
    diff: ['what', 'ownerOrganisation', 'ownerPerson', 'due', 'priority', 'status', 'goalId', 'resultKey', 'doneNote', 'blockedReason', 'innerRefs'],
    history: ['what', 'ownerOrganisation', 'ownerPerson', 'due', 'priority', 'status', 'goalId', 'resultKey', 'doneNote', 'blockedReason'],
    meeting: MEETING_FIELDS,
  },
})

/** The fields of a meeting's `action` command, in order. */
export const ACTION_MEETING_FIELDS = MEETING_FIELDS
/** A field a meeting's `action` command carries. */
export type ActionMeetingField = (typeof MEETING_FIELDS)[number]
