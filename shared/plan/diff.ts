/**
 * Structural diff between two versions of a plan (JSON from `planToJson` with
 * `includeRemoved`), for the absent partner who reads "what changed since the version
 * I acknowledged" (DOMAIN.md §6). Pure and deterministic: same input, same output,
 * lists ordered by creation time, then id.
 */
import { isDeepEqual } from './deepEqual'
import { actionKind } from './kinds/action'
import {
  dangerStatementKind, decisionMandateKind, innerActionKind, innerDecisionKind, justiceItemKind, personKind, safetyScoreKind, sosItemKind, traumaScreeningKind,
} from './kinds/innerKinds'
import { agreementKind, decisionKind, escalationKind, goalKind } from './kinds/planKinds'
import type { DangerStatement, JusticeItem, Person, RedFlag, RedFlagState, SafetyScore, SosItem, TraumaScreening } from './innerItems'
import type { DecisionMandate, InnerAction, InnerDecision } from './innerRecords'
import { RESULT_KEYS, type GsavPhase, type ItemMeta, type ResultKey, type ResultStatus } from './model'
import { hasInnerPart, type PlanJson } from './planJson'
import { REGIE_ROLES, type Action, type Agreement, type Decision, type Escalation, type Goal, type RegieHolder } from './planItems'
import { compareItems } from './schema'

/** One item that changed: both versions and the names of the fields that differ. */
export interface ItemChange<T> {
  id: string
  before: T
  after: T
  /** Changed content fields, sorted; metadata (timestamps, author) is not compared. */
  fields: string[]
}

/** What happened in one section. */
export interface SectionDiff<T> {
  added: T[]
  changed: ItemChange<T>[]
  /** Items tombstoned in `after`, or missing from it, that were live before. */
  removed: T[]
}

/** A result whose status or evidence changed. */
export interface ResultChange {
  key: ResultKey
  before: { status: ResultStatus; evidence: string } | null
  after: { status: ResultStatus; evidence: string }
  fields: ('status' | 'evidence')[]
}

/** A red flag whose recorded observation changed. */
export interface RedFlagChange {
  key: string
  before: RedFlagState | null
  after: RedFlagState
  fields: string[]
}

/** A regie role that changed hands. */
export interface RegieChange {
  role: (typeof REGIE_ROLES)[number]
  before: RegieHolder | null
  after: RegieHolder | null
}

/** Changes between two plan versions; inner keys only when `after` has the inner part. */
export interface PlanDiff {
  goals: SectionDiff<Goal>
  agreements: SectionDiff<Agreement>
  actions: SectionDiff<Action>
  decisions: SectionDiff<Decision>
  escalations: SectionDiff<Escalation>
  results: ResultChange[]
  regie: RegieChange[]
  /** The GSaV phase, when it changed. */
  phase: { before: GsavPhase | null; after: GsavPhase } | null
  summaryChanged: boolean
  family?: SectionDiff<Person>
  sosMap?: SectionDiff<SosItem>
  dangerStatements?: SectionDiff<DangerStatement>
  safetyScale?: SectionDiff<SafetyScore>
  justice?: SectionDiff<JusticeItem>
  traumaScreening?: SectionDiff<TraumaScreening>
  innerActions?: SectionDiff<InnerAction>
  innerDecisions?: SectionDiff<InnerDecision>
  decisionMandates?: SectionDiff<DecisionMandate>
  redFlags?: RedFlagChange[]
  innerNotesChanged?: boolean
}

const META_FIELDS: ReadonlySet<string> = new Set(['id', 'author', 'organisation', 'meetingId', 'createdAt', 'updatedAt', 'updatedBy', 'updatedByOrganisation', 'removedAt', 'removedBy'])
const RED_FLAG_FIELDS = ['status', 'note', 'sourceOrganisation', 'date'] as const

/**
 * The fields that differ, sorted: with a kind's declared `views.diff` list only those (issue 19:
 * the declaration says what the diff compares); without, every content field.
 */
function changedFields(before: object, after: object, fields?: readonly string[]): string[] {
  const a = before as Record<string, unknown>
  const b = after as Record<string, unknown>
  if (fields) return fields.filter((k) => !isDeepEqual(a[k], b[k])).sort()
  const keys = new Set([...Object.keys(a), ...Object.keys(b)])
  return [...keys].filter((k) => !META_FIELDS.has(k) && !isDeepEqual(a[k], b[k])).sort()
}

/** Diffs one section's items (tombstoned ones included in the input); `fields`: the kind's declared diff fields. */
export function diffSection<T extends ItemMeta>(before: readonly T[], after: readonly T[], fields?: readonly string[]): SectionDiff<T> {
  const beforeById = new Map(before.map((item) => [item.id, item]))
  const afterIds = new Set(after.map((item) => item.id))
  const diff: SectionDiff<T> = { added: [], changed: [], removed: [] }
  for (const item of after) {
    const old = beforeById.get(item.id)
    const wasLive = old !== undefined && old.removedAt === null
    if (item.removedAt !== null) {
      if (wasLive) diff.removed.push(item)
    } else if (!wasLive) {
      diff.added.push(item)
    } else {
      const changed = changedFields(old, item, fields)
      if (changed.length > 0) diff.changed.push({ id: item.id, before: old, after: item, fields: changed })
    }
  }
  for (const old of before) {
    if (old.removedAt === null && !afterIds.has(old.id)) diff.removed.push(old)
  }
  diff.added.sort(compareItems)
  diff.removed.sort(compareItems)
  diff.changed.sort((x, y) => compareItems(x.after, y.after))
  return diff
}

