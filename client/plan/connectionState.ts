import type { CollabStatus } from '../composables/useCollabDoc'

/** What the connection indicator shows for the documents of one page. */
export type ConnectionState = 'connected' | 'connecting' | 'reconnecting' | 'offline' | 'denied'

/** One document's connection as the indicator needs it. */
export interface DocConnection {
  status: CollabStatus
  /** Whether this document was connected at least once. */
  wasConnected: boolean
  /** Whether local changes were made while disconnected and may not have reached the server. */
  hasUnsentEdits: boolean
}

function stateOf(doc: DocConnection): ConnectionState {
  if (doc.status === 'denied') return 'denied'
  if (doc.status === 'connected') return 'connected'
  if (doc.hasUnsentEdits) return 'offline'
  return doc.wasConnected ? 'reconnecting' : 'connecting'
}

/** Worst first: the indicator shows the least healthy document. */
const SEVERITY: readonly ConnectionState[] = ['denied', 'offline', 'reconnecting', 'connecting', 'connected']

/**
 * Combines the documents of a page into one indicator state: online only when every
 * document is connected; offline when edits wait for a connection or the browser says it
 * has no network (`isBrowserOnline`, from its `offline` event); else (re)connecting.
 */
export function combineConnections(docs: readonly DocConnection[], isBrowserOnline = true): ConnectionState {
  const states = docs.map(stateOf)
  if (!isBrowserOnline && !states.includes('denied')) return 'offline'
  return SEVERITY.find((state) => states.includes(state)) ?? 'connecting'
}
