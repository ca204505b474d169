/**
 * The version PDF in the reader's language (issue 19, one message catalogue): the demo
 * plan adopted and exported for the binnenring, in Dutch (default) and in English
 * (`?lang=en` and Accept-Language), read back with pdftotext, prints every enum value
 * through the shared catalogue and none of the enum keys of the item kinds' declarations.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { labelsOf, lookup, type Locale } from '../../shared/i18n/catalogue'
import { pdfTexts } from '../../shared/i18n/pdfTexts'
import type { PlanJson } from '../../shared/plan'
import { ALL_KINDS, enumLabelKeys } from '../../shared/plan/kinds'
import type { RunningServer } from '../../server/main'
import { DEMO_CASE_ID } from '../../server/seed'
import { api, DEMO, login } from '../helpers/clients'
import { createPgDatabase } from '../helpers/databases'
import { startNode } from '../helpers/nodes'

let node: RunningServer
let db: Awaited<ReturnType<typeof createPgDatabase>>
const work = mkdtempSync(join(tmpdir(), 'samenspel-pdf-lang-'))
let chair: string
let plan: PlanJson

beforeAll(async () => {
  db = await createPgDatabase()
  node = await startNode({ DATABASE_URL: db.url })
  chair = await login(node.url, DEMO.chair)
  expect((await api(node.url, chair, 'POST', `/api/cases/${DEMO_CASE_ID}/versions`)).status).toBe(201)
  plan = (await api<{ plan: PlanJson }>(node.url, chair, 'GET', `/api/cases/${DEMO_CASE_ID}/versions/1`)).body.plan
})
afterAll(async () => {
  await node.close()
  await db.drop()
  rmSync(work, { recursive: true, force: true })
})

async function pdfText(query: string, headers: Record<string, string> = {}): Promise<{ text: string; language: string | null }> {
  const res = await fetch(`${node.url}/api/cases/${DEMO_CASE_ID}/versions/1/pdf${query}`, { headers: { cookie: chair, ...headers } })
  expect(res.status).toBe(200)
  const file = join(work, `v${Math.random().toString(36).slice(2)}.pdf`)
  writeFileSync(file, Buffer.from(await res.arrayBuffer()))
  return { text: execFileSync('pdftotext', [file, '-']).toString().replace(/\s+/g, ' '), language: res.headers.get('content-language') }
}

const ENUM_FIELDS = new Set(['status', 'type', 'role', 'resultKey', 'key', 'current', 'from', 'to'])
/** Every string a partner wrote in the plan (not an enum value): a key may occur there as an ordinary word. */
function writtenText(value: unknown, field = ''): string[] {
  if (typeof value === 'string') return ENUM_FIELDS.has(field) ? [] : [value]
  if (Array.isArray(value)) return value.flatMap((v) => writtenText(v, field))
  if (typeof value === 'object' && value !== null) return Object.entries(value).flatMap(([k, v]) => writtenText(v, k))
  return []
}
const strings = (value: unknown): string[] => writtenText(value)
const word = (key: string) => new RegExp(`(?<![\\p{L}-])${key}(?![\\p{L}-])`, 'u')

/**
 * The enum keys a PDF in `locale` may not print. A key is exempt only where it is also an
 * ordinary word the reader legitimately sees: inside one of that language's labels or PDF
 * texts (Dutch 'open', 'kind', 'veiligheid'; English 'done', 'phase'), or in what a partner wrote.
 */
function forbiddenKeys(locale: Locale): string[] {
  const legit = [...strings(labelsOf(locale)), ...strings(pdfTexts(locale)), ...strings(plan), 'Gezin V.'].join(' \n ')
  const keys = new Set(ALL_KINDS.flatMap((k) => enumLabelKeys(k).map((e) => e.value)))
  return [...keys].filter((key) => !word(key).test(legit))
}

/** The labels of the enum values the demo version holds, in the sections the PDF prints. */
function expectedLabels(locale: Locale): string[] {
  const l = (key: string) => lookup(locale, key) ?? `MISSING ${key}`
  const inner = plan.innerActions ?? []
  return [
    ...plan.actions.map((a) => l(`kinds.action.values.status.${a.status}`)),
    // The action's priority (issue 19's proof of the design) reaches the PDF through its declaration alone.
    ...plan.actions.map((a) => l(`kinds.action.values.priority.${a.priority}`)),
    l('kinds.action.fields.priority'),
    ...inner.map((a) => l(`kinds.action.values.status.${a.status}`)),
    ...plan.agreements.map((a) => l(`kinds.agreement.values.status.${a.status}`)),
    ...plan.results.flatMap((r) => [l(`kinds.result.values.key.${r.key}`), l(`kinds.result.values.status.${r.status}`)]),
    ...plan.decisions.map((d) => l(`kinds.decision.values.type.${d.type}`)),
    ...(plan.family ?? []).map((p) => l(`kinds.person.values.role.${p.role}`)),
    ...(plan.redFlags ?? []).filter((f) => f.status !== 'unknown').flatMap((f) => [l(`kinds.redFlag.values.key.${f.key}`), l(`kinds.redFlag.values.status.${f.status}`)]),
    ...(plan.justice ?? []).map((j) => l(`kinds.justiceItem.values.type.${j.type}`)),
    l(`kinds.phase.values.to.${plan.phase.current}`),
  ]
}
const squash = (s: string) => s.replace(/[\s-]+/g, '')

describe('the version PDF in the reader\'s language', () => {
  it('holds the demo plan\'s enum values (red flags, justice, roles, decisions, statuses, phase)', () => {
    expect((plan.redFlags ?? []).filter((f) => f.status === 'observed' || f.status === 'not-observed').length).toBeGreaterThan(0)
    expect((plan.justice ?? []).length).toBeGreaterThan(0)
    expect((plan.family ?? []).length).toBeGreaterThan(0)
  })

  for (const [locale, query, headers] of [
    ['nl', '', {}], ['en', '?lang=en', {}], ['en', '', { 'accept-language': 'en-GB,en;q=0.9,nl;q=0.5' }], ['nl', '?lang=nl', { 'accept-language': 'en' }],
  ] as const) {
    it(`prints labels, never enum keys, in ${locale} (query '${query}', Accept-Language '${headers['accept-language' as keyof typeof headers] ?? ''}')`, async () => {
      const { text, language } = await pdfText(query, headers)
      expect(language).toBe(locale)
      const forbidden = forbiddenKeys(locale)
      // The keys the issue names are among those tested.
      for (const key of ['not-observed', 'severity-frequency', 'criminal-case', 'in-progress']) expect(forbidden).toContain(key)
      expect(forbidden.filter((key) => word(key).test(text) || (key.includes('-') && text.includes(key.replace(/-/g, ''))))).toEqual([])
      const missing = expectedLabels(locale).filter((label) => !squash(text).includes(squash(label)))
      expect(missing).toEqual([])
      expect(text).toContain(pdfTexts(locale).sections.redFlags)
    })
  }
})
