/**
 * Admission of one client update to one document, before anything is stored: the named
 * steps of the write guard, in order. Each client's update is judged on its own, before
 * any group-commit merge, so one bad update never takes good ones of others with it.
 *   structure → client-id ownership → trial apply (catch up once if it waits) → touches
 *   → every write check (schema and authority, from server/access) → accept.
 * `accept` is called synchronously right after the last check, so the staging copy and
 * the commit queue never disagree about what was accepted; it gets the update's history
 * rows, to be committed in the same transaction.
 */
import type * as Y from 'yjs'
import type { HistoryRow } from './docStore'
import type { ClientOwners } from './clientIds'
import { checkStructure, type StagingDoc } from './updateGuard'
import type { HubConnection, WriteCheck, WriteCheckInput } from './types'

/** What admitting an update needs from its document. */
export interface AdmissionContext {
  docName: string
  staging: StagingDoc
  owners: ClientOwners
  checks: readonly WriteCheck[]
  /** Reads what this node missed from the update log (another node's late bus message). */
  catchUp(): Promise<void>
  isClosed(): boolean
  /** The history rows of an accepted update that changed something, committed with it (server/plan/itemHistory.ts). */
  historyOf?(input: WriteCheckInput): readonly HistoryRow[]
}

/** A refusal: a short reason without plan content, and the step that refused. */
export interface Refusal {
  step: string
  reason: string
}

/**
 * Runs the write guard on one update and calls `accept` when it passes.
 * @returns null when accepted (or the document closed meanwhile), else the refusal.
 */
export async function admitUpdate(
  ctx: AdmissionContext, conn: HubConnection, update: Uint8Array, accept: (update: Uint8Array, history: readonly HistoryRow[]) => void,
): Promise<Refusal | null> {
  let caughtUp = false
  for (;;) {
    if (ctx.isClosed()) return null
    const structure = checkStructure(update, (c) => ctx.staging.stateOf(c))
    if ('refusal' in structure) return { step: 'structure', reason: structure.refusal }
    const notOwn = await ctx.owners.check(structure.clients, conn.user.id, (c) => ctx.staging.stateOf(c))
    if (notOwn) {
      if (caughtUp) return { step: 'client-id', reason: notOwn }
      // An honest sync reply carries everything the client has and this node lacks,
      // partners' structs included, when their bus message is late: read the log first.
      caughtUp = true
      await ctx.catchUp()
      continue
    }
    if (ctx.isClosed()) return null
    const trial = ctx.staging.trial(update)
    if (trial.kind === 'invalid') return { step: 'apply', reason: trial.reason }
    if (trial.kind === 'missing') {
      if (caughtUp) return { step: 'apply', reason: 'update depends on changes the server does not have' }
      caughtUp = true
      await ctx.catchUp()
      continue
    }
    const refusal = judge(ctx, conn, trial.touches)
    if (refusal) {
      ctx.staging.discard()
      return refusal
    }
    // Nothing new (an empty update, only what the document has): nothing to store.
    if (structure.clients.length === 0 && 'touches' in trial.touches && trial.touches.touches.length === 0) return null
    // Read from the staging copy before anything else is tried on it.
    const history = ctx.historyOf && 'touches' in trial.touches && trial.touches.touches.length > 0
      ? ctx.historyOf({ docName: ctx.docName, touches: trial.touches.touches, context: trial.touches.context, conn })
      : []
    accept(update, history)
    return null
  }
}

function judge(ctx: AdmissionContext, conn: HubConnection, result: Extract<ReturnType<StagingDoc['trial']>, { kind: 'applied' }>['touches']): Refusal | null {
  if ('refusal' in result) return { step: 'touches', reason: result.refusal }
  if (result.touches.length === 0) return null
  const context = { ...result.context, isOwn: (item: Y.Item) => ctx.owners.ownerOf(item.id.client) === conn.user.id }
  for (const check of ctx.checks) {
    const reason = check.judge({ docName: ctx.docName, touches: result.touches, context, conn })
    if (reason) return { step: check.name, reason }
  }
  return null
}
