import { computed, type ComputedRef } from 'vue'
import type * as Y from 'yjs'
import {
  getSectionMap, listDecisionMandates, listInnerActions, listInnerDecisions,
  type DecisionMandate, type InnerAction, type InnerDecision,
} from '../../shared/plan'
import { useYSnapshot } from './useYSnapshot'

/** The binnenring's actions, decisions and decision mandates (empty without the inner document). */
export interface InnerRecords {
  actions: InnerAction[]
  decisions: InnerDecision[]
  mandates: DecisionMandate[]
}

const EMPTY: InnerRecords = { actions: [], decisions: [], mandates: [] }

/**
 * The inner document's actions, decisions and mandate records, live; for a reader
 * without the inner document (the buitenring) always empty.
 */
export function useInnerRecords(innerDoc: Y.Doc | null): ComputedRef<InnerRecords> {
  if (!innerDoc) return computed(() => EMPTY)
  const snapshot = useYSnapshot(
    innerDoc,
    (doc) => [getSectionMap(doc, 'innerActions'), getSectionMap(doc, 'innerDecisions'), getSectionMap(doc, 'decisionMandates')],
    (doc) => ({ actions: listInnerActions(doc), decisions: listInnerDecisions(doc), mandates: listDecisionMandates(doc) }),
  )
  return computed(() => snapshot.value)
}
