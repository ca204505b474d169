import { CloseCode, isTerminalCloseCode } from '../../shared/protocol/closeCodes'
import type { CasePart } from '../../shared/protocol/docName'

/** i18n keys (under `collab.close`) of the messages for the doc hub's close codes. */
const CLOSE_MESSAGE_KEYS: Record<number, string> = {
  [CloseCode.InvalidDocName]: 'collab.close.invalidDocName',
  [CloseCode.Unauthenticated]: 'collab.close.unauthenticated',
  [CloseCode.Forbidden]: 'collab.close.forbidden',
  [CloseCode.OriginNotAllowed]: 'collab.close.originNotAllowed',
  // Shown only once the fresh starts after refusals are used up (useCollabDoc).
  [CloseCode.UpdateRefused]: 'collab.close.updateRefused',
  [CloseCode.AccessRevoked]: 'collab.close.accessRevoked',
  [CloseCode.MessageTooLarge]: 'collab.close.messageTooLarge',
  [CloseCode.MalformedMessage]: 'collab.close.malformedMessage',
  [CloseCode.RateLimited]: 'collab.close.rateLimited',
  [CloseCode.ServerShutdown]: 'collab.close.serverShutdown',
  [CloseCode.ServerError]: 'collab.close.serverError',
}

/**
 * The i18n key explaining why the collab connection closed. Unknown terminal codes get a
 * generic refusal; anything else (1006 network loss, 1001 going away) means we reconnect.
 * @param part which document closed: losing only the inner part (moved to the
 *   buitenring) reads differently from losing the plan.
 */
export function closeMessageKey(code: number, part: CasePart | null = null): string {
  if (code === CloseCode.AccessRevoked && part === 'inner') return 'collab.close.accessRevokedInner'
  const known = CLOSE_MESSAGE_KEYS[code]
  if (known !== undefined) return known
  return isTerminalCloseCode(code) ? 'collab.close.denied' : 'collab.close.transient'
}
