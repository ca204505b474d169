import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { checkRichTextBlocks, checkRichTextFragment } from '../../shared/plan/richText'

function paragraph(text: string, attrs?: Record<string, unknown>): Y.XmlElement {
  const p = new Y.XmlElement('paragraph')
  const t = new Y.XmlText()
  p.insert(0, [t])
  t.insert(0, text, attrs)
  return p
}

function fragmentWith(...children: (Y.XmlElement | Y.XmlText)[]): Y.XmlFragment {
  const doc = new Y.Doc()
  const f = doc.getXmlFragment('summary')
  f.insert(0, children)
  return f
}

describe('rich text against the editor schema', () => {
  it('accepts what Tiptap writes: paragraphs with marks, headings, lists, an empty fragment', () => {
    const heading = new Y.XmlElement('heading')
    heading.setAttribute('level', 2 as unknown as string)
    heading.insert(0, [new Y.XmlText('Situatie')])
    const list = new Y.XmlElement('bulletList')
    const item = new Y.XmlElement('listItem')
    list.insert(0, [item])
    item.insert(0, [paragraph('Moeder naar de opvang')])
    const f = fragmentWith(heading, paragraph('Politie ', { bold: {} }), list, paragraph('Link', { link: { href: 'https://example.org' } }))
    expect(checkRichTextFragment(f)).toBeNull()
    expect(checkRichTextFragment(fragmentWith())).toBeNull()
    expect(checkRichTextBlocks(f, f.toArray() as Y.XmlElement[], true)).toBeNull()
  })

  it('refuses a Y.XmlText at the root, unknown nodes and marks, javascript links and text in a list', () => {
    expect(checkRichTextFragment(fragmentWith(new Y.XmlText('los')))).toMatch(/not valid rich text|outside a paragraph/)
    const f1 = fragmentWith(new Y.XmlText('los'))
    expect(checkRichTextBlocks(f1, [], true)).toMatch(/outside a paragraph/)
    expect(checkRichTextFragment(fragmentWith(new Y.XmlElement('script')))).toMatch(/unknown rich-text node/)
    expect(checkRichTextFragment(fragmentWith(paragraph('x', { blink: true })))).toMatch(/unknown rich-text mark/)
    expect(checkRichTextFragment(fragmentWith(paragraph('x', { link: { href: 'javascript:alert(1)' } })))).toMatch(/http/)
    const list = new Y.XmlElement('bulletList')
    list.insert(0, [new Y.XmlText('tekst in een lijst')])
    const f2 = fragmentWith(list)
    expect(checkRichTextBlocks(f2, [list], true)).toMatch(/not valid rich text/)
  })

  it('refuses nesting deeper than the limit without overflowing the stack', () => {
    let inner = new Y.XmlElement('blockquote')
    const outer = inner
    for (let i = 0; i < 200; i++) {
      const next = new Y.XmlElement('blockquote')
      inner.insert(0, [next])
      inner = next
    }
    expect(checkRichTextFragment(fragmentWith(outer))).toMatch(/nested deeper/)
  })
})
