/**
 * Adopting a plan version from the server's own state of the case's documents (never a
 * client's), and reading a stored version back as plan JSON for one reader's ring.
 */
import * as Y from 'yjs'
import { migratePlanDoc, planToJson, type PlanJson } from '../../shared/plan'
import { caseDocName } from '../../shared/protocol/docName'
import type { DocStore } from '../collab/docStore'
import { loadPersistedDoc } from './caseDocs'

/** The persisted (= shared: persist before broadcast) state of both documents of a case. */
export async function readCaseStates(store: DocStore, caseId: string): Promise<{ planState: Uint8Array; innerState: Uint8Array }> {
  const [plan, inner] = await Promise.all([loadPersistedDoc(store, caseDocName(caseId, 'plan')), loadPersistedDoc(store, caseDocName(caseId, 'inner'))])
  try {
    return { planState: Y.encodeStateAsUpdate(plan), innerState: Y.encodeStateAsUpdate(inner) }
  } finally {
    plan.destroy()
    inner.destroy()
  }
}

/** A stored version as plan JSON: the inner part only when `withInner` (its keys are absent otherwise). */
export function versionToJson(states: { planState: Uint8Array; innerState: Uint8Array }, withInner: boolean, startDate: string): PlanJson {
  const plan = new Y.Doc()
  const inner = withInner ? new Y.Doc() : null
  try {
    Y.applyUpdate(plan, states.planState)
    if (inner) Y.applyUpdate(inner, states.innerState)
    // In memory only: a version stored before a schema change reads as the current schema.
    migratePlanDoc(plan, 'plan')
    if (inner) migratePlanDoc(inner, 'inner')
    return planToJson(plan, inner, { startDate })
  } finally {
    plan.destroy()
    inner?.destroy()
  }
}
