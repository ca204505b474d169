/**
 * Item kinds declared once (issue 19): every kind, field and enum value has a Dutch and an
 * English label in the shared catalogue; the schemas derived from the declarations accept
 * the demo plan; the action's priority is declared and held to the write rule.
 */
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { LOCALES, lookup, pickLocale, translate } from '../../shared/i18n/catalogue'
import * as P from '../../shared/plan'
import { ALL_KINDS, actionKind, enumLabelKeys, inputSchemaOf, kindOfSection, shapeOf } from '../../shared/plan/kinds'
import { SECTION_SPECS } from '../../shared/plan/sections'
import { buildDemoInnerDoc, buildDemoPlanDoc } from '../../server/plan/demoPlan'
import { en } from '../../client/i18n/en'
import { nl } from '../../client/i18n/nl'
import { readTouches } from '../../server/collab/updateTouches'
import { judgeWrite, type Writer } from '../../server/access/writePolicy'

/**
 * Enum values whose label in a language is the key itself, because the key is an ordinary
 * word of that language and the right label (reviewed by hand, not a raw key shown).
 */
const LABEL_IS_THE_WORD: Record<'nl' | 'en', readonly string[]> = {
  nl: ['open', 'plan', 'slachtoffer', 'pleger', 'kind', 'ouder', 'ex-partner', 'netwerk', 'incident'],
  en: [
    'open', 'achieved', 'missed', 'proposed', 'active', 'broken', 'ended', 'done', 'blocked', 'cancelled', 'plan', 'placement', 'close',
    'escalate', 'ex-partner', 'harm', 'strength', 'arrest', 'supervision', 'incident', 'other', 'observed', 'unknown', 'high', 'normal',
  ],
}

describe('item kinds and the shared catalogue', () => {
  it('declares every section the registry knows, once', () => {
    for (const section of Object.keys(SECTION_SPECS)) expect(kindOfSection(section)?.section, section).toBe(section)
    expect(new Set(ALL_KINDS.map((k) => k.kind)).size).toBe(ALL_KINDS.length)
  })

  it('has a Dutch and an English label for every kind, field and enum value, different from its key', () => {
    const problems: string[] = []
    let values = 0
    for (const kind of ALL_KINDS) {
      for (const locale of LOCALES) {
        if (!lookup(locale, `${kind.labelKey}.name`)) problems.push(`${locale} ${kind.kind}: no name`)
        for (const field of Object.keys(kind.fields)) {
          const label = lookup(locale, `${kind.labelKey}.fields.${field}`)
          if (!label || label === field) problems.push(`${locale} ${kind.kind}.${field}: ${label ?? 'missing'}`)
        }
        for (const { value, key } of enumLabelKeys(kind)) {
          values += 1
          const label = lookup(locale, key)
          if (!label) problems.push(`${locale} ${key}: missing`)
          else if (label === value && !LABEL_IS_THE_WORD[locale].includes(value)) problems.push(`${locale} ${key}: the key itself`)
        }
      }
      for (const [view, fields] of Object.entries(kind.views)) {
        for (const f of fields ?? []) if (!(f in kind.fields)) problems.push(`${kind.kind}.views.${view}: unknown field ${f}`)
      }
    }
    expect(problems).toEqual([])
    expect(values).toBeGreaterThan(60)
    // Every hyphenated key (severity-frequency, not-observed, criminal-case…) has a label that is not the key, in both languages.
    for (const kind of ALL_KINDS) {
      for (const { value, key } of enumLabelKeys(kind)) {
        if (value.includes('-') && value !== 'ex-partner') for (const locale of LOCALES) expect(translate(locale, key), key).not.toBe(value)
      }
    }
  })

  it('gives the client\'s item history a label for every field a kind\'s history shows, in both languages', () => {
    const missing: string[] = []
    for (const kind of ALL_KINDS) {
      for (const f of kind.views.history) {
        for (const [lang, fields] of [['nl', nl.plan.history.fields], ['en', en.plan.history.fields]] as const) {
          const label = (fields as Record<string, string>)[f]
          if (!label || label === f) missing.push(`${lang} ${kind.kind}.${f}`)
        }
      }
    }
    expect(missing).toEqual([])
    expect((nl.plan.history.fields as Record<string, string>).priority).toBe('Prioriteit')
  })

  it('derives schemas that accept the demo plan, item by item', () => {
    const start = '2026-01-05'
    const docs = [buildDemoPlanDoc(start), buildDemoInnerDoc(start)]
    let checked = 0
    for (const doc of docs) {
      for (const kind of ALL_KINDS) {
        const map = doc.getMap(kind.section)
        map.forEach((value, id) => {
          if (!(value instanceof Y.Map) || kind.section === 'results' || kind.section === 'redFlags') return
          const raw = value.toJSON() as Record<string, unknown>
          const fields = Object.fromEntries(Object.keys(kind.fields).map((f) => [f, raw[f]]))
          const result = inputSchemaOf(kind).safeParse(fields)
          expect(result.success, `${kind.kind} ${id}: ${JSON.stringify(result.error?.issues)}`).toBe(true)
          checked += 1
        })
      }
    }
    expect(checked).toBeGreaterThan(10)
    expect(Object.keys(shapeOf(actionKind))).toEqual(Object.keys(actionKind.fields))
  })

  it('picks the reader\'s language: ?lang first, then Accept-Language, Dutch by default', () => {
    expect(pickLocale(undefined, undefined)).toBe('nl')
    expect(pickLocale('en', 'nl')).toBe('en')
    expect(pickLocale(undefined, 'de-DE,en;q=0.8,nl;q=0.5')).toBe('en')
    expect(pickLocale(undefined, 'fr, nl-BE;q=0.9, en;q=0.8')).toBe('nl')
    expect(pickLocale('xx', 'fr')).toBe('nl')
  })
})

