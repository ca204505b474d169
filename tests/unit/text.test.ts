/** shared/text.ts: the one rule for text every store can hold, and ids in any case (issue 18 items 7, 9). */
import fc from 'fast-check'
import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { problemMessageKey } from '../../client/plan/problemMessage'
import { createCaseBodySchema, uuidParamSchema } from '../../shared/api/schemas'
import { joinPayloadSchema } from '../../shared/meetings/schemas'
import { nameSchema, readFields, requiredTextSchema, textSchema } from '../../shared/plan/model'
import { checkRichTextFragment } from '../../shared/plan/richText'
import { isSafeText, toStorableJson, UNSAFE_TEXT_MESSAGE } from '../../shared/text'
import { caseVariantOf, unsafeText } from '../helpers/oddInput'

describe('safe text', () => {
  it('tells NUL and lone surrogates from any other text, surrogate pairs included', () => {
    expect(isSafeText('Huisbezoek 😀 ë')).toBe(true)
    for (const bad of ['a\u0000', '\ud800', 'x\udfff', '😀'.slice(0, 1), '😀'.slice(1), '\udc00\ud800']) expect(isSafeText(bad)).toBe(false)
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (s) => isSafeText(s) === !s.includes('\u0000')))
    fc.assert(fc.property(unsafeText(), (s) => !isSafeText(s)))
  })

  it('makes any JSON value storable: odd characters become U+FFFD, everything else stays', () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => {
      expect(toStorableJson(v)).toEqual(v)
    }))
    fc.assert(fc.property(unsafeText(), (s) => {
      const stored = toStorableJson({ [s]: [s] }) as Record<string, string[]>
      const key = Object.keys(stored)[0]!
      expect(isSafeText(key) && isSafeText(stored[key]![0]!)).toBe(true)
      expect(key).toContain('\uFFFD')
    }))
  })

  it('is refused by every plan text schema and by REST and socket schemas, with the reason', () => {
    fc.assert(fc.property(unsafeText(), (s) => {
      for (const schema of [nameSchema, textSchema, requiredTextSchema]) {
        const r = schema.safeParse(`Tekst ${s}`)
        expect(r.error?.issues.map((i) => i.message)).toContain(UNSAFE_TEXT_MESSAGE)
      }
      expect(createCaseBodySchema.safeParse({ title: `Gezin ${s}` }).error?.issues[0]?.message).toBe(UNSAFE_TEXT_MESSAGE)
    }))
    // The form shows it in the partner's language.
    expect(problemMessageKey({ path: 'what', message: UNSAFE_TEXT_MESSAGE })).toBe('plan.problem.unsafeText')
  })

  it('is refused in rich text too, in the text and in attributes', () => {
    const fragment = (text: string, attrs?: Record<string, unknown>) => {
      const f = new Y.Doc().getXmlFragment('summary')
      const p = new Y.XmlElement('paragraph')
      const t = new Y.XmlText()
      p.insert(0, [t])
      t.insert(0, text, attrs)
      f.insert(0, [p])
      return f
    }
    expect(checkRichTextFragment(fragment('Gezin T. woont bij oma.'))).toBeNull()
    expect(checkRichTextFragment(fragment('Gezin T.\u0000'))).toBe(`rich text ${UNSAFE_TEXT_MESSAGE}`)
    expect(checkRichTextFragment(fragment('link', { link: { href: 'https://example.test/\u0000' } }))).toContain(UNSAFE_TEXT_MESSAGE)
  })

  it('still reads text stored before the refusal, with U+FFFD', () => {
    expect(readFields({ what: requiredTextSchema }, { what: '' }, { what: 'Huis\u0000bezoek' })).toEqual({ what: 'Huis\uFFFDbezoek' })
  })

  it('takes ids in any case and gives them lower case', () => {
    const id = '6f9619ff-8b86-4011-b42d-00c04fc964ff'
    fc.assert(fc.property(caseVariantOf(id), (variant) => {
      expect(uuidParamSchema.parse(variant)).toBe(id)
      expect(joinPayloadSchema.parse({ meetingId: variant })).toEqual({ meetingId: id })
    }))
  })
})
