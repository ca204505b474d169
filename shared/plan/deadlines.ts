/**
 * MDA++ deadlines as dates on the plan (DOMAIN.md §4.2), counted from the case's entry
 * into MDA++, and the overdue / soon / ok state that makes them stand out. All dates
 * are `YYYY-MM-DD`; arithmetic is in UTC (see `dates.ts`), so no time zone moves them.
 */
import { addDays, addMonths, daysBetween, isIsoDate } from './dates'
import { PlanValidationError } from './errors'
import type { ActionStatus, ResultKey } from './model'

/** Days from the start to "direct safety": one week. */
export const DIRECT_SAFETY_DAYS = 7
/** Days from the start by which the plan van aanpak (stable safety) is adopted. */
export const STABLE_SAFETY_PLAN_DAYS = 28
/** Months from the start (or from adoption of the plan) by which it is carried out. */
export const STABLE_SAFETY_DONE_MONTHS = 3
/** Months from the start at which recovery work begins and by which it is due. */
export const RECOVERY_WINDOW_MONTHS = [3, 12] as const
/** Months from the start of the participation checks (proposal: 2 and 3 years). */
export const PARTICIPATION_CHECK_MONTHS = [24, 36] as const
/** Default look-ahead in days for "soon". */
export const DEFAULT_SOON_DAYS = 7

/** Dates of one result. `due` is the final date; the others are intermediate ones. */
export interface ResultDeadline {
  /** The date by which the result must be reached (for participation: the last check). */
  due: string
  /** Stable safety: the plan van aanpak is adopted by this date. */
  planDue?: string
  /** Recovery: the window opens on this date. */
  windowStart?: string
  /** Participation: the dates of the checks, in order. */
  checks?: string[]
}

/** Per result key, its dates. */
export type ResultDeadlines = Record<ResultKey, ResultDeadline>

/** Options of {@link computeResultDeadlines}. */
export interface DeadlineOptions {
  /**
   * Date the plan van aanpak was adopted; when given, stable safety is due three months
   * after it (DOMAIN.md's default) instead of three months after the start.
   */
  planAdoptedOn?: string | null
}

function requireDate(value: string, path: string): void {
  if (!isIsoDate(value)) throw new PlanValidationError([{ path, message: 'must be a date as YYYY-MM-DD' }])
}

/**
 * Computes the MDA++ deadlines from the start date: direct safety +7 days; stable
 * safety plan +28 days, carried out +3 months; recovery from +3 to +12 months;
 * participation checks at +24 and +36 months. Month steps keep the day of the month,
 * or take the month's last day when it has fewer days (2026-01-31 + 3 months =
 * 2026-04-30).
 * @throws PlanValidationError when a date is not `YYYY-MM-DD` or does not exist.
 */
export function computeResultDeadlines(startDate: string, options: DeadlineOptions = {}): ResultDeadlines {
  requireDate(startDate, 'startDate')
  const adopted = options.planAdoptedOn ?? null
  if (adopted !== null) requireDate(adopted, 'planAdoptedOn')
  const checks = PARTICIPATION_CHECK_MONTHS.map((m) => addMonths(startDate, m))
  return {
    'direct-safety': { due: addDays(startDate, DIRECT_SAFETY_DAYS) },
    'stable-safety': {
      planDue: addDays(startDate, STABLE_SAFETY_PLAN_DAYS),
      due: addMonths(adopted ?? startDate, STABLE_SAFETY_DONE_MONTHS),
    },
    recovery: {
      windowStart: addMonths(startDate, RECOVERY_WINDOW_MONTHS[0]),
      due: addMonths(startDate, RECOVERY_WINDOW_MONTHS[1]),
    },
    participation: { checks, due: checks[checks.length - 1]! },
  }
}

/** How a due date stands relative to today. */
export type DeadlineState = 'overdue' | 'soon' | 'ok'

/**
 * Whether a due date has passed (`overdue`), falls within `soonDays` days from today,
 * today included (`soon`), or lies further ahead (`ok`).
 * @throws PlanValidationError when a date is not `YYYY-MM-DD`, or `soonDays` is negative.
 */
export function deadlineState(due: string, today: string, soonDays: number = DEFAULT_SOON_DAYS): DeadlineState {
  requireDate(due, 'due')
  requireDate(today, 'today')
  if (!Number.isInteger(soonDays) || soonDays < 0) throw new PlanValidationError([{ path: 'soonDays', message: 'must be a whole number of days, 0 or more' }])
  const daysLeft = daysBetween(today, due)
  if (daysLeft < 0) return 'overdue'
  return daysLeft <= soonDays ? 'soon' : 'ok'
}

/** Action statuses for which a due date no longer matters. */
const FINISHED_ACTION_STATUSES: readonly ActionStatus[] = ['done', 'cancelled']

/**
 * The deadline state of an action, or null when it needs no highlight: finished
 * (done, cancelled), removed, or without a valid due date (validation reports that).
 */
export function actionDeadlineState(
  action: { due: string; status: ActionStatus; removedAt?: string | null }, today: string, soonDays: number = DEFAULT_SOON_DAYS,
): DeadlineState | null {
  if (FINISHED_ACTION_STATUSES.includes(action.status) || (action.removedAt ?? null) !== null) return null
  if (!isIsoDate(action.due)) return null
  return deadlineState(action.due, today, soonDays)
}
