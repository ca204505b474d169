import { describe, expect, it } from 'vitest'
import { mergeFields, rebaseFields, resolveConflict } from '../../client/plan/fieldMerge'

const FIELDS = ['what', 'due', 'status']
const opened = { what: 'Gesprek met moeder', due: '2026-12-10', status: 'open' }

describe('field-level merge of an edit form', () => {
  it('writes nothing when the user changed nothing, however stale the baseline', () => {
    const remote = { what: 'Gesprek met moeder en school', due: '2026-12-12', status: 'in-progress' }
    expect(mergeFields(FIELDS, opened, remote, { ...opened })).toEqual({ patch: {}, conflicts: [] })
  })

  it('writes only the field the user changed, never the stale value of a field a colleague changed', () => {
    const remote = { ...opened, what: 'Gesprek met moeder en school' }
    const local = { ...opened, due: '2026-12-20' }
    const merge = mergeFields(FIELDS, opened, remote, local)
    expect(merge.patch).toEqual({ due: '2026-12-20' })
    expect(merge.conflicts).toEqual([])
    expect(merge.patch).not.toHaveProperty('what')
  })

  it('reports a field changed here and remotely to different values as a conflict, and does not write it', () => {
    const remote = { ...opened, what: 'Gesprek met vader' }
    const local = { ...opened, what: 'Gesprek met oma', due: '2026-12-20' }
    const merge = mergeFields(FIELDS, opened, remote, local)
    expect(merge.conflicts).toEqual(['what'])
    expect(merge.patch).toEqual({ due: '2026-12-20' })
  })

  it('sees no conflict when both changed a field to the same value, and writes nothing for it', () => {
    const remote = { ...opened, status: 'done' }
    const local = { ...opened, status: 'done' }
    expect(mergeFields(FIELDS, opened, remote, local)).toEqual({ patch: {}, conflicts: [] })
  })

  it('compares a number input with its text (an age of 7 is "7")', () => {
    const base = { age: '7' }
    const local = { age: 7 as unknown as string }
    expect(mergeFields(['age'], base, base, local).patch).toEqual({})
  })

  it('lets an untouched field follow the remote value and keeps a conflicting one as typed', () => {
    const remote = { what: 'Gesprek met vader', due: '2026-12-12', status: 'open' }
    const local = { ...opened, what: 'Gesprek met oma' }
    const next = rebaseFields(FIELDS, opened, remote, local)
    expect(next.local).toEqual({ what: 'Gesprek met oma', due: '2026-12-12', status: 'open' })
    expect(next.baseline.due).toBe('2026-12-12')
    expect(next.baseline.what).toBe(opened.what)
    // After following, saving writes nothing for the followed field and still asks about `what`.
    expect(mergeFields(FIELDS, next.baseline, remote, next.local)).toEqual({ patch: {}, conflicts: ['what'] })
  })

  it('after "take theirs" writes nothing for the field; after "keep mine" writes the user value', () => {
    const remote = { ...opened, what: 'Gesprek met vader' }
    const local = { ...opened, what: 'Gesprek met oma' }
    const theirs = resolveConflict('what', 'theirs', opened, remote, local)
    expect(theirs.local.what).toBe('Gesprek met vader')
    expect(mergeFields(FIELDS, theirs.baseline, remote, theirs.local)).toEqual({ patch: {}, conflicts: [] })
    const mine = resolveConflict('what', 'mine', opened, remote, local)
    expect(mine.local.what).toBe('Gesprek met oma')
    expect(mergeFields(FIELDS, mine.baseline, remote, mine.local)).toEqual({ patch: { what: 'Gesprek met oma' }, conflicts: [] })
  })

  it('asks again when the colleague changes the field once more after "keep mine"', () => {
    const remote = { ...opened, what: 'Gesprek met vader' }
    const mine = resolveConflict('what', 'mine', opened, remote, { ...opened, what: 'Gesprek met oma' })
    const later = { ...remote, what: 'Gesprek met beide ouders' }
    expect(mergeFields(FIELDS, mine.baseline, later, mine.local).conflicts).toEqual(['what'])
  })
})
