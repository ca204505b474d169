/**
 * Schema versions of the plan documents, and the migration that brings an empty or
 * older document to the current version.
 *
 * Two clients may migrate the same document at the same time, so a migration only
 * writes what is missing and writes the same content every time (no timestamps, no
 * random values): after the two updates merge, each result and each red flag exists
 * exactly once, whichever client's container Yjs keeps. An edit made on a container
 * that lost that race before the peers synced is lost, so migrate right after the
 * initial sync (or on the server when it creates the document), before editing.
 */
import * as Y from 'yjs'
import type { CasePart } from '../protocol/docName'
import { PlanDocumentError } from './errors'
import {
  META_PART, META_SCHEMA_VERSION, RED_FLAG_HISTORY, asYMap, getMetaMap, getRedFlagsMap, getResultsMap, readDocMeta,
} from './layout'
import { RED_FLAG_KEYS, RESULT_KEYS } from './model'

/** The schema version this code writes. Bump it together with a new step in `STEPS`. */
export const PLAN_SCHEMA_VERSION = 1

/** `STEPS[v]` brings a document from version v to v + 1; each step writes only what is missing. */
const STEPS: readonly ((doc: Y.Doc, part: CasePart) => void)[] = [ensureVersion1]

/**
 * Brings a plan document (`part` = `plan` or `inner`) to {@link PLAN_SCHEMA_VERSION}:
 * records version and part in `meta`, creates the four results (status `open`) in the
 * plan document and the ten red flags (status `unknown`) in the inner document where
 * they are absent. Idempotent: on a current document it writes nothing.
 * @param origin Yjs transaction origin (default null).
 * @returns whether anything was written.
 * @throws PlanDocumentError `newer-version` when the document is newer than this code,
 *   `wrong-part` when it was migrated as the other part.
 */
export function migratePlanDoc(doc: Y.Doc, part: CasePart, origin: unknown = null): boolean {
  const meta = readDocMeta(doc)
  assertKnownVersion(meta.schemaVersion)
  if (meta.part !== null && meta.part !== part) {
    throw new PlanDocumentError('wrong-part', `document holds the ${meta.part} part, not the ${part} part`)
  }
  const before = Y.encodeStateVector(doc)
  doc.transact(() => {
    const metaMap = getMetaMap(doc)
    if (meta.part === null) metaMap.set(META_PART, part)
    // Run every step from the stored version on; the last one also repairs a current
    // document that lost a piece (each step only adds what is absent).
    const from = Math.min(meta.schemaVersion ?? 0, PLAN_SCHEMA_VERSION - 1)
    for (let v = from; v < PLAN_SCHEMA_VERSION; v++) STEPS[v]!(doc, part)
    if (meta.schemaVersion !== PLAN_SCHEMA_VERSION) metaMap.set(META_SCHEMA_VERSION, PLAN_SCHEMA_VERSION)
  }, origin)
  return !equalBytes(before, Y.encodeStateVector(doc))
}

/**
 * Checks that a document can be written as `part` by this code.
 * @throws PlanDocumentError `not-migrated`, `newer-version` or `wrong-part`.
 */
export function assertPlanDoc(doc: Y.Doc, part: CasePart): void {
  const meta = readDocMeta(doc)
  if (meta.schemaVersion === null || meta.part === null) {
    throw new PlanDocumentError('not-migrated', 'document is not migrated: call migratePlanDoc after the initial sync')
  }
  assertKnownVersion(meta.schemaVersion)
  if (meta.part !== part) {
    throw new PlanDocumentError('wrong-part', `this change belongs in the ${part} document, not the ${meta.part} document`)
  }
}

/**
 * Checks that this code can read a document as `part`; an unmigrated (empty) document
 * reads as defaults.
 * @throws PlanDocumentError `newer-version` or `wrong-part`.
 */
export function assertReadablePlanDoc(doc: Y.Doc, part: CasePart): void {
  const meta = readDocMeta(doc)
  assertKnownVersion(meta.schemaVersion)
  if (meta.part !== null && meta.part !== part) {
    throw new PlanDocumentError('wrong-part', `expected the ${part} document, got the ${meta.part} document`)
  }
}

function assertKnownVersion(version: number | null): void {
  if (version !== null && version > PLAN_SCHEMA_VERSION) {
    throw new PlanDocumentError('newer-version', `document has schema version ${version}; this code knows up to ${PLAN_SCHEMA_VERSION}: update the app`)
  }
}

/** Version 1: four results in the plan document, ten red flags in the inner one. */
function ensureVersion1(doc: Y.Doc, part: CasePart): void {
  if (part === 'plan') ensureResults(doc)
  else ensureRedFlags(doc)
}

function ensureResults(doc: Y.Doc): void {
  const results = getResultsMap(doc)
  for (const key of RESULT_KEYS) {
    if (asYMap(results.get(key))) continue
    results.set(key, new Y.Map<unknown>([['status', 'open'], ['evidence', '']]))
  }
}

function ensureRedFlags(doc: Y.Doc): void {
  const flags = getRedFlagsMap(doc)
  for (const key of RED_FLAG_KEYS) {
    if (asYMap(flags.get(key))) continue
    flags.set(key, newRedFlagMap())
  }
}

/** A red flag's map in its default state: unknown, with an empty history. */
export function newRedFlagMap(): Y.Map<unknown> {
  return new Y.Map<unknown>([['status', 'unknown'], [RED_FLAG_HISTORY, new Y.Array<unknown>()]])
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i])
}
