/**
 * Declarations of the plan document's item kinds other than the action (see kindTypes.ts):
 * goal, agreement, decision, escalation, the MDA++ result state, regie and the phase change.
 */
import { z } from 'zod'
import {
  AGREEMENT_STATUSES, DECISION_TYPES, GSAV_PHASES, RESULT_KEYS, RESULT_STATUSES,
  idListSchema, idSchema, isoDateSchema, isoDateTimeSchema, nameListSchema, nameSchema, requiredTextSchema, textSchema,
} from '../model'
import { declareKind, enumField, field } from './kindTypes'

/** A partner that disagreed with a decision, and why. */
export const dissentSchema = z.strictObject({ organisation: nameSchema, reason: requiredTextSchema })
/** Why a plan decision names nobody: that an organisation sits at the table is binnenring information (DOMAIN.md §5, §7). */
const MANDATE_IS_INNER = 'belongs in the inner document (decisionMandates), not in the plan a school reads'
/** Who holds a regie role: an organisation, optionally a person in it. */
export const regieHolderSchema = z.strictObject({ organisation: nameSchema, person: nameSchema.nullable().default(null) })

const meta = { table: [], form: [], pdf: [], diff: [], history: [] } as const

/** Goal of a result: what must be observable, and for how long. */
export const goalKind = declareKind({
  kind: 'goal', doc: 'plan', section: 'goals', labelKey: 'kinds.goal',
  fields: {
    resultKey: enumField(RESULT_KEYS, 'direct-safety', true),
    text: field(requiredTextSchema, { fallback: '', required: true, type: 'longText' }),
    observableFor: field(textSchema, { fallback: '', type: 'text' }),
    status: enumField(RESULT_STATUSES, 'open'),
    evidence: field(textSchema, { fallback: '', type: 'longText' }),
    innerRefs: field(idListSchema, { fallback: [], type: 'idList' }),
  },
  views: {
    table: ['text', 'observableFor', 'status'], form: ['text', 'observableFor', 'status', 'evidence'], pdf: ['text', 'observableFor', 'status'],
    diff: ['resultKey', 'text', 'observableFor', 'status', 'evidence', 'innerRefs'], history: ['text', 'observableFor', 'status', 'evidence'],
  },
})

/** Safety agreement (veiligheidsafspraak). */
export const agreementKind = declareKind({
  kind: 'agreement', doc: 'plan', section: 'agreements', labelKey: 'kinds.agreement',
  fields: {
    text: field(requiredTextSchema, { fallback: '', required: true, type: 'longText' }),
    boundParties: field(nameListSchema.min(1, 'names at least one bound party'), { fallback: [], required: true, type: 'nameList' }),
    checkedBy: field(nameSchema, { fallback: '', required: true, type: 'name' }),
    checkMethod: field(textSchema, { fallback: '', type: 'text' }),
    ifBroken: field(textSchema, { fallback: '', type: 'longText' }),
    startDate: field(isoDateSchema, { fallback: '', required: true, type: 'date' }),
    reviewDate: field(isoDateSchema.nullable(), { fallback: null, type: 'date' }),
    status: enumField(AGREEMENT_STATUSES, 'active'),
    innerRefs: field(idListSchema, { fallback: [], type: 'idList' }),
  },
  views: {
    table: ['text', 'boundParties', 'checkedBy', 'startDate', 'status'],
    form: ['text', 'boundParties', 'checkedBy', 'checkMethod', 'ifBroken', 'startDate', 'reviewDate', 'status'],
    pdf: ['text', 'boundParties', 'checkedBy', 'startDate', 'status'],
    diff: ['text', 'boundParties', 'checkedBy', 'checkMethod', 'ifBroken', 'startDate', 'reviewDate', 'status', 'innerRefs'],
    history: ['text', 'boundParties', 'checkedBy', 'checkMethod', 'ifBroken', 'startDate', 'reviewDate', 'status'],
  },
})

/**
 * Decision (besluit). In the plan document `mandatedPresent` and `dissent` stay empty
 * (kept for the JSON contract): attendance and dissent live in the inner `decisionMandates`.
 */
export const decisionKind = declareKind({
  kind: 'decision', doc: 'plan', section: 'decisions', labelKey: 'kinds.decision',
  fields: {
    text: field(requiredTextSchema, { fallback: '', required: true, type: 'longText' }),
    type: enumField(DECISION_TYPES, 'plan', true),
    chair: field(nameSchema.nullable(), { fallback: null, type: 'name' }),
    mandatedPresent: field(z.array(nameSchema).max(0, MANDATE_IS_INNER), { fallback: [], type: 'nameList' }),
    dissent: field(z.array(dissentSchema).max(0, MANDATE_IS_INNER), { fallback: [], type: 'object' }),
    innerRefs: field(idListSchema, { fallback: [], type: 'idList' }),
  },
  views: {
    table: ['text', 'type', 'chair'], form: ['text', 'type', 'chair'], pdf: ['text', 'type', 'chair'],
    diff: ['text', 'type', 'chair', 'mandatedPresent', 'dissent', 'innerRefs'], history: ['text', 'type', 'chair'],
  },
})

