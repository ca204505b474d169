import { describe, expect, it } from 'vitest'
import { useConfirmedSelect } from '../../client/composables/useConfirmedSelect'

/** A select over a stored value, recording what reached the plan. */
function makeSelect(stored = 'active', accepts: (value: string) => boolean = () => true) {
  const plan = { value: stored, writes: [] as string[] }
  const select = useConfirmedSelect({
    value: () => plan.value,
    commit: (value) => {
      if (!accepts(value)) return false
      plan.writes.push(value)
      plan.value = value
      return true
    },
  })
  /** ArrowDown on a closed select: Chromium fires change inside the keydown. */
  function arrowTo(value: string): void {
    select.handleKeydown('ArrowDown')
    select.handleChange(value)
    select.handleKeyEnd()
  }
  return { plan, select, arrowTo }
}

describe('keyboard-safe status selects', () => {
  it('keeps an ArrowDown choice as a draft that does not reach the plan', () => {
    const { plan, select, arrowTo } = makeSelect()
    arrowTo('broken')
    expect(plan.writes).toEqual([])
    expect(select.shown.value).toBe('broken')
    expect(select.isPending.value).toBe(true)
  })

  it('stores the draft on Enter and prevents the key default', () => {
    const { plan, select, arrowTo } = makeSelect()
    arrowTo('ended')
    arrowTo('broken')
    expect(select.handleKeydown('Enter')).toBe(true)
    expect(plan.writes).toEqual(['broken'])
    expect(select.isPending.value).toBe(false)
  })

  it('stores the draft when the user leaves the field', () => {
    const { plan, select, arrowTo } = makeSelect()
    arrowTo('broken')
    select.handleLeave()
    expect(plan.writes).toEqual(['broken'])
  })

  it('stores the draft from the confirm button', () => {
    const { plan, select, arrowTo } = makeSelect()
    arrowTo('broken')
    expect(select.confirm()).toBe(true)
    expect(plan.writes).toEqual(['broken'])
  })

  it('drops the draft on Escape and shows the stored value again', () => {
    const { plan, select, arrowTo } = makeSelect()
    arrowTo('broken')
    expect(select.handleKeydown('Escape')).toBe(true)
    select.handleLeave()
    expect(plan.writes).toEqual([])
    expect(select.shown.value).toBe('active')
  })

  it('stores a change no key caused (a mouse pick) at once', () => {
    const { plan, select } = makeSelect()
    select.handleChange('ended')
    expect(plan.writes).toEqual(['ended'])
    expect(select.isPending.value).toBe(false)
  })

  it('writes nothing when the user arrows back to the stored value and leaves', () => {
    const { plan, select, arrowTo } = makeSelect()
    arrowTo('broken')
    arrowTo('active')
    expect(select.isPending.value).toBe(false)
    select.handleLeave()
    expect(plan.writes).toEqual([])
  })

  it('ignores modifier and Tab keys, so Shift+Tab away from a mouse pick stays a commit', () => {
    const { plan, select } = makeSelect()
    expect(select.handleKeydown('Tab')).toBe(false)
    select.handleChange('ended')
    expect(plan.writes).toEqual(['ended'])
  })

  it('shows the stored value again when the plan refuses the confirmed choice', () => {
    const { plan, select, arrowTo } = makeSelect('open', (value) => value !== 'blocked')
    arrowTo('blocked')
    expect(select.confirm()).toBe(false)
    expect(plan.writes).toEqual([])
    expect(select.shown.value).toBe('open')
  })

  it('follows a colleague\'s change while no draft is pending', () => {
    const { plan, select } = makeSelect()
    plan.value = 'ended'
    expect(select.shown.value).toBe('ended')
  })
})
