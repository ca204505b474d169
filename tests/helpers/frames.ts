/**
 * y-websocket frames built the way real clients build them (lib0 encoding, y-protocols),
 * for tests that need valid frames to corrupt, truncate or wrap around bad payloads.
 */
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'

/** y-websocket's top-level message types and sync sub-types. */
export const MESSAGE = { sync: 0, awareness: 1, auth: 2, queryAwareness: 3 } as const
export const SYNC = { step1: 0, step2: 1, update: 2 } as const

/** A sync frame: varUint 0, varUint `syncType`, varUint8Array `payload`. */
export function syncFrame(syncType: number, payload: Uint8Array): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, MESSAGE.sync)
  encoding.writeVarUint(e, syncType)
  encoding.writeVarUint8Array(e, payload)
  return encoding.toUint8Array(e)
}

/** An awareness frame around `payload` (which need not be a valid awareness update). */
export function awarenessFrame(payload: Uint8Array): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, MESSAGE.awareness)
  encoding.writeVarUint8Array(e, payload)
  return encoding.toUint8Array(e)
}

/** A frame of top-level message type `type` followed by `rest` as is. */
export function typedFrame(type: number, rest: Uint8Array): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, type)
  encoding.writeUint8Array(e, rest)
  return encoding.toUint8Array(e)
}

/** One valid frame of every kind a client sends. */
export interface ValidFrames {
  step1: Uint8Array
  step2: Uint8Array
  update: Uint8Array
  awareness: Uint8Array
  queryAwareness: Uint8Array
}

/** Valid frames about a scratch document holding `text` (never the document under test). */
export function validFrames(text: string): ValidFrames {
  const doc = new Y.Doc()
  doc.getText('scratch').insert(0, text)
  const awareness = new awarenessProtocol.Awareness(doc)
  awareness.setLocalState({ user: { name: text, color: '#123456' } })
  const frames: ValidFrames = {
    step1: syncFrame(SYNC.step1, Y.encodeStateVector(doc)),
    step2: syncFrame(SYNC.step2, Y.encodeStateAsUpdate(doc)),
    update: syncFrame(SYNC.update, Y.encodeStateAsUpdate(doc)),
    awareness: awarenessFrame(awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID])),
    queryAwareness: Uint8Array.of(MESSAGE.queryAwareness),
  }
  awareness.destroy()
  doc.destroy()
  return frames
}

/**
 * Whether a frame is acceptable y-websocket traffic by the reference libraries (Yjs,
 * y-protocols), independent of the server's own decoder: a known message type, a
 * payload Yjs or y-protocols can decode, and no trailing bytes. Tests use it as the
 * oracle for randomly generated frames.
 */
export function isReferenceValidFrame(frame: Uint8Array): boolean {
  try {
    const d = decoding.createDecoder(frame)
    switch (decoding.readVarUint(d)) {
      case MESSAGE.sync: {
        const syncType = decoding.readVarUint(d)
        const payload = decoding.readVarUint8Array(d)
        if (syncType === SYNC.step1) Y.decodeStateVector(payload)
        else if (syncType === SYNC.step2 || syncType === SYNC.update) Y.decodeUpdate(payload)
        else return false
        break
      }
      case MESSAGE.awareness: {
        const doc = new Y.Doc()
        const awareness = new awarenessProtocol.Awareness(doc)
        try {
          awarenessProtocol.applyAwarenessUpdate(awareness, decoding.readVarUint8Array(d), null)
        } finally {
          awareness.destroy()
          doc.destroy()
        }
        break
      }
      case MESSAGE.queryAwareness:
        break
      default:
        return false
    }
    return !decoding.hasContent(d)
  } catch {
    return false
  }
}
