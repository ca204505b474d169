/**
 * The y-websocket wire protocol: the only file that parses bytes. Every client frame
 * is decoded completely and validated here before anything touches a document;
 * anything malformed throws ProtocolError and the connection is closed.
 *
 * Frame = varUint messageType, then per type:
 *   0 sync:      varUint syncType (0 step1 | 1 step2 | 2 update), varUint8Array payload
 *   1 awareness: varUint8Array awarenessUpdate
 *   3 queryAwareness: nothing
 * (2 auth is only ever sent by servers, so a client sending it is malformed.)
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'

/** Top-level message types of y-websocket. */
export const MessageType = { Sync: 0, Awareness: 1, Auth: 2, QueryAwareness: 3 } as const
/** Sub-types of a sync message (y-protocols/sync). */
export const SyncType = { Step1: 0, Step2: 1, Update: 2 } as const

/** A decoded, validated client message. */
export type ClientMessage =
  | { type: 'sync-step-1'; stateVector: Uint8Array }
  | { type: 'sync-step-2'; update: Uint8Array }
  | { type: 'update'; update: Uint8Array }
  | { type: 'awareness'; entries: AwarenessEntry[] }
  | { type: 'query-awareness' }

/** One client's entry in an awareness update; `state` null means the client left. */
export interface AwarenessEntry {
  clientId: number
  clock: number
  state: Record<string, unknown> | null
}

/** A frame that is not a well-formed y-websocket client message. */
export class ProtocolError extends Error {}

/**
 * Most awareness entries one frame may carry. A tab speaks for one client id, but
 * y-websocket echoes every presence change it receives, so a frame can list everyone
 * in the document (a join, a batch of renewals); those entries are dropped cheaply by
 * awarenessStamp.ts. 1,000 is far above any meeting and still bounds the work per frame.
 */
const MAX_AWARENESS_ENTRIES = 1000
/** Largest awareness state JSON per entry: a name, an organisation, a cursor. */
const MAX_AWARENESS_STATE_CHARS = 4096

/**
 * Decodes and validates one client frame.
 * @throws ProtocolError for unknown types, truncated or trailing bytes, corrupt Yjs
 * updates or state vectors, and malformed awareness JSON.
 */
export function decodeClientMessage(frame: Uint8Array): ClientMessage {
  try {
    const d = decoding.createDecoder(frame)
    const message = decodeBody(d)
    if (decoding.hasContent(d)) throw new ProtocolError('trailing bytes after message')
    return message
  } catch (err) {
    if (err instanceof ProtocolError) throw err
    throw new ProtocolError(`undecodable message: ${(err as Error).message}`)
  }
}

function decodeBody(d: decoding.Decoder): ClientMessage {
  const type = decoding.readVarUint(d)
  switch (type) {
    case MessageType.Sync:
      return decodeSync(d)
    case MessageType.Awareness:
      return { type: 'awareness', entries: decodeAwarenessUpdate(decoding.readVarUint8Array(d)) }
    case MessageType.QueryAwareness:
      return { type: 'query-awareness' }
    default:
      throw new ProtocolError(`unknown message type ${type}`)
  }
}

function decodeSync(d: decoding.Decoder): ClientMessage {
  const syncType = decoding.readVarUint(d)
  const payload = decoding.readVarUint8Array(d)
  switch (syncType) {
    case SyncType.Step1:
      // Decoding the state vector fully proves it is well formed.
      Y.decodeStateVector(payload)
      return { type: 'sync-step-1', stateVector: payload }
    case SyncType.Step2:
      validateUpdate(payload)
      return { type: 'sync-step-2', update: payload }
    case SyncType.Update:
      validateUpdate(payload)
      return { type: 'update', update: payload }
    default:
      throw new ProtocolError(`unknown sync message type ${syncType}`)
  }
}

/**
 * Parses a Yjs update completely without applying it, so a corrupt update is refused
 * before it can reach a document (applyUpdate could fail half-way).
 */
function validateUpdate(update: Uint8Array): void {
  Y.decodeUpdate(update)
}

/** Decodes an awareness update (y-protocols/awareness encoding) with strict checks. */
export function decodeAwarenessUpdate(update: Uint8Array): AwarenessEntry[] {
  const d = decoding.createDecoder(update)
  const count = decoding.readVarUint(d)
  if (count > MAX_AWARENESS_ENTRIES) throw new ProtocolError('too many awareness entries')
  const entries: AwarenessEntry[] = []
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(d)
    const clock = decoding.readVarUint(d)
    const json = decoding.readVarString(d)
    if (json.length > MAX_AWARENESS_STATE_CHARS) throw new ProtocolError('awareness state too large')
    const state: unknown = JSON.parse(json)
    if (state !== null && (typeof state !== 'object' || Array.isArray(state))) {
      throw new ProtocolError('awareness state is not an object')
    }
    entries.push({ clientId, clock, state: state as Record<string, unknown> | null })
  }
  if (decoding.hasContent(d)) throw new ProtocolError('trailing bytes in awareness update')
  return entries
}

/** Encodes awareness entries in the y-protocols format. */
export function encodeAwarenessUpdate(entries: readonly AwarenessEntry[]): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, entries.length)
  for (const entry of entries) {
    encoding.writeVarUint(e, entry.clientId)
    encoding.writeVarUint(e, entry.clock)
    encoding.writeVarString(e, JSON.stringify(entry.state))
  }
  return encoding.toUint8Array(e)
}

/** Frames a sync step 1 (our state vector) for a client. */
export function encodeSyncStep1(stateVector: Uint8Array): Uint8Array {
  return encodeSync(SyncType.Step1, stateVector)
}

/** Frames a sync step 2 (what the client is missing). */
export function encodeSyncStep2(update: Uint8Array): Uint8Array {
  return encodeSync(SyncType.Step2, update)
}

/** Frames an incremental document update. Encode once, send to every connection. */
export function encodeUpdateMessage(update: Uint8Array): Uint8Array {
  return encodeSync(SyncType.Update, update)
}

function encodeSync(syncType: number, payload: Uint8Array): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, MessageType.Sync)
  encoding.writeVarUint(e, syncType)
  encoding.writeVarUint8Array(e, payload)
  return encoding.toUint8Array(e)
}

/** Frames an awareness update. */
export function encodeAwarenessMessage(awarenessUpdate: Uint8Array): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, MessageType.Awareness)
  encoding.writeVarUint8Array(e, awarenessUpdate)
  return encoding.toUint8Array(e)
}
