/**
 * Loading one document for the hub (hubDoc.ts): the snapshot and the log applied
 * without letting one bad row break it (applyLog.ts), the rows that cannot be applied
 * quarantined with an audit event, and the `prepare` hook's changes (migrations)
 * committed before any client sees the document. Not on the edit path.
 */
import * as Y from 'yjs'
import type { AuditLog } from '../audit/auditLog'
import type { Logger } from '../log'
import type { CollabMetrics } from '../metrics'
import { applyStoredUpdates } from './applyLog'
import type { DocStore } from './docStore'
import { withTimeout } from './timeouts'
import type { HubLimits } from './types'

/** What loading needs (a subset of HubDocDeps). */
export interface DocLoadDeps {
  store: DocStore
  audit: AuditLog
  log: Logger
  metrics: CollabMetrics
  nodeId: string
  limits: Pick<HubLimits, 'storeTimeoutMs'>
  prepare?: (docName: string, doc: Y.Doc, origin: unknown) => void
}

/** A loaded document and where its log stands. */
export interface LoadedDoc {
  doc: Y.Doc
  /** Highest log id read (the anti-entropy cursor). */
  lastId: number
  /** Log rows not yet folded into the snapshot. */
  logRows: number
  /** What `prepare` changed, already committed as row `id`: for the other nodes. */
  migrated: { id: number; update: Uint8Array } | null
}

/** Transaction origin of the stored updates. */
const LOAD = Symbol('load')
/** Server-made changes (migrations at load): persisted before any client attaches. */
const SYSTEM = Symbol('system')

/**
 * Reads and builds document `name`.
 * @throws when the database cannot be read, or the snapshot itself cannot be applied.
 */
export async function loadDocState(name: string, deps: DocLoadDeps): Promise<LoadedDoc> {
  const read = await withTimeout(deps.store.load(name), deps.limits.storeTimeoutMs, 'loading the document')
  const built = applyStoredUpdates(read.updates, LOAD)
  const offset = read.updates.length - read.ids.length
  try {
    if (built.bad.some((b) => b.index < offset)) throw new Error('the snapshot of the document cannot be applied')
    if (built.bad.length > 0) await quarantine(name, deps, built.bad.map((b) => ({ id: read.ids[b.index - offset]!, reason: b.reason })))
    const migrated = await prepareAndPersist(name, built.doc, deps)
    return { doc: built.doc, lastId: read.lastId, logRows: read.logRows, migrated }
  } catch (err) {
    built.doc.destroy()
    throw err
  }
}

async function quarantine(name: string, deps: DocLoadDeps, rows: { id: number; reason: string }[]): Promise<void> {
  const ids = rows.map((r) => r.id)
  const moved = await deps.store.quarantine(name, ids, rows.map((r) => r.reason).join(','))
  deps.metrics.quarantinedRows.inc(moved)
  deps.log.error({ docName: name, rows: ids, moved }, 'update-log rows that cannot be applied were quarantined')
  void deps.audit.record({ action: 'doc.quarantine', outcome: 'failed', target: name, details: { rows: ids.length, moved } })
}

/** Runs the `prepare` hook (migrations) and commits what it changed, before any client sees it. */
async function prepareAndPersist(name: string, doc: Y.Doc, deps: DocLoadDeps): Promise<LoadedDoc['migrated']> {
  if (!deps.prepare) return null
  const changes: Uint8Array[] = []
  const capture = (u: Uint8Array, origin: unknown) => origin === SYSTEM && changes.push(u)
  doc.on('update', capture)
  deps.prepare(name, doc, SYSTEM)
  doc.off('update', capture)
  if (changes.length === 0) return null
  const update = Y.mergeUpdates(changes)
  const id = await withTimeout(deps.store.append(name, update, deps.nodeId), deps.limits.storeTimeoutMs, 'migrating')
  return { id, update }
}
