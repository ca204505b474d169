/**
 * The ring rules are data (shared/plan/writeEntries.ts, issue 19): with each of the
 * buitenring's two rules (own actions; the agreements its organisation is bound to)
 * switched off and on, the server's write guard (judgeWrite on a real Y update, staged as
 * the doc hub stages it) and the plan page's abilities (planAbilities over what
 * caseAbilities sends) agree on every (ring, role, section, field, own/other item) case,
 * and the rule's cases flip exactly when its entry is there.
 */
import { randomUUID } from 'node:crypto'
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import * as P from '../../shared/plan'
import type { MemberRole, Ring } from '../../shared/api/schemas'
import {
  BOUND_AGREEMENTS_ENTRIES, OWN_ACTIONS_ENTRIES, WRITE_RULES, buildWriteRules, type ExtraSectionEntries, type WriteRules,
} from '../../shared/plan/writeEntries'
import { readTouches } from '../../server/collab/updateTouches'
import { judgeWrite, type Writer } from '../../server/access/writePolicy'
import { caseAbilities } from '../../server/access/policy'
import { changeableFields } from '../../shared/plan/abilities'
import { itemAccess, planAbilities, requiredOnNewItem } from '../../client/plan/planAbilities'

const SCHOOL = 'OBS De Vlinder'
const OTHER = 'Wijkteam Havenstad'
const VT: P.PlanActor = { name: 'Anouk de Wit', organisation: 'Veilig Thuis Noordkust' }
const today = P.todayIsoDate()

/** One change of one field, with a value the item's schema accepts. */
const CHANGES: Record<'actions' | 'agreements', Record<string, unknown>> = {
  actions: {
    what: 'Huisbezoek plannen', ownerOrganisation: 'Politie Eenheid Noordkust', ownerPerson: 'Sanne Jansen', due: P.addDays(today, 7),
    status: 'in-progress', doneNote: 'Gesprek gevoerd', blockedReason: 'Wacht op toestemming', innerRefs: [randomUUID()],
  },
  agreements: {
    text: 'Geen contact na 20:00', boundParties: ['vader', 'moeder'], checkedBy: 'Politie', checkMethod: 'Belcontact',
    ifBroken: 'Melding aan Veilig Thuis', startDate: P.addDays(today, -1), reviewDate: P.addDays(today, 14), status: 'broken', innerRefs: [randomUUID()],
  },
}

/** The plan as the binnenring left it: per section an item of the school's (own) and one of another organisation. */
function basePlan(): { doc: Y.Doc; ids: Record<string, { own: string; other: string }> } {
  const doc = new Y.Doc()
  P.migratePlanDoc(doc, 'plan')
  const goal = P.addGoal(doc, { resultKey: 'direct-safety', text: 'Kinderen veilig thuis' }, VT).id
  const action = (owner: string) => P.addAction(doc, { what: 'Verzuim melden', ownerOrganisation: owner, due: today, goalId: goal }, VT).id
  // Bound: the school's name as people type it (other case, extra space); other: not bound.
  const agreement = (parties: string[]) => P.addAgreement(doc, { text: 'Afwezigheid melden', boundParties: parties, checkedBy: 'Wijkteam', startDate: today }, VT).id
  return {
    doc,
    ids: {
      actions: { own: action(SCHOOL), other: action(OTHER) },
      agreements: { own: agreement(['vader', 'obs de  vlinder ']), other: agreement(['vader']) },
    },
  }
}

/** The server's verdict on one write by `writer`, staged as the doc hub stages it. */
function serverAllows(base: Y.Doc, writer: Writer, rules: WriteRules, write: (doc: Y.Doc, actor: P.PlanActor) => void): boolean {
  const client = new Y.Doc()
  Y.applyUpdate(client, Y.encodeStateAsUpdate(base))
  const before = Y.encodeStateVector(client)
  try {
    write(client, { name: writer.name, organisation: writer.organisation })
  } catch {
    return false
  }
  const update = Y.encodeStateAsUpdate(client, before)
  const staging = new Y.Doc()
  Y.applyUpdate(staging, Y.encodeStateAsUpdate(base))
  let verdict: string | null = 'no transaction'
  staging.once('afterTransaction', (tr: Y.Transaction) => {
    const t = readTouches(staging, tr)
    verdict = 'refusal' in t ? t.refusal : judgeWrite('plan', t.touches, { ...t.context, isOwn: (item) => item.id.client === client.clientID }, writer, Date.now(), rules)
  })
  Y.applyUpdate(staging, update)
  return verdict === null
}

