/**
 * The plan's sections in the version PDF, built from the item kinds' declarations: each
 * section prints the fields its kind's `views.pdf` names, in order, headed by the
 * catalogue's field labels; enum values print as the catalogue's value labels. A new
 * field or kind reaches the PDF through its declaration and the catalogue only.
 */
import type { Content, TableCell } from 'pdfmake/interfaces'
import { translate, type Locale } from '../../shared/i18n/catalogue'
import { fill, type PdfTexts } from '../../shared/i18n/pdfTexts'
import type { PlanJson } from '../../shared/plan'
import {
  actionKind, agreementKind, dangerStatementKind, decisionKind, decisionMandateKind, goalKind, innerActionKind, innerDecisionKind,
  justiceItemKind, personKind, phaseChangeKind, redFlagKind, regieKind, resultKind, safetyScoreKind, sosItemKind, traumaScreeningKind,
  type FieldType, type ItemKind,
} from '../../shared/plan/kinds'

/** The reader's language and how to print its dates. */
export interface PdfContext {
  locale: Locale
  t: PdfTexts
  date: (iso: string | null | undefined) => string
}

type Row = Readonly<Record<string, unknown>>
/** Per-field printing that needs more than the value (another item's text, a person's name). */
type Resolvers = Readonly<Record<string, (value: unknown, item: Row) => string>>

const heading = (text: string): Content => ({ text, style: 'h2', margin: [0, 10, 0, 4] })
const isDissent = (v: unknown): v is { organisation: string; reason: string } =>
  typeof v === 'object' && v !== null && 'organisation' in v && 'reason' in v
const isHolder = (v: unknown): v is { organisation: string; person: string | null } => typeof v === 'object' && v !== null && 'organisation' in v

/** The label of a kind's field. */
export function fieldLabel(kind: ItemKind, field: string, locale: Locale): string {
  return translate(locale, `${kind.labelKey}.fields.${field}`)
}

/** One field's value as the reader reads it: labels for enum values, dates in the reader's language. */
export function cellText(kind: ItemKind, field: string, value: unknown, ctx: PdfContext): string {
  const decl = kind.fields[field]
  if (value === null || value === undefined || value === '') return '–'
  if (decl?.type === 'enum' && typeof value === 'string') return translate(ctx.locale, `${kind.labelKey}.values.${field}.${value}`)
  if ((decl?.type === 'date' || decl?.type === 'dateTime') && typeof value === 'string') return ctx.date(value)
  if (Array.isArray(value)) {
    if (value.length === 0) return '–'
    return value.map((v) => (isDissent(v) ? fill(ctx.t.dissentLine, v) : String(v))).join(decl?.type === 'object' ? '\n' : ', ')
  }
  if (isHolder(value)) return value.person ? `${value.organisation} (${value.person})` : value.organisation
  return String(value)
}

/** Column widths by field type (points); long text and lists of dissent take the rest. */
const WIDTH: Partial<Record<FieldType, number>> = { date: 66, dateTime: 66, enum: 56, name: 90, nameList: 100, number: 40, link: 110 }

function table(headers: string[], rows: string[][], ctx: PdfContext, widths: (number | '*')[] = headers.map(() => '*')): Content {
  if (rows.length === 0) return { text: ctx.t.none, italics: true, margin: [0, 0, 0, 8] }
  const body: TableCell[][] = [headers.map((h) => ({ text: h, bold: true })), ...rows.map((r) => r.map((c) => ({ text: c })))]
  return { table: { headerRows: 1, dontBreakRows: true, widths, body }, layout: 'lightHorizontalLines', margin: [0, 0, 0, 10] }
}

/** The live items of a kind as a table of its `views.pdf` fields. */
export function kindTable(kind: ItemKind, items: readonly Row[], ctx: PdfContext, resolve: Resolvers = {}): Content {
  const fields = kind.views.pdf
  const live = items.filter((item) => !item.removedAt)
  const rows = live.map((item) => fields.map((f) => (resolve[f] ? resolve[f](item[f], item) : cellText(kind, f, item[f], ctx))))
  const widths = fields.map((f) => WIDTH[kind.fields[f]?.type ?? 'longText'] ?? '*')
  return table(fields.map((f) => fieldLabel(kind, f, ctx.locale)), rows, ctx, widths)
}

/** An action's owner: the organisation, with the person when one is named. */
const ownerWithPerson = (value: unknown, item: Row): string =>
  (typeof item.ownerPerson === 'string' && item.ownerPerson !== '' ? `${String(value)} (${item.ownerPerson})` : String(value))

