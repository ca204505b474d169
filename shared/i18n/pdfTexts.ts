/**
 * Texts of the adopted version's PDF around the plan's items, in both languages (issue 19:
 * one catalogue; the items' own labels come from planLabels.*.ts). `{name}` placeholders
 * are filled by `fill`.
 */
import type { Locale } from './catalogue'

const nl = {
  meeting: 'Overleg: {title}.', present: 'Aanwezig: {names}.', notRecorded: 'niet vastgelegd', withMandate: ', met mandaat',
  none: 'Geen.', due: ', uiterlijk {date}', since: ' sinds {date}', unknown: 'onbekend', innerPart: 'Binnenring',
  presentList: 'Aanwezig: {names}', mandateList: 'Met mandaat: {names}', dissentLine: 'Niet eens: {organisation} ({reason})',
  decisionNotInVersion: '(besluit niet in deze versie)', role: 'Rol', who: 'Wie', owner: 'Eigenaar', recorded: 'Vastgelegd', score: 'Score',
  mandateColumn: 'Mandaat en afwijkende meningen', attendanceColumn: 'Aanwezig, mandaat, afwijkend', currentPhase: 'Huidige fase',
  readerLine: 'Voor {name} ({organisation}), {ring}', ringInner: 'binnenring', ringOuter: 'buitenring',
  title: '{code} versie {version}', subject: 'Vastgesteld gezinsplan (vertrouwelijk)',
  header: 'VERTROUWELIJK · {code} · versie {version}', adopted: 'Vastgesteld {date}', page: 'Pagina {page} van {pages}',
  intro: 'Casus {code}, versie {version}, vastgesteld op {date} door {name} ({organisation}){outside}.', outsideMeeting: ', buiten een overleg',
  withInner: 'Dit document bevat ook het deel voor de binnenring.', withoutInner: 'Het deel voor de binnenring staat hier niet in.',
  filename: '{code}-versie-{version}.pdf',
  sections: {
    summary: 'Situatie', results: 'Resultaten en doelen', agreements: 'Veiligheidsafspraken', actions: 'Acties', decisions: 'Besluiten',
    regie: 'Regie', phase: 'GSaV-fase', family: 'Gezin en netwerk', redFlags: 'Rode vlaggen', safetyScale: 'Veiligheidsschaal',
    justice: 'Justitie en politie', innerActions: 'Acties alleen binnenring', innerDecisions: 'Besluiten alleen binnenring',
    decisionMandates: 'Aanwezigheid, mandaat en afwijkende meningen bij besluiten', innerNotes: 'Notities binnenring',
    sosMap: 'SoS-kaart', dangerStatements: 'Gevaarsomschrijvingen', traumaScreening: 'Traumascreening',
  },
}
/** The shape of the PDF texts; English is typed against the Dutch. */
export type PdfTexts = typeof nl

const en: PdfTexts = {
  meeting: 'Meeting: {title}.', present: 'Present: {names}.', notRecorded: 'not recorded', withMandate: ', with mandate',
  none: 'None.', due: ', due {date}', since: ' since {date}', unknown: 'unknown', innerPart: 'Inner ring',
  presentList: 'Present: {names}', mandateList: 'With mandate: {names}', dissentLine: 'Disagrees: {organisation} ({reason})',
  decisionNotInVersion: '(decision not in this version)', role: 'Role', who: 'Who', owner: 'Owner', recorded: 'Recorded', score: 'Score',
  mandateColumn: 'Mandate and dissent', attendanceColumn: 'Present, mandate, dissent', currentPhase: 'Current phase',
  readerLine: 'For {name} ({organisation}), {ring}', ringInner: 'inner ring', ringOuter: 'outer ring',
  title: '{code} version {version}', subject: 'Adopted family plan (confidential)',
  header: 'CONFIDENTIAL · {code} · version {version}', adopted: 'Adopted {date}', page: 'Page {page} of {pages}',
  intro: 'Case {code}, version {version}, adopted on {date} by {name} ({organisation}){outside}.', outsideMeeting: ', outside a meeting',
  withInner: 'This document includes the inner ring’s part.', withoutInner: 'The inner ring’s part is not included.',
  filename: '{code}-version-{version}.pdf',
  sections: {
    summary: 'Situation', results: 'Results and goals', agreements: 'Safety agreements', actions: 'Actions', decisions: 'Decisions',
    regie: 'Regie (coordination)', phase: 'GSaV phase', family: 'Family and network', redFlags: 'Red flags', safetyScale: 'Safety scale',
    justice: 'Justice and police', innerActions: 'Actions for the inner ring only', innerDecisions: 'Decisions for the inner ring only',
    decisionMandates: 'Attendance, mandate and dissent of decisions', innerNotes: 'Inner ring notes',
    sosMap: 'SoS map', dangerStatements: 'Danger statements', traumaScreening: 'Trauma screening',
  },
}

/** The PDF texts of a language. */
export function pdfTexts(locale: Locale): PdfTexts {
  return locale === 'en' ? en : nl
}

/** Fills `{name}` placeholders; an unknown placeholder stays as written. */
export function fill(template: string, params: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : whole))
}
