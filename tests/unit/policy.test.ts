import { describe, expect, it } from 'vitest'
import { canManageMembers, decideDocAccess, type Membership } from '../../server/access/policy'
import { parseDocName } from '../../shared/protocol/docName'

const id = '6a0d3c1e-5b7f-4c2a-9e41-0d2f8a7b9c01'
const plan = parseDocName(`case/${id}/plan`)!
const inner = parseDocName(`case/${id}/inner`)!
const meeting = parseDocName(`meeting/${id}`)!
const m = (ring: 'inner' | 'outer', role: 'member' | 'reader' | 'chair', isCaseDirector = false): Membership => ({ ring, role, isCaseDirector })

describe('decideDocAccess', () => {
  it('gives the inner ring read and write on both documents', () => {
    expect(decideDocAccess(m('inner', 'member'), plan)).toMatchObject({ canRead: true, canWrite: true })
    expect(decideDocAccess(m('inner', 'chair'), inner)).toMatchObject({ canRead: true, canWrite: true })
  })

  it('gives the outer ring the plan document and not a byte of the inner one', () => {
    expect(decideDocAccess(m('outer', 'member'), plan)).toMatchObject({ canRead: true, canWrite: true })
    expect(decideDocAccess(m('outer', 'member'), inner)).toMatchObject({ canRead: false, canWrite: false })
    expect(decideDocAccess(m('outer', 'chair'), inner)).toMatchObject({ canRead: false, canWrite: false })
  })

  it('makes readers read-only, by ring', () => {
    expect(decideDocAccess(m('inner', 'reader'), inner)).toMatchObject({ canRead: true, canWrite: false })
    expect(decideDocAccess(m('outer', 'reader'), plan)).toMatchObject({ canRead: true, canWrite: false })
    expect(decideDocAccess(m('outer', 'reader'), inner)).toMatchObject({ canRead: false, canWrite: false })
  })

  it('denies non-members everything, and meeting documents until meetings exist', () => {
    expect(decideDocAccess(null, plan)).toMatchObject({ canRead: false, canWrite: false })
    expect(decideDocAccess(m('inner', 'chair'), meeting)).toMatchObject({ canRead: false, canWrite: false })
  })

  it('lets only the case director manage members', () => {
    expect(canManageMembers(m('inner', 'member', true))).toBe(true)
    expect(canManageMembers(m('inner', 'chair'))).toBe(false)
    expect(canManageMembers(null)).toBe(false)
  })
})
