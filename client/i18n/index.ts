import { createI18n } from 'vue-i18n'
import { nl, type MessageSchema } from './nl'
import { en } from './en'

/** Locales the app ships. Dutch is the default. */
export const SUPPORTED_LOCALES = ['nl', 'en'] as const
export type AppLocale = (typeof SUPPORTED_LOCALES)[number]

const DEFAULT_LOCALE: AppLocale = 'nl'
/** localStorage key of the chosen locale. */
const LOCALE_STORAGE_KEY = 'samenspel.locale'

/** Whether a value is one of the shipped locales. */
export function isAppLocale(value: unknown): value is AppLocale {
  return SUPPORTED_LOCALES.some((locale) => locale === value)
}

/**
 * Reads the remembered locale; falls back to Dutch when nothing (valid) is stored or
 * storage is unavailable (private mode, blocked cookies).
 */
export function readStoredLocale(): AppLocale {
  try {
    const stored = window.localStorage.getItem(LOCALE_STORAGE_KEY)
    return isAppLocale(stored) ? stored : DEFAULT_LOCALE
  } catch {
    // Storage blocked: the default is the documented fallback, nothing to report.
    return DEFAULT_LOCALE
  }
}

/** Remembers the locale; a blocked storage only means it is not remembered. */
export function storeLocale(locale: AppLocale): void {
  try {
    window.localStorage.setItem(LOCALE_STORAGE_KEY, locale)
  } catch {
    // Storage blocked: the switch still works for this page load.
  }
}

/** Sets `lang` on <html> so assistive technology reads the page in the right language. */
export function applyDocumentLocale(locale: AppLocale): void {
  document.documentElement.lang = locale
}

/**
 * Creates the app's vue-i18n instance (composition mode) with the remembered locale.
 */
export function createAppI18n() {
  const locale = readStoredLocale()
  applyDocumentLocale(locale)
  return createI18n<[MessageSchema], AppLocale, false>({
    legacy: false,
    locale,
    fallbackLocale: DEFAULT_LOCALE,
    messages: { nl, en },
  })
}
