/**
 * The shared part of a version (summary, results with goals, agreements, actions,
 * decisions, escalations, regie, phase) as sections for the read-only view, marked
 * against the diff from the version the reader last acknowledged.
 */
import { REGIE_ROLES, type Action, type Agreement, type Decision, type Escalation, type Goal, type PlanDiff, type PlanJson, type ResultJson } from '../../shared/plan'
import { actionKind } from '../../shared/plan/kinds/action'
import { describeKindItem } from './kindRows'
import { buildRows, withBefore, type ItemRow, type ItemText, type SectionView, type VersionText } from './versionRows'

/** The plan shown, the diff (null: nothing marked) and the older plan for old prose. */
export interface VersionInput {
  plan: PlanJson
  diff: PlanDiff | null
  before: PlanJson | null
}

function describeGoal(g: Goal, x: VersionText): ItemText {
  return {
    title: g.text,
    details: [
      { label: x.t('plan.goal.observableFor'), value: g.observableFor },
      { label: x.t('plan.goal.status'), value: x.t(`plan.result.status.${g.status}`) },
      { label: x.t('plan.goal.evidence'), value: g.evidence },
    ],
  }
}

function describeResult(r: { key: ResultJson['key']; status: ResultJson['status']; evidence: string }, due: string | undefined, x: VersionText): ItemText {
  return {
    title: x.t(`plan.result.keys.${r.key}`),
    details: [
      { label: x.t('plan.result.statusLabel'), value: x.t(`plan.result.status.${r.status}`) },
      { label: x.t('plan.result.evidence'), value: r.evidence },
      { label: x.t('plan.result.due'), value: x.formatDate(due) },
    ],
  }
}

function describeAgreement(a: Agreement, x: VersionText): ItemText {
  return {
    title: a.text,
    details: [
      { label: x.t('plan.agreement.boundParties'), value: a.boundParties.join(', ') },
      { label: x.t('plan.agreement.checkedBy'), value: a.checkedBy },
      { label: x.t('plan.agreement.checkMethod'), value: a.checkMethod },
      { label: x.t('plan.agreement.ifBroken'), value: a.ifBroken },
      { label: x.t('plan.agreement.startDate'), value: x.formatDate(a.startDate) },
      { label: x.t('plan.agreement.reviewDate'), value: x.formatDate(a.reviewDate) },
      { label: x.t('plan.agreement.status'), value: x.t(`plan.agreement.statuses.${a.status}`) },
    ],
  }
}

/** An action's row (plan or binnenring-only): its declared fields, and what it is linked to. */
export function describeAction(a: Action, plan: PlanJson, x: VersionText): ItemText {
  const goal = plan.results.flatMap((r) => r.goals).find((g) => g.id === a.goalId)
  const link = goal ? goal.text : a.resultKey ? x.t(`plan.result.keys.${a.resultKey}`) : ''
  const item = describeKindItem(actionKind, a, x, () => link)
  return { ...item, details: [...item.details, { label: x.t('versions.plan.linkedTo'), value: link }] }
}

/** A decision's row (plan or binnenring-only; a plan decision names nobody, so its mandate lines stay empty). */
export function describeDecision(d: Decision, x: VersionText): ItemText {
  return {
    title: d.text,
    details: [
      { label: x.t('plan.decision.type'), value: x.t(`plan.decision.types.${d.type}`) },
      { label: x.t('plan.decision.chair'), value: d.chair ?? '' },
      { label: x.t('plan.decision.mandatedPresent'), value: d.mandatedPresent.join(', ') },
      { label: x.t('versions.plan.dissent'), value: d.dissent.map((s) => `${s.organisation}: ${s.reason}`).join('\n') },
    ],
  }
}

function describeEscalation(e: Escalation, x: VersionText): ItemText {
  return {
    title: e.issue,
    details: [
      { label: x.t('plan.escalation.raisedBy'), value: e.raisedBy },
      { label: x.t('plan.escalation.raisedTo'), value: e.raisedTo },
      { label: x.t('plan.escalation.due'), value: x.formatDate(e.due) },
      { label: x.t('plan.escalation.outcome'), value: e.outcome },
    ],
  }
}

