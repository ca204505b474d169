/**
 * What a meeting writes into the plan documents (decisions, their mandate records,
 * actions, restored items; server/meetings/rules.ts, recordWrites.ts), as a change to
 * one document the doc hub runs as a server-side edit for the acting chair. `inner`
 * writes go to `case/<id>/inner`, which the buitenring never reads. Idempotent: an item
 * that already exists under the id the meeting chose is left alone (a retried command
 * writes nothing twice).
 */
import type * as Y from 'yjs'
import { addItem, getItem, restoreItem, sectionPart, type PlanActor } from '../../shared/plan'
import { ACTION_MEETING_FIELDS } from '../../shared/plan/kinds/action'
import { pickFields } from '../../shared/plan/kinds/kindTypes'
import type { CasePart } from '../../shared/protocol/docName'
import type { PlanWrite } from '../meetings/rules'

/** The document part a write goes to. */
export function partOfWrite(write: PlanWrite): CasePart {
  switch (write.kind) {
    case 'restore': return sectionPart(write.section)
    case 'decision-mandate': return 'inner'
    default: return write.part
  }
}

/** Applies the write to `doc` (the document {@link partOfWrite} names). @throws PlanValidationError for input the plan refuses. */
export function applyMeetingWrite(doc: Y.Doc, write: PlanWrite, actor: PlanActor): void {
  switch (write.kind) {
    case 'decision':
      writeDecision(doc, write, actor)
      return
    case 'decision-mandate':
      if (getItem(doc, 'decisionMandates', write.id)) return
      addItem(doc, 'decisionMandates', {
        decisionId: write.decisionId, present: write.present, mandatedPresent: write.mandatedPresent, dissent: write.dissent,
      }, actor, { id: write.id })
      return
    case 'action': {
      const section = write.part === 'inner' ? 'innerActions' : 'actions'
      if (getItem(doc, section, write.id)) return
      addItem(doc, section, pickFields(write, ACTION_MEETING_FIELDS), actor, { id: write.id })
      return
    }
    case 'restore':
      restoreItem(doc, write.section, write.planItemId, actor)
  }
}

function writeDecision(doc: Y.Doc, write: Extract<PlanWrite, { kind: 'decision' }>, actor: PlanActor): void {
  const common = { text: write.text, type: write.decisionType, chair: write.chair, innerRefs: [] }
  if (write.part === 'inner') {
    if (getItem(doc, 'innerDecisions', write.id)) return
    addItem(doc, 'innerDecisions', { ...common, mandatedPresent: write.mandatedPresent, dissent: write.dissent }, actor, { id: write.id })
    return
  }
  // The plan decision names nobody: mandate and dissent are the inner document's (a decision-mandate write).
  if (getItem(doc, 'decisions', write.id)) return
  addItem(doc, 'decisions', common, actor, { id: write.id })
}
