/**
 * The Dutch (or English) explanation of a write-guard refusal. The server's close reason
 * is a short English sentence for logs and developers (server/access/writePolicy.ts),
 * not a stable code; the page recognises the kinds a partner can run into through an
 * honest page and says those plainly, and shows the server's own words beside it.
 */

/** Patterns of refusal reasons, most specific first, with their i18n key under `collab.unsaved.reasons`. */
const REASON_KINDS: readonly { pattern: RegExp; key: string }[] = [
  { pattern: /buitenring (adds|changes) actions of its own organisation/, key: 'ownActions' },
  { pattern: /buitenring/, key: 'outerRing' },
  { pattern: /locked by the chair|gave the pen/, key: 'locked' },
  { pattern: /readers do not write/, key: 'reader' },
  { pattern: /append-only|never removed|never deleted|cannot be removed|cannot be changed/, key: 'history' },
  // A used-up share has its own message (refusalMessage.ts); these are the other bounds.
  { pattern: /at most|too many|limit|budget/, key: 'limit' },
]

/** The i18n key explaining `reason` (the close reason of a 4409). */
export function refusalReasonKey(reason: string): string {
  const kind = REASON_KINDS.find((k) => k.pattern.test(reason))
  return `collab.unsaved.reasons.${kind?.key ?? 'other'}`
}
