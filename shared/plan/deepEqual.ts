/**
 * Structural equality of JSON values (what Yjs maps store and planToJson returns).
 */

/** Whether two JSON values are equal: same primitives, arrays in order, objects by key. */
export function isDeepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false
    return a.every((value, i) => isDeepEqual(value, b[i]))
  }
  const ra = a as Record<string, unknown>
  const rb = b as Record<string, unknown>
  const keys = Object.keys(ra).filter((k) => ra[k] !== undefined)
  if (keys.length !== Object.keys(rb).filter((k) => rb[k] !== undefined).length) return false
  return keys.every((k) => Object.hasOwn(rb, k) && isDeepEqual(ra[k], rb[k]))
}
