/**
 * The pure parts of issue 18 item 2: the document reserve by ring (docBudget.ts), the
 * share refusal's format (it survives the 123-byte close reason), and what an
 * organisation's share counts (writeShares.ts). The whole path over two nodes is
 * tests/integration/plan.shares.test.ts.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { judgeShare, measureSectionUse } from '../../server/access/writeShares'
import { docBudgetReason, docByteLimit } from '../../server/collab/docBudget'
import { DEFAULT_HUB_LIMITS } from '../../server/collab/hubLimits'
import type { HubConnection } from '../../server/collab/types'
import { ORGANISATION_SHARES } from '../../shared/plan/writeRules'
import { encodeShareRefusal, parseShareRefusal } from '../../shared/protocol/limits'

function connOf(ring: 'inner' | 'outer'): HubConnection {
  return {
    id: 'c', sessionId: '', send: () => undefined, close: () => undefined,
    doc: { kind: 'case', caseId: '00000000-0000-4000-8000-000000000000', part: 'plan', name: 'case/00000000-0000-4000-8000-000000000000/plan' },
    access: { canRead: true, canWrite: true, ring, role: 'member' },
    user: { organisationName: ring === 'outer' ? 'OBS De Vlinder' : 'Politie Eenheid Noordkust' } as HubConnection['user'],
  }
}

describe('the document reserve for the binnenring', () => {
  it('lets the buitenring fill the document only up to the reserve, and the binnenring all of it', () => {
    const limits = DEFAULT_HUB_LIMITS
    expect(docByteLimit(limits, connOf('inner'))).toBe(8 * 1024 * 1024)
    expect(docByteLimit(limits, connOf('outer'))).toBe(6 * 1024 * 1024)
    expect(parseShareRefusal(docBudgetReason(limits, connOf('outer')))).toEqual({
      limit: 'document', section: null, max: 6 * 1024 * 1024, organisation: 'OBS De Vlinder',
    })
  })
})

describe('the share refusal reason', () => {
  it('reads back what it says, also when a long organisation name was cut to fit a close reason', () => {
    const reason = encodeShareRefusal({ limit: 'items', section: 'actions', max: 100, organisation: 'Stichting '.repeat(20) })
    let cut = reason
    while (Buffer.byteLength(cut) > 123) cut = cut.slice(0, -1)
    expect(parseShareRefusal(cut)).toMatchObject({ limit: 'items', section: 'actions', max: 100 })
    expect(parseShareRefusal('actions holds at most 500 items')).toBeNull()
  })
})

describe('what a share counts', () => {
  const writer = { name: 'Joost Bakker', organisation: 'OBS De Vlinder', ring: 'outer' as const, role: 'member' as const }
  function sectionWith(items: { organisation: string; removed?: boolean; text?: string }[]): Y.Map<unknown> {
    const doc = new Y.Doc()
    const section = doc.getMap<unknown>('actions')
    items.forEach((it, i) => {
      const m = new Y.Map<unknown>()
      m.set('organisation', it.organisation)
      m.set('removedAt', it.removed ? '2026-01-01T00:00:00.000Z' : null)
      m.set('what', it.text ?? 'x')
      section.set(`id-${i}`, m)
    })
    return section
  }

  it('counts only the writer\'s own organisation, and removed items toward bytes but not items', () => {
    const max = ORGANISATION_SHARES.outer.liveItemsPerSection
    const others = Array.from({ length: 600 }, () => ({ organisation: 'Politie Eenheid Noordkust' }))
    const own = Array.from({ length: max }, () => ({ organisation: writer.organisation }))
    const removed = Array.from({ length: 50 }, () => ({ organisation: writer.organisation, removed: true }))
    const section = sectionWith([...others, ...own, ...removed])
    expect(measureSectionUse(section, writer.organisation).liveItems).toBe(max)
    expect(judgeShare('actions', section, writer, true)).toBeNull()
    const over = sectionWith([...own, { organisation: writer.organisation }])
    expect(parseShareRefusal(judgeShare('actions', over, writer, true)!)).toMatchObject({ limit: 'items', max })
    // Another organisation's 600 items never refuse the politie (binnenring share 500 is its own).
    expect(judgeShare('actions', section, { ...writer, organisation: 'Veilig Thuis Noordkust', ring: 'inner' }, true)).toBeNull()
  })

  it('refuses past the byte share, removed items included', () => {
    const big = '漢'.repeat(4000)
    const section = sectionWith(Array.from({ length: 50 }, () => ({ organisation: writer.organisation, removed: true, text: big })))
    expect(measureSectionUse(section, writer.organisation).itemBytes).toBeGreaterThan(ORGANISATION_SHARES.outer.itemBytesPerSection)
    expect(parseShareRefusal(judgeShare('actions', section, writer, false)!)).toMatchObject({ limit: 'bytes', organisation: writer.organisation })
  })
})
