/**
 * Adopting a version and producing its PDF (issue #14), in this process against a fresh
 * PostgreSQL database: the demo plan, and a plan ten times its size (ten copies of the
 * demo items in one case). Adopt = read the persisted state of both documents + store
 * version n and the notices in one transaction; PDF = read the version, build the
 * ring's plan JSON, render with pdfmake. Median of `samples` after one warm-up each.
 */
import { performance } from 'node:perf_hooks'
import * as Y from 'yjs'
import { caseDocName } from '../shared/protocol/docName'
import { addDays, todayIsoDate } from '../shared/plan'
import { createPgDb } from '../server/db/pgDb'
import { migrate } from '../server/db/migrate'
import { buildDemoInnerDoc, buildDemoPlanDoc } from '../server/plan/demoPlan'
import { readCaseStates, versionToJson } from '../server/plan/versionDocs'
import { renderVersionPdf } from '../server/plan/versionPdf'
import { DEMO_CASE_ID, seedDemo } from '../server/seed'
import { createCase, listMembers, lockCase } from '../server/store/cases'
import { createSqlDocStore } from '../server/store/sqlDocStore'
import { findUserByEmail } from '../server/store/users'
import { getVersion, insertVersion } from '../server/store/versions'
import { createDatabase } from './lib/pg'
import { median } from './lib/stats'

/** One plan size's figures. */
export interface VersionBenchResult {
  plan: string
  stateBytes: number
  pdfBytes: number
  adoptMs: number[]
  adoptMedianMs: number
  pdfMs: number[]
  pdfMedianMs: number
}

/** Runs the adoption and PDF measurement. */
export async function runVersionBench(samples: number, log: (line: string) => void): Promise<VersionBenchResult[]> {
  const database = await createDatabase()
  const db = await createPgDb(database.url, () => undefined)
  try {
    await migrate(db)
    const store = createSqlDocStore(db)
    await seedDemo(db, store, 'bench-bench-bench')
    const chair = (await findUserByEmail(db, 'chair@demo.test'))!
    // Ten copies of the demo plan's items in one case.
    const bigId = await db.transaction((tx) => createCase(tx, 'Gezin X. (benchmark, tienvoudig)', chair.id))
    const start = addDays(todayIsoDate(), -3)
    for (const [part, build] of [['plan', buildDemoPlanDoc], ['inner', buildDemoInnerDoc]] as const) {
      const copies = Array.from({ length: 10 }, () => {
        const d = build(start)
        const u = Y.encodeStateAsUpdate(d)
        d.destroy()
        return u
      })
      await store.append(caseDocName(bigId, part), Y.mergeUpdates(copies), 'bench')
    }
    const out: VersionBenchResult[] = []
    for (const [label, caseId] of [['demo plan', DEMO_CASE_ID], ['10 x demo plan', bigId]] as const) {
      const adoptMs: number[] = []
      const pdfMs: number[] = []
      let pdfBytes = 0
      let stateBytes = 0
      for (let i = 0; i <= samples; i++) {
        const t0 = performance.now()
        const states = await readCaseStates(store, caseId)
        const notify = (await listMembers(db, caseId)).map((m) => m.userId).filter((id) => id !== chair.id)
        const n = await db.transaction(async (tx) => {
          await lockCase(tx, caseId)
          return insertVersion(tx, { caseId, adoptedBy: chair.id, meetingId: null, ...states, notify })
        })
        const t1 = performance.now()
        const v = (await getVersion(db, caseId, n))!
        const pdf = await renderVersionPdf(versionToJson(v, true, start), {
          caseCode: 'HG-BENCH', caseTitle: label, version: n, adoptedAt: v.adoptedAt, adoptedBy: v.adoptedBy, meetingId: null,
          reader: { name: chair.name, organisation: 'Veilig Thuis Noordkust', ring: 'inner' },
        })
        const t2 = performance.now()
        if (i === 0) continue // warm-up
        adoptMs.push(t1 - t0)
        pdfMs.push(t2 - t1)
        pdfBytes = pdf.byteLength
        stateBytes = states.planState.byteLength + states.innerState.byteLength
      }
      const r = { plan: label, stateBytes, pdfBytes, adoptMs, adoptMedianMs: median(adoptMs), pdfMs, pdfMedianMs: median(pdfMs) }
      log(`  ${label}: state ${stateBytes} B; adopt median ${r.adoptMedianMs.toFixed(1)} ms; PDF median ${r.pdfMedianMs.toFixed(1)} ms (${pdfBytes} B)`)
      out.push(r)
    }
    return out
  } finally {
    await db.close()
    await database.drop()
  }
}
