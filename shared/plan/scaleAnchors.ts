/**
 * The veiligheidsschaal's anchors per case (DOMAIN.md §4.4: "anchors are editable (an
 * adult victim has no children)"): what 0 and what 10 mean for this family, in the inner
 * document's `scaleAnchors` map. Empty means the standard anchors (the client's i18n).
 */
import type * as Y from 'yjs'
import { z } from 'zod'
import { INNER_ROOTS } from './layout'
import { assertPlanDoc } from './migrate'
import { isoDateTimeSchema, nameSchema, readFields, type PlanActor } from './model'
import { PlanValidationError } from './errors'
import { safeString } from '../text'
import { parseActor, zodProblems } from './schema'

/** Longest anchor text: one sentence on a scale, not a paragraph. */
export const MAX_ANCHOR_LENGTH = 300

const anchorSchema = safeString({ error: 'must be text' }).trim().max(MAX_ANCHOR_LENGTH, 'is too long')

/** The anchors' fields as stored. */
export const scaleAnchorsShape = {
  zero: anchorSchema,
  ten: anchorSchema,
  updatedAt: isoDateTimeSchema.nullable(),
  updatedBy: nameSchema.nullable(),
}

/** The anchors of a case; '' means the standard text. */
export interface ScaleAnchors {
  zero: string
  ten: string
  updatedAt: string | null
  updatedBy: string | null
}

const patchSchema = z.strictObject({ zero: anchorSchema.optional(), ten: anchorSchema.optional() })

function anchorsMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(INNER_ROOTS.scaleAnchors)
}

/** The case's anchors (standard ones read as ''). */
export function getScaleAnchors(doc: Y.Doc): ScaleAnchors {
  return readFields(scaleAnchorsShape, { zero: '', ten: '', updatedAt: null, updatedBy: null }, anchorsMap(doc).toJSON() as Record<string, unknown>)
}

/**
 * Sets one or both anchors ('' restores the standard text).
 * @throws PlanValidationError on an invalid patch; PlanDocumentError when not the inner document.
 */
export function setScaleAnchors(doc: Y.Doc, patch: { zero?: string; ten?: string }, actor: PlanActor): ScaleAnchors {
  assertPlanDoc(doc, 'inner')
  const who = parseActor(actor)
  const parsed = patchSchema.safeParse(patch)
  if (!parsed.success) throw new PlanValidationError(zodProblems(parsed.error))
  const current = getScaleAnchors(doc)
  const changes = (['zero', 'ten'] as const).filter((k) => parsed.data[k] !== undefined && parsed.data[k] !== current[k])
  if (changes.length === 0) return current
  doc.transact(() => {
    const map = anchorsMap(doc)
    for (const k of changes) map.set(k, parsed.data[k]!)
    map.set('updatedAt', new Date().toISOString())
    map.set('updatedBy', who.name)
  }, who.origin)
  return getScaleAnchors(doc)
}
