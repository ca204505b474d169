/**
 * Checks a plan JSON (from `planToJson`, a stored version, or any other source) and
 * lists what is wrong: malformed items, an action without owner organisation or due
 * date, a score outside 0–10, references to goals, decisions or persons that do not
 * exist. Server and client both use it; the client shows the problems at their path.
 * Tombstoned items are skipped: they are history, not plan.
 */
import { z } from 'zod'
import { formatProblemPath, joinProblemPath, type PlanProblem } from './errors'
import { redFlagStateShape } from './innerItems'
import type { SectionName } from './layout'
import { GSAV_PHASES, RED_FLAG_KEYS, RESULT_KEYS, RESULT_STATUSES, idSchema, isoDateSchema, isoDateTimeSchema, itemMetaShape, redFlagKeySchema, textSchema, type FieldShape, type FieldsOf } from './model'
import { INNER_JSON_KEYS } from './planJson'
import { phaseChangeSchema, regieMetaShape, regieShape } from './planItems'
import { SECTION_SPECS } from './sections'

/** A live item that passed its schema, with where it sits in the JSON. */
interface LiveItem {
  path: string
  item: Record<string, unknown>
}

/** Problems found so far, and the ids seen (to report duplicates). */
interface Context {
  problems: PlanProblem[]
  ids: Set<string>
}

const planTopShape = {
  schemaVersion: z.int().min(0),
  caseStartDate: isoDateSchema.nullable(),
  results: z.array(z.unknown()),
  agreements: z.array(z.unknown()),
  actions: z.array(z.unknown()),
  decisions: z.array(z.unknown()),
  regie: z.looseObject({ ...regieShape, ...regieMetaShape, escalations: z.array(z.unknown()) }),
  phase: z.strictObject({
    current: z.enum(GSAV_PHASES),
    since: isoDateTimeSchema.nullable(),
    decisionId: idSchema.nullable(),
    history: z.array(phaseChangeSchema),
  }),
  summaryText: z.string(),
}
const PLAN_TOP_FALLBACK: FieldsOf<typeof planTopShape> = {
  schemaVersion: 0, caseStartDate: null, results: [], agreements: [], actions: [], decisions: [],
  regie: { casusregisseur: null, procesregisseur: null, responsiblePartner: null, doorzettingsmacht: null, updatedAt: null, updatedBy: null, escalations: [] },
  phase: { current: 'veiligheid', since: null, decisionId: null, history: [] },
  summaryText: '',
}

const innerTopShape = {
  family: z.array(z.unknown()),
  sosMap: z.array(z.unknown()),
  dangerStatements: z.array(z.unknown()),
  redFlags: z.array(z.unknown()),
  safetyScale: z.array(z.unknown()),
  justice: z.array(z.unknown()),
  traumaScreening: z.array(z.unknown()),
  innerActions: z.array(z.unknown()),
  innerDecisions: z.array(z.unknown()),
  decisionMandates: z.array(z.unknown()),
  innerNotesText: z.string(),
}
const INNER_TOP_FALLBACK: FieldsOf<typeof innerTopShape> = {
  family: [], sosMap: [], dangerStatements: [], redFlags: [], safetyScale: [], justice: [], traumaScreening: [],
  innerActions: [], innerDecisions: [], decisionMandates: [], innerNotesText: '',
}

const resultSchema = z.looseObject({ key: z.enum(RESULT_KEYS), status: z.enum(RESULT_STATUSES), evidence: textSchema, goals: z.array(z.unknown()) })
const redFlagSchema = z.strictObject({ key: redFlagKeySchema, ...redFlagStateShape, history: z.array(z.strictObject(redFlagStateShape)) })

const itemSchemas = new Map<SectionName, z.ZodType<Record<string, unknown>>>()
function itemSchema(section: SectionName): z.ZodType<Record<string, unknown>> {
  let schema = itemSchemas.get(section)
  if (!schema) {
    schema = z.strictObject({ ...itemMetaShape, ...SECTION_SPECS[section].shape })
    itemSchemas.set(section, schema)
  }
  return schema
}

function report(ctx: Context, prefix: string, error: z.ZodError): void {
  for (const issue of error.issues) ctx.problems.push({ path: joinProblemPath(prefix, formatProblemPath(issue.path)), message: issue.message })
}

