/**
 * WebSocket close codes the doc hub uses, shared with the client so it can show a
 * Dutch message and decide whether reconnecting makes sense.
 * 4000–4999 is the range RFC 6455 leaves to applications.
 */
export const CloseCode = {
  /** The doc name in the URL is not one we know. Reconnecting will not help. */
  InvalidDocName: 4400,
  /** No valid session cookie. The user must log in again. */
  Unauthenticated: 4401,
  /** The user may not open this document (not a member, wrong ring). */
  Forbidden: 4403,
  /** The Origin header is not the app's own origin (cross-site websocket hijacking). */
  OriginNotAllowed: 4406,
  /**
   * The server refused an update (it did not apply, broke the plan's schema, or touched
   * what this user may not write). Nothing of it was stored. The client's copy now holds
   * a change the server will never accept: it must drop that copy and sync afresh.
   */
  UpdateRefused: 4409,
  /** Access was revoked while the document was open. */
  AccessRevoked: 4410,
  /** A frame exceeded the maximum message size. */
  MessageTooLarge: 4413,
  /** A frame could not be decoded, or carried an unknown message type. */
  MalformedMessage: 4422,
  /** The connection sent more messages than the rate limit allows, or the user holds too many connections. */
  RateLimited: 4429,
  /** The node is shutting down; reconnecting (to any node) is the right move. */
  ServerShutdown: 4503,
  /** The server could not load or persist the document; reconnecting may help. */
  ServerError: 4500,
} as const

export type CloseCodeValue = (typeof CloseCode)[keyof typeof CloseCode]

/**
 * Whether a client should stop reconnecting after this close code. This follows the
 * convention y-websocket's default `shouldReconnect` uses: 4400–4499 mirrors HTTP 4xx
 * (a deliberate decision that reconnecting cannot fix), everything else is transient.
 */
export function isTerminalCloseCode(code: number): boolean {
  return code >= 4400 && code < 4500
}
