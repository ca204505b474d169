/** The Origin check of websocket upgrades (doc hub and meetings): cross-site websocket hijacking. */
import type { IncomingMessage } from 'node:http'

/**
 * Browsers always send Origin on websocket upgrades; it must be our own. Non-browser
 * clients (no Origin) carry no ambient cookies, so they cannot be hijacked this way.
 */
export function isOriginAllowed(req: Pick<IncomingMessage, 'headers'>, publicOrigin: string | undefined): boolean {
  const origin = req.headers.origin
  if (origin === undefined) return true
  if (publicOrigin) return origin === publicOrigin
  try {
    return new URL(origin).host === req.headers.host
  } catch {
    return false
  }
}