/** Parses the top-level keys one by one, so one malformed key does not hide the others' problems. */
function parseTop<S extends FieldShape>(ctx: Context, shape: S, fallback: FieldsOf<S>, record: Readonly<Record<string, unknown>>): FieldsOf<S> {
  const out: Partial<FieldsOf<S>> = {}
  for (const key of Object.keys(shape) as (keyof S & string)[]) {
    const parsed = shape[key]!.safeParse(record[key])
    if (parsed.success) out[key] = parsed.data as FieldsOf<S>[typeof key]
    else {
      report(ctx, key, parsed.error)
      out[key] = fallback[key]
    }
  }
  return out as FieldsOf<S>
}

function isRemoved(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as Record<string, unknown>).removedAt != null
}

/** Validates one section's items; returns the live ones that passed. */
function checkItems(ctx: Context, section: SectionName, items: readonly unknown[], path: string): LiveItem[] {
  const live: LiveItem[] = []
  items.forEach((value, i) => {
    const itemPath = `${path}[${i}]`
    const id = typeof value === 'object' && value !== null ? (value as Record<string, unknown>).id : undefined
    if (typeof id === 'string') {
      if (ctx.ids.has(id)) ctx.problems.push({ path: `${itemPath}.id`, message: 'is used by another item' })
      ctx.ids.add(id)
    }
    if (isRemoved(value)) return
    const parsed = itemSchema(section).safeParse(value)
    if (!parsed.success) return report(ctx, itemPath, parsed.error)
    const problems = SECTION_SPECS[section].check(parsed.data)
    for (const p of problems) ctx.problems.push({ path: joinProblemPath(itemPath, p.path), message: p.message })
    if (problems.length === 0) live.push({ path: itemPath, item: parsed.data })
  })
  return live
}

function liveIds(items: readonly LiveItem[]): Set<string> {
  return new Set(items.map((x) => x.item.id as string))
}

function checkRef(ctx: Context, ids: ReadonlySet<string>, value: unknown, path: string, what: string): void {
  if (typeof value === 'string' && !ids.has(value)) ctx.problems.push({ path, message: `refers to no live ${what}` })
}

function checkResults(ctx: Context, results: readonly unknown[]): LiveItem[] {
  const goals: LiveItem[] = []
  const seen = new Set<string>()
  results.forEach((value, i) => {
    const parsed = resultSchema.safeParse(value)
    if (!parsed.success) return report(ctx, `results[${i}]`, parsed.error)
    const { key } = parsed.data
    if (seen.has(key)) ctx.problems.push({ path: `results[${i}].key`, message: 'appears twice' })
    seen.add(key)
    if (key !== RESULT_KEYS[i]) ctx.problems.push({ path: `results[${i}].key`, message: 'is out of the standard order' })
    for (const goal of checkItems(ctx, 'goals', parsed.data.goals, `results[${i}].goals`)) {
      if (goal.item.resultKey !== key) ctx.problems.push({ path: `${goal.path}.resultKey`, message: 'differs from the result it is listed under' })
      goals.push(goal)
    }
  })
  for (const key of RESULT_KEYS) if (!seen.has(key)) ctx.problems.push({ path: 'results', message: `lacks the result ${key}` })
  return goals
}

/** Validates the plan part and returns the live items by section, for cross-part checks. */
function checkPlanPart(ctx: Context, top: FieldsOf<typeof planTopShape>): Partial<Record<SectionName, LiveItem[]>> {
  const goals = checkResults(ctx, top.results)
  const agreements = checkItems(ctx, 'agreements', top.agreements, 'agreements')
  const actions = checkItems(ctx, 'actions', top.actions, 'actions')
  const decisions = checkItems(ctx, 'decisions', top.decisions, 'decisions')
  const escalations = checkItems(ctx, 'escalations', top.regie.escalations, 'regie.escalations')
  const goalIds = liveIds(goals)
  for (const { path, item } of actions) checkRef(ctx, goalIds, item.goalId, `${path}.goalId`, 'goal')
  for (const { path, item } of escalations) {
    checkRef(ctx, liveIds(actions), item.actionId, `${path}.actionId`, 'action')
    checkRef(ctx, liveIds(decisions), item.outcomeDecisionId, `${path}.outcomeDecisionId`, 'decision')
  }
  const phaseDecisions = new Set(decisions.filter((d) => d.item.type === 'phase').map((d) => d.item.id as string))
  checkRef(ctx, phaseDecisions, top.phase.decisionId, 'phase.decisionId', 'phase decision')
  return { goals, agreements, actions, decisions, escalations }
}

