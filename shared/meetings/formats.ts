/**
 * The four meeting formats of DOMAIN.md §3 as data: each format's agenda template, the
 * plan sections each item shows, and what each item records. The server builds a new
 * meeting's agenda from these; the chair edits it before and during the meeting.
 * Titles are the Dutch ones professionals use: they are stored with the meeting (a chair
 * renames items), so they are data, not interface text.
 */
import type { SectionName } from '../plan/layout'

/** Meeting formats. */
export const MEETING_FORMATS = ['mda', 'leertafel', 'gesprek', 'workshop'] as const
/** A meeting format. */
export type MeetingFormat = (typeof MEETING_FORMATS)[number]

/**
 * What an agenda item is for; decides which parts the meeting page shows and which
 * commands the item takes (entries only on a `blind` item, answers on a `round`, cards
 * on a `board`, …).
 */
export const AGENDA_KINDS = [
  // MDA++ (§3.1)
  'opening', 'terugblik', 'facts', 'sos', 'danger-goals', 'scale', 'agreements', 'actions', 'decisions', 'closing',
  // leertafel (§3.2)
  'casus', 'blind', 'reveal', 'joint', 'agreement-check', 'learning',
  // Het Gesprek (§3.3)
  'introductions', 'round', 'gesprek-agreements',
  // workshop (§3.4)
  'board', 'next-step',
  // added by the chair
  'other',
] as const
/** What an agenda item is for. */
export type AgendaKind = (typeof AGENDA_KINDS)[number]

/** Workshop boards (§3.4). */
export const WORKSHOP_BOARDS = ['challenges', 'working-elements', 'pitfalls', 'red-flags', 'challenges-again'] as const
/** A workshop board. */
export type WorkshopBoard = (typeof WORKSHOP_BOARDS)[number]

/** The three Het Gesprek questions (§3.3), as asked at the table. */
export const GESPREK_QUESTIONS = [
  'Wat heb jij nodig?',
  'Wat kun en mag je van elkaar verwachten?',
  'Hoe help je elkaar verder?',
] as const

/** One item of a format's agenda template. */
export interface AgendaTemplateItem {
  kind: AgendaKind
  title: string
  /** Plan sections the item shows (shared/plan/layout.ts names). */
  sections: readonly SectionName[]
  /** What the item records, in words of the domain (shown as the item's purpose). */
  records: readonly string[]
  /** Suggested length in minutes (the item timer's default). */
  minutes: number
  /** Het Gesprek: the question of a round. */
  question?: string
  /** Workshop: the board an item fills. */
  board?: WorkshopBoard
}

/** A format: who chairs it and its agenda. */
export interface MeetingFormatSpec {
  format: MeetingFormat
  /** Default title of a new meeting. */
  title: string
  /** Whether outer-ring partners work only through admission to named items (MDA++). */
  isInnerRingMeeting: boolean
  agenda: readonly AgendaTemplateItem[]
}

const MDA: MeetingFormatSpec = {
  format: 'mda',
  title: 'MDA++ casusoverleg',
  isInnerRingMeeting: true,
  agenda: [
    { kind: 'opening', title: 'Opening', sections: [], records: ['attendance', 'confidentiality'], minutes: 5 },
    { kind: 'terugblik', title: 'Terugblik', sections: ['actions', 'agreements'], records: ['status', 'new dates', 'escalations'], minutes: 10 },
    { kind: 'facts', title: 'Feiten en rode vlaggen', sections: ['justice'], records: ['facts', 'flag states'], minutes: 10 },
    { kind: 'sos', title: 'SoS-kaart', sections: ['sosMap'], records: ['map items'], minutes: 10 },
    { kind: 'danger-goals', title: 'Gevaar en doelen', sections: ['dangerStatements', 'goals'], records: ['danger statements', 'goals'], minutes: 10 },
    { kind: 'scale', title: 'Schaalvraag', sections: ['safetyScale'], records: ['one score per partner'], minutes: 5 },
    { kind: 'agreements', title: 'Veiligheidsafspraken', sections: ['agreements'], records: ['agreements'], minutes: 10 },
    { kind: 'actions', title: 'Acties en regie', sections: ['actions', 'escalations'], records: ['actions', 'escalations'], minutes: 10 },
    { kind: 'decisions', title: 'Besluiten', sections: ['decisions'], records: ['decisions with dissent'], minutes: 10 },
    { kind: 'closing', title: 'Afsluiting', sections: [], records: ['summary', 'who tells the family', 'next date', 'adopted version'], minutes: 5 },
  ],
}

const LEERTAFEL: MeetingFormatSpec = {
  format: 'leertafel',
  title: 'Leertafel',
  isInnerRingMeeting: false,
  agenda: [
    { kind: 'casus', title: 'Casus', sections: [], records: ['anonymised summary'], minutes: 10 },
    { kind: 'blind', title: 'Eigen inschatting, blind', sections: [], records: ['score 0–10', 'main danger', 'plan proposal'], minutes: 10 },
    { kind: 'reveal', title: 'Onthullen en vergelijken', sections: [], records: ['spread'], minutes: 15 },
    { kind: 'joint', title: 'Gezamenlijk', sections: ['goals'], records: ['agreed assessment and plan'], minutes: 15 },
    { kind: 'agreement-check', title: 'Toets samenwerkingsafspraken', sections: ['agreements'], records: ['held / unclear / not held, note'], minutes: 15 },
    { kind: 'learning', title: 'Leerpunten', sections: ['actions'], records: ['learning points', 'proposed changes as actions'], minutes: 10 },
  ],
}

const GESPREK: MeetingFormatSpec = {
  format: 'gesprek',
  title: 'Het Gesprek',
  isInnerRingMeeting: false,
  agenda: [
    { kind: 'introductions', title: 'Kennismaking', sections: [], records: ['person, organisation, role'], minutes: 10 },
    ...GESPREK_QUESTIONS.map((question) => ({
      kind: 'round' as const, title: question, sections: [], records: ['one answer per partner'], minutes: 15, question,
    })),
    { kind: 'gesprek-agreements', title: 'Afspraken', sections: ['actions'], records: ['actions with owner, due and review date', 'open questions'], minutes: 10 },
  ],
}

const BOARD_TITLES: Readonly<Record<WorkshopBoard, string>> = {
  'challenges': 'Uitdagingen',
  'working-elements': 'Werkzame elementen',
  'pitfalls': 'Valkuilen',
  'red-flags': 'Rode vlaggen',
  'challenges-again': 'Uitdagingen, opnieuw',
}

const WORKSHOP: MeetingFormatSpec = {
  format: 'workshop',
  title: 'Workshop',
  isInnerRingMeeting: false,
  agenda: [
    ...WORKSHOP_BOARDS.map((board) => ({
      kind: 'board' as const, title: BOARD_TITLES[board], sections: [], records: ['cards with author and organisation', 'expert remarks'], minutes: 20, board,
    })),
    { kind: 'next-step', title: 'Mijn volgende stap', sections: [], records: ['each participant\'s own step, private unless shared'], minutes: 10 },
  ],
}

/** Every format by name. */
export const FORMAT_SPECS: Readonly<Record<MeetingFormat, MeetingFormatSpec>> = {
  mda: MDA, leertafel: LEERTAFEL, gesprek: GESPREK, workshop: WORKSHOP,
}
