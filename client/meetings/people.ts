import type { Attendance, MeetingView } from '../../shared/meetings/state'

/** A case member as the meeting page needs one (from the case detail). */
export interface MeetingMember {
  userId: string
  name: string
  organisation: string
  ring: 'inner' | 'outer'
}

/** One row of the chair's attendance list. */
export interface AttendanceRow {
  userId: string
  name: string
  organisation: string
  isConnected: boolean
  present: boolean
  mandate: boolean
}

/**
 * Everyone the chair may mark: who is connected, who was marked before, and the case's
 * inner-ring members (who may sit at the table without a screen), each once, by name.
 */
export function attendanceRows(view: MeetingView, members: readonly MeetingMember[]): AttendanceRow[] {
  const marked = new Map<string, Attendance>(view.attendance.map((a) => [a.userId, a]))
  const rows = new Map<string, AttendanceRow>()
  const add = (p: { userId: string; name: string; organisation: string }) => {
    if (rows.has(p.userId)) return
    const a = marked.get(p.userId)
    rows.set(p.userId, {
      userId: p.userId, name: p.name, organisation: p.organisation,
      isConnected: view.present.some((x) => x.userId === p.userId),
      present: a?.present ?? false, mandate: a?.mandate ?? false,
    })
  }
  view.present.forEach(add)
  view.attendance.forEach(add)
  members.filter((m) => m.ring === 'inner').forEach(add)
  return [...rows.values()].sort((a, b) => a.name.localeCompare(b.name))
}

/** The name and organisation of a user the view knows, or null. */
export function personOf(view: MeetingView, userId: string): { name: string; organisation: string } | null {
  return view.present.find((p) => p.userId === userId)
    ?? view.attendance.find((a) => a.userId === userId)
    ?? view.admissions.find((a) => a.userId === userId)
    ?? null
}
