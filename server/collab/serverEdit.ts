/**
 * Server-side edits (Hocuspocus's DirectConnection): a change the server makes to a live
 * document for a user (a decision or an action recorded in a meeting) goes through the
 * same path as that user's own update would: built against the staging copy (committed
 * plus accepted content), judged by the write guard with the acting user's identity,
 * group-committed, persisted before broadcast, and published to other nodes. Never
 * rows written behind the hub's back.
 */
import * as Y from 'yjs'
import type { DocRef } from '../../shared/protocol/docName'
import type { SessionUser } from '../auth/sessions'
import type { DocAccess } from '../access/policy'
import type { Refusal } from './admission'
import type { HubDoc } from './hubDoc'
import type { HubConnection } from './types'

/** Who the server edits for, and with which access (the acting user's). */
export interface ServerEditor {
  user: SessionUser
  access: DocAccess
}

/**
 * Applies `change` to a copy of the document's staging state and submits the difference
 * as `editor`'s update; resolves once it is committed (persisted, applied, broadcast).
 * @returns null when committed (or when the change changed nothing), else the refusal.
 * @throws what `change` throws (nothing is submitted then).
 */
export async function applyServerEdit(doc: HubDoc, ref: DocRef, editor: ServerEditor, change: (doc: Y.Doc) => void): Promise<Refusal | null> {
  const scratch = new Y.Doc()
  let update: Uint8Array
  try {
    Y.applyUpdate(scratch, Y.encodeStateAsUpdate(doc.staging.get()))
    const before = Y.encodeStateVector(scratch)
    change(scratch)
    update = Y.encodeStateAsUpdate(scratch, before)
  } finally {
    scratch.destroy()
  }
  const refusal = await doc.submitClientUpdate(serverConnection(ref, editor), update)
  if (refusal) return refusal
  await doc.whenCommitted()
  return null
}

let editCounter = 0

/** A connection that is nobody's socket: what the guard needs to judge the editor. */
function serverConnection(ref: DocRef, editor: ServerEditor): HubConnection {
  return {
    id: `server-edit-${++editCounter}`,
    user: editor.user,
    sessionId: '',
    doc: ref,
    access: editor.access,
    send: () => undefined,
    close: () => undefined,
  }
}
