/**
 * Document names as they appear after `/collab/` in the websocket URL.
 * Access is decided per document (DESIGN.md "Documents"), so the name carries the
 * audience: `case/<caseId>/plan`, `case/<caseId>/inner`, `meeting/<meetingId>`.
 */

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'
const CASE_DOC = new RegExp(`^case/(${UUID})/(plan|inner)$`)
const MEETING_DOC = new RegExp(`^meeting/(${UUID})$`)

/** The part of a case plan a document holds. */
export type CasePart = 'plan' | 'inner'

/** A parsed document name. */
export type DocRef =
  | { kind: 'case'; caseId: string; part: CasePart; name: string }
  | { kind: 'meeting'; meetingId: string; name: string }

/** Longest doc name we accept; longer input is rejected before any regex runs. */
export const MAX_DOC_NAME_LENGTH = 128

/**
 * Parses a document name; returns null for anything that is not exactly one of the
 * known shapes (lower-case uuids only, no trailing slashes, no query strings).
 */
export function parseDocName(name: string): DocRef | null {
  if (name.length > MAX_DOC_NAME_LENGTH) return null
  const c = CASE_DOC.exec(name)
  if (c) return { kind: 'case', caseId: c[1]!, part: c[2] as CasePart, name }
  const m = MEETING_DOC.exec(name)
  if (m) return { kind: 'meeting', meetingId: m[1]!, name }
  return null
}

/** Builds the name of a case document. */
export function caseDocName(caseId: string, part: CasePart): string {
  return `case/${caseId}/${part}`
}

/** Builds the name of a meeting-notes document. */
export function meetingDocName(meetingId: string): string {
  return `meeting/${meetingId}`
}

/** The URL path prefix under which the doc hub accepts websocket upgrades. */
export const COLLAB_PATH_PREFIX = '/collab/'
