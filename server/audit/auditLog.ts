/**
 * Append-only, hash-chained audit log (NEN 7513 style): who, for which organisation,
 * which case, what, when, from where, with what outcome. Each row's hash covers the
 * previous row's hash, so a removed or edited row breaks the chain (see verifyChain).
 */
import { createHash } from 'node:crypto'
import type { Db, Sql } from '../db/db'
import type { Logger } from '../log'

/** Outcome of an audited action. */
export type AuditOutcome = 'ok' | 'denied' | 'dropped' | 'failed'

/** One audit event, as callers describe it. Never put plan content in `details`. */
export interface AuditEvent {
  action: string
  outcome: AuditOutcome
  actorUserId?: string | null
  actorOrgId?: string | null
  caseId?: string | null
  target?: string | null
  ip?: string | null
  client?: string | null
  details?: Record<string, string | number | boolean | null>
}

/** Writes audit events. */
export interface AuditLog {
  /** Appends an event; never throws (a failure is logged with context, not content). */
  record(event: AuditEvent): Promise<void>
}

/** Serialises chain appends across nodes sharing one database. */
const AUDIT_LOCK_KEY = 726_173_502
const GENESIS = '0'.repeat(64)

/** The canonical text a row's hash covers. */
export function canonicalAuditText(prevHash: string, at: string, e: AuditEvent): string {
  return JSON.stringify([
    prevHash, at, e.action, e.outcome, e.actorUserId ?? null, e.actorOrgId ?? null, e.caseId ?? null,
    e.target ?? null, e.ip ?? null, e.client ?? null, e.details ?? null,
  ])
}

async function append(tx: Sql, e: AuditEvent): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_LOCK_KEY])
  const last = await tx.query<{ hash: string }>('SELECT hash FROM audit_events ORDER BY id DESC LIMIT 1')
  const prevHash = last[0]?.hash ?? GENESIS
  const at = new Date().toISOString()
  const hash = createHash('sha256').update(canonicalAuditText(prevHash, at, e)).digest('hex')
  await tx.query(
    `INSERT INTO audit_events (at, actor_user_id, actor_org_id, case_id, action, target, outcome, ip, client,
                               details, prev_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [
      at, e.actorUserId ?? null, e.actorOrgId ?? null, e.caseId ?? null, e.action, e.target ?? null, e.outcome,
      e.ip ?? null, e.client ?? null, e.details ? JSON.stringify(e.details) : null, prevHash, hash,
    ],
  )
}

/** Creates the audit log over the database. */
export function createAuditLog(db: Db, log: Logger): AuditLog {
  return {
    async record(event) {
      try {
        await db.transaction((tx) => append(tx, event))
      } catch (err) {
        log.error({ err: (err as Error).message, action: event.action, caseId: event.caseId }, 'audit append failed')
      }
    },
  }
}
