/**
 * The shared message catalogue (issue 19): the labels of plan item kinds, fields and
 * enum values, read by the client (merged into vue-i18n) and the server (PDF, notices).
 */
import { planLabelsEn } from './planLabels.en'
import { planLabelsNl } from './planLabels.nl'

/** The shape of the labels; the English file is typed against the Dutch. */
export type PlanLabels = typeof planLabelsNl
/** Languages the catalogue speaks. */
export type Locale = 'nl' | 'en'
/** Every language, default first. */
export const LOCALES: readonly Locale[] = ['nl', 'en']

const catalogues: Record<Locale, PlanLabels> = { nl: planLabelsNl, en: planLabelsEn }

/** The labels of one language, to merge into that locale's vue-i18n messages. */
export function labelsOf(locale: Locale): PlanLabels {
  return catalogues[locale]
}

/**
 * The label at a dotted key (`kinds.action.values.status.done`), or undefined when the
 * catalogue has no string there. Keys with dots inside a segment are not supported.
 */
export function lookup(locale: Locale, key: string): string | undefined {
  let node: unknown = catalogues[locale]
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, part)) return undefined
    node = (node as Record<string, unknown>)[part]
  }
  return typeof node === 'string' ? node : undefined
}

/** The label at a dotted key, or the key's last segment when missing (tests check none is). */
export function translate(locale: Locale, key: string): string {
  return lookup(locale, key) ?? key.slice(key.lastIndexOf('.') + 1)
}

/**
 * The reader's language from a `lang` query value or an Accept-Language header:
 * English when asked for first, Dutch otherwise (the default).
 */
export function pickLocale(lang: string | undefined, acceptLanguage: string | undefined): Locale {
  if (lang === 'en' || lang === 'nl') return lang
  const first = (acceptLanguage ?? '').split(',')
    .map((part) => { const [tag, ...params] = part.trim().split(';'); const q = params.find((p) => p.trim().startsWith('q=')); return { tag: (tag ?? '').toLowerCase(), q: q ? Number(q.trim().slice(2)) : 1 } })
    .filter((x) => x.tag !== '' && Number.isFinite(x.q) && x.q > 0)
    .sort((a, b) => b.q - a.q)
    .find((x) => x.tag.startsWith('nl') || x.tag.startsWith('en'))
  return first?.tag.startsWith('en') ? 'en' : 'nl'
}

/**
 * Every field label of every kind, by field name (the first kind naming a field wins):
 * what an item's history shows for a field of any kind, so a new declared field has one.
 */
export function allFieldLabels(labels: PlanLabels): Record<string, string> {
  const out: Record<string, string> = {}
  for (const kind of Object.values(labels.kinds)) {
    for (const [field, label] of Object.entries(kind.fields)) if (!(field in out)) out[field] = label
  }
  return out
}
