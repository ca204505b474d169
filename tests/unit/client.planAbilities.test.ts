import { describe, expect, it } from 'vitest'
import type { CaseAbilitiesDto } from '../../shared/api/schemas'
import { caseAbilities } from '../../server/access/policy'
import { actionAccess, canWriteAny, fixedActionOwner, planAbilities, PLAN_EDIT_ROOTS } from '../../client/plan/planAbilities'

const SCHOOL = 'OBS De Vlinder'
const own = { ownerOrganisation: SCHOOL }
const other = { ownerOrganisation: 'Wijkteam Havenstad' }

/** Hand-built server abilities: nothing allowed unless named. */
function server(overrides: Partial<CaseAbilitiesDto>): CaseAbilitiesDto {
  return {
    canReadInner: false, planWritable: [], innerWritable: [], ownActionsOnly: false,
    canManageMembers: false, canRunMeetings: false, canSeeMembers: false, ...overrides,
  }
}

describe('what the plan page offers, from the abilities the server sent', () => {
  it('offers everything, with any owner for new actions, when every root is writable', () => {
    const abilities = planAbilities(server({ canReadInner: true, planWritable: [...PLAN_EDIT_ROOTS, 'actions'], innerWritable: ['family'] }), 'Veilig Thuis Noordkust')
    expect(abilities).toMatchObject({ canEditPlan: true, canEditInner: true, canAddAction: true, actionScope: 'all' })
    expect(fixedActionOwner(abilities)).toBeNull()
    expect([actionAccess(abilities, own), actionAccess(abilities, other)]).toEqual(['full', 'full'])
    expect(canWriteAny(abilities)).toBe(true)
  })

  it('offers only own actions and their progress when the server allows actions for the own organisation only', () => {
    const abilities = planAbilities(server({ planWritable: ['actions'], ownActionsOnly: true }), SCHOOL)
    expect(abilities).toMatchObject({ canEditPlan: false, canEditInner: false, canAddAction: true, actionScope: 'own-progress' })
    expect(fixedActionOwner(abilities)).toBe(SCHOOL)
    expect(actionAccess(abilities, own)).toBe('progress')
    expect(actionAccess(abilities, other)).toBe('none')
    expect(canWriteAny(abilities)).toBe(true)
  })

  it('offers nothing to change when the server lists no writable root', () => {
    const abilities = planAbilities(server({ canReadInner: true }), SCHOOL)
    expect(abilities).toMatchObject({ canEditPlan: false, canEditInner: false, canAddAction: false, actionScope: 'none' })
    expect(actionAccess(abilities, own)).toBe('none')
    expect(canWriteAny(abilities)).toBe(false)
  })

  it('hides the plan controls when one root they write is missing from the list', () => {
    const withoutSummary = PLAN_EDIT_ROOTS.filter((root) => root !== 'summary')
    const abilities = planAbilities(server({ planWritable: [...withoutSummary, 'actions'] }), SCHOOL)
    expect(abilities.canEditPlan).toBe(false)
    expect(abilities.actionScope).toBe('all')
  })

  it('never offers the inner part without the right to read it', () => {
    expect(planAbilities(server({ canReadInner: false, innerWritable: ['family'] }), SCHOOL).canEditInner).toBe(false)
  })
})

describe('the page follows the server for every ring and role (server/access/policy.ts)', () => {
  const cases = [
    { ring: 'inner', role: 'member', expected: { canEditPlan: true, canEditInner: true, actionScope: 'all' } },
    { ring: 'inner', role: 'chair', expected: { canEditPlan: true, canEditInner: true, actionScope: 'all' } },
    { ring: 'inner', role: 'reader', expected: { canEditPlan: false, canEditInner: false, actionScope: 'none' } },
    { ring: 'outer', role: 'member', expected: { canEditPlan: false, canEditInner: false, actionScope: 'own-progress' } },
    { ring: 'outer', role: 'chair', expected: { canEditPlan: false, canEditInner: false, actionScope: 'own-progress' } },
    { ring: 'outer', role: 'reader', expected: { canEditPlan: false, canEditInner: false, actionScope: 'none' } },
  ] as const
  for (const { ring, role, expected } of cases) {
    it(`offers a ${ring}-ring ${role} what the server's abilities allow`, () => {
      const abilities = planAbilities(caseAbilities({ ring, role, isCaseDirector: false }), SCHOOL)
      expect(abilities).toMatchObject(expected)
    })
  }
})
