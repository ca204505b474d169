import { describe, expect, it } from 'vitest'
import { CloseCode } from '../../shared/protocol/closeCodes'
import { ORGANISATION_COLORS, organisationColor } from '../../client/collab/organisationColor'
import { caretLabel, parseAwarenessUser } from '../../client/collab/awarenessUser'
import { collectPresence } from '../../client/collab/presence'
import { closeMessageKey } from '../../client/collab/closeCodeMessage'
import { createResetBudget } from '../../client/collab/resetBudget'

function contrastWithWhite(hex: string): number {
  const channel = (offset: number): number => {
    const c = parseInt(hex.slice(offset, offset + 2), 16) / 255
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  }
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
  return 1.05 / (luminance + 0.05)
}

describe('organisation colours', () => {
  it('keep white caret label text at 4.5:1 or better', () => {
    for (const color of ORGANISATION_COLORS) expect(contrastWithWhite(color)).toBeGreaterThanOrEqual(4.5)
  })

  it('give the same organisation the same colour regardless of case and spacing', () => {
    expect(organisationColor('Veilig Thuis')).toBe(organisationColor(' veilig thuis '))
    expect(organisationColor('Politie')).toMatch(/^#[0-9a-f]{6}$/)
  })
})

describe('awareness user', () => {
  it('reads name, organisation and colour from a remote state', () => {
    const state = { user: { name: 'Anna', organisation: 'Politie', color: '#1f5f99' } }
    expect(parseAwarenessUser(state)).toEqual({ name: 'Anna', organisation: 'Politie', color: '#1f5f99' })
  })

  it('ignores states without a usable name or organisation', () => {
    expect(parseAwarenessUser({})).toBeNull()
    expect(parseAwarenessUser({ user: { name: 42, organisation: 'x' } })).toBeNull()
    expect(parseAwarenessUser({ user: { name: ' ', organisation: 'x' } })).toBeNull()
  })

  it('replaces an invalid colour instead of passing it to the DOM', () => {
    const user = parseAwarenessUser({ user: { name: 'A', organisation: 'B', color: 'red;x' } })
    expect(user?.color).toMatch(/^#[0-9a-f]{6}$/)
  })

  it('labels a caret with name and organisation', () => {
    expect(caretLabel({ name: 'Anna', organisation: 'Politie', color: '#000000' })).toBe('Anna (Politie)')
  })
})

describe('presence', () => {
  const anna = { user: { name: 'Anna', organisation: 'Politie', color: '#1f5f99' } }
  const bert = { user: { name: 'Bert', organisation: 'School', color: '#7a3b8f' } }

  it('lists the local user first and marks them', () => {
    const people = collectPresence(new Map<number, unknown>([[1, anna], [2, bert]]), 2)
    expect(people.map((p) => [p.name, p.isSelf])).toEqual([['Bert', true], ['Anna', false]])
  })

  it('shows a person with two tabs once', () => {
    const people = collectPresence(new Map<number, unknown>([[1, anna], [3, anna], [2, bert]]), 2)
    expect(people).toHaveLength(2)
  })

  it('skips clients that have not announced a user yet', () => {
    expect(collectPresence(new Map<number, unknown>([[1, {}], [2, bert]]), 2)).toHaveLength(1)
  })
})

describe('close code messages', () => {
  it('explains a revoked access with its own message', () => {
    expect(closeMessageKey(CloseCode.AccessRevoked)).toBe('collab.close.accessRevoked')
    expect(closeMessageKey(CloseCode.AccessRevoked, 'plan')).toBe('collab.close.accessRevoked')
  })

  it('says that only the inner part was revoked when the inner document closes with 4410', () => {
    expect(closeMessageKey(CloseCode.AccessRevoked, 'inner')).toBe('collab.close.accessRevokedInner')
    expect(closeMessageKey(CloseCode.Unauthenticated, 'inner')).toBe('collab.close.unauthenticated')
  })

  it('has a message for a refused update, for when the fresh starts are used up', () => {
    expect(closeMessageKey(CloseCode.UpdateRefused)).toBe('collab.close.updateRefused')
  })

  it('treats unknown 44xx codes as a refusal and anything else as transient', () => {
    expect(closeMessageKey(4499)).toBe('collab.close.denied')
    expect(closeMessageKey(1006)).toBe('collab.close.transient')
  })
})

describe('fresh starts after refused updates', () => {
  it('allows a few fresh starts per window and refuses the next one', () => {
    const budget = createResetBudget(3, 60_000)
    expect([0, 1_000, 2_000].map((at) => budget.tryTake(at))).toEqual([true, true, true])
    expect(budget.tryTake(3_000)).toBe(false)
  })

  it('allows another fresh start once the oldest has left the window', () => {
    const budget = createResetBudget(2, 60_000)
    budget.tryTake(0)
    budget.tryTake(30_000)
    expect(budget.tryTake(59_999)).toBe(false)
    expect(budget.tryTake(60_000)).toBe(true)
    expect(budget.tryTake(60_001)).toBe(false)
  })

  it('does not count a refused attempt against the window', () => {
    const budget = createResetBudget(1, 10_000)
    budget.tryTake(0)
    for (let at = 1; at < 10_000; at += 1_000) expect(budget.tryTake(at)).toBe(false)
    expect(budget.tryTake(10_000)).toBe(true)
  })
})
