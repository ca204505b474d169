/**
 * The websocket upgrade on `/collab/<docName>`: every check happens here, before any
 * sync. Session cookie → user → case membership → may this user read / write this
 * document, plus the Origin check against cross-site websocket hijacking. A refusal
 * completes the upgrade only to close at once with a code from shared/protocol, so the
 * client can tell the user why (a bare HTTP 403 reaches browsers as code 1006).
 */
import { isOriginAllowed } from '../auth/origin'
import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer } from 'ws'
import { CloseCode } from '../../shared/protocol/closeCodes'
import { COLLAB_PATH_PREFIX, parseDocName, type DocRef } from '../../shared/protocol/docName'
import { decideDocAccess, type DocAccess, type Membership } from '../access/policy'
import type { AuditLog } from '../audit/auditLog'
import type { ResolvedSession, SessionUser } from '../auth/sessions'
import type { Logger } from '../log'
import type { DocHub } from './docHub'
import type { HubLimits } from './types'

/** What the upgrade handler needs. */
export interface CollabUpgradeDeps {
  hub: DocHub
  authenticate(req: IncomingMessage): Promise<ResolvedSession | null>
  findMembership(caseId: string, userId: string): Promise<Membership | null>
  audit: AuditLog
  log: Logger
  /** Allowed browser origin; when undefined, only the request's own host is allowed. */
  publicOrigin: string | undefined
  limits: HubLimits
}

/** Longest user-agent kept in the audit log. */
const MAX_CLIENT_LENGTH = 200

/** Creates the upgrade handler; it returns false for paths that are not ours. */
export function createCollabUpgrade(deps: CollabUpgradeDeps) {
  // Frames up to twice the limit are read and refused with 4413 and a reason; beyond
  // that ws cuts the connection itself (1009) without buffering the rest.
  const wss = new WebSocketServer({ noServer: true, maxPayload: deps.limits.maxMessageBytes * 2 })

  const refuse = (req: IncomingMessage, socket: Duplex, head: Buffer, code: number, reason: string) =>
    wss.handleUpgrade(req, socket, head, (ws) => ws.close(code, reason))

  const auditDenied = (req: IncomingMessage, doc: DocRef | null, user: SessionUser | null, reason: string) =>
    void deps.audit.record({
      action: 'doc.open', outcome: 'denied', actorUserId: user?.id ?? null, actorOrgId: user?.organisationId ?? null,
      caseId: doc?.kind === 'case' ? doc.caseId : null, target: doc?.name ?? null,
      ip: req.socket.remoteAddress ?? null, client: clientOf(req), details: { reason },
    })

  async function decide(req: IncomingMessage, doc: DocRef): Promise<{ user: SessionUser; access: DocAccess; session: ResolvedSession } | { code: number; reason: string; user: SessionUser | null }> {
    if (!isOriginAllowed(req, deps.publicOrigin)) return { code: CloseCode.OriginNotAllowed, reason: 'origin not allowed', user: null }
    const session = await deps.authenticate(req)
    if (!session) return { code: CloseCode.Unauthenticated, reason: 'not logged in', user: null }
    const user = session.user
    const membership = doc.kind === 'case' ? await deps.findMembership(doc.caseId, user.id) : null
    const access = decideDocAccess(membership, doc)
    if (!access.canRead) return { code: CloseCode.Forbidden, reason: 'no access to this document', user }
    if (deps.hub.connectionsOf(user.id) >= deps.limits.maxConnectionsPerUser) {
      return { code: CloseCode.RateLimited, reason: `more than ${deps.limits.maxConnectionsPerUser} open documents`, user }
    }
    return { user, access, session }
  }

  async function handle(req: IncomingMessage, socket: Duplex, head: Buffer, path: string): Promise<void> {
    const doc = parseDocName(path.slice(COLLAB_PATH_PREFIX.length))
    if (!doc) return refuse(req, socket, head, CloseCode.InvalidDocName, 'unknown document name')
    const decision = await decide(req, doc)
    if ('code' in decision) {
      deps.log.info({ docName: doc.name, userId: decision.user?.id, code: decision.code }, 'collab access denied')
      auditDenied(req, doc, decision.user, decision.reason)
      return refuse(req, socket, head, decision.code, decision.reason)
    }
    const hubDoc = await deps.hub.acquire(doc.name)
    // The pin must be released whatever happens to the handshake: a client that closes or
    // resets the socket while we loaded would otherwise keep the document in memory forever.
    let isReleased = false
    const release = () => {
      if (isReleased) return
      isReleased = true
      deps.hub.release(hubDoc)
    }
    if (socket.destroyed) return release()
    socket.once('close', release)
    const ctx = {
      doc, user: decision.user, access: decision.access, caseId: doc.kind === 'case' ? doc.caseId : null,
      sessionId: decision.session.idHash, sessionDeadline: Math.min(decision.session.idleDeadline, decision.session.expiresAt),
      ip: req.socket.remoteAddress ?? null, client: clientOf(req),
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      socket.off('close', release)
      deps.hub.connect(ws, hubDoc, ctx)
      release()
      void deps.audit.record({
        action: 'doc.open', outcome: 'ok', actorUserId: ctx.user.id, actorOrgId: ctx.user.organisationId,
        caseId: ctx.caseId, target: doc.name, ip: ctx.ip, client: ctx.client,
        details: { mode: ctx.access.canWrite ? 'write' : 'read' },
      })
    })
  }

  return {
    /** Handles an upgrade if its path is under /collab/; returns whether it did. */
    handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
      const path = (req.url ?? '').split('?')[0] ?? ''
      if (!path.startsWith(COLLAB_PATH_PREFIX)) return false
      handle(req, socket, head, path).catch((err: Error) => {
        deps.log.error({ err: err.message, path }, 'collab upgrade failed')
        if (!socket.destroyed) refuse(req, socket, head, CloseCode.ServerError, 'server error')
      })
      return true
    },
    close: () => new Promise<void>((resolve) => wss.close(() => resolve())),
  }
}

function clientOf(req: IncomingMessage): string | null {
  const ua = req.headers['user-agent']
  return ua ? ua.slice(0, MAX_CLIENT_LENGTH) : null
}
