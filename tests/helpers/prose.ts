/**
 * The rich-text field a test types into: the first paragraph of a case document's
 * prose fragment (`summary` in the plan document, `innerNotes` in the inner one), which
 * every new case starts with. Typing there is what a partner does in the editor, and
 * what the write guard accepts; a root type of a test's own is refused.
 */
import * as Y from 'yjs'

/** The prose fragment's name for a document name. */
export function proseFieldOf(docName: string): string {
  return docName.endsWith('/inner') ? 'innerNotes' : 'summary'
}

/**
 * The first paragraph's text of the document's prose field.
 * @throws when the document has not synced that paragraph yet.
 */
export function proseOf(doc: Y.Doc, field: string): Y.XmlText {
  const paragraph = doc.getXmlFragment(field).get(0)
  const text = paragraph instanceof Y.XmlElement ? paragraph.get(0) : null
  if (!(text instanceof Y.XmlText)) throw new Error(`no paragraph in ${field} yet: wait for the sync`)
  return text
}

/** The plain text of the first paragraph, or '' before it synced. */
export function proseTextOf(doc: Y.Doc, field: string): string {
  const paragraph = doc.getXmlFragment(field).get(0)
  const text = paragraph instanceof Y.XmlElement ? paragraph.get(0) : null
  return text instanceof Y.XmlText ? text.toString() : ''
}
