import { describe, expect, it } from 'vitest'
import type { CaseAbilitiesDto, MemberRole, Ring } from '../../shared/api/schemas'
import { WRITE_RULES, type WriteRules } from '../../shared/plan/writeEntries'
import { caseAbilities } from '../../server/access/policy'
import { PROGRESS_FIELDS, actionAccess, canWriteAny, fixedActionOwner, itemAccess, planAbilities } from '../../client/plan/planAbilities'

const SCHOOL = 'OBS De Vlinder'
const own = { ownerOrganisation: SCHOOL }
const other = { ownerOrganisation: 'Wijkteam Havenstad' }

/** Server abilities as the server builds them for `ring`/`role` of `organisation`, from `rules`. */
function server(ring: Ring, role: MemberRole, organisation = SCHOOL, rules: WriteRules = WRITE_RULES, overrides: Partial<CaseAbilitiesDto> = {}): CaseAbilitiesDto {
  return { ...caseAbilities({ ring, role, isCaseDirector: false }, organisation, rules), ...overrides }
}

describe('what the plan page offers, from the abilities the server sent', () => {
  it('offers everything, with any owner for new actions, to the binnenring', () => {
    const abilities = planAbilities(server('inner', 'member', 'Veilig Thuis Noordkust'), 'Veilig Thuis Noordkust')
    expect(abilities).toMatchObject({ canEditPlan: true, canEditInner: true, canAddAction: true, actionScope: 'all' })
    expect(fixedActionOwner(abilities)).toBeNull()
    expect([actionAccess(abilities, own), actionAccess(abilities, other)]).toEqual(['full', 'full'])
    expect(canWriteAny(abilities)).toBe(true)
  })

  it('offers the buitenring only own actions and their progress', () => {
    const abilities = planAbilities(server('outer', 'member'), SCHOOL)
    expect(abilities).toMatchObject({ canEditPlan: false, canEditInner: false, canAddAction: true, actionScope: 'own-progress' })
    expect(fixedActionOwner(abilities)).toBe(SCHOOL)
    expect(actionAccess(abilities, own)).toBe('progress')
    expect(actionAccess(abilities, other)).toBe('none')
    expect(itemAccess(abilities, 'actions', own)).toEqual({ fields: PROGRESS_FIELDS, canRemove: false })
    expect(canWriteAny(abilities)).toBe(true)
  })

  it('offers nothing to change when the server sends no write entry', () => {
    const abilities = planAbilities(server('inner', 'reader'), SCHOOL)
    expect(abilities).toMatchObject({ canEditPlan: false, canEditInner: false, canAddAction: false, actionScope: 'none' })
    expect(actionAccess(abilities, own)).toBe('none')
    expect(canWriteAny(abilities)).toBe(false)
  })

  it('hides the plan controls when one root they write has no entry for the user', () => {
    const rules = { ...WRITE_RULES, plan: Object.fromEntries(Object.entries(WRITE_RULES.plan).filter(([root]) => root !== 'summary')) }
    const abilities = planAbilities(server('inner', 'member', SCHOOL, rules), SCHOOL)
    expect(abilities.canEditPlan).toBe(false)
    expect(abilities.actionScope).toBe('all')
  })

  it('never offers the inner part without the right to read it', () => {
    expect(planAbilities(server('inner', 'member', SCHOOL, WRITE_RULES, { canReadInner: false }), SCHOOL).canEditInner).toBe(false)
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
      const abilities = planAbilities(caseAbilities({ ring, role, isCaseDirector: false }, SCHOOL), SCHOOL)
      expect(abilities).toMatchObject(expected)
    })
  }
})
