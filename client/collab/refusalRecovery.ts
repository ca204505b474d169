/**
 * Keeping a partner's unsent edits through a refused update (close code 4409).
 *
 * Why this shape: the server refuses a whole update and closes the socket, and its reason
 * names no item. After a reconnect, everything written offline leaves in one update (the
 * sync reply), so one forbidden change used to take every other unsent edit with it (the
 * browser's copy was deleted). Sending the old update again cannot work either: it would
 * be refused again, and its structs cannot be split (one client's clocks must arrive
 * without gaps). So recovery works on values, in rounds:
 * 1. At the refusal, the browser's copy is kept in memory (`encodeStateAsUpdate`), then
 *    deleted from IndexedDB and the document opened afresh, as before.
 * 2. Once the fresh copy is synced (it holds what the server has), the old copy's changes
 *    the server lacks (`encodeStateAsUpdate(old, serverStateVector)`) are merged onto it
 *    and cut into units (editUnits.ts): one item, entry, field map, log or rich text.
 * 3. A unit is known to be the refused one when it is the only unsent unit, or when it is
 *    the first unsent one of a previous round that wrote its units one update each on one
 *    socket (the server judges a socket's updates in order and drops the rest after a
 *    refusal, so every unit before it was accepted). That unit is listed for the partner
 *    with its text and the reason; it is not written again.
 * 4. The other units are written again into the fresh copy, one transaction (one update)
 *    each, in a fixed order, as new edits that the write guard judges on their own.
 *    Refused again, the next round names that one. Each naming round shrinks the list, so
 *    the rounds end; a round that names nothing counts against the reset budget.
 * The unit texts live in memory only: a tab closed before the partner copied them loses
 * them (the units written again are in the fresh IndexedDB copy and go out next visit).
 */
import * as Y from 'yjs'
import type { CasePart } from '../../shared/protocol/docName'
import { listChangedUnits, mergeUnsent, unitId, writeUnit, type EditUnit } from './editUnits'
import { describeUnit, type UnitText } from './unitText'

/** Transaction origin of edits written again after a refusal (not the partner's undo history). */
export const RECOVERY_ORIGIN = Symbol('refusal-recovery')

/** An edit the server refused, kept for the partner until they dismiss it. */
export interface UnsavedEdit {
  /** Unique per refusal (unit and time). */
  id: string
  part: CasePart
  unit: EditUnit
  /** The server's short English reason from the close frame (no plan content). */
  reason: string
  /** What the partner wrote in it. */
  text: UnitText
}

/** The state of recovery for one document across its fresh starts. */
export interface RefusalRecovery {
  /**
   * A refusal arrived on the current copy: keeps its state for the next fresh copy.
   * @returns whether the coming round will name the refused unit (no loop: free of the reset budget).
   */
  handleRefusal(current: Y.Doc, reason: string): boolean
  /** The current socket closed for another reason: a later refusal cannot be traced to a unit. */
  handleDrop(): void
  /**
   * The fresh copy is synced: names the refused unit if it can and writes the others again.
   * @returns the refused edits it named (at most one).
   */
  handleFreshSync(fresh: Y.Doc, now: number): UnsavedEdit[]
}

interface Pending {
  state: Uint8Array
  reason: string
}

/**
 * Recovery for one document part. Pure apart from the documents it is given.
 * @param part which plan document it works on (the units follow its root rules).
 */
export function createRefusalRecovery(part: CasePart): RefusalRecovery {
  let pending: Pending | null = null
  /** Units written again in the current copy, in the order they left. */
  let order: string[] = []
  let isAttributable = false

  function pickRefused(units: EditUnit[]): EditUnit | null {
    if (units.length === 1) return units[0]!
    if (!isAttributable) return null
    for (const id of order) {
      const unit = units.find((u) => unitId(u) === id)
      if (unit) return unit
    }
    return null
  }

  return {
    handleRefusal(current, reason) {
      const willName = isAttributable && order.length > 0
      const state = Y.encodeStateAsUpdate(current)
      // Refused again before the fresh copy synced: keep both copies' edits.
      pending = pending ? { state: Y.mergeUpdates([pending.state, state]), reason: pending.reason } : { state, reason }
      return willName
    },
    handleDrop() {
      isAttributable = false
    },
    handleFreshSync(fresh, now) {
      if (pending === null) return []
      const old = new Y.Doc()
      Y.applyUpdate(old, pending.state)
      const merged = mergeUnsent(fresh, old)
      const units = listChangedUnits(part, fresh, merged)
      const refused = pickRefused(units)
      const named: UnsavedEdit[] = refused
        ? [{ id: `${part}:${unitId(refused)}:${now}`, part, unit: refused, reason: pending.reason, text: describeUnit(part, fresh, merged, refused) }]
        : []
      const resend = units.filter((u) => u !== refused)
      for (const unit of resend) writeUnit(part, fresh, merged, unit, RECOVERY_ORIGIN)
      order = resend.map(unitId)
      isAttributable = true
      pending = null
      old.destroy()
      merged.destroy()
      return named
    },
  }
}
