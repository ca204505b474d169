/**
 * Clients as a partner's browser would be: log in through the API, then open documents
 * with the official y-websocket provider (Node `ws` as the WebSocket, the session
 * cookie in the upgrade request, `disableBc: true` so nothing syncs behind the server's back).
 */
import WebSocket from 'ws'
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import { proseFieldOf, proseOf, proseTextOf } from './prose'

/** Fictional demo logins seeded by the server (a public contract). */
export const DEMO_PASSWORD = 'demo-demo-demo'
export const DEMO = {
  chair: 'chair@demo.test',
  politie: 'politie@demo.test',
  wijkteam: 'wijkteam@demo.test',
  school: 'school@demo.test',
  reader: 'reader@demo.test',
} as const

/** Logs in and returns the session cookie (`name=value`). */
export async function login(baseUrl: string, email: string, password = DEMO_PASSWORD): Promise<string> {
  const res = await fetch(`${baseUrl}/api/session`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }),
  })
  if (res.status !== 200) throw new Error(`login ${email} failed: ${res.status} ${await res.text()}`)
  const cookie = res.headers.get('set-cookie')
  if (!cookie) throw new Error('no session cookie')
  return cookie.split(';')[0]!
}

/** Calls the JSON API with a session cookie. */
export async function api<T = unknown>(baseUrl: string, cookie: string | null, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { ...(cookie ? { cookie } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  })
  const text = await res.text()
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T }
}

/** One y-websocket client on one document. */
export interface DocClient {
  doc: Y.Doc
  provider: WebsocketProvider
  /** The plain text of the prose field's first paragraph (tests/helpers/prose.ts). */
  text(): string
  /** The prose field's first paragraph, to type into; throws before the first sync. */
  prose(): Y.XmlText
  /** Close events the server sent (code, reason). */
  closes: { code: number; reason: string }[]
  destroy(): void
}

/** Opens `docName` on the node at `baseUrl` as the user of `cookie`. */
export function connectDoc(baseUrl: string, cookie: string | null, docName: string, opts: { origin?: string } = {}): DocClient {
  const headers: Record<string, string> = {}
  if (cookie) headers.cookie = cookie
  if (opts.origin) headers.origin = opts.origin
  class AuthedWebSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers })
    }
  }
  const doc = new Y.Doc()
  const wsUrl = baseUrl.replace(/^http/, 'ws') + '/collab'
  const provider = new WebsocketProvider(wsUrl, docName, doc, {
    WebSocketPolyfill: AuthedWebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 300,
  })
  const closes: { code: number; reason: string }[] = []
  provider.on('connection-close', (event) => {
    if (event) closes.push({ code: event.code, reason: String(event.reason) })
  })
  return {
    doc, provider, closes,
    text: () => proseTextOf(doc, proseFieldOf(docName)),
    prose: () => proseOf(doc, proseFieldOf(docName)),
    destroy() {
      provider.destroy()
      doc.destroy()
    },
  }
}

/** Resolves when the provider has completed its first sync with the server. */
export function synced(c: DocClient, timeoutMs = 5000): Promise<void> {
  if (c.provider.synced) return Promise.resolve()
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('not synced in time')), timeoutMs)
    const onSync = (isSynced: boolean) => {
      if (!isSynced) return
      clearTimeout(t)
      c.provider.off('sync', onSync)
      resolve()
    }
    c.provider.on('sync', onSync)
  })
}
