/**
 * Fictional demo data: organisations, users and one family case (Gezin V., from the
 * test scenarios in DOMAIN.md §8). Every name, place and fact here is invented.
 * The demo logins are a contract: tests and outside tools log in with them.
 */
import * as Y from 'yjs'
import { addDays, todayIsoDate } from '../shared/plan'
import { caseDocName } from '../shared/protocol/docName'
import type { MemberRole, Ring } from '../shared/api/schemas'
import { hashPassword } from './auth/password'
import type { DocStore } from './collab/docStore'
import type { Db } from './db/db'
import { buildDemoInnerDoc, buildDemoPlanDoc } from './plan/demoPlan'
import { upsertMember } from './store/cases'
import { ensureOrganisation, findUserByEmail, upsertUser } from './store/users'

/** The demo case has a fixed id so seeding twice changes nothing. */
export const DEMO_CASE_ID = '6a0d3c1e-5b7f-4c2a-9e41-0d2f8a7b9c01'

interface DemoUser {
  email: string; name: string; org: string; ring: Ring; role: MemberRole
  isCaseDirector?: boolean; isPrivacyOfficer?: boolean
}

const ORGANISATIONS: [string, string][] = [
  ['Veilig Thuis Noordkust', 'veilig-thuis'],
  ['Politie Eenheid Noordkust', 'politie'],
  ['Wijkteam Havenstad', 'wijkteam'],
  ['OBS De Vlinder', 'school'],
  ['Reclassering Noordkust', 'reclassering'],
  ['Zorg- en Veiligheidshuis Noordkust', 'zvh'],
]

/** The demo logins (all fictional); the password comes from DEMO_PASSWORD. */
export const DEMO_USERS: readonly DemoUser[] = [
  { email: 'chair@demo.test', name: 'Anouk de Wit', org: 'Veilig Thuis Noordkust', ring: 'inner', role: 'chair', isCaseDirector: true },
  { email: 'politie@demo.test', name: 'Ruben Smit', org: 'Politie Eenheid Noordkust', ring: 'inner', role: 'member' },
  { email: 'wijkteam@demo.test', name: 'Fatma Yilmaz', org: 'Wijkteam Havenstad', ring: 'inner', role: 'member' },
  { email: 'school@demo.test', name: 'Joost Bakker', org: 'OBS De Vlinder', ring: 'outer', role: 'member' },
  { email: 'reader@demo.test', name: 'Lotte Visser', org: 'Reclassering Noordkust', ring: 'inner', role: 'reader' },
  { email: 'privacy@demo.test', name: 'Hans Mulder', org: 'Zorg- en Veiligheidshuis Noordkust', ring: 'inner', role: 'reader', isPrivacyOfficer: true },
]

/** Whether the demo case exists (first-start check in embedded mode). */
export async function isDemoSeeded(db: Db): Promise<boolean> {
  return (await db.query('SELECT 1 FROM cases WHERE id = $1', [DEMO_CASE_ID])).length > 0
}

/**
 * Creates or refreshes the demo data. Idempotent: users keep their ids; passwords are
 * reset to `password`; documents are only filled when still empty.
 */
export async function seedDemo(db: Db, store: DocStore, password: string): Promise<void> {
  const passwordHash = await hashPassword(password)
  const orgIds = new Map<string, string>()
  for (const [name, kind] of ORGANISATIONS) orgIds.set(name, await ensureOrganisation(db, name, kind))
  const chair = DEMO_USERS[0]!
  // Three days into MDA++: the direct-safety deadline is close, one action is overdue soon.
  const start = addDays(todayIsoDate(), -3)
  await db.transaction(async (tx) => {
    for (const u of DEMO_USERS) {
      await upsertUser(tx, { email: u.email, name: u.name, organisationId: orgIds.get(u.org)!, passwordHash, isPrivacyOfficer: u.isPrivacyOfficer })
    }
    const chairId = (await findUserByEmail(tx, chair.email))!.id
    await tx.query(
      `INSERT INTO cases (id, code, title, created_by, start_date) VALUES ($1, 'HG-DEMO-0001', 'Gezin V.', $2, $3)
       ON CONFLICT (id) DO NOTHING`,
      [DEMO_CASE_ID, chairId, start],
    )
    for (const u of DEMO_USERS.filter((d) => !d.isPrivacyOfficer)) {
      const userId = (await findUserByEmail(tx, u.email))!.id
      await upsertMember(tx, { caseId: DEMO_CASE_ID, userId, ring: u.ring, role: u.role, addedBy: chairId, isCaseDirector: u.isCaseDirector })
    }
  })
  const startDate = await readStartDate(db)
  await seedDocIfEmpty(store, caseDocName(DEMO_CASE_ID, 'plan'), () => buildDemoPlanDoc(startDate))
  await seedDocIfEmpty(store, caseDocName(DEMO_CASE_ID, 'inner'), () => buildDemoInnerDoc(startDate))
}

async function readStartDate(db: Db): Promise<string> {
  const rows = await db.query<{ start_date: Date | string }>("SELECT to_char(start_date, 'YYYY-MM-DD') AS start_date FROM cases WHERE id = $1", [DEMO_CASE_ID])
  const v = rows[0]!.start_date
  return typeof v === 'string' ? v.slice(0, 10) : v.toISOString().slice(0, 10)
}

async function seedDocIfEmpty(store: DocStore, docName: string, build: () => Y.Doc): Promise<void> {
  const existing = await store.load(docName)
  if (existing.updates.length > 0) return
  const doc = build()
  await store.append(docName, Y.encodeStateAsUpdate(doc), 'seed')
  doc.destroy()
}