function checkRedFlags(ctx: Context, flags: readonly unknown[]): void {
  const seen = new Set<string>()
  flags.forEach((value, i) => {
    const parsed = redFlagSchema.safeParse(value)
    if (!parsed.success) return report(ctx, `redFlags[${i}]`, parsed.error)
    if (seen.has(parsed.data.key)) ctx.problems.push({ path: `redFlags[${i}].key`, message: 'appears twice' })
    seen.add(parsed.data.key)
  })
  for (const key of RED_FLAG_KEYS) if (!seen.has(key)) ctx.problems.push({ path: 'redFlags', message: `lacks the red flag ${key}` })
}

function checkInnerPart(ctx: Context, top: FieldsOf<typeof innerTopShape>, plan: Partial<Record<SectionName, LiveItem[]>>): void {
  const family = checkItems(ctx, 'family', top.family, 'family')
  const personIds = liveIds(family)
  for (const { path, item } of family) {
    (item.relations as { personId: string }[]).forEach((r, i) => checkRef(ctx, personIds, r.personId, `${path}.relations[${i}].personId`, 'person'))
  }
  const sosMap = checkItems(ctx, 'sosMap', top.sosMap, 'sosMap')
  const dangerStatements = checkItems(ctx, 'dangerStatements', top.dangerStatements, 'dangerStatements')
  const goalIds = liveIds(plan.goals ?? [])
  for (const { path, item } of dangerStatements) {
    (item.goalIds as string[]).forEach((id, i) => checkRef(ctx, goalIds, id, `${path}.goalIds[${i}]`, 'goal'))
  }
  checkRedFlags(ctx, top.redFlags)
  const safetyScale = checkItems(ctx, 'safetyScale', top.safetyScale, 'safetyScale')
  const justice = checkItems(ctx, 'justice', top.justice, 'justice')
  const screenings = checkItems(ctx, 'traumaScreening', top.traumaScreening, 'traumaScreening')
  const screened = new Set<string>()
  for (const { path, item } of screenings) {
    checkRef(ctx, personIds, item.personId, `${path}.personId`, 'person')
    if (screened.has(item.personId as string)) ctx.problems.push({ path: `${path}.personId`, message: 'has a second screening record' })
    screened.add(item.personId as string)
  }
  const innerActions = checkItems(ctx, 'innerActions', top.innerActions, 'innerActions')
  for (const { path, item } of innerActions) checkRef(ctx, goalIds, item.goalId, `${path}.goalId`, 'goal')
  const innerDecisions = checkItems(ctx, 'innerDecisions', top.innerDecisions, 'innerDecisions')
  const mandates = checkItems(ctx, 'decisionMandates', top.decisionMandates, 'decisionMandates')
  const decisionIds = liveIds([...(plan.decisions ?? []), ...innerDecisions])
  for (const { path, item } of mandates) checkRef(ctx, decisionIds, item.decisionId, `${path}.decisionId`, 'decision')
  const innerIds = liveIds([...family, ...sosMap, ...dangerStatements, ...safetyScale, ...justice, ...screenings, ...innerActions, ...innerDecisions])
  for (const items of [plan.goals, plan.agreements, plan.actions, plan.decisions]) {
    for (const { path, item } of items ?? []) {
      (item.innerRefs as string[]).forEach((id, i) => checkRef(ctx, innerIds, id, `${path}.innerRefs[${i}]`, 'inner item'))
    }
  }
}

/**
 * Lists the problems of a plan JSON; an empty list means valid. The inner part is
 * checked when any of its keys is present (then all must be). References from the
 * inner part to goals, and from plan items to inner items, are checked only when both
 * parts are present.
 * @returns problems with a path such as `actions[2].due`, in document order.
 */
export function validatePlanJson(json: unknown): PlanProblem[] {
  const ctx: Context = { problems: [], ids: new Set() }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return [{ path: '', message: 'must be an object' }]
  const record = json as Record<string, unknown>
  const plan = checkPlanPart(ctx, parseTop(ctx, planTopShape, PLAN_TOP_FALLBACK, record))
  if (!INNER_JSON_KEYS.some((key) => record[key] !== undefined)) return ctx.problems
  checkInnerPart(ctx, parseTop(ctx, innerTopShape, INNER_TOP_FALLBACK, record), plan)
  return ctx.problems
}
