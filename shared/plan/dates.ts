/**
 * Calendar dates as `YYYY-MM-DD` strings, with arithmetic in UTC so that no time zone
 * or daylight-saving change can shift a deadline by a day.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const DAY_MS = 86_400_000

/** A calendar date split into its parts (month 1–12). */
interface DateParts {
  year: number
  month: number
  day: number
}

/** Days in a month of a year (month 1–12), leap years included. */
function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

function parseParts(date: string): DateParts | null {
  const m = ISO_DATE.exec(date)
  if (!m) return null
  const parts = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) }
  if (parts.month < 1 || parts.month > 12) return null
  if (parts.day < 1 || parts.day > daysInMonth(parts.year, parts.month)) return null
  return parts
}

function formatParts({ year, month, day }: DateParts): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

function formatUtc(ms: number): string {
  const d = new Date(ms)
  return formatParts({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() })
}

function requireParts(date: string): DateParts {
  const parts = parseParts(date)
  if (!parts) throw new RangeError('not a calendar date as YYYY-MM-DD')
  return parts
}

/** Whether `date` is an existing calendar date written as `YYYY-MM-DD`. */
export function isIsoDate(date: unknown): date is string {
  return typeof date === 'string' && parseParts(date) !== null
}

/**
 * Adds (or, when negative, subtracts) whole days.
 * @throws RangeError when `date` is not a calendar date.
 */
export function addDays(date: string, days: number): string {
  const { year, month, day } = requireParts(date)
  return formatUtc(Date.UTC(year, month - 1, day) + days * DAY_MS)
}

/**
 * Adds whole months; a day that does not exist in the target month becomes that
 * month's last day (2026-01-31 + 1 month = 2026-02-28, 2024-02-29 + 12 months =
 * 2025-02-28).
 * @throws RangeError when `date` is not a calendar date.
 */
export function addMonths(date: string, months: number): string {
  const { year, month, day } = requireParts(date)
  const index = year * 12 + (month - 1) + months
  const targetYear = Math.floor(index / 12)
  const targetMonth = index - targetYear * 12 + 1
  return formatParts({ year: targetYear, month: targetMonth, day: Math.min(day, daysInMonth(targetYear, targetMonth)) })
}

/**
 * Whole days from `from` to `to` (negative when `to` is earlier).
 * @throws RangeError when either is not a calendar date.
 */
export function daysBetween(from: string, to: string): number {
  const a = requireParts(from)
  const b = requireParts(to)
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / DAY_MS)
}

/** The time zone in which a Dutch case table's "today" is counted. */
export const PLAN_TIME_ZONE = 'Europe/Amsterdam'

/**
 * The calendar date of `now` in a time zone (default: the Netherlands), as
 * `YYYY-MM-DD`; at 00:30 in Amsterdam it is already the next day there, not yet in UTC.
 */
export function todayIsoDate(now: Date = new Date(), timeZone: string = PLAN_TIME_ZONE): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now)
}
