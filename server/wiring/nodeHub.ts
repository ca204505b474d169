/**
 * The doc hub as a node runs it, in one place so that server/main.ts and the tests that
 * drive the hub directly (tests/helpers/directHub.ts) cannot drift apart: plan migration
 * on load, the plan's typed roots, the write guard's checks (plan schema and authority,
 * then the section locks of live meetings) and item history committed with each update.
 * Part of main.ts's wiring: like main.ts, it knows concrete parts.
 */
import { createDocHub, type DocHub, type DocHubDeps } from '../collab/docHub'
import type { MeetingLocks } from '../access/sectionLocks'
import { createPlanPreparer } from '../plan/caseDocs'
import { itemHistoryOf } from '../plan/itemHistory'
import { createLockWriteCheck } from '../plan/lockGuard'
import { planWriteCheck, typePlanRoots } from '../plan/planGuard'

/** What a node provides; the plan parts are added here. */
export type NodeHubDeps = Omit<DocHubDeps, 'prepare' | 'checks' | 'typeRoots' | 'historyOf'> & {
  /** The live meetings' section locks on a case (server/meetings/lockRegistry.ts). */
  locksOf(caseId: string): MeetingLocks[]
}

/** Creates the doc hub of a node, with every plan part main.ts gives it. */
export function createNodeDocHub({ locksOf, ...deps }: NodeHubDeps): DocHub {
  return createDocHub({
    ...deps,
    prepare: createPlanPreparer(deps.log),
    checks: [planWriteCheck, createLockWriteCheck(locksOf)],
    typeRoots: typePlanRoots,
    historyOf: itemHistoryOf,
  })
}
