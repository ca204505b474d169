/**
 * Client providers in Node: the official y-websocket client (Samenspel, @y/websocket-server)
 * and the Hocuspocus provider (its own framing, so y-websocket cannot talk to it).
 */
import WebSocket from 'ws'
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider'
import type { BenchClient } from './target'

/** y-websocket client with `disableBc`, the session cookie in the upgrade request. */
export function connectYWebsocket(wsBaseUrl: string, docName: string, cookie: string | null): BenchClient {
  const headers: Record<string, string> = cookie ? { cookie } : {}
  class AuthedWebSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers, perMessageDeflate: false })
    }
  }
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(wsBaseUrl, docName, doc, {
    WebSocketPolyfill: AuthedWebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  })
  const synced = new Promise<void>((resolve) => {
    const onSync = (isSynced: boolean) => {
      if (!isSynced) return
      provider.off('sync', onSync)
      resolve()
    }
    provider.on('sync', onSync)
  })
  return {
    doc, synced,
    destroy() {
      provider.destroy()
      doc.destroy()
    },
  }
}

/** Hocuspocus provider, one websocket per client (as one browser tab has). */
export function connectHocuspocus(wsUrl: string, docName: string): BenchClient {
  const doc = new Y.Doc()
  let resolveSynced!: () => void
  const synced = new Promise<void>((r) => (resolveSynced = r))
  const socket = new HocuspocusProviderWebsocket({ url: wsUrl, WebSocketPolyfill: WebSocket })
  const provider = new HocuspocusProvider({ websocketProvider: socket, name: docName, document: doc, onSynced: () => resolveSynced() })
  provider.attach()
  return {
    doc, synced,
    destroy() {
      provider.destroy()
      socket.destroy()
      doc.destroy()
    },
  }
}
