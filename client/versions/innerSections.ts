/**
 * The inner part of a version (binnenring only: family, SoS map, danger statements, red
 * flags, safety scale, justice, trauma screening, notes) as sections for the read-only
 * view. Empty when the reader's version has no inner part.
 */
import { hasInnerPart, type DecisionMandate, type PlanJson, type DangerStatement, type JusticeItem, type Person, type RedFlag, type RedFlagState, type SafetyScore, type SosItem, type TraumaScreening } from '../../shared/plan'
import { describeAction, describeDecision, proseSection, type VersionInput } from './planSections'
import { buildRows, withBefore, type ItemRow, type ItemText, type SectionView, type VersionText } from './versionRows'

function describePerson(p: Person, x: VersionText): ItemText {
  return {
    title: p.firstName,
    details: [
      { label: x.t('inner.person.role'), value: x.t(`inner.person.roles.${p.role}`) },
      { label: x.t('inner.person.age'), value: p.age === null ? x.t('inner.person.ageUnknown') : String(p.age) },
    ],
  }
}

function describeSos(s: SosItem, x: VersionText): ItemText {
  return { title: s.text, details: [{ label: x.t('inner.sos.type'), value: x.t(`inner.sos.types.${s.type}`) }] }
}

function describeDanger(d: DangerStatement, x: VersionText): ItemText {
  return {
    title: d.behaviour,
    details: [
      { label: x.t('inner.danger.whoWorries'), value: d.whoWorries.join(', ') },
      { label: x.t('inner.danger.ifNothingChanges'), value: d.ifNothingChanges },
    ],
  }
}

function describeScore(s: SafetyScore, x: VersionText): ItemText {
  return {
    title: `${s.partner}: ${s.score === null ? x.t('versions.plan.none') : x.t('inner.scale.scoreOf', { score: s.score })}`,
    details: [
      { label: x.t('inner.scale.date'), value: x.formatDate(s.date) },
      { label: x.t('inner.scale.reason'), value: s.reason },
      { label: x.t('inner.scale.addsPoint'), value: s.addsPoint },
    ],
  }
}

function describeJustice(j: JusticeItem, x: VersionText): ItemText {
  return {
    title: j.text,
    details: [
      { label: x.t('inner.justice.type'), value: x.t(`inner.justice.types.${j.type}`) },
      { label: x.t('inner.justice.date'), value: x.formatDate(j.date) },
    ],
  }
}

function describeTrauma(s: TraumaScreening, persons: readonly Person[], x: VersionText): ItemText {
  const notYet = x.t('inner.trauma.notYet')
  return {
    title: persons.find((p) => p.id === s.personId)?.firstName ?? x.t('versions.plan.person'),
    details: [
      { label: x.t('inner.trauma.offeredOn'), value: x.formatDate(s.offeredOn) || notYet },
      { label: x.t('inner.trauma.doneOn'), value: x.formatDate(s.doneOn) || notYet },
      { label: x.t('inner.trauma.treatmentStartedOn'), value: x.formatDate(s.treatmentStartedOn) || notYet },
      { label: x.t('inner.trauma.note'), value: s.note },
    ],
  }
}

function describeFlag(key: string, state: RedFlagState, x: VersionText): ItemText {
  const flagKey = `inner.redFlag.flags.${key}`
  const title = x.t(flagKey) === flagKey ? key : x.t(flagKey)
  return {
    title,
    details: [
      { label: x.t('inner.redFlag.status'), value: x.t(`inner.redFlag.statuses.${state.status}`) },
      { label: x.t('versions.plan.redFlagNote'), value: state.note },
      { label: x.t('inner.redFlag.recorded'), value: [state.sourceOrganisation ?? '', x.formatDate(state.date)].filter((v) => v !== '').join(', ') },
    ],
  }
}

function redFlagSection(flags: readonly RedFlag[], input: VersionInput, x: VersionText): SectionView {
  const items = flags.map((flag): ItemRow => {
    const now = describeFlag(flag.key, flag, x)
    const change = input.diff?.redFlags?.find((c) => c.key === flag.key)
    if (!change) return { id: flag.key, ...now, mark: null, children: [] }
    if (!change.before) return { id: flag.key, ...now, mark: 'changed', children: [] }
    return { id: flag.key, ...withBefore(now, describeFlag(flag.key, change.before, x)), mark: 'changed', children: [] }
  })
  return { key: 'red-flags', heading: x.t('plan.sections.red-flags'), items, removed: [] }
}

/** Who sat at the table for a plan decision: the decision's text as title (binnenring only). */
function describeMandate(m: DecisionMandate, plan: PlanJson, x: VersionText): ItemText {
  return {
    title: plan.decisions.find((d) => d.id === m.decisionId)?.text ?? x.t('versions.plan.decisionGone'),
    details: [
      { label: x.t('plan.decision.present'), value: m.present.join(', ') },
      { label: x.t('plan.decision.mandatedPresent'), value: m.mandatedPresent.join(', ') },
      { label: x.t('versions.plan.dissent'), value: m.dissent.map((s) => `${s.organisation}: ${s.reason}`).join('\n') },
    ],
  }
}

/** The inner part of a version as sections; [] when the version has none for this reader. */
export function buildInnerSections(input: VersionInput, x: VersionText): SectionView[] {
  const { plan, diff, before } = input
  if (!hasInnerPart(plan)) return []
  const heading = (key: string) => x.t(`plan.sections.${key}`)
  return [
    { key: 'family', heading: heading('family'), ...buildRows(plan.family, diff?.family, (p) => describePerson(p, x), x) },
    { key: 'sos', heading: heading('sos'), ...buildRows(plan.sosMap, diff?.sosMap, (s) => describeSos(s, x), x) },
    { key: 'danger', heading: heading('danger'), ...buildRows(plan.dangerStatements, diff?.dangerStatements, (d) => describeDanger(d, x), x) },
    redFlagSection(plan.redFlags, input, x),
    { key: 'safety-scale', heading: heading('safety-scale'), ...buildRows(plan.safetyScale, diff?.safetyScale, (s) => describeScore(s, x), x) },
    { key: 'justice', heading: heading('justice'), ...buildRows(plan.justice, diff?.justice, (j) => describeJustice(j, x), x) },
    { key: 'trauma', heading: heading('trauma'), ...buildRows(plan.traumaScreening, diff?.traumaScreening, (s) => describeTrauma(s, plan.family, x), x) },
    { key: 'inner-actions', heading: heading('inner-actions'), ...buildRows(plan.innerActions, diff?.innerActions, (a) => describeAction(a, plan, x), x) },
    { key: 'inner-decisions', heading: heading('inner-decisions'), ...buildRows(plan.innerDecisions, diff?.innerDecisions, (d) => describeDecision(d, x), x) },
    { key: 'decision-mandates', heading: heading('decision-mandates'), ...buildRows(plan.decisionMandates, diff?.decisionMandates, (m) => describeMandate(m, plan, x), x) },
    proseSection('inner-notes', heading('inner-notes'), plan.innerNotesText, before?.innerNotesText ?? null, diff?.innerNotesChanged === true, x),
  ]
}
