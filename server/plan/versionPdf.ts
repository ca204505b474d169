/**
 * The PDF of an adopted version (pdfmake on the server, fonts embedded from the pdfmake
 * package, no HTML rendering: every plan text goes in as plain text, so markup in a
 * partner's text prints as the characters it is). What a professional files: case code,
 * version, adoption date and by whom, the reader's name, organisation and ring on every
 * page, the plan's sections as tables that break cleanly across pages, page numbers.
 * The inner part only when the reader may read it (`plan` is already ring-filtered).
 * Labels are Dutch: the document is filed in Dutch case files.
 */
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { Content, TDocumentDefinitions, TableCell } from 'pdfmake/interfaces'
import type { PlanJson } from '../../shared/plan'

const require = createRequire(import.meta.url)
const pdfmake = require('pdfmake') as {
  setFonts(f: unknown): void
  setUrlAccessPolicy(p: (url: string) => boolean): void
  setLocalAccessPolicy(p: (path: string) => boolean): void
  createPdf(def: TDocumentDefinitions): { getBuffer(): Promise<Buffer> }
}
const fontDir = join(dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto')
pdfmake.setFonts({
  Roboto: {
    normal: join(fontDir, 'Roboto-Regular.ttf'), bold: join(fontDir, 'Roboto-Medium.ttf'),
    italics: join(fontDir, 'Roboto-Italic.ttf'), bolditalics: join(fontDir, 'Roboto-MediumItalic.ttf'),
  },
})
// No remote resources, and no local files but the fonts.
pdfmake.setUrlAccessPolicy(() => false)
pdfmake.setLocalAccessPolicy((path) => path.startsWith(fontDir))

/** Who the PDF is for and what it is of. */
export interface VersionPdfMeta {
  caseCode: string
  caseTitle: string
  version: number
  adoptedAt: string
  adoptedBy: { name: string; organisation: string }
  meetingId: string | null
  /** The meeting that adopted it, with who the chair marked present (binnenring readers only). */
  meeting?: { title: string; attendance: { name: string; organisation: string; mandate: boolean }[] } | null
  reader: { name: string; organisation: string; ring: 'inner' | 'outer' }
}

/** The meeting lines: its title, and for the binnenring who attended (for the buitenring that is minimised away). */
function meetingContent(meta: VersionPdfMeta): Content[] {
  if (!meta.meeting) return []
  const lines: Content[] = [{ text: `Overleg: ${meta.meeting.title}.`, margin: [0, 0, 0, 2] }]
  if (meta.reader.ring !== 'inner') return lines
  const present = meta.meeting.attendance.map((a) => `${a.name} (${a.organisation})${a.mandate ? ', met mandaat' : ''}`)
  lines.push({ text: `Aanwezig: ${present.length > 0 ? present.join('; ') : 'niet vastgelegd'}.`, margin: [0, 0, 0, 4] })
  return lines
}

const RESULT_LABELS: Record<string, string> = {
  'direct-safety': 'Directe veiligheid', 'stable-safety': 'Stabiele veiligheid', recovery: 'Herstel van trauma en ontwikkeling', participation: 'Duurzame veiligheid en participatie',
}
const STATUS_LABELS: Record<string, string> = {
  open: 'open', 'in-progress': 'bezig', done: 'gedaan', blocked: 'geblokkeerd', cancelled: 'vervallen', achieved: 'behaald', 'at-risk': 'in gevaar', missed: 'gemist',
  proposed: 'voorgesteld', active: 'actief', broken: 'geschonden', ended: 'beëindigd',
}
const dateNl = (iso: string | null | undefined) => (iso ? new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso).toLocaleDateString('nl-NL', { timeZone: 'Europe/Amsterdam', day: 'numeric', month: 'long', year: 'numeric' }) : '–')
const label = (map: Record<string, string>, key: string) => map[key] ?? key

function table(headers: string[], rows: string[][], widths: (string | number)[]): Content {
  if (rows.length === 0) return { text: 'Geen.', italics: true, margin: [0, 0, 0, 8] }
  const body: TableCell[][] = [headers.map((h) => ({ text: h, bold: true })), ...rows.map((r) => r.map((c) => ({ text: c })))]
  return { table: { headerRows: 1, dontBreakRows: true, widths, body }, layout: 'lightHorizontalLines', margin: [0, 0, 0, 10] }
}

