/**
 * The document-size budget by ring (issue 18): the buitenring may fill a document only
 * up to `maxDocBytes - binnenringReserveBytes`; the rest is kept for the binnenring and
 * the chair (whose meeting decisions and actions are server-side edits with the chair's
 * access), so no amount of buitenring volume blocks them. Each buitenring organisation
 * is further held to its own share of the items (server/access/writeShares.ts).
 */
import { encodeShareRefusal } from '../../shared/protocol/limits'
import type { HubConnection, HubLimits } from './types'

/** The most bytes the document may hold after an update of `conn`. */
export function docByteLimit(limits: HubLimits, conn: HubConnection): number {
  if (conn.access.ring === 'inner') return limits.maxDocBytes
  return Math.max(0, limits.maxDocBytes - limits.binnenringReserveBytes)
}

/** The refusal reason when `conn`'s update would take the document past its limit. */
export function docBudgetReason(limits: HubLimits, conn: HubConnection): string {
  if (conn.access.ring === 'inner') return `the document would exceed ${limits.maxDocBytes} bytes`
  return encodeShareRefusal({ limit: 'document', section: null, max: docByteLimit(limits, conn), organisation: conn.user.organisationName })
}
