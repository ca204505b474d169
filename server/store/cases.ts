/** Cases (families) and their memberships in the database. */
import { randomBytes, randomUUID } from 'node:crypto'
import type { Sql } from '../db/db'
import type { CaseDetailDto, CaseMemberDto, CaseSummaryDto, MemberRole, Ring } from '../../shared/api/schemas'
import { caseAbilities, type Membership } from '../access/policy'

/** Case codes: no surnames in identifiers (AVG minimisation), e.g. `HG-2026-7K3Q`. */
function newCaseCode(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'
  const bytes = randomBytes(4)
  const suffix = Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('')
  return `HG-${new Date().getUTCFullYear()}-${suffix}`
}

/**
 * How a stored membership reads, whatever was stored before roles were checked on
 * assignment (server/access/roleRules.ts): a privacy officer's membership counts for
 * nothing, and only the binnenring directs a case. `m` is case_members, `u` the user.
 */
const EFFECTIVE_MEMBERSHIP = `JOIN users u ON u.id = m.user_id AND NOT u.is_privacy_officer`
const EFFECTIVE_DIRECTOR = `(m.is_case_director AND m.ring = 'inner') AS is_case_director`

/** The membership of one user in one case, or null when they are not a member. */
export async function findMembership(db: Sql, caseId: string, userId: string): Promise<Membership | null> {
  const rows = await db.query<{ ring: Ring; role: MemberRole; is_case_director: boolean }>(
    `SELECT m.ring, m.role, ${EFFECTIVE_DIRECTOR} FROM case_members m ${EFFECTIVE_MEMBERSHIP} WHERE m.case_id = $1 AND m.user_id = $2`,
    [caseId, userId],
  )
  const r = rows[0]
  return r ? { ring: r.ring, role: r.role, isCaseDirector: r.is_case_director } : null
}

interface CaseRow {
  id: string; code: string; title: string; ring: Ring; role: MemberRole
  is_case_director: boolean; created_at: Date | string; start_date: Date | string
}

const iso = (v: Date | string) => (v instanceof Date ? v.toISOString() : new Date(v).toISOString())
const isoDate = (v: Date | string) => (typeof v === 'string' ? v.slice(0, 10) : v.toISOString().slice(0, 10))

function toSummary(r: CaseRow): CaseSummaryDto {
  return {
    id: r.id, code: r.code, title: r.title, ring: r.ring, role: r.role,
    isCaseDirector: r.is_case_director, createdAt: iso(r.created_at),
  }
}

/** Ids of every case (for a start-up migration over all plan documents). */
export async function listCaseIds(db: Sql): Promise<string[]> {
  return (await db.query<{ id: string }>('SELECT id FROM cases ORDER BY id')).map((r) => r.id)
}

/** The cases a user is a member of, newest first. */
export async function listCasesForUser(db: Sql, userId: string): Promise<CaseSummaryDto[]> {
  const rows = await db.query<CaseRow>(
    `SELECT c.id, c.code, c.title, m.ring, m.role, ${EFFECTIVE_DIRECTOR}, c.created_at, to_char(c.start_date, 'YYYY-MM-DD') AS start_date
       FROM case_members m JOIN cases c ON c.id = m.case_id ${EFFECTIVE_MEMBERSHIP}
      WHERE m.user_id = $1 ORDER BY c.created_at DESC, c.code`,
    [userId],
  )
  return rows.map(toSummary)
}

/**
 * One case as its member sees it, with the member list; null when not a member.
 * `organisation`: the member's organisation name (the session's), whose rules apply.
 */
export async function getCaseForMember(db: Sql, caseId: string, userId: string, organisation: string): Promise<CaseDetailDto | null> {
  const rows = await db.query<CaseRow>(
    `SELECT c.id, c.code, c.title, m.ring, m.role, ${EFFECTIVE_DIRECTOR}, c.created_at, to_char(c.start_date, 'YYYY-MM-DD') AS start_date
       FROM case_members m JOIN cases c ON c.id = m.case_id ${EFFECTIVE_MEMBERSHIP} WHERE c.id = $1 AND m.user_id = $2`,
    [caseId, userId],
  )
  const r = rows[0]
  if (!r) return null
  const summary = toSummary(r)
  const abilities = caseAbilities({ ring: r.ring, role: r.role, isCaseDirector: r.is_case_director }, organisation)
  // Minimisation: that reclassering is at the table tells a school there is a criminal case.
  const members = abilities.canSeeMembers ? await listMembers(db, caseId) : []
  return { ...summary, startDate: isoDate(r.start_date), members, abilities }
}

/** The members of a case with their organisation. */
export async function listMembers(db: Sql, caseId: string): Promise<CaseMemberDto[]> {
  const rows = await db.query<{
    user_id: string; email: string; name: string; org_id: string; org_name: string; org_kind: string
    ring: Ring; role: MemberRole; is_case_director: boolean
  }>(
    `SELECT u.id AS user_id, u.email, u.name, o.id AS org_id, o.name AS org_name, o.kind AS org_kind,
            m.ring, m.role, m.is_case_director
       FROM case_members m JOIN users u ON u.id = m.user_id JOIN organisations o ON o.id = u.organisation_id
      WHERE m.case_id = $1 ORDER BY m.ring, o.name, u.name`,
    [caseId],
  )
  return rows.map((r) => ({
    userId: r.user_id, email: r.email, name: r.name,
    organisation: { id: r.org_id, name: r.org_name, kind: r.org_kind },
    ring: r.ring, role: r.role, isCaseDirector: r.is_case_director,
  }))
}

