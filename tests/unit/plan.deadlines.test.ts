import { afterEach, describe, expect, it } from 'vitest'
import {
  PlanValidationError, actionDeadlineState, addMonths, computeResultDeadlines, deadlineState, todayIsoDate,
} from '../../shared/plan'

const originalTz = process.env.TZ

afterEach(() => {
  process.env.TZ = originalTz
})

describe('computeResultDeadlines', () => {
  it('counts every MDA++ deadline from the start date', () => {
    expect(computeResultDeadlines('2026-03-02')).toEqual({
      'direct-safety': { due: '2026-03-09' },
      'stable-safety': { planDue: '2026-03-30', due: '2026-06-02' },
      recovery: { windowStart: '2026-06-02', due: '2027-03-02' },
      participation: { checks: ['2028-03-02', '2029-03-02'], due: '2029-03-02' },
    })
  })

  it('takes the last day of a shorter month for a start on the 31st', () => {
    const d = computeResultDeadlines('2026-01-31')
    expect(d['direct-safety'].due).toBe('2026-02-07')
    expect(d['stable-safety']).toEqual({ planDue: '2026-02-28', due: '2026-04-30' })
    expect(d.recovery).toEqual({ windowStart: '2026-04-30', due: '2027-01-31' })
    expect(d.participation.checks).toEqual(['2028-01-31', '2029-01-31'])
  })

  it('handles a start on 30 November, landing on 28 February', () => {
    expect(computeResultDeadlines('2025-11-30')['stable-safety'].due).toBe('2026-02-28')
  })

  it('handles leap years: 29 February starts and month steps into a leap February', () => {
    const leap = computeResultDeadlines('2024-02-29')
    expect(leap['direct-safety'].due).toBe('2024-03-07')
    expect(leap['stable-safety'].planDue).toBe('2024-03-28')
    expect(leap.recovery.due).toBe('2025-02-28')
    expect(leap.participation.checks).toEqual(['2026-02-28', '2027-02-28'])
    expect(computeResultDeadlines('2023-11-29')['stable-safety'].due).toBe('2024-02-29')
    expect(computeResultDeadlines('2024-02-25')['direct-safety'].due).toBe('2024-03-03')
    expect(computeResultDeadlines('2023-02-25')['direct-safety'].due).toBe('2023-03-04')
    expect(computeResultDeadlines('2024-02-01')['stable-safety'].planDue).toBe('2024-02-29')
  })

  it('crosses year ends and daylight-saving changes without drift', () => {
    expect(computeResultDeadlines('2026-12-28')['direct-safety'].due).toBe('2027-01-04')
    expect(computeResultDeadlines('2026-10-31')['stable-safety'].due).toBe('2027-01-31')
    expect(computeResultDeadlines('2026-03-25')['direct-safety'].due).toBe('2026-04-01')
    expect(computeResultDeadlines('2026-10-22')['direct-safety'].due).toBe('2026-10-29')
  })

  it('gives the same dates in any process time zone', () => {
    const zones = ['Europe/Amsterdam', 'Pacific/Kiritimati', 'America/Los_Angeles', 'UTC']
    const results = zones.map((tz) => {
      process.env.TZ = tz
      return computeResultDeadlines('2026-03-29')
    })
    for (const r of results) expect(r).toEqual(results[0])
    expect(results[0]!['direct-safety'].due).toBe('2026-04-05')
  })

  it('counts the stable-safety execution from adoption of the plan when given', () => {
    const d = computeResultDeadlines('2026-03-02', { planAdoptedOn: '2026-03-25' })
    expect(d['stable-safety']).toEqual({ planDue: '2026-03-30', due: '2026-06-25' })
  })

  it.each(['2026-02-30', '2026-2-3', '', '2026-13-01', '02-03-2026'])('refuses the start date %j', (start) => {
    expect(() => computeResultDeadlines(start)).toThrow(PlanValidationError)
  })

  it('adds months across negative steps too', () => {
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28')
    expect(addMonths('2026-01-15', -1)).toBe('2025-12-15')
  })
})

describe('deadlineState', () => {
  it('marks a passed due date overdue', () => {
    expect(deadlineState('2026-03-08', '2026-03-09')).toBe('overdue')
    expect(deadlineState('2025-12-31', '2026-01-01')).toBe('overdue')
  })

  it('marks a due date from today up to soonDays ahead as soon', () => {
    expect(deadlineState('2026-03-09', '2026-03-09')).toBe('soon')
    expect(deadlineState('2026-03-16', '2026-03-09')).toBe('soon')
    expect(deadlineState('2026-03-17', '2026-03-09')).toBe('ok')
    expect(deadlineState('2026-03-10', '2026-03-09', 0)).toBe('ok')
    expect(deadlineState('2026-03-09', '2026-03-09', 0)).toBe('soon')
    expect(deadlineState('2026-04-08', '2026-03-09', 30)).toBe('soon')
  })

  it('counts across month ends and leap days', () => {
    expect(deadlineState('2024-03-01', '2024-02-23')).toBe('soon')
    expect(deadlineState('2024-03-02', '2024-02-23')).toBe('ok')
    expect(deadlineState('2023-03-02', '2023-02-23')).toBe('soon')
  })

  it('refuses malformed dates and negative look-ahead', () => {
    expect(() => deadlineState('2026-3-9', '2026-03-09')).toThrow(PlanValidationError)
    expect(() => deadlineState('2026-03-09', 'today')).toThrow(PlanValidationError)
    expect(() => deadlineState('2026-03-09', '2026-03-09', -1)).toThrow(PlanValidationError)
  })
})

describe('actionDeadlineState', () => {
  it('highlights only actions still to be done', () => {
    expect(actionDeadlineState({ due: '2026-03-01', status: 'open' }, '2026-03-09')).toBe('overdue')
    expect(actionDeadlineState({ due: '2026-03-01', status: 'blocked' }, '2026-03-09')).toBe('overdue')
    expect(actionDeadlineState({ due: '2026-03-10', status: 'in-progress' }, '2026-03-09')).toBe('soon')
    expect(actionDeadlineState({ due: '2026-03-01', status: 'done' }, '2026-03-09')).toBeNull()
    expect(actionDeadlineState({ due: '2026-03-01', status: 'cancelled' }, '2026-03-09')).toBeNull()
    expect(actionDeadlineState({ due: '2026-03-01', status: 'open', removedAt: '2026-03-02T10:00:00.000Z' }, '2026-03-09')).toBeNull()
    expect(actionDeadlineState({ due: '', status: 'open' }, '2026-03-09')).toBeNull()
  })
})

describe('todayIsoDate', () => {
  it('gives the Dutch calendar date, which runs ahead of UTC late in the evening', () => {
    expect(todayIsoDate(new Date('2026-01-01T23:30:00Z'))).toBe('2026-01-02')
    expect(todayIsoDate(new Date('2026-07-01T21:59:00Z'))).toBe('2026-07-01')
    expect(todayIsoDate(new Date('2026-07-01T22:00:00Z'))).toBe('2026-07-02')
    expect(todayIsoDate(new Date('2026-01-01T23:30:00Z'), 'UTC')).toBe('2026-01-01')
  })
})
