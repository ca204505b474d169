/**
 * The write guard's mechanics: proving that a client's update applies cleanly before
 * it is stored, and reading what it changes.
 *
 * 1. Structure (`checkStructure`): the decoded structs name no reference that can never
 *    resolve (an origin, right origin or parent at the struct's own client and a clock
 *    not below its own: itself or its future), no clock span beyond a bound, and tell
 *    which client ids the update writes under (any struct past the document's state).
 * 2. Trial (`StagingDoc.trial`): the update is applied to a staging copy of the
 *    document, which holds everything committed plus what was accepted and is still
 *    being committed. An update that throws there is invalid. One that leaves structs
 *    or deletions pending depends on something this node has not seen: the hub catches
 *    up from the update log and tries again, and refuses it only if it still waits.
 * 3. The transaction of a successful trial yields the touches (updateTouches.ts) that
 *    the write checks judge. A refused update is rolled out of the staging copy by
 *    rebuilding it from the document (rare: refusals only).
 * Measured cost: docs/BENCHMARKS.md ("write guard").
 */
import * as Y from 'yjs'
import { hasPending } from './applyLog'
import { readTouches, type TouchResult } from './updateTouches'

/**
 * Most clock positions one update may add under one client id. A paste of 100 pages is
 * ~300k; a GC struct is only a length, so without a bound one small frame could claim
 * billions of clocks.
 */
export const MAX_CLOCK_SPAN = 4_000_000

/** What the structure check found. */
export type StructureResult = { clients: number[] } | { refusal: string }

/**
 * Checks the structs of an update against the document's state vector.
 * @param stateOf the staging document's clock per client.
 * @returns the client ids the update writes new structs under, or a refusal.
 */
export function checkStructure(update: Uint8Array, stateOf: (client: number) => number): StructureResult {
  let decoded: ReturnType<typeof Y.decodeUpdate>
  try {
    decoded = Y.decodeUpdate(update)
  } catch {
    return { refusal: 'update cannot be decoded' }
  }
  const spans = new Map<number, { from: number; to: number }>()
  for (const struct of decoded.structs) {
    const { client, clock } = struct.id
    if (struct instanceof Y.Skip) continue
    if (struct instanceof Y.Item) {
      const refusal = selfReference(struct)
      if (refusal) return { refusal }
    }
    const span = spans.get(client) ?? { from: clock, to: clock }
    span.from = Math.min(span.from, clock)
    span.to = Math.max(span.to, clock + struct.length)
    spans.set(client, span)
  }
  const clients: number[] = []
  for (const [client, span] of spans) {
    const known = stateOf(client)
    if (span.to <= known) continue
    if (span.to - Math.max(span.from, known) > MAX_CLOCK_SPAN) return { refusal: `update spans more than ${MAX_CLOCK_SPAN} clocks` }
    clients.push(client)
  }
  return { clients }
}

/** A reference to the struct itself or to a later clock of its own client never resolves. */
function selfReference(item: Y.Item): string | null {
  const own = item.id
  for (const ref of [item.origin, item.rightOrigin, item.parent]) {
    if (ref instanceof Y.ID && ref.client === own.client && ref.clock >= own.clock) {
      return 'update refers to itself or to its own future'
    }
  }
  return null
}

/** Outcome of applying an update to the staging copy. */
export type TrialResult =
  | { kind: 'applied'; touches: TouchResult }
  | { kind: 'invalid'; reason: string }
  | { kind: 'missing' }

/** Transaction origin of trial applies. */
const TRIAL = Symbol('trial')

/**
 * The staging copy of a document: committed content plus accepted updates still being
 * committed. Built lazily from `source` (the hub document's state and its uncommitted
 * updates) and thrown away whenever a trial leaves it in doubt.
 */
export class StagingDoc {
  private doc: Y.Doc | null = null

  constructor(
    private readonly source: () => Uint8Array[],
    /** Root names and their types, created up front so every root is typed before updates arrive. */
    private readonly roots: (doc: Y.Doc) => void,
  ) {}

  /** The staging document, built if needed. */
  get(): Y.Doc {
    if (this.doc) return this.doc
    const doc = new Y.Doc()
    this.roots(doc)
    doc.transact(() => {
      for (const u of this.source()) Y.applyUpdate(doc, u)
    })
    this.doc = doc
    return doc
  }

  /** Whether the copy exists now (it is built on first use). */
  isBuilt(): boolean {
    return this.doc !== null
  }

  /** The staging document's clock for a client. */
  stateOf(client: number): number {
    return Y.getState(this.get().store, client)
  }

  /** Applies an update that is known good (committed by another node, or a migration). */
  applyKnown(update: Uint8Array): void {
    if (!this.doc) return
    try {
      Y.applyUpdate(this.doc, update)
    } catch {
      this.discard()
    }
    if (this.doc && hasPending(this.doc)) this.discard()
  }

  /** Applies a client's update and reads what it changed. */
  trial(update: Uint8Array): TrialResult {
    const doc = this.get()
    let touches: TouchResult | null = null
    const capture = (tr: Y.Transaction) => {
      if (tr.origin === TRIAL) touches = readTouches(doc, tr)
    }
    doc.on('afterTransaction', capture)
    try {
      Y.applyUpdate(doc, update, TRIAL)
    } catch {
      this.discard()
      return { kind: 'invalid', reason: 'update does not apply to the document' }
    } finally {
      doc.off('afterTransaction', capture)
    }
    if (hasPending(doc)) {
      this.discard()
      return { kind: 'missing' }
    }
    return { kind: 'applied', touches: touches ?? { touches: [], context: { doc, isNew: () => false, isOwn: () => false } } }
  }

  /** Whether an update holds anything the staging copy lacks. */
  isNew(update: Uint8Array): boolean {
    return !Y.snapshotContainsUpdate(Y.snapshot(this.get()), update)
  }

  /** Drops the copy; the next use rebuilds it from the source. */
  discard(): void {
    this.doc?.destroy()
    this.doc = null
  }
}
