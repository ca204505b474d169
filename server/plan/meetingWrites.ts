/**
 * What a meeting writes into the plan (decisions, actions, restored items; server/meetings/rules.ts), as a change
 * to a document the doc hub runs as a server-side edit for the acting chair. Idempotent:
 * an item that already exists under the id the meeting chose is left alone (a retried
 * command writes nothing twice).
 */
import type * as Y from 'yjs'
import { addItem, getItem, restoreItem, sectionPart, type PlanActor } from '../../shared/plan'
import type { CasePart } from '../../shared/protocol/docName'
import type { PlanWrite } from '../meetings/rules'

/** The document part a write goes to. */
export function partOfWrite(write: PlanWrite): CasePart {
  return write.kind === 'restore' ? sectionPart(write.section) : 'plan'
}

/** Applies the write to `doc`. @throws PlanValidationError for input the plan refuses. */
export function applyMeetingWrite(doc: Y.Doc, write: PlanWrite, actor: PlanActor): void {
  switch (write.kind) {
    case 'decision':
      if (getItem(doc, 'decisions', write.id)) return
      addItem(doc, 'decisions', {
        text: write.text, type: write.decisionType, chair: write.chair, mandatedPresent: write.mandatedPresent, dissent: write.dissent, innerRefs: [],
      }, actor, { id: write.id })
      return
    case 'action':
      if (getItem(doc, 'actions', write.id)) return
      addItem(doc, 'actions', {
        what: write.what, ownerOrganisation: write.ownerOrganisation, ownerPerson: write.ownerPerson, due: write.due,
        goalId: write.goalId, resultKey: write.resultKey,
      }, actor, { id: write.id })
      return
    case 'restore':
      restoreItem(doc, write.section, write.planItemId, actor)
  }
}
