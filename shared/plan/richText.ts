/**
 * The rich-text (prose) schema of the plan's fragments, shared by the client's editor
 * and the server's write guard: the same Tiptap extensions build the editor and the
 * ProseMirror schema every stored fragment is checked against, so a fragment the
 * editor cannot render (a Y.XmlText at the root, an unknown node or mark, a text node
 * in a list) is refused before it is stored.
 */
import { getSchema, type AnyExtension } from '@tiptap/core'
import StarterKit from '@tiptap/starter-kit'
import type { Schema } from '@tiptap/pm/model'
import * as Y from 'yjs'
import { isSafeText, UNSAFE_TEXT_MESSAGE } from '../text'

/**
 * The schema-bearing editor extensions. Collaboration brings its own undo history, so
 * StarterKit's is off; the client adds Collaboration and its caret (no schema of their own).
 */
export function richTextExtensions(): AnyExtension[] {
  return [StarterKit.configure({ undoRedo: false })]
}

/** Deepest nesting of elements in a fragment (lists in lists in quotes); the editor needs far less. */
export const MAX_RICH_TEXT_DEPTH = 24
/** Most elements in one fragment: a long plan summary has a few hundred. */
export const MAX_RICH_TEXT_NODES = 10_000
/** Most characters in one fragment: about 60 pages of text. */
export const MAX_RICH_TEXT_CHARS = 200_000
/** Longest attribute value (a link's href): a URL, not a document. */
const MAX_ATTRIBUTE_CHARS = 2048
/** Link targets the editor may store: web and mail only (no `javascript:`). */
const SAFE_HREF = /^(https?:\/\/|mailto:)/i

let cachedSchema: Schema | null = null

/** The ProseMirror schema of the prose fields (built once). */
export function richTextSchema(): Schema {
  cachedSchema ??= getSchema(richTextExtensions())
  return cachedSchema
}

/** Why a fragment is not valid rich text, or null when it is. */
export type RichTextProblem = string | null

interface PmJson {
  type: string
  attrs?: Record<string, unknown>
  content?: PmJson[]
  text?: string
  marks?: { type: string; attrs?: Record<string, unknown> }[]
}

interface Budget {
  nodes: number
  chars: number
}

/**
 * Checks a Y.XmlFragment against the editor's schema: every element a known node with
 * known attributes, text only where the schema allows it, marks known, content in the
 * order the schema requires, bounded depth, node count and length.
 * Never throws; never writes to the fragment.
 */
export function checkRichTextFragment(fragment: Y.XmlFragment): RichTextProblem {
  const schema = richTextSchema()
  const budget: Budget = { nodes: 0, chars: 0 }
  try {
    const content = convertChildren(fragment, schema, 1, budget)
    if (typeof content === 'string') return content
    // An empty fragment is what a new field holds; the editor shows one empty paragraph.
    if (content.length === 0) return null
    schema.nodeFromJSON({ type: 'doc', content }).check()
    return null
  } catch (err) {
    return `not valid rich text: ${(err as Error).message.slice(0, 80)}`
  }
}

/**
 * Checks the blocks of a fragment that an update touched, instead of the whole fragment
 * (typing changes one paragraph; checking all of a long summary on every keystroke was
 * most of the guard's cost, docs/BENCHMARKS.md). `blocks` are direct children of
 * `fragment`; a deleted one is skipped. The fragment's own list (which blocks, in which
 * order) is checked when `isRootChanged`: every child an element of a block node.
 * Size limits count the touched blocks only; the whole fragment is bounded by the
 * document's size budget.
 */
export function checkRichTextBlocks(fragment: Y.XmlFragment, blocks: Iterable<Y.XmlElement | Y.XmlText | Y.XmlFragment>, isRootChanged: boolean): RichTextProblem {
  const schema = richTextSchema()
  try {
    if (isRootChanged) {
      for (const child of fragment.toArray()) {
        if (!(child instanceof Y.XmlElement)) return 'rich text holds text outside a paragraph'
        const type = schema.nodes[child.nodeName]
        if (!type || !type.isBlock) return `unknown rich-text block "${child.nodeName.slice(0, 40)}"`
      }
    }
    for (const block of blocks) {
      if (!(block instanceof Y.XmlElement)) return 'rich text holds text outside a paragraph'
      const budget: Budget = { nodes: 1, chars: 0 }
      const json = convertElement(block, schema, 1, budget)
      if (typeof json === 'string') return json
      const node = schema.nodeFromJSON(json)
      if (!node.type.isBlock) return `"${block.nodeName.slice(0, 40)}" is not a block`
      node.check()
    }
    return null
  } catch (err) {
    return `not valid rich text: ${(err as Error).message.slice(0, 80)}`
  }
}

