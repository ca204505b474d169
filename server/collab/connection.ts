/**
 * One websocket connection to one document: size and rate limits, decoding, the
 * read-only rule, and the dispatch of each message type to the HubDoc.
 */
import { randomUUID } from 'node:crypto'
import type { WebSocket, RawData } from 'ws'
import { CloseCode } from '../../shared/protocol/closeCodes'
import type { AuditLog } from '../audit/auditLog'
import type { Logger } from '../log'
import type { CollabMetrics } from '../metrics'
import { stampAwareness } from './awarenessStamp'
import type { HubDoc } from './hubDoc'
import type { Refusal } from './admission'
import { createSyncGate } from './syncGate'
import { decodeClientMessage, encodeAwarenessUpdate, ProtocolError, type AwarenessEntry, type ClientMessage } from './protocol'
import type { ConnectionContext, HubConnection, HubLimits } from './types'
import { TokenBucket } from '../flow/tokenBucket'

/** What a connection needs besides its socket. */
export interface ConnectionDeps {
  log: Logger
  metrics: CollabMetrics
  audit: AuditLog
  limits: HubLimits
  /** Records activity of the connection's session (idle limit). */
  touchSession?: (sessionId: string) => void
}

/** Wires a websocket to a document; returns the connection the HubDoc sees. */
export function startConnection(ws: WebSocket, doc: HubDoc, ctx: ConnectionContext, deps: ConnectionDeps): HubConnection {
  const logCtx = { docName: doc.name, userId: ctx.user.id }
  const bucket = new TokenBucket(deps.limits.messageBurst, deps.limits.messagesPerSecond)
  let acceptedWrites = 0
  let droppedWrites = 0
  let isAlive = true
  let isRefused = false
  /** Updates are admitted one after the other: a client's next update builds on its last. */
  let admissions: Promise<void> = Promise.resolve()
  let queuedUpdates = 0

  const conn: HubConnection = {
    id: randomUUID(),
    user: ctx.user,
    sessionId: ctx.sessionId,
    doc: ctx.doc,
    access: ctx.access,
    send(frame) {
      if (ws.readyState !== ws.OPEN) return
      // Bounds the queue at maxBufferedBytes plus one frame; a reader that falls that
      // far behind is closed (it resyncs on reconnect) rather than buffered without bound.
      if (ws.bufferedAmount > deps.limits.maxBufferedBytes) {
        return conn.close(CloseCode.ServerError, 'client too slow, reconnect to resync')
      }
      ws.send(frame)
    },
    close(code, reason) {
      if (ws.readyState === ws.OPEN || ws.readyState === ws.CONNECTING) ws.close(code, reason)
    },
  }

  const audit = (action: string, outcome: 'ok' | 'dropped' | 'denied', details: Record<string, number | string>) =>
    void deps.audit.record({
      action, outcome, actorUserId: ctx.user.id, actorOrgId: ctx.user.organisationId, caseId: ctx.caseId,
      target: doc.name, ip: ctx.ip, client: ctx.client, details,
    })


  const dropWrite = () => {
    droppedWrites++
    deps.metrics.droppedReadOnly.inc()
    if (droppedWrites === 1) {
      deps.log.warn(logCtx, 'dropped update from read-only connection')
      audit('doc.write', 'dropped', { reason: 'read-only' })
    }
  }

  /** The write guard said no: nothing was stored; tell the client why and close. */
  const refuseUpdate = (refusal: Refusal) => {
    isRefused = true
    deps.metrics.refused.inc({ step: refusal.step })
    deps.log.warn({ ...logCtx, step: refusal.step, reason: refusal.reason }, 'refused update')
    audit('doc.write', 'denied', { step: refusal.step, reason: refusal.reason })
    conn.close(CloseCode.UpdateRefused, closeReason(refusal.reason))
  }

  const submit = (update: Uint8Array, isSyncReply: boolean) => {
    if (isRefused) return
    if (++queuedUpdates > deps.limits.maxQueuedUpdates) return refuse(CloseCode.RateLimited, 'too many updates waiting')
    admissions = admissions
      .then(async () => {
        if (isRefused) return
        const refusal = await doc.submitClientUpdate(conn, update, { isSyncReply })
        if (refusal) refuseUpdate(refusal)
        else acceptedWrites++
      })
      .catch((err: Error) => {
        deps.log.error({ ...logCtx, err: err.message }, 'update admission failed')
        conn.close(CloseCode.ServerError, 'server error')
      })
      .finally(() => void queuedUpdates--)
  }

  const handleAwareness = (entries: AwarenessEntry[]) => {
    const stamped = stampAwareness(entries, conn, doc.presence, ctx.user)
    if (stamped.entries.length === 0) return
    const newIds = stamped.added.filter((id) => doc.presence.ownerOf(id) !== conn)
    if (doc.presence.ownedBy(conn) + newIds.length > deps.limits.maxPresenceIdsPerConnection) {
      return refuse(CloseCode.MalformedMessage, `more than ${deps.limits.maxPresenceIdsPerConnection} presence ids`)
    }
    doc.presence.applyFromClient(conn, encodeAwarenessUpdate(stamped.entries), stamped)
  }

  const handleSyncStep1 = createSyncGate({
    limits: deps.limits,
    isOpen: () => ws.readyState === ws.OPEN,
    bufferedBytes: () => ws.bufferedAmount,
    reply: (stateVector) => doc.syncReplyFor(stateVector),
    send: (frame, written) => ws.send(frame, () => written()),
    refuse: (code, reason) => refuse(code, reason),
  })

  const dispatch = (m: ClientMessage) => {
    switch (m.type) {
      case 'sync-step-1':
        return handleSyncStep1(m.stateVector)
      case 'sync-step-2':
      case 'update':
        // conn.access, not ctx.access: a re-check may have made this connection read-only.
        if (!conn.access.canWrite) return doc.isNewToDoc(m.update) ? dropWrite() : undefined
        return submit(m.update, m.type === 'sync-step-2')
      case 'awareness':
        return handleAwareness(m.entries)
      case 'query-awareness':
        return doc.sendAwarenessTo(conn)
    }
  }

  const handleMessage = (data: RawData, isBinary: boolean) => {
    // A closing connection gets no work (frames still arrive until the client's close frame).
    if (ws.readyState !== ws.OPEN) return
    if (!isBinary) return refuse(CloseCode.MalformedMessage, 'text frames are not part of the protocol')
    const frame = toUint8Array(data)
    if (frame.byteLength > deps.limits.maxMessageBytes) {
      return refuse(CloseCode.MessageTooLarge, `message exceeds ${deps.limits.maxMessageBytes} bytes`)
    }
    deps.touchSession?.(ctx.sessionId)
    if (!bucket.take()) {
      deps.metrics.rateLimited.inc()
      return refuse(CloseCode.RateLimited, 'too many messages')
    }
    let message: ClientMessage
    try {
      message = decodeClientMessage(frame)
    } catch (err) {
      if (!(err instanceof ProtocolError)) throw err
      return refuse(CloseCode.MalformedMessage, 'malformed message')
    }
    dispatch(message)
  }

  const refuse = (code: number, reason: string) => {
    if (code !== CloseCode.RateLimited) deps.metrics.malformed.inc()
    deps.log.warn({ ...logCtx, code, reason }, 'closing connection')
    conn.close(code, reason)
  }

  ws.on('message', (data, isBinary) => {
    try {
      handleMessage(data, isBinary)
    } catch (err) {
      deps.log.error({ ...logCtx, err: (err as Error).message }, 'message handling failed')
      conn.close(CloseCode.ServerError, 'server error')
    }
  })
  ws.on('pong', () => {
    isAlive = true
  })
  const ping = setInterval(() => {
    if (!isAlive) return ws.terminate()
    isAlive = false
    ws.ping()
  }, deps.limits.pingIntervalMs)
  ws.on('close', () => {
    clearInterval(ping)
    doc.detach(conn)
    if (acceptedWrites > 0) audit('doc.edit', 'ok', { updates: acceptedWrites })
    if (droppedWrites > 1) audit('doc.write', 'dropped', { reason: 'read-only', count: droppedWrites })
  })
  ws.on('error', (err) => deps.log.warn({ ...logCtx, err: err.message }, 'websocket error'))

  doc.attach(conn)
  return conn
}

/** Longest close reason: RFC 6455 allows 123 bytes. */
const MAX_CLOSE_REASON_BYTES = 123

/** A close reason cut to what a close frame can carry. */
function closeReason(reason: string): string {
  let out = reason
  while (Buffer.byteLength(out) > MAX_CLOSE_REASON_BYTES) out = out.slice(0, -1)
  return out
}

function toUint8Array(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data))
  if (data instanceof ArrayBuffer) return new Uint8Array(data)
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
}
