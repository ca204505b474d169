/** `POST /api/session`, `DELETE /api/session`, `GET /api/me`. */
import { Router, type Request, type Response } from 'express'
import type { AccessEvents } from '../../auth/accessEvents'
import { failureDelayMs, type LoginLimiter } from '../../auth/loginLimiter'
import { loginBodySchema, type MeDto } from '../../../shared/api/schemas'
import { hashPassword, verifyPassword } from '../../auth/password'
import { SESSION_COOKIE, type SessionStore, type SessionUser } from '../../auth/sessions'
import type { AuditLog } from '../../audit/auditLog'
import type { Sql } from '../../db/db'
import { AppError } from '../../errors'
import { findUserByEmail } from '../../store/users'
import { requireUser } from '../middleware'
import { parseInput } from '../validate'

/** What the session routes need. */
export interface SessionRouteDeps {
  db: Sql
  sessions: SessionStore
  audit: AuditLog
  /** Set the cookie's Secure flag (behind https). */
  isSecureCookie: boolean
  /** Login throttling per account and source (see auth/loginLimiter.ts). */
  loginLimiter: Pick<LoginLimiter, 'reserve' | 'succeeded'>
  /** Tells every node that a session ended, so its sockets close. */
  accessEvents: AccessEvents
}

/** Turns a session user into the public `MeDto`. */
export function toMeDto(u: SessionUser): MeDto {
  return {
    id: u.id, email: u.email, name: u.name,
    organisation: { id: u.organisationId, name: u.organisationName, kind: u.organisationKind },
  }
}

/** Creates the session router. */
export function sessionRoutes(deps: SessionRouteDeps): Router {
  const router = Router()
  // Verifying against a real hash when the user is unknown keeps both paths equally slow,
  // so response time does not reveal which addresses have accounts.
  const dummyHash = hashPassword('not-a-real-password')

  router.post('/session', async (req: Request, res: Response) => {
    const body = parseInput(loginBodySchema, req.body)
    const attempt = { account: body.email, source: req.ip ?? 'unknown' }
    // Reserved before the (slow) password check: parallel guesses cannot all pass.
    const reservation = await deps.loginLimiter.reserve(attempt)
    const auditBase = { action: 'login', ip: req.ip ?? null, client: req.get('user-agent')?.slice(0, 200) ?? null }
    if (!reservation.ok) {
      void deps.audit.record({ ...auditBase, outcome: 'denied', details: { reason: 'throttled' } })
      res.set('Retry-After', String(reservation.retryAfterS))
      throw new AppError('rate_limited', 429, `Too many login attempts; try again in ${Math.ceil(reservation.retryAfterS / 60)} minute(s).`)
    }
    const user = await findUserByEmail(deps.db, body.email)
    const isValid = await verifyPassword(body.password, user?.passwordHash ?? (await dummyHash))
    if (!user || !isValid) {
      void deps.audit.record({ ...auditBase, outcome: 'denied', actorUserId: user?.id ?? null })
      await new Promise((r) => setTimeout(r, failureDelayMs(reservation.failuresSoFar + 1)))
      throw new AppError('invalid_credentials', 401, 'E-mail address or password is incorrect.')
    }
    await deps.loginLimiter.succeeded(attempt)
    // A new session id at every login, and the browser's previous session ends (fixation).
    if (req.sessionToken) {
      const previous = await deps.sessions.destroy(req.sessionToken)
      if (previous) await deps.accessEvents.publish({ kind: 'session', sessionId: previous })
    }
    const { token, expiresAt } = await deps.sessions.create(user.id)
    const me = await deps.sessions.resolve(token)
    if (!me) throw new AppError('internal', 500, 'Session could not be created.')
    void deps.audit.record({ ...auditBase, outcome: 'ok', actorUserId: me.id, actorOrgId: me.organisationId })
    res.cookie(SESSION_COOKIE, token, {
      httpOnly: true, sameSite: 'lax', secure: deps.isSecureCookie || req.secure, path: '/', expires: expiresAt,
    })
    res.json(toMeDto(me))
  })

  router.delete('/session', async (req: Request, res: Response) => {
    if (req.sessionToken) {
      const ended = await deps.sessions.destroy(req.sessionToken)
      if (ended) {
        await deps.accessEvents.publish({ kind: 'session', sessionId: ended })
        void deps.audit.record({ action: 'logout', outcome: 'ok', actorUserId: req.user?.id ?? null, ip: req.ip ?? null })
      }
    }
    res.clearCookie(SESSION_COOKIE, { path: '/' })
    res.status(204).end()
  })

  router.get('/me', (req: Request, res: Response) => {
    res.json(toMeDto(requireUser(req)))
  })

  return router
}
