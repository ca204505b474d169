/**
 * Input classes every edge must survive (issue 18 item 9): text with NUL or a lone UTF-16
 * surrogate, and ids in upper case. For the fuzz and property tests of REST bodies,
 * socket events and plan updates.
 */
import fc from 'fast-check'
import { isSafeText } from '../../shared/text'

/** The characters no store can hold as text: NUL, a lone high and a lone low surrogate. */
export const UNSAFE_CHARACTERS = ['\u0000', '\ud800', '\udbff', '\udc00', '\udfff', '\ud83d'] as const

/** Text holding at least one NUL or lone surrogate, anywhere (also first or last). */
export function unsafeText(maxLength = 12): fc.Arbitrary<string> {
  return fc.tuple(
    fc.string({ maxLength }),
    fc.array(fc.constantFrom(...UNSAFE_CHARACTERS), { minLength: 1, maxLength: 3 }),
    fc.string({ maxLength }),
  ).map(([before, odd, after]) => `${before}${odd.join('')}${after}`)
    // A high surrogate right before a low one is a valid pair, not an odd character.
    .filter((s) => !isSafeText(s))
}

/** `id` in upper case, or with a random mix of cases (still the same uuid). */
export function caseVariantOf(id: string): fc.Arbitrary<string> {
  return fc.oneof(
    fc.constant(id.toUpperCase()),
    fc.array(fc.boolean(), { minLength: id.length, maxLength: id.length })
      .map((upper) => [...id].map((c, i) => (upper[i] ? c.toUpperCase() : c)).join(''))
      .filter((v) => v !== id),
  )
}
