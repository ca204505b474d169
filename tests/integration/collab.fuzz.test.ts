/**
 * Hostile and broken frames against the doc hub (fast-check): random bytes, truncated
 * frames, corrupt Yjs updates inside valid framing, unknown message types, text frames
 * and oversize frames. Each one closes only the connection that sent it (4422 or 4413);
 * the node stays up, a well-behaved client on the same document keeps syncing, and the
 * document content never changes.
 */
import fc from 'fast-check'
import * as Y from 'yjs'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CloseCode } from '../../shared/protocol/closeCodes'
import { caseDocName } from '../../shared/protocol/docName'
import { MAX_MESSAGE_BYTES } from '../../shared/protocol/limits'
import type { RunningServer } from '../../server/main'
import { makeCase } from '../helpers/cases'
import { connectDoc, DEMO, login, synced, type DocClient } from '../helpers/clients'
import { startCluster, type Cluster } from '../helpers/clusters'
import { awarenessFrame, isReferenceValidFrame, MESSAGE, SYNC, syncFrame, typedFrame, validFrames, type ValidFrames } from '../helpers/frames'
import { healthStatus } from '../helpers/metrics'
import { closedWithin, openRawSocket } from '../helpers/rawSockets'
import { until } from '../helpers/until'
import { unsafeText } from '../helpers/oddInput'

