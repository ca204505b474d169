/**
 * Sessions: an opaque random token in an httpOnly cookie; the database stores only an
 * HMAC of it (a leaked table yields no usable session). Every node sees every session.
 */
import { createHmac, randomBytes } from 'node:crypto'
import type { Sql } from '../db/db'

/** Name of the session cookie. */
export const SESSION_COOKIE = 'samenspel_session'
/** Default absolute session lifetime: one working day plus margin (SESSION_MAX_HOURS). */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000
/** Default idle limit: two hours without a request or websocket message (SESSION_IDLE_MINUTES). */
export const SESSION_IDLE_MS = 2 * 60 * 60 * 1000
/** Activity is written back at most this often per session (a write per request would be waste). */
const TOUCH_EVERY_MS = 60_000

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

/** A live session: its user, its id (the HMAC stored in the database) and when it ends. */
export interface ResolvedSession {
  user: SessionUser
  /** The stored id of the session (an HMAC of the token), for revocation messages. */
  idHash: string
  /** When the session ends unless it is used again (idle limit), in ms since the epoch. */
  idleDeadline: number
  /** When it ends in any case (absolute limit), in ms since the epoch. */
  expiresAt: number
}

/** Creates, resolves and ends sessions. */
export interface SessionStore {
  create(userId: string): Promise<{ token: string; idHash: string; expiresAt: Date }>
  resolve(token: string): Promise<SessionUser | null>
  /** The session of a token, or null when it is unknown, idle too long or expired. */
  resolveSession(token: string): Promise<ResolvedSession | null>
  /** The same by stored id (for re-checks of open sockets). */
  resolveById(idHash: string): Promise<ResolvedSession | null>
  /** Records activity of a session (at most once a minute reaches the database). */
  touch(idHash: string): void
  /** Ends one session; resolves with its id, or null when there was none. */
  destroy(token: string): Promise<string | null>
  /** Ends every session of a user; resolves with their ids. */
  destroyAllOf(userId: string): Promise<string[]>
  /** Deletes expired and idle sessions; resolves with how many. */
  prune(): Promise<number>
  /** The stored id of a token. */
  idOf(token: string): string
}

/** Longest token we look up; anything longer is not ours. */
const MAX_TOKEN_LENGTH = 100

interface SessionRow {
  id: string; email: string; name: string; organisation_id: string
  org_name: string; org_kind: string; is_privacy_officer: boolean
  id_hash: string; expires_at: Date | string; last_seen_at: Date | string
}

/** Creates the SQL-backed session store with the idle and absolute limits. */
export function createSessionStore(db: Sql, secret: string, { idleMs = SESSION_IDLE_MS, maxMs = SESSION_TTL_MS } = {}): SessionStore {
  const digest = (token: string) => createHmac('sha256', secret).update(token).digest('base64url')
  const lastTouch = new Map<string, number>()
  const toSession = (r: SessionRow): ResolvedSession => ({
    user: {
      id: r.id, email: r.email, name: r.name, organisationId: r.organisation_id,
      organisationName: r.org_name, organisationKind: r.org_kind, isPrivacyOfficer: r.is_privacy_officer,
    },
    idHash: r.id_hash,
    idleDeadline: new Date(r.last_seen_at).getTime() + idleMs,
    expiresAt: new Date(r.expires_at).getTime(),
  })
  const byId = async (idHash: string): Promise<ResolvedSession | null> => {
    const rows = await db.query<SessionRow>(
      `SELECT u.id, u.email, u.name, u.organisation_id, o.name AS org_name, o.kind AS org_kind,
              u.is_privacy_officer, s.id_hash, s.expires_at, s.last_seen_at
         FROM sessions s JOIN users u ON u.id = s.user_id JOIN organisations o ON o.id = u.organisation_id
        WHERE s.id_hash = $1 AND s.expires_at > now() AND s.last_seen_at > now() - make_interval(secs => $2)`,
      [idHash, idleMs / 1000],
    )
    return rows[0] ? toSession(rows[0]) : null
  }
  const touch = (idHash: string) => {
    const now = Date.now()
    if (now - (lastTouch.get(idHash) ?? 0) < TOUCH_EVERY_MS) return
    lastTouch.set(idHash, now)
    if (lastTouch.size > 100_000) lastTouch.clear()
    void db.query('UPDATE sessions SET last_seen_at = now() WHERE id_hash = $1', [idHash]).catch(() => undefined)
  }
  const resolveSession = async (token: string) => {
    if (!token || token.length > MAX_TOKEN_LENGTH) return null
    const session = await byId(digest(token))
    if (session) touch(session.idHash)
    return session
  }
  return {
    async create(userId) {
      const token = randomBytes(32).toString('base64url')
      const idHash = digest(token)
      const expiresAt = new Date(Date.now() + maxMs)
      await db.query('INSERT INTO sessions (id_hash, user_id, expires_at) VALUES ($1, $2, $3)', [idHash, userId, expiresAt.toISOString()])
      lastTouch.set(idHash, Date.now())
      return { token, idHash, expiresAt }
    },
    async resolve(token) {
      return (await resolveSession(token))?.user ?? null
    },
    resolveSession,
    resolveById: byId,
    touch,
    async destroy(token) {
      if (!token || token.length > MAX_TOKEN_LENGTH) return null
      const rows = await db.query<{ id_hash: string }>('DELETE FROM sessions WHERE id_hash = $1 RETURNING id_hash', [digest(token)])
      return rows[0]?.id_hash ?? null
    },
    async destroyAllOf(userId) {
      const rows = await db.query<{ id_hash: string }>('DELETE FROM sessions WHERE user_id = $1 RETURNING id_hash', [userId])
      return rows.map((r) => r.id_hash)
    },
    async prune() {
      const rows = await db.query<{ id_hash: string }>(
        'DELETE FROM sessions WHERE expires_at <= now() OR last_seen_at <= now() - make_interval(secs => $1) RETURNING id_hash',
        [idleMs / 1000],
      )
      return rows.length
    },
    idOf: digest,
  }
}
