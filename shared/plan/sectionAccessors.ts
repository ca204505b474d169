/**
 * The accessors of one section, built from the section's spec (issue 19): `add` and
 * `list` for every section, `update` for the editable ones. The named wrappers in
 * `planAccessors.ts` and `innerAccessors.ts` are aliases of these, so a new item kind
 * needs its declaration and one alias line, not three hand-written functions.
 */
import type * as Y from 'yjs'
import type { PlanActor } from './model'
import { addItem, listItems, updateItem, type ListOptions } from './schema'
import type { EditableSectionName, SectionInputs, SectionItems, SectionPatches } from './sections'
import type { SectionName } from './layout'

/** Options of an `add` accessor. */
export interface AddOptions {
  /** The id to give the item (a meeting records it before the server writes); default a fresh uuid. */
  id?: string
}

/** `add` and `list` of a section; append-only sections have nothing more. */
export interface SectionAccessors<N extends SectionName> {
  /** Adds an item. @throws PlanValidationError, PlanDocumentError */
  add: (doc: Y.Doc, input: SectionInputs[N], actor: PlanActor, options?: AddOptions) => SectionItems[N]
  /** The section's items in creation order (tombstoned ones on request). */
  list: (doc: Y.Doc, options?: ListOptions) => SectionItems[N][]
}

/** The accessors of an editable section: also `update`. */
export interface EditableSectionAccessors<N extends EditableSectionName> extends SectionAccessors<N> {
  /** Changes fields of a live item. @throws PlanValidationError, PlanDocumentError */
  update: (doc: Y.Doc, id: string, patch: SectionPatches[N], actor: PlanActor) => SectionItems[N]
}

/** `add` and `list` of an append-only section (its entries are removed and re-added, never changed). */
export function appendOnlyAccessorsOf<N extends SectionName>(section: N): SectionAccessors<N> {
  return {
    add: (doc, input, actor, options = {}) => addItem(doc, section, input, actor, options),
    list: (doc, options = {}) => listItems(doc, section, options),
  }
}

/** `add`, `update` and `list` of an editable section. */
export function accessorsOf<N extends EditableSectionName>(section: N): EditableSectionAccessors<N> {
  return {
    ...appendOnlyAccessorsOf(section),
    update: (doc, id, patch, actor) => updateItem(doc, section, id, patch, actor),
  }
}
