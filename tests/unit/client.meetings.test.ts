import { describe, expect, it } from 'vitest'
import type { MeetingView } from '../../shared/meetings/state'
import { formatClock, isTimerRunning, remainingMs } from '../../client/meetings/itemTimer'
import { attendanceRows } from '../../client/meetings/people'
import { recordKey } from '../../client/meetings/recordKey'
import { scoreSpread } from '../../client/meetings/scoreSpread'
import { isLockedForViewer } from '../../client/meetings/sectionLocks'
import { isNewerView } from '../../client/meetings/viewOrder'
import { nl } from '../../client/i18n/nl'
import { FORMAT_SPECS } from '../../shared/meetings/formats'

function view(patch: Partial<MeetingView> = {}): MeetingView {
  return {
    id: 'm', caseId: 'c', format: 'mda', title: 't', startsAt: null, status: 'live', chairId: 'chair', deputyChairId: null,
    agenda: [], currentItemId: null, invited: null, attendance: [], hands: [], locks: [], admissions: [], entries: [], revealed: [],
    answers: [], cards: [], nextSteps: [], checks: [], records: [], startedAt: null, closedAt: null, version: null, seq: 1,
    submitted: {}, present: [], serverNow: 1000,
    me: { userId: 'u1', isChair: false, canWrite: true, ring: 'inner', admittedItemIds: null },
    ...patch,
  }
}

describe('item timers in server time', () => {
  it('counts down from the duration while running and keeps what it had while paused', () => {
    expect(remainingMs({ durationSec: 600, startedAt: null, elapsedMs: 0 }, 5_000)).toBe(600_000)
    expect(remainingMs({ durationSec: 600, startedAt: 10_000, elapsedMs: 60_000 }, 40_000)).toBe(510_000)
    expect(remainingMs({ durationSec: 60, startedAt: null, elapsedMs: 90_000 }, 0)).toBe(-30_000)
    expect(isTimerRunning({ durationSec: 60, startedAt: 1, elapsedMs: 0 })).toBe(true)
  })

  it('shows m:ss, rounding up while time is left and with a minus sign once over', () => {
    expect(formatClock(600_000)).toBe('10:00')
    expect(formatClock(59_001)).toBe('1:00')
    expect(formatClock(1)).toBe('0:01')
    expect(formatClock(-61_000)).toBe('−1:01')
  })
})

describe('the newest meeting view', () => {
  it('takes a higher seq, a same seq made later (presence), and never a lower seq', () => {
    const current = view({ seq: 5, serverNow: 100 })
    expect(isNewerView(view({ seq: 6, serverNow: 50 }), current)).toBe(true)
    expect(isNewerView(view({ seq: 5, serverNow: 120 }), current)).toBe(true)
    expect(isNewerView(view({ seq: 5, serverNow: 90 }), current)).toBe(false)
    expect(isNewerView(view({ seq: 4, serverNow: 999 }), current)).toBe(false)
    expect(isNewerView(current, null)).toBe(true)
  })
})

describe('the leertafel spread', () => {
  it('gives lowest, highest and median (mean of the middle two for an even count)', () => {
    expect(scoreSpread([])).toBeNull()
    expect(scoreSpread([7])).toEqual({ min: 7, max: 7, median: 7 })
    expect(scoreSpread([7, 4])).toEqual({ min: 4, max: 7, median: 5.5 })
    expect(scoreSpread([3, 9, 5])).toEqual({ min: 3, max: 9, median: 5 })
  })
})

describe('section locks on the page', () => {
  const locked = { locks: [{ section: 'actions' as const, holderId: null, itemId: 'i' }] }
  it('stops offering a locked section to everyone but the chair and the pen holder', () => {
    expect(isLockedForViewer(view(locked), 'actions')).toBe(true)
    expect(isLockedForViewer(view(locked), 'goals')).toBe(false)
    expect(isLockedForViewer(view({ ...locked, me: { ...view().me, isChair: true } }), 'actions')).toBe(false)
    expect(isLockedForViewer(view({ locks: [{ section: 'actions', holderId: 'u1', itemId: 'i' }] }), 'actions')).toBe(false)
  })
})

describe('the chair\'s attendance list', () => {
  it('lists connected people, earlier marks and inner-ring members once each, by name', () => {
    const rows = attendanceRows(view({
      present: [{ userId: 'b', name: 'Bea', organisation: 'Politie', ring: 'inner', handRaised: false }],
      attendance: [{ userId: 'c', name: 'Cor', organisation: 'School', present: true, mandate: true }],
    }), [
      { userId: 'a', name: 'Ada', organisation: 'Wijkteam', ring: 'inner' },
      { userId: 'b', name: 'Bea', organisation: 'Politie', ring: 'inner' },
      { userId: 'd', name: 'Dirk', organisation: 'GGD', ring: 'outer' },
    ])
    expect(rows.map((r) => [r.name, r.isConnected, r.present, r.mandate])).toEqual([
      ['Ada', false, false, false], ['Bea', true, false, false], ['Cor', false, true, true],
    ])
  })
})

describe('what an agenda item records, in words', () => {
  it('has a Dutch message for every record of every format', () => {
    const records = new Set(Object.values(FORMAT_SPECS).flatMap((f) => f.agenda.flatMap((i) => i.records)))
    const messages = nl.meetings.records as Record<string, string>
    for (const record of records) expect(messages[recordKey(record).replace('meetings.records.', '')], record).toBeTypeOf('string')
  })
})