describe('collab fuzzing', () => {
  let cluster: Cluster
  let node: RunningServer
  let plan: string
  let cookie: string
  let writer: DocClient
  let watcher: DocClient
  const clients: DocClient[] = []
  const open = (c: string) => {
    const client = connectDoc(node.url, c, plan)
    clients.push(client)
    return client
  }

  /** Text and state vector of the document as a client that syncs now sees it. */
  const snapshot = async () => {
    const fresh = connectDoc(node.url, cookie, plan)
    try {
      await synced(fresh)
      return { text: fresh.text(), stateVector: Array.from(Y.encodeStateVector(fresh.doc)) }
    } finally {
      fresh.destroy()
    }
  }
  let before: Awaited<ReturnType<typeof snapshot>>

  /** Sends `frame` on a new raw connection and returns how the server closed it. */
  const sendOnRawSocket = async (frame: Uint8Array | string) => {
    const raw = openRawSocket(node.url, cookie, plan)
    try {
      await raw.opened
      raw.ws.send(frame)
      return await closedWithin(raw, 5000)
    } finally {
      raw.ws.terminate()
    }
  }

  const watcherState = () => Array.from(Y.encodeStateVector(watcher.doc))

  /**
   * After a batch of hostile frames: the node is healthy, the good clients were never
   * disconnected, the document is exactly as it was, and editing still works.
   */
  const expectUnharmed = async () => {
    expect(await healthStatus(node.url)).toBe(200)
    expect(writer.closes).toEqual([])
    expect(watcher.closes).toEqual([])
    expect(await snapshot()).toEqual(before)
    writer.prose().insert(writer.text().length, 'nog steeds bewerkbaar')
    await until(() => watcher.text().endsWith('nog steeds bewerkbaar'), { message: 'the watcher receives the writer\'s next edit' })
  }

  // A node (own database and Redis prefix) and a case per test.
  beforeEach(async () => {
    cluster = await startCluster(1)
    node = cluster.nodes[0]!
    const made = await makeCase(node.url, [{ email: DEMO.politie, ring: 'inner', role: 'member' }])
    plan = caseDocName(made.caseId, 'plan')
    cookie = made.chairCookie
    writer = open(cookie)
    watcher = open(await login(node.url, DEMO.politie))
    await Promise.all([synced(writer), synced(watcher)])
    writer.prose().insert(0, 'Veiligheidsplan: ')
    await until(() => watcher.text() === 'Veiligheidsplan: ')
    before = await snapshot()
    expect(before.text).toBe('Veiligheidsplan: ')
  })
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy()
    await cluster?.close()
  })

  // Generators now and then produce a frame the reference libraries accept (`[3]` is a
  // valid query-awareness, `[0, 2, 2, 0, 0]` an empty update): legitimate traffic, skipped.
  it('closes a connection that sends random bytes with 4422', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 0, maxLength: 300 }), async (bytes) => {
        fc.pre(!isReferenceValidFrame(bytes))
        const sv = watcherState()
        expect((await sendOnRawSocket(bytes)).code).toBe(CloseCode.MalformedMessage)
        expect(watcherState()).toEqual(sv)
      }),
      { numRuns: 150 },
    )
    await expectUnharmed()
  })

  it('closes a connection that sends a truncated valid frame with 4422', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ minLength: 1, maxLength: 40 }), unsafeText()), fc.constantFrom<keyof ValidFrames>('step1', 'step2', 'update', 'awareness'), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), async (text, kind, cut) => {
        const frame = validFrames(text)[kind]
        const truncated = frame.slice(0, Math.floor(cut * frame.length))
        fc.pre(!isReferenceValidFrame(truncated))
        expect((await sendOnRawSocket(truncated)).code).toBe(CloseCode.MalformedMessage)
      }),
      { numRuns: 100 },
    )
    await expectUnharmed()
  })

  it('closes a connection that wraps a corrupt Yjs update or awareness update in valid framing with 4422', async () => {
    const corrupt = fc.oneof(
      fc.record({ syncType: fc.constantFrom(SYNC.step1, SYNC.step2, SYNC.update), payload: fc.uint8Array({ maxLength: 200 }) }).map((m) => syncFrame(m.syncType, m.payload)),
      fc.uint8Array({ maxLength: 200 }).map(awarenessFrame),
      // A valid update with one byte flipped, in intact framing.
      fc.record({ text: fc.string({ minLength: 1, maxLength: 30 }), at: fc.nat(), xor: fc.integer({ min: 1, max: 255 }) }).map(({ text, at, xor }) => {
        const doc = new Y.Doc()
        doc.getText('scratch').insert(0, text)
        const update = Y.encodeStateAsUpdate(doc)
        doc.destroy()
        update[at % update.length] = update[at % update.length]! ^ xor
        return syncFrame(SYNC.update, update)
      }),
    )
    await fc.assert(
      fc.asyncProperty(corrupt, async (frame) => {
        fc.pre(!isReferenceValidFrame(frame))
        const sv = watcherState()
        expect((await sendOnRawSocket(frame)).code).toBe(CloseCode.MalformedMessage)
        expect(watcherState()).toEqual(sv)
      }),
      { numRuns: 200 },
    )
    await expectUnharmed()
  })

  it('closes a connection that sends an unknown message type or sync sub-type with 4422', async () => {
    const unknown = fc.oneof(
      fc.record({
        type: fc.oneof(fc.constant(MESSAGE.auth), fc.integer({ min: 4, max: 0x7fffffff })),
        rest: fc.uint8Array({ maxLength: 50 }),
      }).map((m) => typedFrame(m.type, m.rest)),
      fc.record({ syncType: fc.integer({ min: 3, max: 0x7fffffff }), payload: fc.uint8Array({ maxLength: 50 }) }).map((m) => syncFrame(m.syncType, m.payload)),
    )
    await fc.assert(
      fc.asyncProperty(unknown, async (frame) => {
        expect((await sendOnRawSocket(frame)).code).toBe(CloseCode.MalformedMessage)
      }),
      { numRuns: 80 },
    )
    await expectUnharmed()
  })

  it('closes a connection that sends a text frame with 4422', async () => {
    await fc.assert(
      // Any text, including text whose bytes would be a valid binary frame
      // (a query-awareness, a sync step 1 with an empty state vector).
      // Text with NUL or lone surrogates too (issue 18).
      fc.asyncProperty(fc.oneof(fc.string({ maxLength: 100 }), unsafeText(), fc.constantFrom('\x03', '\x00\x00\x01\x00')), async (text) => {
        expect((await sendOnRawSocket(text)).code).toBe(CloseCode.MalformedMessage)
      }),
      { numRuns: 40 },
    )
    await expectUnharmed()
  })

  it('closes a connection that sends a frame over the size limit with 4413', async () => {
    await fc.assert(
      // Up to twice the limit the server reads the frame and refuses it with a reason.
      fc.asyncProperty(fc.integer({ min: 1, max: MAX_MESSAGE_BYTES - 8 }), fc.boolean(), async (excess, isUpdateFraming) => {
        const size = MAX_MESSAGE_BYTES + excess
        // A well-framed (huge) sync update or plain filler: the size is refused before decoding.
        const frame = isUpdateFraming ? syncFrame(SYNC.update, new Uint8Array(size)) : new Uint8Array(size).fill(0x61)
        const closed = await sendOnRawSocket(frame)
        expect(closed).toEqual({ code: CloseCode.MessageTooLarge, reason: `message exceeds ${MAX_MESSAGE_BYTES} bytes` })
      }),
      { numRuns: 6 },
    )
    await expectUnharmed()
  })

  it('cuts a connection whose frame is more than twice the size limit without reading it', async () => {
    const closed = await sendOnRawSocket(new Uint8Array(2 * MAX_MESSAGE_BYTES + 1))
    expect(closed.code).toBe(1009)
    await expectUnharmed()
  })
})