function diffResults(before: PlanJson | null, after: PlanJson): ResultChange[] {
  const changes: ResultChange[] = []
  for (const key of RESULT_KEYS) {
    const a = after.results.find((r) => r.key === key)
    if (!a) continue
    const b = before?.results.find((r) => r.key === key)
    const fields = (['status', 'evidence'] as const).filter((f) => b?.[f] !== a[f])
    if (fields.length === 0) continue
    changes.push({ key, before: b ? { status: b.status, evidence: b.evidence } : null, after: { status: a.status, evidence: a.evidence }, fields })
  }
  return changes
}

function diffRegie(before: PlanJson | null, after: PlanJson): RegieChange[] {
  return REGIE_ROLES
    .map((role) => ({ role, before: before?.regie[role] ?? null, after: after.regie[role] }))
    .filter((change) => !isDeepEqual(change.before, change.after))
}

function flagState(flag: RedFlag): RedFlagState {
  const { key: _key, history: _history, ...state } = flag
  return state
}

function diffRedFlags(before: readonly RedFlag[], after: readonly RedFlag[]): RedFlagChange[] {
  const changes: RedFlagChange[] = []
  for (const flag of after) {
    const old = before.find((f) => f.key === flag.key)
    const fields = RED_FLAG_FIELDS.filter((f) => old === undefined || !isDeepEqual(old[f], flag[f]))
    if (old === undefined && flag.updatedAt === null) continue // a default flag appearing is no news
    if (fields.length > 0) changes.push({ key: flag.key, before: old ? flagState(old) : null, after: flagState(flag), fields: [...fields] })
  }
  return changes
}

/**
 * Diffs two plan versions. Pass `before` = null when the reader acknowledged no
 * version yet: everything live counts as added. The inner part is diffed when `after`
 * has it (a `before` without it counts as empty).
 */
export function diffPlans(before: PlanJson | null, after: PlanJson): PlanDiff {
  const goalsOf = (json: PlanJson | null): Goal[] => json?.results.flatMap((r) => r.goals) ?? []
  const diff: PlanDiff = {
    goals: diffSection(goalsOf(before), goalsOf(after), goalKind.views.diff),
    agreements: diffSection(before?.agreements ?? [], after.agreements, agreementKind.views.diff),
    actions: diffSection(before?.actions ?? [], after.actions, actionKind.views.diff),
    decisions: diffSection(before?.decisions ?? [], after.decisions, decisionKind.views.diff),
    escalations: diffSection(before?.regie.escalations ?? [], after.regie.escalations, escalationKind.views.diff),
    results: diffResults(before, after),
    regie: diffRegie(before, after),
    phase: before?.phase.current === after.phase.current ? null : { before: before?.phase.current ?? null, after: after.phase.current },
    summaryChanged: (before?.summaryText ?? '') !== after.summaryText,
  }
  if (!hasInnerPart(after)) return diff
  const old = before !== null && hasInnerPart(before) ? before : null
  return {
    ...diff,
    family: diffSection(old?.family ?? [], after.family, personKind.views.diff),
    sosMap: diffSection(old?.sosMap ?? [], after.sosMap, sosItemKind.views.diff),
    dangerStatements: diffSection(old?.dangerStatements ?? [], after.dangerStatements, dangerStatementKind.views.diff),
    safetyScale: diffSection(old?.safetyScale ?? [], after.safetyScale, safetyScoreKind.views.diff),
    justice: diffSection(old?.justice ?? [], after.justice, justiceItemKind.views.diff),
    traumaScreening: diffSection(old?.traumaScreening ?? [], after.traumaScreening, traumaScreeningKind.views.diff),
    innerActions: diffSection(old?.innerActions ?? [], after.innerActions, innerActionKind.views.diff),
    innerDecisions: diffSection(old?.innerDecisions ?? [], after.innerDecisions, innerDecisionKind.views.diff),
    decisionMandates: diffSection(old?.decisionMandates ?? [], after.decisionMandates, decisionMandateKind.views.diff),
    redFlags: diffRedFlags(old?.redFlags ?? [], after.redFlags),
    innerNotesChanged: (old?.innerNotesText ?? '') !== after.innerNotesText,
  }
}

/** Whether a diff shows no change at all. */
export function isEmptyPlanDiff(diff: PlanDiff): boolean {
  const sections: (SectionDiff<unknown> | undefined)[] = [
    diff.goals, diff.agreements, diff.actions, diff.decisions, diff.escalations,
    diff.family, diff.sosMap, diff.dangerStatements, diff.safetyScale, diff.justice, diff.traumaScreening,
    diff.innerActions, diff.innerDecisions, diff.decisionMandates,
  ]
  const isSectionEmpty = (s: SectionDiff<unknown> | undefined): boolean =>
    s === undefined || s.added.length + s.changed.length + s.removed.length === 0
  return sections.every(isSectionEmpty) && diff.results.length === 0 && diff.regie.length === 0 && diff.phase === null &&
    !diff.summaryChanged && (diff.redFlags?.length ?? 0) === 0 && diff.innerNotesChanged !== true
}
