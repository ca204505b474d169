/**
 * A client that keeps its Y.Doc while moving between nodes, as a browser tab does when
 * its node dies and the load balancer sends the reconnect elsewhere. y-websocket cannot
 * switch URL, so moving destroys the provider and starts a new one on the same doc;
 * the new provider's sync re-sends whatever the server is missing.
 */
import WebSocket from 'ws'
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import { proseFieldOf, proseOf, proseTextOf } from './prose'

/** One document in one Y.Doc, connected to one node at a time. */
export interface RoamingClient {
  doc: Y.Doc
  /** The current provider (replaced by `moveTo`). */
  provider: WebsocketProvider
  /** Close events the server sent, over every provider this client had. */
  closes: { code: number; reason: string }[]
  /** The plain text of the prose field's first paragraph (tests/helpers/prose.ts). */
  text(): string
  /** The prose field's first paragraph, to type into; throws before the first sync. */
  prose(): Y.XmlText
  /** Leaves the current node and connects to `baseUrl`, keeping doc and presence. */
  moveTo(baseUrl: string): void
  destroy(): void
}

function openProvider(baseUrl: string, cookie: string, docName: string, doc: Y.Doc, awareness?: WebsocketProvider['awareness']): WebsocketProvider {
  class AuthedWebSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers: { cookie } })
    }
  }
  return new WebsocketProvider(baseUrl.replace(/^http/, 'ws') + '/collab', docName, doc, {
    WebSocketPolyfill: AuthedWebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 300,
    ...(awareness ? { awareness } : {}),
  })
}

/** Opens `docName` on the node at `baseUrl` as the user of `cookie`. */
export function connectRoamingDoc(baseUrl: string, cookie: string, docName: string): RoamingClient {
  const doc = new Y.Doc()
  const closes: { code: number; reason: string }[] = []
  const watch = (p: WebsocketProvider) => {
    p.on('connection-close', (event) => {
      if (event) closes.push({ code: event.code, reason: String(event.reason) })
    })
    return p
  }
  const client: RoamingClient = {
    doc, closes,
    provider: watch(openProvider(baseUrl, cookie, docName, doc)),
    text: () => proseTextOf(doc, proseFieldOf(docName)),
    prose: () => proseOf(doc, proseFieldOf(docName)),
    moveTo(url) {
      const awareness = client.provider.awareness
      client.provider.destroy()
      client.provider = watch(openProvider(url, cookie, docName, doc, awareness))
    },
    destroy() {
      client.provider.destroy()
      doc.destroy()
    },
  }
  return client
}
