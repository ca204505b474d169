/**
 * The shapes of a meeting: the state the server stores (`MeetingState`, never sent as
 * such) and the view each participant receives (`MeetingView`, in `meeting:state` and
 * `GET /api/meetings/:id`). The field names are a public contract (docs/API.md).
 * What is held back from a view is decided in one place, server/meetings/view.ts.
 */
import type { DecisionType } from '../plan/model'
import type { SectionName } from '../plan/layout'
import type { CasePart } from '../protocol/docName'
import type { AgendaKind, MeetingFormat, WorkshopBoard } from './formats'

/** scheduled → live → closed. */
export type MeetingStatus = 'scheduled' | 'live' | 'closed'

/** An item timer in server time: running since `startedAt` (ms epoch) with `elapsedMs` before that. */
export interface ItemTimer {
  durationSec: number
  startedAt: number | null
  elapsedMs: number
}

/** One agenda item. */
export interface AgendaItem {
  id: string
  kind: AgendaKind
  title: string
  /** Plan sections the item shows. */
  sections: SectionName[]
  records: string[]
  timer: ItemTimer
  question?: string
  board?: WorkshopBoard
  /** Het Gesprek: the partner whose turn it is in this round. */
  turnUserId?: string | null
}

/** Who the chair marked as attending, and whether they may bind their organisation. */
export interface Attendance {
  userId: string
  name: string
  organisation: string
  present: boolean
  /** Mandaat: may this person bind their organisation. */
  mandate: boolean
}

/** A section locked for everyone but the chair, or (with `holderId`) the pen given to one participant. */
export interface SectionLock {
  section: SectionName
  /** The participant who holds the pen; null: nobody but the chair writes. */
  holderId: string | null
  /** The item during which the lock holds; it ends when the agenda moves on. */
  itemId: string
}

/** An outer-ring partner admitted for named items. */
export interface Admission {
  userId: string
  name: string
  organisation: string
  itemIds: string[]
}

/** A blind leertafel entry (DOMAIN.md §3.2). */
export interface BlindEntry {
  itemId: string
  userId: string
  name: string
  organisation: string
  score: number
  danger: string
  plan: string
  at: string
}

/** One partner's answer in a Het Gesprek round, or a meeting note of an item. */
export interface RoundAnswer {
  id: string
  itemId: string
  userId: string
  name: string
  organisation: string
  text: string
  at: string
}

/** A workshop card. */
export interface BoardCard {
  id: string
  itemId: string
  userId: string
  author: string
  organisation: string
  text: string
  remarks: { author: string; organisation: string; text: string; at: string }[]
  at: string
}

/** A workshop participant's next step: private unless shared. */
export interface NextStep {
  userId: string
  name: string
  organisation: string
  text: string
  shared: boolean
  at: string
}

/** A leertafel check of one samenwerkingsafspraak. */
export interface AgreementCheck {
  agreementId: string
  result: 'held' | 'unclear' | 'not-held'
  note: string
  by: string
  organisation: string
  at: string
}

/** A decision or an action the meeting wrote into the plan (ids of plan items). */
export interface MeetingRecord {
  kind: 'decision' | 'action' | 'restore'
  planItemId: string
  itemId: string | null
  /** Decision type or the section restored in; for an action null. */
  detail: DecisionType | SectionName | null
  at: string
  /** The document written: `inner` only the binnenring reads (and sees recorded); absent in records made before it existed (then `plan`). */
  part?: CasePart
}

/** A meeting as the server stores it. */
export interface MeetingState {
  id: string
  caseId: string
  format: MeetingFormat
  title: string
  startsAt: string | null
  status: MeetingStatus
  chairId: string
  deputyChairId: string | null
  agenda: AgendaItem[]
  currentItemId: string | null
  /** Invited users; null: every inner-ring member of the case. */
  invited: string[] | null
  attendance: Attendance[]
  /** User ids with a raised hand, in the order raised. */
  hands: string[]
  locks: SectionLock[]
  admissions: Admission[]
  /** Held back until the chair reveals the item (view.ts). */
  entries: BlindEntry[]
  revealed: string[]
  answers: RoundAnswer[]
  cards: BoardCard[]
  /** Held back from everyone but their author unless shared (view.ts). */
  nextSteps: NextStep[]
  checks: AgreementCheck[]
  records: MeetingRecord[]
  startedAt: string | null
  closedAt: string | null
  /** The plan version the close adopted. */
  version: number | null
  /** Increases with every change: a client keeps the highest it has seen. */
  seq: number
}

/** Someone connected to the meeting now (on any node). */
export interface PresentParticipant {
  userId: string
  name: string
  organisation: string
  ring: 'inner' | 'outer'
  handRaised: boolean
}

/** Someone present as a view shows them: the ring is left out in an admitted buitenring partner's view (server/meetings/view.ts). */
export interface PresentInView extends Omit<PresentParticipant, 'ring'> {
  ring?: 'inner' | 'outer'
}

/** The meeting as one participant sees it. */
export interface MeetingView extends Omit<MeetingState, 'entries' | 'nextSteps'> {
  /** The viewer's own entries, and everyone's on revealed items. */
  entries: BlindEntry[]
  /** Per blind item: who has submitted (ids only, so the chair knows when to reveal). */
  submitted: Record<string, string[]>
  /** The viewer's own next step and the shared ones. */
  nextSteps: NextStep[]
  present: PresentInView[]
  /** The server's clock when the view was made (timers count down in server time). */
  serverNow: number
  /** What the viewer may do. */
  me: { userId: string; isChair: boolean; canWrite: boolean; ring: 'inner' | 'outer'; admittedItemIds: string[] | null }
}

/** A meeting in a case's list. */
export interface MeetingSummary {
  id: string
  format: MeetingFormat
  title: string
  status: MeetingStatus
  startsAt: string | null
  chairId: string
  version: number | null
}
