/** Meetings and who is connected to them, in the database. */
import type { Sql } from '../db/db'
import type { MeetingState, MeetingSummary, PresentParticipant } from '../../shared/meetings/state'

/** Inserts a new meeting. */
export async function insertMeeting(db: Sql, state: MeetingState): Promise<void> {
  await db.query('INSERT INTO meetings (id, case_id, status, seq, state) VALUES ($1, $2, $3, $4, $5)', [
    state.id, state.caseId, state.status, state.seq, JSON.stringify(state),
  ])
}

/** A meeting's stored state, or null. */
export async function loadMeeting(db: Sql, id: string): Promise<MeetingState | null> {
  const rows = await db.query<{ state: MeetingState | string }>('SELECT state FROM meetings WHERE id = $1', [id])
  const raw = rows[0]?.state
  if (raw === undefined) return null
  return typeof raw === 'string' ? (JSON.parse(raw) as MeetingState) : raw
}

/**
 * Stores `next` if the stored state is still at `expectedSeq` (compare-and-set).
 * @returns false when another writer got there first (reload and apply again).
 */
export async function saveMeeting(db: Sql, next: MeetingState, expectedSeq: number): Promise<boolean> {
  const rows = await db.query<{ id: string }>(
    'UPDATE meetings SET state = $1, seq = $2, status = $3, updated_at = now() WHERE id = $4 AND seq = $5 RETURNING id',
    [JSON.stringify(next), next.seq, next.status, next.id, expectedSeq],
  )
  return rows.length === 1
}

/** The meetings of a case, newest first. */
export async function listMeetings(db: Sql, caseId: string): Promise<MeetingSummary[]> {
  const rows = await db.query<{ state: MeetingState | string }>('SELECT state FROM meetings WHERE case_id = $1 ORDER BY created_at DESC', [caseId])
  return rows.map((r) => {
    const s = typeof r.state === 'string' ? (JSON.parse(r.state) as MeetingState) : r.state
    return { id: s.id, format: s.format, title: s.title, status: s.status, startsAt: s.startsAt, chairId: s.chairId, version: s.version }
  })
}

/** Live meetings (for the section locks each node enforces). */
export async function listLiveMeetings(db: Sql): Promise<MeetingState[]> {
  const rows = await db.query<{ state: MeetingState | string }>("SELECT state FROM meetings WHERE status = 'live'")
  return rows.map((r) => (typeof r.state === 'string' ? (JSON.parse(r.state) as MeetingState) : r.state))
}

/** Live meetings of a case in which `userId` is admitted (document access that comes from admission). */
export async function listLiveMeetingsOfCase(db: Sql, caseId: string): Promise<MeetingState[]> {
  const rows = await db.query<{ state: MeetingState | string }>("SELECT state FROM meetings WHERE case_id = $1 AND status = 'live'", [caseId])
  return rows.map((r) => (typeof r.state === 'string' ? (JSON.parse(r.state) as MeetingState) : r.state))
}

/** Records a connected meeting socket. */
export async function addPresence(db: Sql, p: { socketId: string; meetingId: string; nodeId: string } & PresenceRow): Promise<void> {
  await db.query(
    `INSERT INTO meeting_presence (socket_id, meeting_id, user_id, name, organisation, ring, can_write, node_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (socket_id) DO UPDATE SET seen_at = now()`,
    [p.socketId, p.meetingId, p.userId, p.name, p.organisation, p.ring, p.canWrite, p.nodeId],
  )
}

/** A connected participant as stored. */
export interface PresenceRow extends Omit<PresentParticipant, 'handRaised'> {
  canWrite: boolean
}

/** Forgets a meeting socket. */
export async function removePresence(db: Sql, socketId: string): Promise<void> {
  await db.query('DELETE FROM meeting_presence WHERE socket_id = $1', [socketId])
}

/** Marks this node's sockets as still connected; drops rows nobody refreshed for long. */
export async function refreshPresence(db: Sql, nodeId: string, staleAfterMs: number): Promise<void> {
  await db.query('UPDATE meeting_presence SET seen_at = now() WHERE node_id = $1', [nodeId])
  await db.query(`DELETE FROM meeting_presence WHERE seen_at < now() - ($1::int * interval '1 millisecond')`, [staleAfterMs * 4])
}

/** Who is connected to a meeting now (one entry per user), oldest first. */
export async function listPresent(db: Sql, meetingId: string, staleAfterMs: number): Promise<PresenceRow[]> {
  const rows = await db.query<{ user_id: string; name: string; organisation: string; ring: 'inner' | 'outer'; can_write: boolean }>(
    `SELECT user_id, MIN(name) AS name, MIN(organisation) AS organisation, MIN(ring) AS ring, bool_or(can_write) AS can_write FROM meeting_presence
     WHERE meeting_id = $1 AND seen_at > now() - ($2::int * interval '1 millisecond')
     GROUP BY user_id ORDER BY MIN(name)`,
    [meetingId, staleAfterMs],
  )
  return rows.map((r) => ({ userId: r.user_id, name: r.name, organisation: r.organisation, ring: r.ring, canWrite: r.can_write }))
}
