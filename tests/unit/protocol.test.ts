import * as encoding from 'lib0/encoding'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { decodeClientMessage, encodeAwarenessUpdate, encodeSyncStep1, encodeUpdateMessage, ProtocolError } from '../../server/collab/protocol'
import { stampAwareness } from '../../server/collab/awarenessStamp'
import type { SessionUser } from '../../server/auth/sessions'
import type { HubConnection } from '../../server/collab/types'

const frame = (...parts: ((e: encoding.Encoder) => void)[]) => {
  const e = encoding.createEncoder()
  for (const p of parts) p(e)
  return encoding.toUint8Array(e)
}

describe('decodeClientMessage', () => {
  it('decodes sync step 1, updates and awareness the way y-websocket sends them', () => {
    const doc = new Y.Doc()
    doc.getText('t').insert(0, 'x')
    expect(decodeClientMessage(encodeSyncStep1(Y.encodeStateVector(doc))).type).toBe('sync-step-1')
    const u = decodeClientMessage(encodeUpdateMessage(Y.encodeStateAsUpdate(doc)))
    expect(u.type).toBe('update')
    const aw = encodeAwarenessUpdate([{ clientId: 7, clock: 1, state: { user: { name: 'x' } } }])
    const a = decodeClientMessage(frame((e) => encoding.writeVarUint(e, 1), (e) => encoding.writeVarUint8Array(e, aw)))
    expect(a).toEqual({ type: 'awareness', entries: [{ clientId: 7, clock: 1, state: { user: { name: 'x' } } }] })
  })

  it.each([
    ['an unknown message type', frame((e) => encoding.writeVarUint(e, 9))],
    ['the auth type, which only servers send', frame((e) => encoding.writeVarUint(e, 2))],
    ['a truncated update', encodeUpdateMessage(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8])).slice(0, 5)],
    ['trailing bytes', new Uint8Array([...encodeSyncStep1(new Uint8Array([0])), 1])],
    ['a corrupt Yjs update in valid framing', encodeUpdateMessage(new Uint8Array([200, 200, 200, 1, 9, 9]))],
    ['awareness JSON that is not an object', frame((e) => encoding.writeVarUint(e, 1), (e) => encoding.writeVarUint8Array(e, frame((x) => encoding.writeVarUint(x, 1), (x) => encoding.writeVarUint(x, 1), (x) => encoding.writeVarUint(x, 1), (x) => encoding.writeVarString(x, '[1]'))))],
    ['an empty frame', new Uint8Array([])],
  ])('rejects %s', (_what, bytes) => {
    expect(() => decodeClientMessage(bytes)).toThrow(ProtocolError)
  })
})

describe('stampAwareness', () => {
  const user = { id: 'u1', name: 'Ruben Smit', organisationName: 'Politie Eenheid Noordkust' } as SessionUser
  const me = {} as HubConnection
  const other = {} as HubConnection

  it('replaces the claimed name and organisation with the session identity, keeping a valid colour', () => {
    const r = stampAwareness([{ clientId: 1, clock: 1, state: { user: { name: 'Commissaris', organisation: 'OM', color: '#aa3300' } } }], me, { ownerOf: () => undefined, clockOf: () => undefined }, user)
    expect(r.entries[0]!.state).toEqual({ user: { name: 'Ruben Smit', organisation: 'Politie Eenheid Noordkust', color: '#aa3300' } })
    expect(r.added).toEqual([1])
  })

  it('drops echoed entries of clients on other nodes (not newer than what we hold) without claiming them', () => {
    const echo = stampAwareness([{ clientId: 7, clock: 3, state: { user: { color: '#aa3300' } } }], me, { ownerOf: () => undefined, clockOf: () => 3 }, user)
    expect(echo.entries).toEqual([])
    expect(echo.added).toEqual([])
    const owner = stampAwareness([{ clientId: 7, clock: 4, state: { user: { color: '#aa3300' } } }], me, { ownerOf: () => undefined, clockOf: () => 3 }, user)
    expect(owner.added).toEqual([7])
  })

  it('drops entries for client ids another connection controls', () => {
    const r = stampAwareness([{ clientId: 1, clock: 2, state: null }], me, { ownerOf: () => other, clockOf: () => 1 }, user)
    expect(r.entries).toEqual([])
  })
})