interface Case { label: string; section: 'actions' | 'agreements'; server: boolean; client: boolean }

/** Every case for one writer under one set of rules: each field of each item, removal and adding. */
function judgeAll(rules: WriteRules, ring: Ring, role: MemberRole): Case[] {
  const { doc, ids } = basePlan()
  const organisation = ring === 'outer' ? SCHOOL : VT.organisation
  const writer: Writer = { name: 'Joost Bakker', organisation, ring, role }
  const page = planAbilities(caseAbilities({ ring, role, isCaseDirector: false }, organisation, rules), organisation)
  const out: Case[] = []
  for (const section of ['actions', 'agreements'] as const) {
    for (const which of ['own', 'other'] as const) {
      const id = ids[section]![which]
      const item = P.getItem(doc, section, id)! as unknown as Record<string, unknown>
      const access = itemAccess(page, section, item)
      for (const [field, value] of Object.entries(CHANGES[section])) {
        const server = serverAllows(doc, writer, rules, (d, a) => P.updateItem(d, section, id, { [field]: value } as never, a))
        const client = access.fields === 'all' || access.fields.includes(field)
        out.push({ label: `${ring}/${role} ${section} ${which} ${field}`, section, server, client })
      }
      const removes = serverAllows(doc, writer, rules, (d, a) => P.removeItem(d, section, id, a))
      out.push({ label: `${ring}/${role} ${section} ${which} remove`, section, server: removes, client: access.canRemove })
    }
  }
  for (const owner of [SCHOOL, OTHER]) {
    const adds = serverAllows(doc, writer, rules, (d, a) => P.addAction(d, { what: 'Nieuw', ownerOrganisation: owner, due: today, resultKey: 'recovery' }, a))
    const required = requiredOnNewItem(page, 'actions')
    out.push({ label: `${ring}/${role} add action of ${owner}`, section: 'actions', server: adds, client: required !== null && (required.ownerOrganisation ?? owner) === owner })
  }
  const addsAgreement = serverAllows(doc, writer, rules, (d, a) => P.addAgreement(d, { text: 'Nieuw', boundParties: [SCHOOL], checkedBy: 'Wijkteam', startDate: today }, a))
  out.push({ label: `${ring}/${role} add agreement`, section: 'agreements', server: addsAgreement, client: requiredOnNewItem(page, 'agreements') !== null })
  return out
}

const WRITERS: readonly [Ring, MemberRole][] = [['inner', 'member'], ['inner', 'chair'], ['inner', 'reader'], ['outer', 'member'], ['outer', 'reader']]

/** The buitenring member's cases the two rules decide, by whether each is on. */
function expectedOuter(label: string, ownActions: boolean, boundAgreements: boolean): boolean {
  const allowed = new Set<string>([
    ...(ownActions ? ['actions own status', 'actions own doneNote', 'actions own blockedReason', `add action of ${SCHOOL}`] : []),
    ...(boundAgreements ? ['agreements own status'] : []),
  ])
  return allowed.has(label.replace('outer/member ', ''))
}

