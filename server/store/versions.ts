/** Adopted plan versions, their acknowledgements and the notices about them. */
import { randomUUID } from 'node:crypto'
import type { VersionAckDto } from '../../shared/api/schemas'
import type { Sql } from '../db/db'
import { toBytes } from '../db/db'

/** One adopted version as stored. */
export interface StoredVersion {
  n: number
  adoptedAt: string
  adoptedBy: { userId: string; name: string; organisation: string }
  meetingId: string | null
  planState: Uint8Array
  innerState: Uint8Array
}

const iso = (v: Date | string) => new Date(v).toISOString()

/**
 * Stores version n + 1 of a case (call inside a transaction that locked the case row) and
 * a notice for each of `notify`.
 * @returns the new version number.
 */
export async function insertVersion(
  tx: Sql, v: { caseId: string; adoptedBy: string; meetingId: string | null; planState: Uint8Array; innerState: Uint8Array; notify: readonly string[] },
): Promise<number> {
  const rows = await tx.query<{ n: number | string }>(
    `INSERT INTO plan_versions (case_id, n, adopted_by, meeting_id, plan_state, inner_state)
     SELECT $1, COALESCE(MAX(n), 0) + 1, $2, $3, $4, $5 FROM plan_versions WHERE case_id = $1 RETURNING n`,
    [v.caseId, v.adoptedBy, v.meetingId, v.planState, v.innerState],
  )
  const n = Number(rows[0]!.n)
  for (const userId of v.notify) {
    await tx.query("INSERT INTO notices (id, user_id, case_id, kind, version) VALUES ($1, $2, $3, 'version-adopted', $4)", [randomUUID(), userId, v.caseId, n])
  }
  return n
}

interface VersionRow {
  n: number | string; adopted_at: Date | string; adopted_by: string; name: string; org_name: string; meeting_id: string | null
  plan_state?: unknown; inner_state?: unknown; acked?: boolean
}

/** The versions of a case, newest first, with whether `userId` acknowledged each. */
export async function listVersions(db: Sql, caseId: string, userId: string): Promise<(Omit<StoredVersion, 'planState' | 'innerState'> & { acknowledged: boolean })[]> {
  const rows = await db.query<VersionRow>(
    `SELECT v.n, v.adopted_at, v.adopted_by, u.name, o.name AS org_name, v.meeting_id,
            EXISTS (SELECT 1 FROM version_acks a WHERE a.case_id = v.case_id AND a.n = v.n AND a.user_id = $2) AS acked
       FROM plan_versions v JOIN users u ON u.id = v.adopted_by JOIN organisations o ON o.id = u.organisation_id
      WHERE v.case_id = $1 ORDER BY v.n DESC`,
    [caseId, userId],
  )
  return rows.map((r) => ({
    n: Number(r.n), adoptedAt: iso(r.adopted_at), adoptedBy: { userId: r.adopted_by, name: r.name, organisation: r.org_name },
    meetingId: r.meeting_id, acknowledged: r.acked === true,
  }))
}

/** One version with its stored states, or null. */
export async function getVersion(db: Sql, caseId: string, n: number): Promise<StoredVersion | null> {
  const rows = await db.query<VersionRow>(
    `SELECT v.n, v.adopted_at, v.adopted_by, u.name, o.name AS org_name, v.meeting_id, v.plan_state, v.inner_state
       FROM plan_versions v JOIN users u ON u.id = v.adopted_by JOIN organisations o ON o.id = u.organisation_id
      WHERE v.case_id = $1 AND v.n = $2`,
    [caseId, n],
  )
  const r = rows[0]
  if (!r) return null
  return {
    n: Number(r.n), adoptedAt: iso(r.adopted_at), adoptedBy: { userId: r.adopted_by, name: r.name, organisation: r.org_name },
    meetingId: r.meeting_id, planState: toBytes(r.plan_state), innerState: toBytes(r.inner_state),
  }
}

/** Records (or renews) a member's acknowledgement, with an optional objection. */
export async function acknowledge(db: Sql, caseId: string, n: number, userId: string, objection: string | null): Promise<void> {
  await db.query(
    `INSERT INTO version_acks (case_id, n, user_id, objection) VALUES ($1, $2, $3, $4)
     ON CONFLICT (case_id, n, user_id) DO UPDATE SET objection = EXCLUDED.objection, acked_at = now()`,
    [caseId, n, userId, objection],
  )
}

/** Every member of the case with their acknowledgement of version n, if any. */
export async function listAcks(db: Sql, caseId: string, n: number): Promise<VersionAckDto[]> {
  const rows = await db.query<{ user_id: string; name: string; org_name: string; acked_at: Date | string | null; objection: string | null }>(
    `SELECT m.user_id, u.name, o.name AS org_name, a.acked_at, a.objection
       FROM case_members m JOIN users u ON u.id = m.user_id JOIN organisations o ON o.id = u.organisation_id
       LEFT JOIN version_acks a ON a.case_id = m.case_id AND a.n = $2 AND a.user_id = m.user_id
      WHERE m.case_id = $1 ORDER BY o.name, u.name`,
    [caseId, n],
  )
  return rows.map((r) => ({ userId: r.user_id, name: r.name, organisation: r.org_name, ackedAt: r.acked_at ? iso(r.acked_at) : null, objection: r.objection }))
}

/** The latest version a member acknowledged, or null. */
export async function lastAcknowledged(db: Sql, caseId: string, userId: string): Promise<number | null> {
  const rows = await db.query<{ n: number | string | null }>('SELECT MAX(n) AS n FROM version_acks WHERE case_id = $1 AND user_id = $2', [caseId, userId])
  return rows[0]?.n == null ? null : Number(rows[0].n)
}

/** A user's notices, newest first, with the case code. */
export async function listNotices(db: Sql, userId: string): Promise<{ id: string; kind: string; caseId: string; caseCode: string; version: number | null; createdAt: string; readAt: string | null }[]> {
  const rows = await db.query<{ id: string; kind: string; case_id: string; code: string; version: number | null; created_at: Date | string; read_at: Date | string | null }>(
    `SELECT n.id, n.kind, n.case_id, c.code, n.version, n.created_at, n.read_at
       FROM notices n JOIN cases c ON c.id = n.case_id WHERE n.user_id = $1 ORDER BY n.created_at DESC, n.id LIMIT 200`,
    [userId],
  )
  return rows.map((r) => ({ id: r.id, kind: r.kind, caseId: r.case_id, caseCode: r.code, version: r.version, createdAt: iso(r.created_at), readAt: r.read_at ? iso(r.read_at) : null }))
}

/** Marks a notice of `userId` read; resolves with whether it was theirs. */
export async function markNoticeRead(db: Sql, userId: string, id: string): Promise<boolean> {
  const rows = await db.query('UPDATE notices SET read_at = COALESCE(read_at, now()) WHERE id = $1 AND user_id = $2 RETURNING id', [id, userId])
  return rows.length > 0
}

/** The newest version number of a case, or null before the first adoption. */
export async function latestVersion(db: Sql, caseId: string): Promise<number | null> {
  const rows = await db.query<{ n: number | string | null }>('SELECT MAX(n) AS n FROM plan_versions WHERE case_id = $1', [caseId])
  return rows[0]?.n == null ? null : Number(rows[0].n)
}
