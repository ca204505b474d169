/**
 * Where bench clients type: a paragraph of their own at the end of the plan's summary
 * fragment, in the shape Tiptap writes (paragraph element holding a Y.XmlText), so every
 * target stores the same edits and Samenspel's write guard accepts them.
 */
import * as Y from 'yjs'

/** The rich-text fragment of the plan document that bench clients type into. */
export const PROSE_FIELD = 'summary'

/** Appends an empty paragraph for this client and returns its text. */
export function ownParagraph(doc: Y.Doc): Y.XmlText {
  const text = new Y.XmlText()
  const paragraph = new Y.XmlElement('paragraph')
  paragraph.insert(0, [text])
  doc.getXmlFragment(PROSE_FIELD).push([paragraph])
  return text
}

/** Characters typed into the summary, over all its paragraphs. */
export function proseLength(doc: Y.Doc): number {
  let n = 0
  for (const child of doc.getXmlFragment(PROSE_FIELD).toArray()) {
    if (!(child instanceof Y.XmlElement)) continue
    for (const t of child.toArray()) if (t instanceof Y.XmlText) n += t.length
  }
  return n
}
