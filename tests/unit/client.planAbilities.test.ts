import { describe, expect, it } from 'vitest'
import { actionAccess, canWriteAny, fixedActionOwner, planAbilities } from '../../client/plan/planAbilities'

const SCHOOL = 'OBS De Vlinder'
const own = { ownerOrganisation: SCHOOL }
const other = { ownerOrganisation: 'Wijkteam Havenstad' }

describe('what the plan page offers per ring and role', () => {
  it('lets inner-ring members and chairs change everything, with any owner for new actions', () => {
    for (const role of ['member', 'chair'] as const) {
      const abilities = planAbilities({ ring: 'inner', role }, 'Veilig Thuis Noordkust')
      expect(abilities.canEditPlan).toBe(true)
      expect(abilities.canAddAction).toBe(true)
      expect(fixedActionOwner(abilities)).toBeNull()
      expect([actionAccess(abilities, own), actionAccess(abilities, other)]).toEqual(['full', 'full'])
      expect(canWriteAny(abilities)).toBe(true)
    }
  })

  it("lets the buitenring add actions of its own organisation and move only their progress", () => {
    for (const role of ['member', 'chair'] as const) {
      const abilities = planAbilities({ ring: 'outer', role }, SCHOOL)
      expect(abilities.canEditPlan).toBe(false)
      expect(abilities.canAddAction).toBe(true)
      expect(fixedActionOwner(abilities)).toBe(SCHOOL)
      expect(actionAccess(abilities, own)).toBe('progress')
      expect(actionAccess(abilities, other)).toBe('none')
      expect(canWriteAny(abilities)).toBe(true)
    }
  })

  it('gives readers of either ring nothing to change', () => {
    for (const ring of ['inner', 'outer'] as const) {
      const abilities = planAbilities({ ring, role: 'reader' }, SCHOOL)
      expect(abilities.canEditPlan).toBe(false)
      expect(abilities.canAddAction).toBe(false)
      expect(actionAccess(abilities, own)).toBe('none')
      expect(canWriteAny(abilities)).toBe(false)
    }
  })
})