describe('the ring rules are entries of data, and server and client agree on them', () => {
  const variants: { name: string; extra: ExtraSectionEntries; ownActions: boolean; boundAgreements: boolean }[] = [
    { name: 'both rules off', extra: {}, ownActions: false, boundAgreements: false },
    { name: 'own actions only', extra: { actions: OWN_ACTIONS_ENTRIES }, ownActions: true, boundAgreements: false },
    { name: 'bound agreements only', extra: { agreements: BOUND_AGREEMENTS_ENTRIES }, ownActions: false, boundAgreements: true },
    { name: 'both rules on (the shipped rules)', extra: { actions: OWN_ACTIONS_ENTRIES, agreements: BOUND_AGREEMENTS_ENTRIES }, ownActions: true, boundAgreements: true },
  ]
  for (const v of variants) {
    it(`with ${v.name}, the write guard and the page allow the same writes`, () => {
      const rules = buildWriteRules(v.extra)
      const cases = WRITERS.flatMap(([ring, role]) => judgeAll(rules, ring, role))
      expect(cases.length).toBeGreaterThan(100)
      const disagree = cases.filter((c) => c.server !== c.client).map((c) => `${c.label}: server ${c.server}, page ${c.client}`)
      expect(disagree).toEqual([])
      for (const c of cases) {
        if (c.label.startsWith('outer/member ')) expect(c.server, c.label).toBe(expectedOuter(c.label, v.ownActions, v.boundAgreements))
        if (c.label.includes('/reader ')) expect(c.server, c.label).toBe(false)
        // The binnenring writes every field of both sections, whatever the buitenring's rules.
        if (c.label.startsWith('inner/member ')) expect(c.server, c.label).toBe(true)
      }
    }, 60_000) // about 2 s each alone, 6 s while a typecheck shares the two cores
  }

  it('ships both rules, and no entry grants a field its own or another entry of its ring reads as a condition', () => {
    expect(WRITE_RULES.plan.actions).toEqual(expect.arrayContaining([...OWN_ACTIONS_ENTRIES]))
    expect(WRITE_RULES.plan.agreements).toEqual(expect.arrayContaining([...BOUND_AGREEMENTS_ENTRIES]))
    for (const part of ['plan', 'inner'] as const) {
      for (const [root, entries] of Object.entries(WRITE_RULES[part])) {
        for (const ring of ['inner', 'outer'] as const) {
          const mine = entries.filter((e) => e.ring === ring)
          const conditions = mine.flatMap((e) => (e.may !== 'write' && e.when ? [Object.values(e.when)[0]!] : []))
          for (const e of mine) {
            if (e.may !== 'change') continue
            if (e.fields === 'all') expect(conditions, `${part}.${root} ${ring}`).toEqual([])
            else for (const f of e.fields) expect(conditions, `${part}.${root} ${ring} ${f}`).not.toContain(f)
          }
        }
      }
    }
  })

  it('reads a conditioned "all" as every field but the one its condition reads', () => {
    const rules = buildWriteRules({ actions: [{ ring: 'outer', may: 'change', fields: 'all', when: { ownOrganisation: 'ownerOrganisation' } }] })
    const writes = caseAbilities({ ring: 'outer', role: 'member', isCaseDirector: false }, SCHOOL, rules).writes
    const fields = changeableFields(writes, 'actions', { ownerOrganisation: SCHOOL })
    expect(fields).toEqual(expect.arrayContaining(['what', 'due', 'status', 'ownerPerson']))
    expect(fields).not.toContain('ownerOrganisation')
    expect(changeableFields(writes, 'actions', { ownerOrganisation: OTHER })).toEqual([])
    const { doc, ids } = basePlan()
    const school: Writer = { name: 'Joost Bakker', organisation: SCHOOL, ring: 'outer', role: 'member' }
    expect(serverAllows(doc, school, rules, (d, a) => P.updateAction(d, ids.actions!.own, { what: 'Anders' }, a))).toBe(true)
    expect(serverAllows(doc, school, rules, (d, a) => P.updateAction(d, ids.actions!.own, { ownerOrganisation: OTHER }, a))).toBe(false)
  })

  it('keeps a chair-only entry to the chair, on both sides', () => {
    const rules: WriteRules = { ...WRITE_RULES, plan: { ...WRITE_RULES.plan, decisions: [{ ring: 'inner', roles: ['chair'], may: 'add' }] } }
    const { doc } = basePlan()
    for (const role of ['chair', 'member'] as const) {
      const writer: Writer = { name: 'Anouk de Wit', organisation: VT.organisation, ring: 'inner', role }
      const server = serverAllows(doc, writer, rules, (d, a) => P.addDecision(d, { text: 'Opschalen', type: 'escalate', chair: 'Anouk de Wit' }, a))
      const page = planAbilities(caseAbilities({ ring: 'inner', role, isCaseDirector: false }, VT.organisation, rules), VT.organisation)
      expect([role, server, requiredOnNewItem(page, 'decisions') !== null]).toEqual([role, role === 'chair', role === 'chair'])
    }
  })

  it('finds no write rule under an inherited property name', () => {
    const school: Writer = { name: 'Joost Bakker', organisation: SCHOOL, ring: 'inner', role: 'member' }
    const { doc } = basePlan()
    expect(serverAllows(doc, school, WRITE_RULES, (d) => { d.getMap('constructor').set('x', 1) })).toBe(false)
    expect(serverAllows(doc, school, WRITE_RULES, (d) => { d.getMap('toString').set('x', 1) })).toBe(false)
  })
})
