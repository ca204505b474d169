/** Express middleware: security headers, the session, the one error handler, and 404s for unknown API paths. */
import type { ErrorRequestHandler, NextFunction, Request, RequestHandler, Response } from 'express'
import { parse as parseCookie } from 'cookie'
import helmet from 'helmet'
import { SESSION_COOKIE, type SessionStore, type SessionUser } from '../auth/sessions'
import { AppError } from '../errors'
import type { Logger } from '../log'

declare module 'express-serve-static-core' {
  interface Request {
    user?: SessionUser
    sessionToken?: string
  }
}

/**
 * helmet's headers, narrowed. Styles come from our own stylesheets only: the client sets
 * every dynamic style (presence colours, carets, ProseMirror decorations) through the
 * CSSOM (`el.style.x = …`), which CSP does not govern, and Tiptap's CSS injection is off,
 * so neither `'unsafe-inline'` nor `https:` is needed in `style-src`. HSTS and
 * `upgrade-insecure-requests` only when the public origin is https: sent over plain http
 * (the embedded demo on a laptop, a test) they would make the browser refuse the very
 * origin it is on.
 */
export function securityHeaders(publicOrigin: string | undefined): RequestHandler {
  const isHttps = publicOrigin?.startsWith('https:') ?? false
  return helmet({
    contentSecurityPolicy: {
      directives: {
        'style-src': ["'self'"],
        'upgrade-insecure-requests': isHttps ? [] : null,
      },
    },
    strictTransportSecurity: isHttps,
  })
}

/** Reads the session token from a Cookie header. */
export function sessionTokenFrom(cookieHeader: string | undefined): string | undefined {
  if (!cookieHeader) return undefined
  return parseCookie(cookieHeader)[SESSION_COOKIE]
}

/** Resolves the session cookie (if any) to `req.user`. */
export function loadSession(sessions: SessionStore): RequestHandler {
  return async (req, _res, next) => {
    const token = sessionTokenFrom(req.headers.cookie)
    if (token) {
      req.sessionToken = token
      req.user = (await sessions.resolve(token)) ?? undefined
    }
    next()
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * Refuses state-changing requests that a browser sent from another site (CSRF), on top of
 * SameSite=Lax cookies and JSON-only bodies: `Origin` must be the app's own
 * (PUBLIC_ORIGIN, else the request's own host), `null` never is, and without `Origin`
 * a `Sec-Fetch-Site` other than same-origin or none is refused. A request with neither
 * header is no browser's (a script, a test); it carries no ambient cookie of a victim.
 */
export function requireSameOrigin(publicOrigin: string | undefined): RequestHandler {
  return (req, _res, next) => {
    if (SAFE_METHODS.has(req.method)) return next()
    const origin = req.get('origin')
    const site = req.get('sec-fetch-site')
    const own = publicOrigin ?? `${req.protocol}://${req.get('host')}`
    const isAllowed = origin !== undefined ? origin === own : site === undefined || site === 'same-origin' || site === 'none'
    if (isAllowed) return next()
    next(new AppError('forbidden', 403, 'Cross-site request refused.'))
  }
}

/** The logged-in user of a request. @throws AppError unauthenticated (401). */
export function requireUser(req: Request): SessionUser {
  if (!req.user) throw new AppError('unauthenticated', 401, 'Not logged in.')
  return req.user
}

/** Unknown `/api/*` paths answer JSON 404 rather than the client app. */
export const apiNotFound: RequestHandler = (req, _res, next) =>
  next(new AppError('not_found', 404, `No such endpoint: ${req.method} ${req.path}`))

/** Turns every error into `{ error: { code, message } }`; never leaks internals. */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err: unknown, req: Request, res: Response, _next: NextFunction) => {
    if (err instanceof AppError) {
      res.status(err.status).json({ error: { code: err.code, message: err.message, issues: err.issues } })
      return
    }
    const e = err as { type?: string; status?: number; message?: string }
    if (e.type === 'entity.parse.failed') {
      res.status(400).json({ error: { code: 'invalid_input', message: 'Request body is not valid JSON.' } })
      return
    }
    if (e.type === 'entity.too.large') {
      res.status(413).json({ error: { code: 'invalid_input', message: 'Request body is too large.' } })
      return
    }
    if (e.status && e.status >= 400 && e.status < 500) {
      res.status(e.status).json({ error: { code: 'invalid_input', message: 'Bad request.' } })
      return
    }
    log.error({ err: e.message, method: req.method, path: req.path, userId: req.user?.id }, 'request failed')
    res.status(500).json({ error: { code: 'internal', message: 'Internal error; it has been logged.' } })
  }
}