/** A prose text as one item, marked changed with the old text when it changed. */
export function proseSection(key: string, heading: string, now: string, old: string | null, isChanged: boolean, x: VersionText): SectionView {
  const title = now.trim() === '' ? x.t('versions.plan.noSummary') : now
  const row: ItemRow = { id: key, title, details: [], mark: isChanged ? 'changed' : null, children: [] }
  if (isChanged && old !== null && old !== now) row.beforeTitle = old.trim() === '' ? x.t('versions.plan.none') : old
  return { key, heading, items: [row], removed: [] }
}

function resultsSection({ plan, diff }: VersionInput, x: VersionText): SectionView {
  const removed: ItemRow[] = []
  const items = plan.results.map((r): ItemRow => {
    const change = diff?.results.find((c) => c.key === r.key)
    const now = describeResult(r, r.deadlines?.due, x)
    const head = change?.before ? { ...withBefore(now, describeResult({ key: r.key, ...change.before }, r.deadlines?.due, x)), mark: 'changed' as const } : { ...now, mark: change ? ('changed' as const) : null }
    const goalDiff = diff ? { ...diff.goals, removed: diff.goals.removed.filter((g) => g.resultKey === r.key) } : undefined
    const goals = buildRows(r.goals, goalDiff, (g) => describeGoal(g, x), x)
    removed.push(...goals.removed)
    return { id: r.key, ...head, children: goals.items }
  })
  return { key: 'results', heading: x.t('plan.sections.results'), items, removed }
}

function regieSection({ plan, diff }: VersionInput, x: VersionText): SectionView {
  const holder = (h: PlanJson['regie']['casusregisseur']) => (h ? (h.person ? `${h.organisation} (${h.person})` : h.organisation) : x.t('versions.plan.unassigned'))
  const items = REGIE_ROLES.map((role): ItemRow => {
    const now: ItemText = { title: x.t(`plan.regie.roles.${role}`), details: [{ label: x.t('plan.regie.formTitle'), value: holder(plan.regie[role]) }] }
    const change = diff?.regie.find((c) => c.role === role)
    if (!change) return { id: role, ...now, mark: null, children: [] }
    const old: ItemText = { title: now.title, details: [{ label: now.details[0]!.label, value: holder(change.before) }] }
    return { id: role, ...withBefore(now, old), mark: 'changed', children: [] }
  })
  return { key: 'regie', heading: x.t('plan.sections.regie'), items, removed: [] }
}

function phaseSection({ plan, diff }: VersionInput, x: VersionText): SectionView {
  const since = plan.phase.since ? x.formatMoment(plan.phase.since) : x.t('versions.plan.phaseInitial')
  const now: ItemText = { title: x.t(`plan.phase.phases.${plan.phase.current}`), details: [{ label: x.t('versions.plan.phaseSince'), value: since }] }
  const before = diff?.phase?.before
  const row: ItemRow = before
    ? { id: 'phase', ...withBefore(now, { title: x.t(`plan.phase.phases.${before}`), details: now.details }), mark: 'changed', children: [] }
    : { id: 'phase', ...now, mark: diff?.phase ? 'changed' : null, children: [] }
  return { key: 'phase', heading: x.t('plan.sections.phase'), items: [row], removed: [] }
}

/** The shared part of a version as sections, in the plan page's order. */
export function buildPlanSections(input: VersionInput, x: VersionText): SectionView[] {
  const { plan, diff, before } = input
  return [
    proseSection('summary', x.t('plan.sections.summary'), plan.summaryText, before?.summaryText ?? null, diff?.summaryChanged === true, x),
    resultsSection(input, x),
    { key: 'agreements', heading: x.t('plan.sections.agreements'), ...buildRows(plan.agreements, diff?.agreements, (a) => describeAgreement(a, x), x) },
    { key: 'actions', heading: x.t('plan.sections.actions'), ...buildRows(plan.actions, diff?.actions, (a) => describeAction(a, plan, x), x) },
    { key: 'decisions', heading: x.t('plan.sections.decisions'), ...buildRows(plan.decisions, diff?.decisions, (d) => describeDecision(d, x), x) },
    regieSection(input, x),
    { key: 'escalations', heading: x.t('plan.escalation.heading'), ...buildRows(plan.regie.escalations, diff?.escalations, (e) => describeEscalation(e, x), x) },
    phaseSection(input, x),
  ]
}
