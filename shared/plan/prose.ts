/**
 * Plain text of the rich-text (prose) fragments that Tiptap edits through its
 * Collaboration extension: a Y.XmlFragment of block elements (paragraph, heading,
 * lists of list items) holding Y.XmlText.
 */
import * as Y from 'yjs'

/** Tiptap's node name for a line break inside a paragraph. */
const HARD_BREAK = 'hardBreak'

/** Text of a Y.XmlText without its formatting marks; embeds are skipped. */
function plainText(text: Y.XmlText): string {
  let out = ''
  for (const op of text.toDelta() as { insert?: unknown }[]) {
    if (typeof op.insert === 'string') out += op.insert
  }
  return out
}

/** Whether an element is a text block (holds text), as opposed to a container of blocks. */
function isTextBlock(element: Y.XmlElement): boolean {
  const children = element.toArray()
  return children.length === 0 || children.some((child) => child instanceof Y.XmlText) || element.nodeName === 'paragraph'
}

/** Inline content of a text block: text, with hard breaks as line breaks. */
function inlineText(element: Y.XmlElement): string {
  let out = ''
  for (const child of element.toArray()) {
    if (child instanceof Y.XmlText) out += plainText(child)
    else if (child instanceof Y.XmlElement) out += child.nodeName === HARD_BREAK ? '\n' : inlineText(child)
  }
  return out
}

function collectBlocks(node: Y.XmlFragment | Y.XmlElement, lines: string[]): void {
  for (const child of node.toArray()) {
    if (child instanceof Y.XmlText) lines.push(plainText(child))
    else if (child instanceof Y.XmlElement) {
      if (isTextBlock(child)) lines.push(inlineText(child))
      else collectBlocks(child, lines)
    }
  }
}

/**
 * The plain text of a prose fragment: one line per text block (paragraph, heading,
 * list item paragraph), joined by "\n"; formatting is dropped.
 */
export function fragmentToText(fragment: Y.XmlFragment): string {
  const lines: string[] = []
  collectBlocks(fragment, lines)
  return lines.join('\n')
}

/**
 * Appends a paragraph of plain text to a prose fragment, in the shape Tiptap reads.
 * Call inside the caller's transaction when it belongs with other changes.
 */
export function appendParagraph(fragment: Y.XmlFragment, text: string): void {
  const paragraph = new Y.XmlElement('paragraph')
  paragraph.insert(0, [new Y.XmlText(text)])
  fragment.push([paragraph])
}