const heading = (text: string): Content => ({ text, style: 'h2', margin: [0, 10, 0, 4] })

function planContent(plan: PlanJson): Content[] {
  const out: Content[] = [heading('Situatie'), { text: plan.summaryText || '–', margin: [0, 0, 0, 8] }]
  out.push(heading('Resultaten en doelen'))
  for (const r of plan.results) {
    out.push({ text: `${label(RESULT_LABELS, r.key)}: ${label(STATUS_LABELS, r.status)}${r.deadlines ? `, uiterlijk ${dateNl(r.deadlines.due)}` : ''}`, bold: true, margin: [0, 4, 0, 2] })
    out.push(table(['Doel', 'Zichtbaar als', 'Status'], r.goals.filter((g) => !g.removedAt).map((g) => [g.text, g.observableFor || '–', label(STATUS_LABELS, g.status)]), ['*', '*', 60]))
  }
  out.push(heading('Veiligheidsafspraken'))
  out.push(table(['Afspraak', 'Gebonden', 'Controle', 'Vanaf', 'Status'], plan.agreements.filter((a) => !a.removedAt).map((a) => [a.text, a.boundParties.join(', '), a.checkedBy, dateNl(a.startDate), label(STATUS_LABELS, a.status)]), ['*', 70, 80, 70, 55]))
  out.push(heading('Acties'))
  out.push(table(['Wat', 'Eigenaar', 'Deadline', 'Status'], plan.actions.filter((a) => !a.removedAt).map((a) => [a.what, a.ownerPerson ? `${a.ownerOrganisation} (${a.ownerPerson})` : a.ownerOrganisation, dateNl(a.due), label(STATUS_LABELS, a.status)]), ['*', 110, 75, 60]))
  out.push(heading('Besluiten'))
  out.push(table(['Besluit', 'Soort', 'Voorzitter', 'Vastgelegd'], plan.decisions.filter((d) => !d.removedAt).map((d) => [d.text, d.type, d.chair ?? '–', dateNl(d.createdAt)]), ['*', 80, 90, 75]))
  out.push(heading('Regie'))
  const holder = (h: { organisation: string; person: string | null } | null) => (h ? (h.person ? `${h.organisation} (${h.person})` : h.organisation) : '–')
  out.push(table(['Rol', 'Wie'], [
    ['Casusregisseur', holder(plan.regie.casusregisseur)], ['Procesregisseur', holder(plan.regie.procesregisseur)],
    ['Verantwoordelijke partner', holder(plan.regie.responsiblePartner)], ['Doorzettingsmacht', holder(plan.regie.doorzettingsmacht)],
  ], [140, '*']))
  out.push(heading('GSaV-fase'), { text: `${plan.phase.current}${plan.phase.since ? ` sinds ${dateNl(plan.phase.since)}` : ''}`, margin: [0, 0, 0, 8] })
  return out
}

function innerContent(plan: PlanJson): Content[] {
  if (!plan.family) return []
  const out: Content[] = [{ text: 'Binnenring', style: 'h1', pageBreak: 'before', margin: [0, 0, 0, 6] }]
  out.push(heading('Gezin en netwerk'), table(['Voornaam', 'Rol', 'Leeftijd'], plan.family.filter((p) => !p.removedAt).map((p) => [p.firstName, p.role, p.age === null ? 'onbekend' : String(p.age)]), ['*', 100, 60]))
  out.push(heading('Rode vlaggen'), table(['Vlag', 'Status', 'Toelichting'], (plan.redFlags ?? []).filter((f) => f.status !== 'unknown').map((f) => [f.key, f.status, f.note || '–']), [130, 80, '*']))
  out.push(heading('Veiligheidsschaal'), table(['Partner', 'Score', 'Datum', 'Reden'], (plan.safetyScale ?? []).filter((s) => !s.removedAt).map((s) => [s.partner, String(s.score ?? '–'), dateNl(s.date), s.reason || '–']), [120, 40, 75, '*']))
  out.push(heading('Justitie en politie'), table(['Soort', 'Omschrijving', 'Datum'], (plan.justice ?? []).filter((j) => !j.removedAt).map((j) => [j.type, j.text, dateNl(j.date)]), [90, '*', 75]))
  out.push(...innerRecordsContent(plan))
  out.push(heading('Notities binnenring'), { text: plan.innerNotesText || '–' })
  return out
}

