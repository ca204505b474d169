import { describe, expect, it } from 'vitest'
import { caseDocName, meetingDocName, parseDocName } from '../../shared/protocol/docName'

const id = '6a0d3c1e-5b7f-4c2a-9e41-0d2f8a7b9c01'

describe('parseDocName', () => {
  it('parses case plan, case inner and meeting documents', () => {
    expect(parseDocName(caseDocName(id, 'plan'))).toEqual({ kind: 'case', caseId: id, part: 'plan', name: `case/${id}/plan` })
    expect(parseDocName(caseDocName(id, 'inner'))).toMatchObject({ kind: 'case', part: 'inner' })
    expect(parseDocName(meetingDocName(id))).toEqual({ kind: 'meeting', meetingId: id, name: `meeting/${id}` })
  })

  it.each([
    `case/${id}/secret`, `case/${id}/plan/`, `case/${id.toUpperCase()}/plan`, `/case/${id}/plan`,
    `case/../${id}/plan`, 'case//plan', '', `meeting/${id}/x`, `case/${id}/plan`.padEnd(200, 'x'),
  ])('rejects %j', (name) => {
    expect(parseDocName(name)).toBeNull()
  })
})
