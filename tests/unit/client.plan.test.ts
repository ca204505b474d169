import { describe, expect, it } from 'vitest'
import {
  ACTION_STATUSES, AGREEMENT_STATUSES, DECISION_TYPES, GSAV_PHASES, JUSTICE_ITEM_TYPES, PERSON_ROLES, PlanDocumentError,
  PlanValidationError, RED_FLAG_KEYS, RED_FLAG_STATUSES, REGIE_ROLES, RESULT_KEYS, RESULT_STATUSES, SOS_ITEM_TYPES,
  type SafetyScore, type SosItem,
} from '../../shared/plan'
import { decodeActionLink, encodeActionLink } from '../../client/plan/actionLink'
import { combineConnections } from '../../client/plan/connectionState'
import { emptyToNull, parseWholeNumber, splitList } from '../../client/plan/formFields'
import { documentProblemKey, planErrorProblems, problemField, problemMessageKey } from '../../client/plan/problemMessage'
import { groupScoresByPartner, latestScoreSpread } from '../../client/plan/safetyScale'
import { groupSosItems, sosColumnOf } from '../../client/plan/sosColumns'
import { groupPresence, initialsOf } from '../../client/collab/presenceGroups'
import { nl } from '../../client/i18n/nl'
import { en } from '../../client/i18n/en'
import { SOS_COLUMNS } from '../../client/plan/sosColumns'
import { PLAN_PAGE_SECTIONS } from '../../client/plan/sectionNav'

const META = { author: 'Anouk de Wit', organisation: 'Veilig Thuis Noordkust', meetingId: null, updatedAt: '', updatedBy: null, updatedByOrganisation: null, removedAt: null, removedBy: null }

function score(id: string, partner: string, value: number | null, date: string, createdAt = `${date}T09:00:00.000Z`): SafetyScore {
  return { ...META, id, createdAt, partner, score: value, date, reason: '', addsPoint: '' }
}

function lookup(key: string, messages: object = nl): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), messages)
}

describe('plan vocabulary in both languages', () => {
  it('has a Dutch and an English label for every value the plan schema knows', () => {
    const lists: [string, readonly string[]][] = [
      ['plan.result.keys', RESULT_KEYS], ['plan.result.status', RESULT_STATUSES], ['plan.action.statuses', ACTION_STATUSES],
      ['plan.agreement.statuses', AGREEMENT_STATUSES], ['plan.decision.types', DECISION_TYPES], ['plan.phase.phases', GSAV_PHASES],
      ['plan.regie.roles', REGIE_ROLES], ['inner.person.roles', PERSON_ROLES], ['inner.sos.types', SOS_ITEM_TYPES],
      ['inner.sos.columns', SOS_COLUMNS], ['inner.justice.types', JUSTICE_ITEM_TYPES], ['inner.redFlag.flags', RED_FLAG_KEYS],
      ['inner.redFlag.statuses', RED_FLAG_STATUSES], ['plan.sections', PLAN_PAGE_SECTIONS.map((s) => s.name)],
      ['collab.status', ['connected', 'connecting', 'reconnecting', 'offline', 'denied']],
    ]
    for (const [prefix, values] of lists) {
      for (const value of values) {
        expect(typeof lookup(`${prefix}.${value}`, nl), `nl ${prefix}.${value}`).toBe('string')
        expect(typeof lookup(`${prefix}.${value}`, en), `en ${prefix}.${value}`).toBe('string')
      }
    }
  })
})

describe('plan problems in the user\'s language', () => {
  it('maps every schema message it knows to an existing Dutch message', () => {
    const messages = ['is required', 'is too long', 'must be a date as YYYY-MM-DD', 'link the action to exactly one goal or result',
      'is required while the action is blocked', 'must be 0 to 10', 'must be a live decision of type phase', 'Invalid option: expected one of']
    for (const message of messages) {
      const key = problemMessageKey({ path: 'x', message })
      expect(key).not.toBe('plan.problem.invalid')
      expect(typeof lookup(key)).toBe('string')
    }
    expect(problemMessageKey({ path: 'x', message: 'something new' })).toBe('plan.problem.invalid')
    expect(problemMessageKey({ path: 'actor.name', message: 'is required' })).toBe('plan.problem.actor')
  })

  it('puts a problem next to the field it is about, by name, prefix or alias', () => {
    const fields = [{ name: 'what' }, { name: 'link', problemPaths: ['goalId', 'resultKey'] }, { name: 'boundParties' }]
    expect(problemField({ path: 'what', message: '' }, fields)).toBe('what')
    expect(problemField({ path: 'goalId', message: '' }, fields)).toBe('link')
    expect(problemField({ path: 'boundParties[2]', message: '' }, fields)).toBe('boundParties')
    expect(problemField({ path: 'whatever', message: '' }, fields)).toBeNull()
    expect(problemField({ path: '', message: '' }, fields)).toBeNull()
  })

  it('turns accessor errors into problems and leaves other errors to the caller', () => {
    expect(planErrorProblems(new PlanValidationError([{ path: 'due', message: 'is required' }]))).toEqual([{ path: 'due', message: 'is required' }])
    const [notReady] = planErrorProblems(new PlanDocumentError('not-migrated', 'x')) ?? []
    expect(notReady && documentProblemKey(notReady)).toBe('plan.problem.notReady')
    expect(planErrorProblems(new Error('bug'))).toBeNull()
  })
})

