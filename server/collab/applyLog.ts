/**
 * Building a Y.Doc from stored updates (snapshot and log rows) so that one row that
 * cannot be applied never makes the whole document unreadable. The hub loads through
 * this (and quarantines what it reports), and so do compaction and the plan readers.
 *
 * Fast path: every update applied in one transaction, as before. Only when that throws
 * or leaves structs waiting for something that never came does the slow path run:
 * each row is first tried on a copy, a row that throws is left out, a row that waits for
 * a missing dependency is retried after every later row, and what still waits at the
 * end is left out too. The slow path costs a copy of the document per row; it runs only
 * for a log that is already broken.
 */
import * as Y from 'yjs'

/** Why a stored update was left out. */
export interface BadUpdate {
  /** Index into the `updates` given. */
  index: number
  reason: 'throws' | 'unresolved'
}

/** A built document and what was left out of it. */
export interface AppliedLog {
  doc: Y.Doc
  bad: BadUpdate[]
}

/** Whether a document holds structs or deletions waiting for updates it does not have. */
export function hasPending(doc: Y.Doc): boolean {
  return doc.store.pendingStructs !== null || doc.store.pendingDs !== null
}

/**
 * Applies `updates` (oldest first) to a new Y.Doc, leaving out the ones that cannot be
 * applied. Never throws for bad update data.
 * @param origin transaction origin of the applies.
 */
export function applyStoredUpdates(updates: readonly Uint8Array[], origin: unknown = null): AppliedLog {
  const fast = new Y.Doc()
  try {
    fast.transact(() => {
      for (const u of updates) Y.applyUpdate(fast, u)
    }, origin)
    if (!hasPending(fast)) return { doc: fast, bad: [] }
  } catch {
    // fall through to the slow path
  }
  fast.destroy()
  return applySlowly(updates, origin)
}

function applySlowly(updates: readonly Uint8Array[], origin: unknown): AppliedLog {
  const doc = new Y.Doc()
  const bad: BadUpdate[] = []
  let waiting: number[] = []
  const tryApply = (index: number): 'ok' | 'throws' | 'waits' => {
    const probe = copyDoc(doc)
    try {
      Y.applyUpdate(probe, updates[index]!)
      if (hasPending(probe)) return 'waits'
    } catch {
      return 'throws'
    } finally {
      probe.destroy()
    }
    Y.applyUpdate(doc, updates[index]!, origin)
    return 'ok'
  }
  for (let i = 0; i < updates.length; i++) {
    const result = tryApply(i)
    if (result === 'throws') bad.push({ index: i, reason: 'throws' })
    if (result === 'waits') waiting.push(i)
    if (result !== 'ok') continue
    // A row that waited may resolve now; keep going until nothing more resolves.
    for (let progress = true; progress && waiting.length > 0; ) {
      const before = waiting.length
      waiting = waiting.filter((w) => {
        const r = tryApply(w)
        if (r === 'throws') bad.push({ index: w, reason: 'throws' })
        return r === 'waits'
      })
      progress = waiting.length < before
    }
  }
  for (const w of waiting) bad.push({ index: w, reason: 'unresolved' })
  bad.sort((a, b) => a.index - b.index)
  return { doc, bad }
}

/** A copy of a document's committed state (no pending structs). */
export function copyDoc(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc()
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
  return copy
}
