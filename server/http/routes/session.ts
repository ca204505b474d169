/** `POST /api/session`, `DELETE /api/session`, `GET /api/me`. */
import { Router, type Request, type Response } from 'express'
import type { LoginLimiter } from '../../auth/loginLimiter'
import { loginBodySchema, type MeDto } from '../../../shared/api/schemas'
import { hashPassword, verifyPassword } from '../../auth/password'
import { SESSION_COOKIE, SESSION_TTL_MS, type SessionStore, type SessionUser } from '../../auth/sessions'
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
  /** Counts failed logins per e-mail address and per IP (see auth/loginLimiter.ts). */
  loginFailures: Pick<LoginLimiter, 'byAddress' | 'byIp'>
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
    const counters = [
      { limiter: deps.loginFailures.byAddress, key: body.email },
      { limiter: deps.loginFailures.byIp, key: req.ip ?? 'unknown' },
    ]
    const blocked = await Promise.all(counters.map((c) => c.limiter.get(c.key)))
    if (blocked.some((r) => r !== null && r.remainingPoints <= 0)) {
      throw new AppError('rate_limited', 429, 'Too many failed logins; try again in 15 minutes.')
    }
    const user = await findUserByEmail(deps.db, body.email)
    const isValid = await verifyPassword(body.password, user?.passwordHash ?? (await dummyHash))
    const auditBase = { action: 'login', ip: req.ip ?? null, client: req.get('user-agent')?.slice(0, 200) ?? null }
    if (!user || !isValid) {
      // consume() rejects once a counter is exhausted; that is the point, not an error.
      await Promise.all(counters.map((c) => c.limiter.consume(c.key).catch(() => undefined)))
      void deps.audit.record({ ...auditBase, outcome: 'denied', actorUserId: user?.id ?? null })
      throw new AppError('invalid_credentials', 401, 'E-mail address or password is incorrect.')
    }
    const { token, expiresAt } = await deps.sessions.create(user.id)
    const me = await deps.sessions.resolve(token)
    if (!me) throw new AppError('internal', 500, 'Session could not be created.')
    void deps.audit.record({ ...auditBase, outcome: 'ok', actorUserId: me.id, actorOrgId: me.organisationId })
    res.cookie(SESSION_COOKIE, token, {
      httpOnly: true, sameSite: 'lax', secure: deps.isSecureCookie || req.secure, path: '/', expires: expiresAt,
      maxAge: SESSION_TTL_MS,
    })
    res.json(toMeDto(me))
  })

  router.delete('/session', async (req: Request, res: Response) => {
    if (req.sessionToken) await deps.sessions.destroy(req.sessionToken)
    res.clearCookie(SESSION_COOKIE, { path: '/' })
    res.status(204).end()
  })

  router.get('/me', (req: Request, res: Response) => {
    res.json(toMeDto(requireUser(req)))
  })

  return router
}