const mandateLine = (r: { mandatedPresent: string[]; dissent: { organisation: string; reason: string }[] }, present: string[] = []) => [
  present.length > 0 ? `Aanwezig: ${present.join(', ')}` : '',
  r.mandatedPresent.length > 0 ? `Met mandaat: ${r.mandatedPresent.join(', ')}` : '',
  ...r.dissent.map((d) => `Niet eens: ${d.organisation} (${d.reason})`),
].filter((line) => line !== '').join('\n') || '–'

/** The binnenring's actions and decisions, and who sat at the table for each plan decision: never in the buitenring's PDF. */
function innerRecordsContent(plan: PlanJson): Content[] {
  const decisionText = new Map(plan.decisions.map((d) => [d.id, d.text]))
  return [
    heading('Acties alleen binnenring'),
    table(['Wat', 'Eigenaar', 'Deadline', 'Status'], (plan.innerActions ?? []).filter((a) => !a.removedAt).map((a) => [a.what, a.ownerPerson ? `${a.ownerOrganisation} (${a.ownerPerson})` : a.ownerOrganisation, dateNl(a.due), label(STATUS_LABELS, a.status)]), ['*', 110, 75, 60]),
    heading('Besluiten alleen binnenring'),
    table(['Besluit', 'Soort', 'Voorzitter', 'Mandaat en afwijkende meningen'], (plan.innerDecisions ?? []).filter((d) => !d.removedAt).map((d) => [d.text, d.type, d.chair ?? '–', mandateLine(d)]), ['*', 70, 80, 150]),
    heading('Aanwezigheid, mandaat en afwijkende meningen bij besluiten'),
    table(['Besluit', 'Aanwezig, mandaat, afwijkend'], (plan.decisionMandates ?? []).filter((m) => !m.removedAt).map((m) => [decisionText.get(m.decisionId) ?? '(besluit niet in deze versie)', mandateLine(m, m.present)]), ['*', 220]),
  ]
}

/** Renders the PDF of a version for one reader. */
export async function renderVersionPdf(plan: PlanJson, meta: VersionPdfMeta): Promise<Buffer> {
  const ring = meta.reader.ring === 'inner' ? 'binnenring' : 'buitenring'
  const readerLine = `Voor ${meta.reader.name} (${meta.reader.organisation}), ${ring}`
  const def: TDocumentDefinitions = {
    pageSize: 'A4',
    pageMargins: [40, 60, 40, 50],
    info: { title: `${meta.caseCode} versie ${meta.version}`, subject: 'Vastgesteld gezinsplan (vertrouwelijk)' },
    header: () => ({
      columns: [{ text: `VERTROUWELIJK · ${meta.caseCode} · versie ${meta.version}`, bold: true }, { text: readerLine, alignment: 'right' }],
      margin: [40, 20, 40, 0], fontSize: 8,
    }),
    footer: (page: number, pages: number) => ({
      columns: [{ text: `Vastgesteld ${dateNl(meta.adoptedAt)}` }, { text: `Pagina ${page} van ${pages}`, alignment: 'right' }],
      margin: [40, 15, 40, 0], fontSize: 8,
    }),
    content: [
      { text: meta.caseTitle, style: 'h1' },
      { text: `Casus ${meta.caseCode}, versie ${meta.version}, vastgesteld op ${dateNl(meta.adoptedAt)} door ${meta.adoptedBy.name} (${meta.adoptedBy.organisation})${meta.meetingId ? '' : ', buiten een overleg'}.`, margin: [0, 2, 0, 2] },
      ...meetingContent(meta),
      { text: `${readerLine}. ${meta.reader.ring === 'inner' ? 'Dit document bevat ook het deel voor de binnenring.' : 'Het deel voor de binnenring staat hier niet in.'}`, italics: true, margin: [0, 0, 0, 8] },
      ...planContent(plan),
      ...innerContent(plan),
    ],
    styles: { h1: { fontSize: 16, bold: true }, h2: { fontSize: 12, bold: true } },
    defaultStyle: { font: 'Roboto', fontSize: 9.5 },
  }
  return pdfmake.createPdf(def).getBuffer()
}