function convertChildren(parent: Y.XmlFragment | Y.XmlElement, schema: Schema, depth: number, budget: Budget): PmJson[] | string {
  if (depth > MAX_RICH_TEXT_DEPTH) return `rich text nested deeper than ${MAX_RICH_TEXT_DEPTH}`
  const out: PmJson[] = []
  for (const child of parent.toArray()) {
    if (++budget.nodes > MAX_RICH_TEXT_NODES) return `rich text has more than ${MAX_RICH_TEXT_NODES} nodes`
    if (child instanceof Y.XmlText) {
      const texts = convertText(child, schema, budget)
      if (typeof texts === 'string') return texts
      out.push(...texts)
    } else if (child instanceof Y.XmlElement) {
      const element = convertElement(child, schema, depth, budget)
      if (typeof element === 'string') return element
      out.push(element)
    } else {
      return 'rich text holds something that is neither an element nor text'
    }
  }
  return out
}

function convertElement(element: Y.XmlElement, schema: Schema, depth: number, budget: Budget): PmJson | string {
  const type = schema.nodes[element.nodeName]
  if (!type || type.name === 'doc' || type.name === 'text') return `unknown rich-text node "${element.nodeName.slice(0, 40)}"`
  const attrs = element.getAttributes() as Record<string, unknown>
  const problem = checkAttributes(attrs, Object.keys(type.spec.attrs ?? {}), element.nodeName)
  if (problem) return problem
  if (type.name === 'heading' && !(Number.isInteger(attrs.level) && (attrs.level as number) >= 1 && (attrs.level as number) <= 6)) {
    if (attrs.level !== undefined) return 'heading level must be 1 to 6'
  }
  const content = convertChildren(element, schema, depth + 1, budget)
  if (typeof content === 'string') return content
  return { type: type.name, attrs, content }
}

function convertText(text: Y.XmlText, schema: Schema, budget: Budget): PmJson[] | string {
  const out: PmJson[] = []
  for (const op of text.toDelta() as { insert?: unknown; attributes?: Record<string, unknown> }[]) {
    if (typeof op.insert !== 'string') return 'rich text holds an embed the editor does not know'
    // Like every plan text (shared/text.ts); lib0 already sends a lone surrogate as U+FFFD.
    if (!isSafeText(op.insert)) return `rich text ${UNSAFE_TEXT_MESSAGE}`
    budget.chars += op.insert.length
    if (budget.chars > MAX_RICH_TEXT_CHARS) return `rich text is longer than ${MAX_RICH_TEXT_CHARS} characters`
    const marks: { type: string; attrs?: Record<string, unknown> }[] = []
    for (const [name, value] of Object.entries(op.attributes ?? {})) {
      const mark = schema.marks[name]
      if (!mark) return `unknown rich-text mark "${name.slice(0, 40)}"`
      const attrs = value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {}
      const problem = checkAttributes(attrs, Object.keys(mark.spec.attrs ?? {}), name)
      if (problem) return problem
      if (name === 'link' && !(typeof attrs.href === 'string' && SAFE_HREF.test(attrs.href))) return 'links must be http(s) or mailto'
      marks.push({ type: name, attrs })
    }
    if (op.insert.length > 0) out.push({ type: 'text', text: op.insert, marks })
  }
  return out
}

function checkAttributes(attrs: Record<string, unknown>, allowed: string[], owner: string): RichTextProblem {
  for (const [key, value] of Object.entries(attrs)) {
    if (!allowed.includes(key)) return `unknown attribute "${key.slice(0, 40)}" on ${owner.slice(0, 40)}`
    if (value !== null && typeof value === 'object') return `attribute "${key}" on ${owner.slice(0, 40)} must be a plain value`
    if (typeof value === 'string' && value.length > MAX_ATTRIBUTE_CHARS) return `attribute "${key}" is too long`
    if (typeof value === 'string' && !isSafeText(value)) return `attribute "${key.slice(0, 40)}" ${UNSAFE_TEXT_MESSAGE}`
  }
  return null
}
