/**
 * The server's side of the family plan: creating a case's two documents already
 * migrated (so no two clients ever race to migrate them), migrating older documents when
 * the hub loads them, and reading the persisted plan as JSON for one caller's ring.
 */
import * as Y from 'yjs'
import { caseDocName, parseDocName } from '../../shared/protocol/docName'
import { getInnerNotesFragment, getSummaryFragment, migratePlanDoc, planToJson, type PlanJson } from '../../shared/plan'
import { applyStoredUpdates } from '../collab/applyLog'
import type { DocAccess } from '../access/policy'
import type { DocStore } from '../collab/docStore'
import type { Logger } from '../log'

/**
 * Writes the migrated, empty plan and inner documents of a new case. Each rich-text
 * field starts with the one empty paragraph the editor shows, so the first partners who
 * type at the same time type into the same paragraph instead of each creating one.
 */
export async function initialiseCaseDocs(store: DocStore, caseId: string, nodeId: string): Promise<void> {
  for (const part of ['plan', 'inner'] as const) {
    const doc = new Y.Doc()
    migratePlanDoc(doc, part)
    const prose = part === 'plan' ? getSummaryFragment(doc) : getInnerNotesFragment(doc)
    const paragraph = new Y.XmlElement('paragraph')
    paragraph.insert(0, [new Y.XmlText()])
    prose.insert(0, [paragraph])
    await store.append(caseDocName(caseId, part), Y.encodeStateAsUpdate(doc), nodeId)
    doc.destroy()
  }
}

/**
 * The hub's `prepare` hook: brings a case document loaded from storage to the current
 * schema. A document written by newer code is left alone (and logged): reading it is
 * still possible, and writing it is refused by the accessors.
 */
export function createPlanPreparer(log: Logger) {
  return (docName: string, doc: Y.Doc, origin: unknown): void => {
    const ref = parseDocName(docName)
    if (ref?.kind !== 'case') return
    try {
      migratePlanDoc(doc, ref.part, origin)
    } catch (err) {
      log.error({ docName, err: (err as Error).message }, 'plan document not migrated')
    }
  }
}

/**
 * Loads a document's persisted state into a fresh Y.Doc; a stored row that cannot be
 * applied is left out (the doc hub quarantines it when it loads the document).
 */
export async function loadPersistedDoc(store: DocStore, docName: string): Promise<Y.Doc> {
  return applyStoredUpdates((await store.load(docName)).updates).doc
}

/**
 * The plan as JSON for a caller: the plan part always, the inner part only when the
 * caller may read the inner document (its keys are absent otherwise, not empty).
 * Reads what is persisted, which is exactly what has been shared (persist before broadcast).
 */
export async function readPlanJson(
  store: DocStore,
  caseId: string,
  innerAccess: DocAccess,
  startDate: string,
): Promise<PlanJson> {
  const planDoc = await loadPersistedDoc(store, caseDocName(caseId, 'plan'))
  const innerDoc = innerAccess.canRead ? await loadPersistedDoc(store, caseDocName(caseId, 'inner')) : null
  try {
    // In memory only: a legacy document reads as the current schema without being written.
    migratePlanDoc(planDoc, 'plan')
    if (innerDoc) migratePlanDoc(innerDoc, 'inner')
    return planToJson(planDoc, innerDoc, { startDate })
  } finally {
    planDoc.destroy()
    innerDoc?.destroy()
  }
}
