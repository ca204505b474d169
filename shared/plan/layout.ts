/**
 * The Yjs layout of the two plan documents: the names of their root types and typed
 * getters for them. Root names are stored data: renaming one needs a migration.
 *
 * Both documents: `meta` (Y.Map: `schemaVersion`, `part`).
 * `case/<id>/plan`: `results` (Y.Map result key → Y.Map {status, evidence, …}),
 *   section maps `goals`, `agreements`, `actions`, `decisions`, `escalations`
 *   (Y.Map item id → Y.Map of the item's fields), `regie` (Y.Map role → holder),
 *   `phase` (Y.Map {current, since, decisionId}), `phaseHistory` (Y.Array of changes),
 *   and the rich-text fragment `summary`.
 * `case/<id>/inner`: section maps `family`, `sosMap`, `dangerStatements`, `safetyScale`,
 *   `justice`, `traumaScreening`, `innerActions`, `innerDecisions` (what a school must
 *   not see), `decisionMandates` (mandate and dissent of plan decisions); `redFlags` (Y.Map flag key → Y.Map {status, note, …,
 *   history: Y.Array}); and the rich-text fragment `innerNotes`.
 *
 * Sections are maps keyed by uuid, so two partners adding items at the same time never
 * conflict, and two partners editing different fields of one item both keep their edit.
 */
import * as Y from 'yjs'
import type { CasePart } from '../protocol/docName'
import { INNER_NOTES_FIELD, PLAN_SUMMARY_FIELD } from './fields'

/** Root map with the document's schema version and part. */
export const META_ROOT = 'meta'
/** Key in `meta`: the schema version the document was migrated to (number). */
export const META_SCHEMA_VERSION = 'schemaVersion'
/** Key in `meta`: `plan` or `inner`, so an inner section can never be written into the plan document. */
export const META_PART = 'part'

/** Section maps of the plan document (both rings). */
export const PLAN_SECTIONS = ['goals', 'agreements', 'actions', 'decisions', 'escalations'] as const
/** Section maps of the inner document (inner ring only). */
export const INNER_SECTIONS = [
  'family', 'sosMap', 'dangerStatements', 'safetyScale', 'justice', 'traumaScreening', 'innerActions', 'innerDecisions', 'decisionMandates',
] as const
/** A section of the plan document. */
export type PlanSectionName = (typeof PLAN_SECTIONS)[number]
/** A section of the inner document. */
export type InnerSectionName = (typeof INNER_SECTIONS)[number]
/** Any section: a root Y.Map of items keyed by id. */
export type SectionName = PlanSectionName | InnerSectionName

/** Other root names of the plan document. */
export const PLAN_ROOTS = {
  results: 'results',
  regie: 'regie',
  phase: 'phase',
  phaseHistory: 'phaseHistory',
  summary: PLAN_SUMMARY_FIELD,
} as const

/** Other root names of the inner document. */
export const INNER_ROOTS = {
  redFlags: 'redFlags',
  innerNotes: INNER_NOTES_FIELD,
  /** The veiligheidsschaal's 0 and 10 anchors of this case (an adult victim has no children). */
  scaleAnchors: 'scaleAnchors',
} as const

/** Key of the nested Y.Array of past states in a red flag's map. */
export const RED_FLAG_HISTORY = 'history'

/** Which document part a section lives in. */
export function sectionPart(section: SectionName): CasePart {
  return (PLAN_SECTIONS as readonly string[]).includes(section) ? 'plan' : 'inner'
}

/** The `meta` root map. */
export function getMetaMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(META_ROOT)
}

/** A section's root map: item id → Y.Map of fields (values are untrusted: check the type). */
export function getSectionMap(doc: Y.Doc, section: SectionName): Y.Map<unknown> {
  return doc.getMap<unknown>(section)
}

/** The `results` root map: result key → Y.Map (values are untrusted: check the type). */
export function getResultsMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(PLAN_ROOTS.results)
}

/** The `regie` root map: role → holder or null. */
export function getRegieMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(PLAN_ROOTS.regie)
}

/** The `phase` root map: current, since, decisionId. */
export function getPhaseMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(PLAN_ROOTS.phase)
}

/** The `phaseHistory` root array: one entry per phase change, appended. */
export function getPhaseHistory(doc: Y.Doc): Y.Array<unknown> {
  return doc.getArray<unknown>(PLAN_ROOTS.phaseHistory)
}

/** The `redFlags` root map: flag key → Y.Map (values are untrusted: check the type). */
export function getRedFlagsMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap<unknown>(INNER_ROOTS.redFlags)
}

/** The plan document's prose summary. */
export function getSummaryFragment(doc: Y.Doc): Y.XmlFragment {
  return doc.getXmlFragment(PLAN_ROOTS.summary)
}

/** The inner document's prose notes. */
export function getInnerNotesFragment(doc: Y.Doc): Y.XmlFragment {
  return doc.getXmlFragment(INNER_ROOTS.innerNotes)
}

/** A nested map value if it is a Y.Map, else null (stored data is untrusted). */
export function asYMap(value: unknown): Y.Map<unknown> | null {
  return value instanceof Y.Map ? (value as Y.Map<unknown>) : null
}

/** What `meta` says about a document. */
export interface DocMeta {
  /** The stored version, or null when the document was never migrated. */
  schemaVersion: number | null
  /** The stored part, or null when the document was never migrated. */
  part: CasePart | null
}

/** Reads `meta`; malformed values read as null. */
export function readDocMeta(doc: Y.Doc): DocMeta {
  const meta = getMetaMap(doc)
  const version = meta.get(META_SCHEMA_VERSION)
  const part = meta.get(META_PART)
  return {
    schemaVersion: typeof version === 'number' && Number.isInteger(version) ? version : null,
    part: part === 'plan' || part === 'inner' ? part : null,
  }
}
