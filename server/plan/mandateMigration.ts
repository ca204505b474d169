/**
 * Moves the attendance, mandate and dissent that plan documents stored before issue 18
 * item 5 hold in their decisions into the inner document (DOMAIN.md §5, §7: that an
 * organisation sits at the table is binnenring information). Until this runs, those
 * names are bytes of the plan's Y.Doc, which a buitenring y-websocket client receives
 * even though JSON, versions and the PDF read them as empty.
 *
 * Run by the node at start, before it serves a document (main.ts), per case:
 * 1. for each plan decision with a non-empty `mandatedPresent` or `dissent`, a
 *    `decisionMandates` record (same `decisionId`) is appended to the inner document,
 *    authored as the decision was (its author, organisation and meeting), unless one for
 *    that decision exists already;
 * 2. only then are the two fields emptied in the plan document;
 * 3. then the plan's update log is compacted through a Y.Doc, so the old values leave
 *    storage (as the purge route does).
 * The order is what makes a crash harmless: after 1 the names exist twice, never zero
 * times; a rerun finds the record (writes none) and finishes 2 and 3. A rerun on a
 * migrated case finds no names and writes nothing, so restarts add nothing.
 *
 * Keyed by content, not by the schema version: the step needs two documents and
 * compaction, which the per-document `migratePlanDoc` cannot do. The rows are appended
 * like the hub's own load-time migrations (docLoad.ts); a node that holds the document
 * live picks them up through anti-entropy.
 */
import * as Y from 'yjs'
import { addItem, getSectionMap, listItems, migratePlanDoc, type PlanActor } from '../../shared/plan'
import { caseDocName } from '../../shared/protocol/docName'
import type { DocStore } from '../collab/docStore'
import type { Logger } from '../log'
import { loadPersistedDoc } from './caseDocs'

/** Who the record names when the decision's own author cannot be read. */
const FALLBACK_ACTOR: PlanActor = { name: 'Systeem', organisation: 'Systeem' }

/** A plan decision that still names people, read raw (the schema reads these fields as empty). */
interface LegacyMandate {
  decisionId: string
  mandatedPresent: unknown[]
  dissent: unknown[]
  actor: PlanActor
}

/**
 * Migrates the plan decisions of `caseIds` (main.ts passes every case). One case
 * failing is logged (without contents) and does not stop the others.
 * @returns how many decisions were moved.
 */
export async function migrateDecisionMandates(caseIds: readonly string[], store: DocStore, nodeId: string, log: Logger): Promise<number> {
  let moved = 0
  for (const id of caseIds) {
    try {
      moved += await migrateCase(store, id, nodeId)
    } catch (err) {
      log.error({ caseId: id, err: (err as Error).message }, 'decision mandates not moved to the inner document')
    }
  }
  if (moved > 0) log.info({ decisions: moved }, 'decision mandates moved to the inner document')
  return moved
}

/** Migrates one case; @returns how many decisions were moved. */
export async function migrateCase(store: DocStore, caseId: string, nodeId: string): Promise<number> {
  const planName = caseDocName(caseId, 'plan')
  const plan = await loadPersistedDoc(store, planName)
  try {
    const legacy = legacyMandates(plan)
    if (legacy.length === 0) return 0
    await writeInnerRecords(store, caseId, legacy, nodeId)
    const update = captureUpdate(plan, () => {
      const decisions = getSectionMap(plan, 'decisions')
      for (const l of legacy) {
        const item = decisions.get(l.decisionId) as Y.Map<unknown>
        item.set('mandatedPresent', [])
        item.set('dissent', [])
      }
    })
    if (update) await store.append(planName, update, nodeId)
    await store.compact(planName)
    return legacy.length
  } finally {
    plan.destroy()
  }
}

/** Step 1: the inner records, each only when the inner document has none for that decision. */
async function writeInnerRecords(store: DocStore, caseId: string, legacy: LegacyMandate[], nodeId: string): Promise<void> {
  const innerName = caseDocName(caseId, 'inner')
  const inner = await loadPersistedDoc(store, innerName)
  try {
    const update = captureUpdate(inner, () => {
      migratePlanDoc(inner, 'inner')
      const recorded = new Set(listItems(inner, 'decisionMandates', { includeRemoved: true }).map((r) => r.decisionId))
      for (const l of legacy) {
        if (recorded.has(l.decisionId)) continue
        addItem(inner, 'decisionMandates', {
          decisionId: l.decisionId, present: [], mandatedPresent: l.mandatedPresent as string[], dissent: l.dissent as { organisation: string; reason: string }[],
        }, l.actor)
      }
    })
    if (update) await store.append(innerName, update, nodeId)
  } finally {
    inner.destroy()
  }
}

/** The plan decisions whose stored `mandatedPresent` or `dissent` is a non-empty list. */
function legacyMandates(plan: Y.Doc): LegacyMandate[] {
  const found: LegacyMandate[] = []
  getSectionMap(plan, 'decisions').forEach((value, decisionId) => {
    if (!(value instanceof Y.Map)) return
    const item = value as Y.Map<unknown>
    const mandatedPresent = asList(item.get('mandatedPresent'))
    const dissent = asList(item.get('dissent'))
    if (mandatedPresent.length === 0 && dissent.length === 0) return
    found.push({ decisionId, mandatedPresent, dissent, actor: actorOf(item) })
  })
  return found
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? (value as unknown[]) : []
}

function actorOf(item: Y.Map<unknown>): PlanActor {
  const name = item.get('author')
  const organisation = item.get('organisation')
  const meetingId = item.get('meetingId')
  if (typeof name !== 'string' || name === '' || typeof organisation !== 'string' || organisation === '') return FALLBACK_ACTOR
  return { name, organisation, meetingId: typeof meetingId === 'string' ? meetingId : null }
}

/** Runs `change` on `doc` and returns what it wrote as one update, or null when nothing. */
function captureUpdate(doc: Y.Doc, change: () => void): Uint8Array | null {
  const before = Y.encodeStateVector(doc)
  change()
  const after = Y.encodeStateVector(doc)
  if (before.length === after.length && before.every((b, i) => b === after[i])) return null
  return Y.encodeStateAsUpdate(doc, before)
}
