/**
 * The plan documents as plain JSON (shape in `planJson.ts`): for adopted versions,
 * diffs, PDFs and validation. The inner part is included only when the inner document
 * is given; without it, its keys are absent.
 */
import type * as Y from 'yjs'
import { computeResultDeadlines } from './deadlines'
import {
  listDangerStatements, listDecisionMandates, listInnerActions, listInnerDecisions, listJusticeItems, listPersons, listRedFlags, listSafetyScores, listSosItems, listTraumaScreenings,
} from './innerAccessors'
import { getInnerNotesFragment, getSummaryFragment, readDocMeta } from './layout'
import { assertReadablePlanDoc } from './migrate'
import { getPhase, getRegie, listActions, listAgreements, listDecisions, listEscalations, listGoals, listResults } from './planAccessors'
import type { InnerPartJson, PlanJson, PlanPartJson } from './planJson'
import { fragmentToText } from './prose'

/** Options of {@link planToJson}. */
export interface PlanJsonOptions {
  /** The case's entry into MDA++ (`YYYY-MM-DD`); null leaves the result deadlines null. */
  startDate: string | null
  /** Date the plan van aanpak was adopted, for the stable-safety due date (see deadlines.ts). */
  planAdoptedOn?: string | null
  /** Keep tombstoned items (with `removedAt` set), for diffing; default false. */
  includeRemoved?: boolean
}

/**
 * The plan as plain JSON. Tombstoned items are left out unless `includeRemoved`.
 * @param planDoc the `case/<id>/plan` document.
 * @param innerDoc the `case/<id>/inner` document, or null for a reader without the inner ring.
 * @throws PlanDocumentError when a document is the wrong part or newer than this code.
 * @throws PlanValidationError when `startDate` is not a date.
 */
export function planToJson(planDoc: Y.Doc, innerDoc: Y.Doc | null, options: PlanJsonOptions): PlanJson {
  assertReadablePlanDoc(planDoc, 'plan')
  if (innerDoc) assertReadablePlanDoc(innerDoc, 'inner')
  const plan = planPartToJson(planDoc, options)
  return innerDoc ? { ...plan, ...innerPartToJson(innerDoc, options.includeRemoved ?? false) } : plan
}

function planPartToJson(doc: Y.Doc, options: PlanJsonOptions): PlanPartJson {
  const list = { includeRemoved: options.includeRemoved ?? false }
  const deadlines = options.startDate === null ? null : computeResultDeadlines(options.startDate, { planAdoptedOn: options.planAdoptedOn })
  const goals = listGoals(doc, list)
  return {
    schemaVersion: readDocMeta(doc).schemaVersion ?? 0,
    caseStartDate: options.startDate,
    results: listResults(doc).map((result) => ({
      ...result,
      deadlines: deadlines ? deadlines[result.key] : null,
      goals: goals.filter((goal) => goal.resultKey === result.key),
    })),
    agreements: listAgreements(doc, list),
    actions: listActions(doc, list),
    decisions: listDecisions(doc, list),
    regie: { ...getRegie(doc), escalations: listEscalations(doc, list) },
    phase: getPhase(doc),
    summaryText: fragmentToText(getSummaryFragment(doc)),
  }
}

function innerPartToJson(doc: Y.Doc, includeRemoved: boolean): InnerPartJson {
  const list = { includeRemoved }
  return {
    family: listPersons(doc, list),
    sosMap: listSosItems(doc, list),
    dangerStatements: listDangerStatements(doc, list),
    redFlags: listRedFlags(doc),
    safetyScale: listSafetyScores(doc, list),
    justice: listJusticeItems(doc, list),
    traumaScreening: listTraumaScreenings(doc, list),
    innerActions: listInnerActions(doc, list),
    innerDecisions: listInnerDecisions(doc, list),
    decisionMandates: listDecisionMandates(doc, list),
    innerNotesText: fragmentToText(getInnerNotesFragment(doc)),
  }
}
