/**
 * Messages between nodes about one document, carried on the bus channel `doc:<name>`.
 * Every message names its origin node, so a node ignores its own echoes.
 *   0 update:          nodeId, varUint seq (update-log id), update bytes (already persisted)
 *   1 awareness:       nodeId, awareness update bytes
 *   2 awareness-query: nodeId (a node that just loaded the doc asks for current presence)
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'

/** A message from another node. */
export type FanoutMessage =
  | { type: 'update'; nodeId: string; seq: number; update: Uint8Array }
  | { type: 'awareness'; nodeId: string; update: Uint8Array }
  | { type: 'awareness-query'; nodeId: string }

const enum Kind {
  Update = 0,
  Awareness = 1,
  AwarenessQuery = 2,
}

/** The bus channel of a document. */
export function docChannel(docName: string): string {
  return `doc:${docName}`
}

/** Encodes a persisted update for the other nodes. */
export function encodeFanoutUpdate(nodeId: string, seq: number, update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, Kind.Update)
  encoding.writeVarString(e, nodeId)
  encoding.writeVarUint(e, seq)
  encoding.writeVarUint8Array(e, update)
  return encoding.toUint8Array(e)
}

/** Encodes an awareness change for the other nodes. */
export function encodeFanoutAwareness(nodeId: string, update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, Kind.Awareness)
  encoding.writeVarString(e, nodeId)
  encoding.writeVarUint8Array(e, update)
  return encoding.toUint8Array(e)
}

/** Encodes a request for every node's current presence on the document. */
export function encodeFanoutAwarenessQuery(nodeId: string): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, Kind.AwarenessQuery)
  encoding.writeVarString(e, nodeId)
  return encoding.toUint8Array(e)
}

/**
 * Decodes a bus message; null for anything unknown (a newer node's message type, or
 * garbage on a shared Redis), which the caller logs and ignores.
 */
export function decodeFanout(bytes: Uint8Array): FanoutMessage | null {
  try {
    const d = decoding.createDecoder(bytes)
    const kind = decoding.readVarUint(d)
    const nodeId = decoding.readVarString(d)
    switch (kind) {
      case Kind.Update:
        return { type: 'update', nodeId, seq: decoding.readVarUint(d), update: decoding.readVarUint8Array(d) }
      case Kind.Awareness:
        return { type: 'awareness', nodeId, update: decoding.readVarUint8Array(d) }
      case Kind.AwarenessQuery:
        return { type: 'awareness-query', nodeId }
      default:
        return null
    }
  } catch {
    return null
  }
}