describe('plan form values', () => {
  it('encodes an action link as one select value and reads it back', () => {
    expect(decodeActionLink(encodeActionLink({ goalId: 'g-1', resultKey: null }))).toEqual({ goalId: 'g-1', resultKey: null })
    expect(decodeActionLink(encodeActionLink({ goalId: null, resultKey: 'recovery' }))).toEqual({ goalId: null, resultKey: 'recovery' })
    expect(decodeActionLink('result:nonsense')).toEqual({ goalId: null, resultKey: null })
    expect(decodeActionLink('')).toEqual({ goalId: null, resultKey: null })
  })

  it('reads lists, optional text and whole numbers from text inputs', () => {
    expect(splitList(' vader,  , OBS De Vlinder ')).toEqual(['vader', 'OBS De Vlinder'])
    expect(emptyToNull('  ')).toBeNull()
    expect(emptyToNull(' Anouk ')).toBe('Anouk')
    expect(parseWholeNumber('')).toBeNull()
    expect(parseWholeNumber('7')).toBe(7)
  })

  it('reads what v-model gives for number inputs (a number, or an empty string) without throwing (the person-age bug)', () => {
    const fromNumberInput = 34 as unknown as string
    expect(parseWholeNumber(fromNumberInput)).toBe(34)
    expect(emptyToNull(fromNumberInput)).toBe('34')
    expect(splitList(fromNumberInput)).toEqual(['34'])
    expect(parseWholeNumber(undefined)).toBeNull()
    const long = 'x'.repeat(5000)
    expect(emptyToNull(long)).toBe(long)
  })
})

describe('veiligheidsschaal per partner', () => {
  it('shows each partner\'s latest score with its history, and the spread of the latest scores', () => {
    const partners = groupScoresByPartner([
      score('1', 'Politie Eenheid Noordkust', 1, '2026-03-01'),
      score('2', 'Veilig Thuis Noordkust', 2, '2026-03-01'),
      score('3', 'Politie Eenheid Noordkust', 4, '2026-03-20'),
      score('4', 'Wijkteam Havenstad', null, '2026-03-20'),
    ])
    expect(partners.map((p) => [p.partner, p.latest.score, p.history.length])).toEqual([
      ['Politie Eenheid Noordkust', 4, 2],
      ['Veilig Thuis Noordkust', 2, 1],
    ])
    expect(latestScoreSpread(partners)).toEqual({ min: 2, max: 4 })
    expect(latestScoreSpread([])).toBeNull()
  })
})

describe('Signs of Safety columns', () => {
  it('puts harm and complications under worries, strengths and safety under what goes well, next steps last', () => {
    expect(sosColumnOf('complicating-factor')).toBe('worries')
    expect(sosColumnOf('existing-safety')).toBe('goingWell')
    const item = (id: string, type: SosItem['type']): SosItem => ({ ...META, id, createdAt: '', type, text: id })
    const columns = groupSosItems([item('a', 'next-step'), item('b', 'harm'), item('c', 'strength')])
    expect(columns.worries.map((i) => i.id)).toEqual(['b'])
    expect(columns.goingWell.map((i) => i.id)).toEqual(['c'])
    expect(columns.needsToHappen.map((i) => i.id)).toEqual(['a'])
  })
})

describe('connection indicator', () => {
  it('is online only when every document is connected and says when edits wait', () => {
    const online = { status: 'connected', wasConnected: true, hasUnsentEdits: false } as const
    expect(combineConnections([online, online])).toBe('connected')
    expect(combineConnections([online, { status: 'connecting', wasConnected: false, hasUnsentEdits: false }])).toBe('connecting')
    expect(combineConnections([online, { status: 'disconnected', wasConnected: true, hasUnsentEdits: false }])).toBe('reconnecting')
    expect(combineConnections([{ status: 'connecting', wasConnected: true, hasUnsentEdits: true }, online])).toBe('offline')
    expect(combineConnections([online, { status: 'denied', wasConnected: true, hasUnsentEdits: false }])).toBe('denied')
  })
})

describe('presence per organisation', () => {
  it('groups people per organisation, own organisation first, with initials for the avatar', () => {
    const person = (name: string, organisation: string, isSelf = false) => ({ key: name, name, organisation, color: '#1f5f99', isSelf })
    const groups = groupPresence([person('Ruben Smit', 'Politie'), person('Joost Bakker', 'OBS De Vlinder', true), person('Eva Jansen', 'Politie')])
    expect(groups.map((g) => [g.organisation, g.people.map((p) => p.name)])).toEqual([
      ['OBS De Vlinder', ['Joost Bakker']],
      ['Politie', ['Ruben Smit', 'Eva Jansen']],
    ])
    expect(initialsOf('Anouk de Wit')).toBe('AW')
    expect(initialsOf('Fatma')).toBe('F')
  })
})
