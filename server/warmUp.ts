/**
 * Runs the hot paths of a document open once before the node listens. Right after a
 * start V8 has compiled none of them (functions compile on first call) and the pool's
 * connections have prepared no statements, so the first partner to open a plan after a
 * restart paid ~25 ms of compiling and parsing on the server. Measured by the cold-load
 * figure of `npm run bench` (docs/BENCHMARKS.md). Uses only throwaway documents and
 * lookups that match nothing; never touches real data.
 */
import { randomUUID } from 'node:crypto'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import type { Membership } from './access/policy'
import { decideDocAccess } from './access/policy'
import type { DocStore } from './collab/docStore'
import {
  decodeClientMessage, encodeAwarenessMessage, encodeSyncStep1, encodeSyncStep2, encodeUpdateMessage,
} from './collab/protocol'
import { caseDocName, parseDocName } from '../shared/protocol/docName'

/** What the warm-up exercises. */
export interface WarmUpDeps {
  store: DocStore
  resolveSession(token: string): Promise<unknown>
  findMembership(caseId: string, userId: string): Promise<Membership | null>
  prepare: (docName: string, doc: Y.Doc, origin: unknown) => void
  /** Concurrent rounds of lookups, so each pooled connection prepares its statements. */
  connections: number
}

const NIL = '00000000-0000-4000-8000-000000000000'

/** Exercises Yjs, the protocol codecs, the plan migration and the hot queries. */
export async function warmUp(deps: WarmUpDeps): Promise<void> {
  exerciseDocuments(deps.prepare)
  const name = caseDocName(NIL, 'plan')
  await Promise.all(Array.from({ length: deps.connections }, async () => {
    await deps.resolveSession(randomUUID())
    await deps.findMembership(NIL, NIL)
    await deps.store.load(`warm-up/${NIL}`)
    decideDocAccess(null, parseDocName(name)!)
  }))
}

function exerciseDocuments(prepare: WarmUpDeps['prepare']): void {
  const writer = new Y.Doc()
  const updates: Uint8Array[] = []
  writer.on('update', (u: Uint8Array) => updates.push(u))
  prepare(caseDocName(NIL, 'plan'), writer, null)
  prepare(caseDocName(NIL, 'inner'), new Y.Doc(), null)
  const text = writer.getText('warm-up')
  for (let i = 0; i < 50; i++) text.insert(text.length, 'ab')
  text.delete(0, 10)
  writer.getMap('warm-up-map').set('k', 'v')

  const reader = new Y.Doc()
  for (const u of updates) decodeClientMessage(encodeUpdateMessage(u))
  const merged = Y.mergeUpdates(updates)
  Y.applyUpdate(reader, merged)
  const state = Y.encodeStateAsUpdate(writer, Y.encodeStateVector(reader))
  decodeClientMessage(encodeSyncStep1(Y.encodeStateVector(writer)))
  decodeClientMessage(encodeSyncStep2(state))
  Y.snapshotContainsUpdate(Y.snapshot(reader), merged)

  const awareness = new awarenessProtocol.Awareness(writer)
  awareness.setLocalState({ user: { name: 'warm-up', color: '#000000' } })
  const awarenessUpdate = awarenessProtocol.encodeAwarenessUpdate(awareness, [writer.clientID])
  decodeClientMessage(encodeAwarenessMessage(awarenessUpdate))
  const other = new awarenessProtocol.Awareness(reader)
  awarenessProtocol.applyAwarenessUpdate(other, awarenessUpdate, null)
  awareness.destroy()
  other.destroy()
  writer.destroy()
  reader.destroy()
}
