/**
 * Caret and presence colours. Every colour has a contrast ratio of at least 4.5:1
 * against white, because caret labels and presence chips put white text on it
 * (WCAG 2.1 AA, 1.4.3). Checked in tests/unit when the list changes.
 */
export const ORGANISATION_COLORS = [
  '#1f5f99',
  '#7a3b8f',
  '#a33a1f',
  '#1d6b45',
  '#8a4b00',
  '#0f6470',
  '#9b2c5a',
  '#4a5a12',
  '#5b4aa8',
  '#b02a2a',
  '#3d4a5c',
  '#a0288c',
] as const

/** FNV-1a over UTF-16 code units: tiny, stable across browsers, good enough spread. */
function hashString(value: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < value.length; i++) {
    hash ^= value.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash >>> 0
}

/**
 * The colour of an organisation: the same name always gives the same colour, on every
 * client, so partners recognise each other's carets across the table.
 */
export function organisationColor(organisationName: string): string {
  const key = organisationName.trim().toLowerCase()
  const index = hashString(key) % ORGANISATION_COLORS.length
  return ORGANISATION_COLORS[index] ?? ORGANISATION_COLORS[0]
}
