/**
 * Answers to a client's sync step 1, at a cost that does not grow with how often they
 * are asked (issue 18, item 1).
 *
 * The whole state of a document is encoded once per state and the frame is reused: a
 * client with an empty state vector (a first visit, or a hostile loop of `00 00 01 00`)
 * gets the cached frame, which costs no encoding and no copy (ws sends the same buffer
 * to every socket). Any applied transaction drops the cache (a listener that only
 * clears a field, so the edit path stays as cheap as before).
 *
 * A client that already holds most of the document (a reconnect with its local copy)
 * gets the difference, `Y.encodeStateAsUpdate(doc, sv)`, but only when that difference
 * is small: Yjs walks every struct the client lacks, and a crafted state vector can
 * claim to lack nearly everything. When more than 1/16 of the document's structs are
 * missing the cached full state is sent instead; it is always correct (Yjs applies
 * what the receiver lacks and skips the rest), only larger on the wire.
 */
import * as Y from 'yjs'
import { encodeSyncStep2 } from './protocol'

/** A diff is encoded only when the client lacks at most this share of the structs. */
const MAX_DIFF_SHARE = 1 / 16

/** Sync step 2 frames of one document (whichever Y.Doc it currently holds). */
export class SyncReplies {
  /** The cached full-state frame and the Y.Doc instance it was encoded from. */
  private cached: { doc: Y.Doc; frame: Uint8Array } | null = null
  private readonly watched = new WeakSet<Y.Doc>()
  private readonly invalidate = () => {
    this.cached = null
  }

  constructor(private readonly doc: () => Y.Doc) {}

  /** The sync step 2 frame answering a client's state vector (already validated by protocol.ts). */
  replyTo(stateVector: Uint8Array): Uint8Array {
    const doc = this.doc()
    const client = Y.decodeStateVector(stateVector)
    if (client.size === 0 || !isDiffCheap(doc, client)) return this.fullState()
    return encodeSyncStep2(Y.encodeStateAsUpdate(doc, stateVector))
  }

  /** The whole document as a sync step 2 frame, encoded at most once per state. */
  fullState(): Uint8Array {
    const doc = this.doc()
    if (this.cached?.doc === doc) return this.cached.frame
    if (!this.watched.has(doc)) {
      this.watched.add(doc)
      doc.on('afterTransaction', this.invalidate)
    }
    const frame = encodeSyncStep2(Y.encodeStateAsUpdate(doc))
    this.cached = { doc, frame }
    return frame
  }

  /** Frees the cached frame (the document is being released). */
  clear(): void {
    this.cached = null
  }
}

/**
 * Whether the client lacks few enough structs for a diff to be cheap: a binary search
 * per writing client, no struct is read.
 */
function isDiffCheap(doc: Y.Doc, client: Map<number, number>): boolean {
  let total = 0
  let missing = 0
  for (const [clientId, structs] of doc.store.clients) {
    total += structs.length
    const known = client.get(clientId) ?? 0
    const last = structs[structs.length - 1]
    if (!last || known >= last.id.clock + last.length) continue
    missing += known === 0 ? structs.length : structs.length - Y.findIndexSS(structs, known)
  }
  return missing <= total * MAX_DIFF_SHARE
}
