/**
 * The PDF of an adopted version (pdfmake on the server, fonts embedded from the pdfmake
 * package, no HTML rendering: every plan text goes in as plain text, so markup in a
 * partner's text prints as the characters it is). What a professional files: case code,
 * version, adoption date and by whom, the reader's name, organisation and ring on every
 * page, the plan's sections as tables that break cleanly across pages, page numbers.
 * The inner part only when the reader may read it (`plan` is already ring-filtered).
 * In the reader's language (Dutch by default): every field and enum value label comes
 * from the shared catalogue (shared/i18n), and which fields each section prints comes
 * from the item kinds' declarations (`views.pdf`), so the PDF never prints a raw key.
 */
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces'
import type { Locale } from '../../shared/i18n/catalogue'
import { fill, pdfTexts } from '../../shared/i18n/pdfTexts'
import type { PlanJson } from '../../shared/plan'
import { pdfSections, type PdfContext } from './versionPdfSections'

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
  /** The reader's language; Dutch when absent. */
  locale?: Locale
}

/** The meeting lines: its title, and for the binnenring who attended (for the buitenring that is minimised away). */
function meetingContent(meta: VersionPdfMeta, ctx: PdfContext): Content[] {
  if (!meta.meeting) return []
  const t = ctx.t
  const lines: Content[] = [{ text: fill(t.meeting, { title: meta.meeting.title }), margin: [0, 0, 0, 2] }]
  if (meta.reader.ring !== 'inner') return lines
  const present = meta.meeting.attendance.map((a) => `${a.name} (${a.organisation})${a.mandate ? t.withMandate : ''}`)
  lines.push({ text: fill(t.present, { names: present.length > 0 ? present.join('; ') : t.notRecorded }), margin: [0, 0, 0, 4] })
  return lines
}

/** The file name of a version's PDF in the reader's language. */
export function versionPdfFilename(caseCode: string, version: number, locale: Locale = 'nl'): string {
  return fill(pdfTexts(locale).filename, { code: caseCode, version })
}

/** Renders the PDF of a version for one reader, in the reader's language. */
export async function renderVersionPdf(plan: PlanJson, meta: VersionPdfMeta): Promise<Buffer> {
  const locale = meta.locale ?? 'nl'
  const t = pdfTexts(locale)
  const ctx: PdfContext = {
    locale, t,
    date: (iso) => (iso ? new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso).toLocaleDateString(locale === 'en' ? 'en-GB' : 'nl-NL', { timeZone: 'Europe/Amsterdam', day: 'numeric', month: 'long', year: 'numeric' }) : '–'),
  }
  const ring = meta.reader.ring === 'inner' ? t.ringInner : t.ringOuter
  const readerLine = fill(t.readerLine, { name: meta.reader.name, organisation: meta.reader.organisation, ring })
  const numbers = { code: meta.caseCode, version: meta.version }
  const def: TDocumentDefinitions = {
    pageSize: 'A4',
    pageMargins: [40, 60, 40, 50],
    language: locale,
    info: { title: fill(t.title, numbers), subject: t.subject },
    header: () => ({
      columns: [{ text: fill(t.header, numbers), bold: true }, { text: readerLine, alignment: 'right' }],
      margin: [40, 20, 40, 0], fontSize: 8,
    }),
    footer: (page: number, pages: number) => ({
      columns: [{ text: fill(t.adopted, { date: ctx.date(meta.adoptedAt) }) }, { text: fill(t.page, { page, pages }), alignment: 'right' }],
      margin: [40, 15, 40, 0], fontSize: 8,
    }),
    content: [
      { text: meta.caseTitle, style: 'h1' },
      {
        text: fill(t.intro, { ...numbers, date: ctx.date(meta.adoptedAt), name: meta.adoptedBy.name, organisation: meta.adoptedBy.organisation, outside: meta.meetingId ? '' : t.outsideMeeting }),
        margin: [0, 2, 0, 2],
      },
      ...meetingContent(meta, ctx),
      { text: `${readerLine}. ${meta.reader.ring === 'inner' ? t.withInner : t.withoutInner}`, italics: true, margin: [0, 0, 0, 8] },
      ...pdfSections(plan, ctx),
    ],
    styles: { h1: { fontSize: 16, bold: true }, h2: { fontSize: 12, bold: true } },
    defaultStyle: { font: 'Roboto', fontSize: 9.5 },
  }
  return pdfmake.createPdf(def).getBuffer()
}
