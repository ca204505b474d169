/**
 * Text that every store can hold. PostgreSQL's `text` refuses NUL (U+0000) and `jsonb`
 * refuses NUL and unpaired UTF-16 surrogates; a lone surrogate also cannot be encoded as
 * UTF-8 without being replaced. Such text is refused at every edge (REST bodies, socket
 * events, the plan's write guard) with this message, instead of failing deep inside a
 * query (a 500) or, worse, inside the item-history insert (issue 18 items 7 and 9).
 */
import { z } from 'zod'

/** The message of a refusal, a public contract (docs/API.md). */
export const UNSAFE_TEXT_MESSAGE = 'must not contain NUL characters or unpaired surrogates'

/** NUL, or a UTF-16 surrogate without its partner (matched on code units: no `u` flag). */
// eslint-disable-next-line no-control-regex -- NUL is exactly what this looks for
const UNSAFE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/
const UNSAFE_ALL = new RegExp(UNSAFE.source, 'g')

/** Whether `s` holds neither NUL nor a lone surrogate. */
export function isSafeText(s: string): boolean {
  return !UNSAFE.test(s)
}

/** `z.string(params)` that refuses NUL and lone surrogates; chain `.trim()`, `.max()` etc. as usual. */
export function safeString(params?: Parameters<typeof z.string>[0]): z.ZodString {
  return z.string(params).refine(isSafeText, UNSAFE_TEXT_MESSAGE)
}

/** A uuid in any case, as lower case: ids are compared and stored lower case everywhere. */
export function lowerUuid(params?: Parameters<typeof z.uuid>[0]) {
  return z.uuid(params).transform((s) => s.toLowerCase())
}

/**
 * A copy of a JSON value that every store can hold: NUL and lone surrogates in its strings
 * become U+FFFD. For values read from a document (an item's history keeps the old value
 * of a field, which may predate the guard's refusal).
 */
export function toStorableJson(value: unknown): unknown {
  if (typeof value === 'string') return isSafeText(value) ? value : value.replace(UNSAFE_ALL, '\uFFFD')
  if (Array.isArray(value)) return value.map(toStorableJson)
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [toStorableJson(k) as string, toStorableJson(v)]))
  }
  return value
}
