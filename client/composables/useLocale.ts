import { computed, type ComputedRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { applyDocumentLocale, isAppLocale, storeLocale, type AppLocale } from '../i18n'

/**
 * The active locale and a way to switch it. Switching updates vue-i18n, remembers the
 * choice in localStorage and sets `lang` on <html>.
 */
export function useLocale(): {
  locale: ComputedRef<AppLocale>
  setLocale: (next: AppLocale) => void
  toggleLocale: () => void
} {
  const i18n = useI18n()
  const locale = computed<AppLocale>(() => (isAppLocale(i18n.locale.value) ? i18n.locale.value : 'nl'))

  function setLocale(next: AppLocale): void {
    i18n.locale.value = next
    storeLocale(next)
    applyDocumentLocale(next)
  }

  function toggleLocale(): void {
    setLocale(locale.value === 'nl' ? 'en' : 'nl')
  }

  return { locale, setLocale, toggleLocale }
}