function planPart(plan: PlanJson, ctx: PdfContext): Content[] {
  const s = ctx.t.sections
  const out: Content[] = [heading(s.summary), { text: plan.summaryText || '–', margin: [0, 0, 0, 8] }, heading(s.results)]
  for (const r of plan.results) {
    const due = r.deadlines ? fill(ctx.t.due, { date: ctx.date(r.deadlines.due) }) : ''
    out.push({ text: `${translate(ctx.locale, `kinds.result.values.key.${r.key}`)}: ${cellText(resultKind, 'status', r.status, ctx)}${due}`, bold: true, margin: [0, 4, 0, 2] })
    out.push(kindTable(goalKind, r.goals as unknown as Row[], ctx))
  }
  out.push(heading(s.agreements), kindTable(agreementKind, plan.agreements as unknown as Row[], ctx))
  out.push(heading(s.actions), kindTable(actionKind, plan.actions as unknown as Row[], ctx, { ownerOrganisation: ownerWithPerson }))
  out.push(heading(s.decisions), kindTable(decisionKind, plan.decisions as unknown as Row[], ctx))
  const regie = plan.regie as unknown as Row
  out.push(heading(s.regie), table([ctx.t.role, ctx.t.who], regieKind.views.pdf.map((role) => [fieldLabel(regieKind, role, ctx.locale), cellText(regieKind, role, regie[role], ctx)]), ctx, [140, '*']))
  const since = plan.phase.since ? fill(ctx.t.since, { date: ctx.date(plan.phase.since) }) : ''
  out.push(heading(s.phase), { text: `${ctx.t.currentPhase}: ${cellText(phaseChangeKind, 'to', plan.phase.current, ctx)}${since}`, margin: [0, 0, 0, 8] })
  return out
}

function innerPart(plan: PlanJson, ctx: PdfContext): Content[] {
  if (!plan.family) return []
  const s = ctx.t.sections
  const personName = new Map(plan.family.map((p) => [p.id, p.firstName]))
  const decisionText = new Map(plan.decisions.map((d) => [d.id, d.text]))
  const flagRows = (plan.redFlags ?? []).filter((f) => f.status !== 'unknown')
    .map((f) => [translate(ctx.locale, `kinds.redFlag.values.key.${f.key}`), ...redFlagKind.views.pdf.map((field) => cellText(redFlagKind, field, (f as unknown as Row)[field], ctx))])
  return [
    { text: ctx.t.innerPart, style: 'h1', pageBreak: 'before', margin: [0, 0, 0, 6] },
    heading(s.family), kindTable(personKind, plan.family as unknown as Row[], ctx, { age: (v) => (typeof v === 'number' ? String(v) : ctx.t.unknown) }),
    heading(s.sosMap), kindTable(sosItemKind, (plan.sosMap ?? []) as unknown as Row[], ctx),
    heading(s.dangerStatements), kindTable(dangerStatementKind, (plan.dangerStatements ?? []) as unknown as Row[], ctx),
    heading(s.redFlags), table([translate(ctx.locale, 'kinds.redFlag.name'), ...redFlagKind.views.pdf.map((f) => fieldLabel(redFlagKind, f, ctx.locale))], flagRows, ctx, [130, 80, '*']),
    heading(s.safetyScale), kindTable(safetyScoreKind, (plan.safetyScale ?? []) as unknown as Row[], ctx),
    heading(s.justice), kindTable(justiceItemKind, (plan.justice ?? []) as unknown as Row[], ctx),
    heading(s.traumaScreening), kindTable(traumaScreeningKind, (plan.traumaScreening ?? []) as unknown as Row[], ctx, { personId: (v) => personName.get(String(v)) ?? '–' }),
    heading(s.innerActions), kindTable(innerActionKind, (plan.innerActions ?? []) as unknown as Row[], ctx, { ownerOrganisation: ownerWithPerson }),
    heading(s.innerDecisions), kindTable(innerDecisionKind, (plan.innerDecisions ?? []) as unknown as Row[], ctx),
    heading(s.decisionMandates),
    kindTable(decisionMandateKind, (plan.decisionMandates ?? []) as unknown as Row[], ctx, { decisionId: (v) => decisionText.get(String(v)) ?? ctx.t.decisionNotInVersion }),
    heading(s.innerNotes), { text: plan.innerNotesText || '–' },
  ]
}

/** The plan part and, when the plan JSON carries it, the inner part. */
export function pdfSections(plan: PlanJson, ctx: PdfContext): Content[] {
  return [...planPart(plan, ctx), ...innerPart(plan, ctx)]
}
