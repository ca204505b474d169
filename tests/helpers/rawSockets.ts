/**
 * Raw websockets to the doc hub (no y-websocket client): for sending frames a real
 * client never would, and for observing exactly what the server sends back.
 */
import WebSocket from 'ws'

/** A raw connection to `/collab/<docName>` and everything it observed. */
export interface RawSocket {
  ws: WebSocket
  /** Every message the server sent, in order. */
  messages: Buffer[]
  /** Resolves once the upgrade succeeded (rejects if it failed). */
  opened: Promise<void>
  /** Resolves with the close code and reason once the connection is closed. */
  closed: Promise<{ code: number; reason: string }>
}

/** Opens a raw websocket on `docName` with the session `cookie` (if any). */
export function openRawSocket(baseUrl: string, cookie: string | null, docName: string): RawSocket {
  const url = `${baseUrl.replace(/^http/, 'ws')}/collab/${docName}`
  const ws = new WebSocket(url, { headers: cookie ? { cookie } : {} })
  const messages: Buffer[] = []
  ws.on('message', (data: Buffer) => messages.push(data))
  // Errors surface through `closed` (1006); a listener keeps them from becoming uncaught.
  ws.on('error', () => undefined)
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve())
    ws.once('close', () => reject(new Error('closed before open')))
  })
  opened.catch(() => undefined)
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.once('close', (code: number, reason: Buffer) => resolve({ code, reason: reason.toString() })),
  )
  return { ws, messages, opened, closed }
}

/**
 * Waits (bounded) for the server to close `socket`.
 * @throws when it is still open after `timeoutMs`.
 */
export async function closedWithin(socket: RawSocket, timeoutMs = 3000): Promise<{ code: number; reason: string }> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`socket still open after ${timeoutMs} ms`)), timeoutMs)
  })
  try {
    return await Promise.race([socket.closed, timeout])
  } finally {
    clearTimeout(timer)
  }
}
