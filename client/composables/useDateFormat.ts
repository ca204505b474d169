import { useI18n } from 'vue-i18n'
import { isIsoDate } from '../../shared/plan'

/**
 * Formats plan dates (`YYYY-MM-DD`) and moments (ISO date-times) in the active locale.
 * Dates are calendar dates: formatted in UTC so no time zone moves them a day.
 */
export function useDateFormat(): {
  formatDate: (date: string | null | undefined) => string
  formatMoment: (moment: string | null | undefined) => string
} {
  const { locale } = useI18n()

  function tag(): string {
    return locale.value === 'en' ? 'en-GB' : 'nl-NL'
  }

  function formatDate(date: string | null | undefined): string {
    if (!isIsoDate(date)) return ''
    const format = new Intl.DateTimeFormat(tag(), { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })
    return format.format(new Date(`${date}T00:00:00Z`))
  }

  function formatMoment(moment: string | null | undefined): string {
    if (typeof moment !== 'string' || moment === '') return ''
    const parsed = new Date(moment)
    if (Number.isNaN(parsed.getTime())) return ''
    const format = new Intl.DateTimeFormat(tag(), { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Amsterdam' })
    return format.format(parsed)
  }

  return { formatDate, formatMoment }
}
