/**
 * Sync step 1 answers (server/collab/syncReply.ts) and one connection's gate for them
 * (server/collab/syncGate.ts), issue 18 item 1: the full state is encoded once per
 * state, a diff only when it is small, and every answer brings the client the whole
 * document; a connection gets at most one reply queued, later requests coalesced, and
 * a loop of requests closes it.
 */
import * as decoding from 'lib0/decoding'
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { CloseCode } from '../../shared/protocol/closeCodes'
import { createSyncGate } from '../../server/collab/syncGate'
import { SyncReplies } from '../../server/collab/syncReply'

/** The update inside a sync step 2 frame. */
function updateOf(frame: Uint8Array): Uint8Array {
  const d = decoding.createDecoder(frame)
  expect([decoding.readVarUint(d), decoding.readVarUint(d)]).toEqual([0, 1])
  return decoding.readVarUint8Array(d)
}

/** A document of `n` fields set one by one (one struct each: Yjs merges none of them). */
function typedDoc(n: number): Y.Doc {
  const doc = new Y.Doc()
  const fields = doc.getMap('velden')
  for (let i = 0; i < n; i++) fields.set(`veld${i}`, `waarde ${i}`)
  return doc
}

const contentOf = (doc: Y.Doc) => JSON.stringify(doc.getMap('velden').toJSON())

describe('SyncReplies', () => {
  it('encodes the full state once per state: the same frame until the document changes', () => {
    const doc = typedDoc(50)
    const replies = new SyncReplies(() => doc)
    const empty = Y.encodeStateVector(new Y.Doc())
    const first = replies.replyTo(empty)
    expect(replies.replyTo(empty)).toBe(first)
    doc.getMap('velden').set('nieuw', 'ja')
    const second = replies.replyTo(empty)
    expect(second).not.toBe(first)
    const client = new Y.Doc()
    Y.applyUpdate(client, updateOf(second))
    expect(contentOf(client)).toBe(contentOf(doc))
  })

  it('forgets the cache when the document is replaced or cleared', () => {
    let doc = typedDoc(5)
    const replies = new SyncReplies(() => doc)
    const empty = Y.encodeStateVector(new Y.Doc())
    const first = replies.replyTo(empty)
    doc = typedDoc(6)
    expect(replies.replyTo(empty)).not.toBe(first)
    const again = replies.replyTo(empty)
    replies.clear()
    expect(replies.replyTo(empty)).not.toBe(again)
  })

  it('sends a small diff to a client that is nearly up to date, the cached full state to one that lacks much', () => {
    const doc = typedDoc(400)
    const replies = new SyncReplies(() => doc)
    const full = replies.fullState()
    const nearly = new Y.Doc()
    Y.applyUpdate(nearly, Y.encodeStateAsUpdate(doc))
    doc.getMap('velden').set('laatste', 'ja')
    const diff = replies.replyTo(Y.encodeStateVector(nearly))
    expect(diff.byteLength).toBeLessThan(full.byteLength / 10)
    Y.applyUpdate(nearly, updateOf(diff))
    expect(contentOf(nearly)).toBe(contentOf(doc))

    // A state vector that claims to know a few structs only (a crafted one, or a stale copy).
    const answer = replies.replyTo(encodeStateVectorOf(new Map([[doc.clientID, 3]])))
    expect(answer).toBe(replies.fullState())
    const client = new Y.Doc()
    Y.applyUpdate(client, updateOf(answer))
    expect(contentOf(client)).toBe(contentOf(doc))
  })
})

/** Encodes a state vector (client id → clock) as Yjs does: a count, then varUint pairs. */
function encodeStateVectorOf(sv: Map<number, number>): Uint8Array {
  const out: number[] = []
  const writeVarUint = (n: number) => {
    while (n > 0x7f) {
      out.push(0x80 | (n & 0x7f))
      n = Math.floor(n / 128)
    }
    out.push(n)
  }
  writeVarUint(sv.size)
  for (const [client, clock] of sv) {
    writeVarUint(client)
    writeVarUint(clock)
  }
  return Uint8Array.from(out)
}

describe('createSyncGate', () => {
  const limits = { maxBufferedBytes: 1000, maxSyncRequests: 4, syncRequestWindowMs: 10_000 }

  function gateWith(over: { isOpen?: () => boolean; buffered?: () => number } = {}) {
    const sent: Uint8Array[] = []
    const written: (() => void)[] = []
    const refused: number[] = []
    let encoded = 0
    const gate = createSyncGate({
      limits,
      isOpen: over.isOpen ?? (() => true),
      bufferedBytes: over.buffered ?? (() => 0),
      reply: (sv) => {
        encoded++
        return sv
      },
      send: (frame, done) => {
        sent.push(frame)
        written.push(done)
      },
      refuse: (code) => void refused.push(code),
    })
    return { gate, sent, written, refused, encoded: () => encoded }
  }

  it('keeps one reply queued per connection and answers the latest of the requests that came meanwhile', () => {
    const g = gateWith()
    g.gate(Uint8Array.of(1))
    g.gate(Uint8Array.of(2))
    g.gate(Uint8Array.of(3))
    expect(g.sent).toEqual([Uint8Array.of(1)])
    g.written.shift()!()
    expect(g.sent).toEqual([Uint8Array.of(1), Uint8Array.of(3)])
    expect(g.encoded()).toBe(2)
  })

  it('closes a connection that asks more than 4 times in the window with 4429', () => {
    const g = gateWith()
    for (let i = 0; i < 4; i++) g.gate(Uint8Array.of(i))
    expect(g.refused).toEqual([])
    g.gate(Uint8Array.of(9))
    expect(g.refused).toEqual([CloseCode.RateLimited])
  })

  it('does no work for a closing socket, and closes a reader whose queue is already full without encoding', () => {
    const closing = gateWith({ isOpen: () => false })
    closing.gate(Uint8Array.of(1))
    expect([closing.encoded(), closing.sent.length, closing.refused.length]).toEqual([0, 0, 0])
    const slow = gateWith({ buffered: () => 1001 })
    slow.gate(Uint8Array.of(1))
    expect([slow.encoded(), slow.sent.length]).toEqual([0, 0])
    expect(slow.refused).toEqual([CloseCode.ServerError])
  })
})