/** Creates a case whose creator becomes its case director in the inner ring. */
export async function createCase(db: Sql, title: string, creatorId: string, startDate?: string): Promise<string> {
  const id = randomUUID()
  await db.query(
    `INSERT INTO cases (id, code, title, created_by, start_date) VALUES ($1, $2, $3, $4, COALESCE($5::date, CURRENT_DATE))`,
    [id, newCaseCode(), title, creatorId, startDate ?? null],
  )
  await db.query(
    `INSERT INTO case_members (case_id, user_id, ring, role, is_case_director, added_by)
     VALUES ($1, $2, 'inner', 'member', true, $2)`,
    [id, creatorId],
  )
  return id
}

/** Adds a member, or changes the ring and role of an existing one. */
export async function upsertMember(
  db: Sql,
  m: { caseId: string; userId: string; ring: Ring; role: MemberRole; addedBy: string; isCaseDirector?: boolean },
): Promise<void> {
  await db.query(
    `INSERT INTO case_members (case_id, user_id, ring, role, is_case_director, added_by)
     VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (case_id, user_id) DO UPDATE SET ring = EXCLUDED.ring, role = EXCLUDED.role,
       is_case_director = case_members.is_case_director OR EXCLUDED.is_case_director`,
    [m.caseId, m.userId, m.ring, m.role, m.isCaseDirector ?? false, m.addedBy],
  )
}

/** Removes a member; resolves with whether there was one. */
export async function removeMember(db: Sql, caseId: string, userId: string): Promise<boolean> {
  const rows = await db.query('DELETE FROM case_members WHERE case_id = $1 AND user_id = $2 RETURNING user_id', [caseId, userId])
  return rows.length > 0
}

/** Changes ring, role or case-director flag of a member; resolves with whether there was one. */
export async function updateMember(
  db: Sql, caseId: string, userId: string, change: { ring?: Ring; role?: MemberRole; isCaseDirector?: boolean },
): Promise<boolean> {
  const rows = await db.query(
    `UPDATE case_members SET ring = COALESCE($3, ring), role = COALESCE($4, role), is_case_director = COALESCE($5, is_case_director)
      WHERE case_id = $1 AND user_id = $2 RETURNING user_id`,
    [caseId, userId, change.ring ?? null, change.role ?? null, change.isCaseDirector ?? null],
  )
  return rows.length > 0
}

/** How many case directors a case has (the last one cannot be removed). */
export async function countCaseDirectors(db: Sql, caseId: string): Promise<number> {
  const rows = await db.query<{ n: string | number }>('SELECT count(*) AS n FROM case_members WHERE case_id = $1 AND is_case_director', [caseId])
  return Number(rows[0]?.n ?? 0)
}

/** Most partners one directory search returns. */
const MAX_CANDIDATES = 20

/** Users whose name or organisation contains `q` (case-insensitive), with whether they are members. */
export async function findCandidates(db: Sql, caseId: string, q: string): Promise<{ userId: string; name: string; orgId: string; orgName: string; orgKind: string; isMember: boolean }[]> {
  const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
  const rows = await db.query<{ id: string; name: string; org_id: string; org_name: string; org_kind: string; is_member: boolean }>(
    `SELECT u.id, u.name, o.id AS org_id, o.name AS org_name, o.kind AS org_kind,
            EXISTS (SELECT 1 FROM case_members m WHERE m.case_id = $1 AND m.user_id = u.id) AS is_member
       FROM users u JOIN organisations o ON o.id = u.organisation_id
      WHERE NOT u.is_privacy_officer AND (u.name ILIKE $2 OR o.name ILIKE $2)
      ORDER BY o.name, u.name LIMIT ${MAX_CANDIDATES}`,
    [caseId, pattern],
  )
  return rows.map((r) => ({ userId: r.id, name: r.name, orgId: r.org_id, orgName: r.org_name, orgKind: r.org_kind, isMember: r.is_member }))
}

/** Whether the user is a privacy officer (who reads the audit log and is never a case member). */
export async function isPrivacyOfficer(db: Sql, userId: string): Promise<boolean> {
  const rows = await db.query<{ p: boolean }>('SELECT is_privacy_officer AS p FROM users WHERE id = $1', [userId])
  return rows[0]?.p === true
}

/** A user by id (for adding from the directory). */
export async function userExists(db: Sql, userId: string): Promise<boolean> {
  return (await db.query('SELECT 1 FROM users WHERE id = $1', [userId])).length > 0
}

/** Locks a case's row until the end of the transaction (membership changes that check counts). */
export async function lockCase(tx: Sql, caseId: string): Promise<void> {
  await tx.query('SELECT 1 FROM cases WHERE id = $1 FOR UPDATE', [caseId])
}