describe('the action\'s priority (declared once)', () => {
  const chairW: Writer = { name: 'Anouk de Wit', organisation: 'Veilig Thuis Noordkust', ring: 'inner', role: 'chair' }
  const schoolW: Writer = { name: 'Joost Bakker', organisation: 'OBS De Vlinder', ring: 'outer', role: 'member' }
  const actorOf = (w: Writer): P.PlanActor => ({ name: w.name, organisation: w.organisation })

  it('is high or normal, normal by default and for stored actions without it, labelled hoog/normaal and high/normal', () => {
    expect(actionKind.fields.priority.values).toEqual(['high', 'normal'])
    expect(P.actionInputSchema.parse({ what: 'x', ownerOrganisation: 'y', due: '2026-01-05', resultKey: 'recovery' }).priority).toBe('normal')
    expect(P.actionPatchSchema.safeParse({ priority: 'urgent' }).success).toBe(false)
    expect(P.ACTION_FALLBACK.priority).toBe('normal')
    expect([translate('nl', 'kinds.action.values.priority.high'), translate('nl', 'kinds.action.values.priority.normal')]).toEqual(['hoog', 'normaal'])
    expect([translate('en', 'kinds.action.values.priority.high'), translate('en', 'kinds.action.fields.priority')]).toEqual(['high', 'Priority'])
    const demo = buildDemoPlanDoc('2026-01-05')
    const actions = P.listActions(demo)
    expect(actions.length).toBeGreaterThan(0)
    for (const a of actions) expect(a.priority).toBe('normal')
    expect(P.planToJson(demo, null, { startDate: null }).actions.every((a) => a.priority === 'normal')).toBe(true)
    for (const view of ['table', 'form', 'pdf', 'diff', 'history', 'meeting'] as const) expect(actionKind.views[view], view).toContain('priority')
  })

  it('shows in the diff between two versions, which compares the fields each kind declares', () => {
    const doc = buildDemoPlanDoc('2026-01-05')
    const before = P.planToJson(doc, null, { startDate: null })
    const action = P.listActions(doc)[0]!
    P.updateAction(doc, action.id, { priority: 'high' }, { name: 'Anouk de Wit', organisation: 'Veilig Thuis Noordkust' })
    const diff = P.diffPlans(before, P.planToJson(doc, null, { startDate: null }))
    expect(diff.actions.changed).toEqual([expect.objectContaining({ id: action.id, fields: ['priority'] })])
    // Nothing is left out of an item section's diff by accident: its diff list names all its fields
    // (results, red flags, regie and phase have diffs of their own in diff.ts).
    for (const kind of ALL_KINDS.filter((k) => !['results', 'redFlags', 'regie', 'phase'].includes(k.section))) {
      expect([...kind.views.diff].sort(), kind.kind).toEqual(Object.keys(kind.fields).sort())
    }
  })

  it('is held to the write rule: the chair sets it; the school adds its own action with it but may not change it afterwards', () => {
    const server = new Y.Doc()
    P.migratePlanDoc(server, 'plan')
    const docOf = () => { const d = new Y.Doc(); Y.applyUpdate(d, Y.encodeStateAsUpdate(server)); return d }
    const chair = docOf()
    let id = ''
    expect(judged(server, chair, chairW, () => { id = P.addAction(chair, { what: 'Opvang', ownerOrganisation: 'Veilig Thuis Noordkust', due: '2026-01-05', resultKey: 'direct-safety', priority: 'high' }, actorOf(chairW)).id })).toBeNull()
    expect(judged(server, chair, chairW, () => P.updateAction(chair, id, { priority: 'normal' }, actorOf(chairW)))).toBeNull()
    const school = docOf()
    let own = ''
    expect(judged(server, school, schoolW, () => { own = P.addAction(school, { what: 'Signalen', ownerOrganisation: 'OBS De Vlinder', due: '2026-01-05', resultKey: 'direct-safety', priority: 'high' }, actorOf(schoolW)).id })).toBeNull()
    expect(judged(server, school, schoolW, () => P.updateAction(school, own, { status: 'in-progress' }, actorOf(schoolW)))).toBeNull()
    expect(judged(server, school, schoolW, () => P.updateAction(school, own, { priority: 'normal' }, actorOf(schoolW)))).not.toBeNull()
    expect(P.getItem(server, 'actions', own)?.priority).toBe('high')
  })
})

/** Runs one write of `writer` through the server's write policy, as the doc hub judges it. */
export function judged(server: Y.Doc, writerDoc: Y.Doc, writer: Writer, mutate: () => void): string | null {
  const sv = Y.encodeStateVector(server)
  mutate()
  const update = Y.encodeStateAsUpdate(writerDoc, sv)
  const staging = new Y.Doc()
  Y.applyUpdate(staging, Y.encodeStateAsUpdate(server))
  let verdict: string | null = 'no transaction'
  staging.once('afterTransaction', (tr: Y.Transaction) => {
    const t = readTouches(staging, tr)
    verdict = 'refusal' in t ? t.refusal : judgeWrite('plan', t.touches, { ...t.context, isOwn: (item) => item.id.client === writerDoc.clientID }, writer)
  })
  Y.applyUpdate(staging, update)
  if (verdict === null) Y.applyUpdate(server, update)
  return verdict
}
