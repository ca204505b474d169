/** Building a meeting's agenda from its format, and the chair's edits of it. */
import { FORMAT_SPECS, type AgendaKind, type MeetingFormat } from '../../shared/meetings/formats'
import type { AgendaItem } from '../../shared/meetings/state'

/** The agenda of a new meeting: the format's template with fresh ids and stopped timers. */
export function buildAgenda(format: MeetingFormat, newId: () => string): AgendaItem[] {
  return FORMAT_SPECS[format].agenda.map((t) => ({
    id: newId(),
    kind: t.kind,
    title: t.title,
    sections: [...t.sections],
    records: [...t.records],
    timer: { durationSec: t.minutes * 60, startedAt: null, elapsedMs: 0 },
    ...(t.question ? { question: t.question } : {}),
    ...(t.board ? { board: t.board } : {}),
    ...(t.kind === 'round' ? { turnUserId: null } : {}),
  }))
}

/** A chair's extra item (kind `other` unless given). */
export function newAgendaItem(id: string, title: string, kind: AgendaKind): AgendaItem {
  return { id, kind, title, sections: [], records: [], timer: { durationSec: 10 * 60, startedAt: null, elapsedMs: 0 } }
}

/** Milliseconds a timer has run at `now`. */
export function timerElapsed(timer: AgendaItem['timer'], now: number): number {
  return timer.elapsedMs + (timer.startedAt === null ? 0 : Math.max(0, now - timer.startedAt))
}

/** The agenda with one item replaced by `change(item)`. */
export function mapItem(agenda: AgendaItem[], itemId: string, change: (item: AgendaItem) => AgendaItem): AgendaItem[] {
  return agenda.map((i) => (i.id === itemId ? change(i) : i))
}

/** The agenda with the item moved to `toIndex` (clamped). */
export function moveItem(agenda: AgendaItem[], itemId: string, toIndex: number): AgendaItem[] {
  const item = agenda.find((i) => i.id === itemId)
  if (!item) return agenda
  const rest = agenda.filter((i) => i.id !== itemId)
  rest.splice(Math.min(toIndex, rest.length), 0, item)
  return rest
}