/** Escalation under regie: the outcome is text plus, once taken, a decision. */
export const escalationKind = declareKind({
  kind: 'escalation', doc: 'plan', section: 'escalations', labelKey: 'kinds.escalation',
  fields: {
    issue: field(requiredTextSchema, { fallback: '', required: true, type: 'longText' }),
    raisedBy: field(nameSchema, { fallback: '', required: true, type: 'name' }),
    raisedTo: field(nameSchema, { fallback: '', required: true, type: 'name' }),
    due: field(isoDateSchema, { fallback: '', required: true, type: 'date' }),
    actionId: field(idSchema.nullable(), { fallback: null, type: 'link', link: 'action' }),
    outcome: field(textSchema, { fallback: '', type: 'longText' }),
    outcomeDecisionId: field(idSchema.nullable(), { fallback: null, type: 'link', link: 'decision' }),
  },
  views: {
    table: ['issue', 'raisedBy', 'raisedTo', 'due', 'outcome'], form: ['issue', 'raisedBy', 'raisedTo', 'due', 'actionId'],
    pdf: ['issue', 'raisedBy', 'raisedTo', 'due', 'outcome'],
    diff: ['issue', 'raisedBy', 'raisedTo', 'due', 'actionId', 'outcome', 'outcomeDecisionId'], history: ['issue', 'raisedBy', 'raisedTo', 'due', 'outcome', 'outcomeDecisionId'],
  },
})

/** State of one MDA++ result (the `results` map, keyed by result key). */
export const resultKind = declareKind({
  kind: 'result', doc: 'plan', section: 'results', labelKey: 'kinds.result', keys: RESULT_KEYS,
  fields: {
    status: enumField(RESULT_STATUSES, 'open'),
    evidence: field(textSchema, { fallback: '', type: 'longText' }),
    updatedAt: field(isoDateTimeSchema.nullable(), { fallback: null, type: 'dateTime' }),
    updatedBy: field(nameSchema.nullable(), { fallback: null, type: 'name' }),
  },
  views: { ...meta, table: ['status', 'evidence'], form: ['status', 'evidence'], pdf: ['status'], diff: ['status', 'evidence'], history: ['status', 'evidence'] },
})

/** The four regie roles (DOMAIN.md §4.5); null while unassigned. */
export const regieKind = declareKind({
  kind: 'regie', doc: 'plan', section: 'regie', labelKey: 'kinds.regie',
  fields: {
    casusregisseur: field(regieHolderSchema.nullable(), { fallback: null, type: 'object' }),
    procesregisseur: field(regieHolderSchema.nullable(), { fallback: null, type: 'object' }),
    responsiblePartner: field(regieHolderSchema.nullable(), { fallback: null, type: 'object' }),
    doorzettingsmacht: field(regieHolderSchema.nullable(), { fallback: null, type: 'object' }),
  },
  views: {
    table: ['casusregisseur', 'procesregisseur', 'responsiblePartner', 'doorzettingsmacht'],
    form: ['casusregisseur', 'procesregisseur', 'responsiblePartner', 'doorzettingsmacht'],
    pdf: ['casusregisseur', 'procesregisseur', 'responsiblePartner', 'doorzettingsmacht'],
    diff: ['casusregisseur', 'procesregisseur', 'responsiblePartner', 'doorzettingsmacht'],
    history: ['casusregisseur', 'procesregisseur', 'responsiblePartner', 'doorzettingsmacht'],
  },
})

/** One GSaV phase change; a phase change is a decision (DOMAIN.md §4.4). */
export const phaseChangeKind = declareKind({
  kind: 'phase', doc: 'plan', section: 'phase', labelKey: 'kinds.phase',
  fields: {
    from: enumField(GSAV_PHASES, 'veiligheid', true),
    to: enumField(GSAV_PHASES, 'veiligheid', true),
    at: field(isoDateTimeSchema, { fallback: '', required: true, type: 'dateTime' }),
    decisionId: field(idSchema, { fallback: '', required: true, type: 'link', link: 'decision' }),
    author: field(nameSchema, { fallback: '', required: true, type: 'name' }),
    organisation: field(nameSchema, { fallback: '', required: true, type: 'name' }),
    meetingId: field(idSchema.nullable(), { fallback: null, required: true, type: 'link', link: 'meeting' }),
  },
  views: { ...meta, table: ['from', 'to', 'at'], pdf: ['to', 'at'], diff: ['to'], history: ['from', 'to', 'at'] },
})

/** The kinds of the plan document (the action is in action.ts). */
export const PLAN_DOC_KINDS = [goalKind, agreementKind, decisionKind, escalationKind, resultKind, regieKind, phaseChangeKind] as const
