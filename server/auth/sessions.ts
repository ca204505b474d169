/**
 * Sessions: an opaque random token in an httpOnly cookie; the database stores only an
 * HMAC of it (a leaked table yields no usable session). Every node sees every session.
 */
import { createHmac, randomBytes } from 'node:crypto'
import type { Sql } from '../db/db'

/** Name of the session cookie. */
export const SESSION_COOKIE = 'samenspel_session'
/** Session lifetime: one working day plus margin; a meeting never outlives it. */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000

/** The user a session belongs to, as every authenticated request sees it. */
export interface SessionUser {
  id: string
  email: string
  name: string
  organisationId: string
  organisationName: string
  organisationKind: string
  isPrivacyOfficer: boolean
}

/** Creates, resolves and ends sessions. */
export interface SessionStore {
  create(userId: string): Promise<{ token: string; expiresAt: Date }>
  resolve(token: string): Promise<SessionUser | null>
  destroy(token: string): Promise<void>
}

/** Longest token we look up; anything longer is not ours. */
const MAX_TOKEN_LENGTH = 100

/** Creates the SQL-backed session store. */
export function createSessionStore(db: Sql, secret: string): SessionStore {
  const digest = (token: string) => createHmac('sha256', secret).update(token).digest('base64url')
  return {
    async create(userId) {
      const token = randomBytes(32).toString('base64url')
      const expiresAt = new Date(Date.now() + SESSION_TTL_MS)
      await db.query('INSERT INTO sessions (id_hash, user_id, expires_at) VALUES ($1, $2, $3)', [
        digest(token),
        userId,
        expiresAt.toISOString(),
      ])
      return { token, expiresAt }
    },
    async resolve(token) {
      if (!token || token.length > MAX_TOKEN_LENGTH) return null
      const rows = await db.query<{
        id: string; email: string; name: string; organisation_id: string
        org_name: string; org_kind: string; is_privacy_officer: boolean
      }>(
        `SELECT u.id, u.email, u.name, u.organisation_id, o.name AS org_name, o.kind AS org_kind,
                u.is_privacy_officer
           FROM sessions s JOIN users u ON u.id = s.user_id JOIN organisations o ON o.id = u.organisation_id
          WHERE s.id_hash = $1 AND s.expires_at > now()`,
        [digest(token)],
      )
      const r = rows[0]
      if (!r) return null
      return {
        id: r.id, email: r.email, name: r.name, organisationId: r.organisation_id,
        organisationName: r.org_name, organisationKind: r.org_kind, isPrivacyOfficer: r.is_privacy_officer,
      }
    },
    async destroy(token) {
      if (!token || token.length > MAX_TOKEN_LENGTH) return
      await db.query('DELETE FROM sessions WHERE id_hash = $1', [digest(token)])
    },
  }
}
