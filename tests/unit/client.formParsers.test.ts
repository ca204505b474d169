/**
 * Every form's value parsing (client/plan/formParsers.ts), field by field, with a number
 * (what Vue's v-model hands over for <input type="number">, the person-age bug), an empty
 * value and a long text: the readers never throw, keep text whole, and what they produce
 * goes through the real accessors as an accepted change or a PlanValidationError whose
 * problems name a field of the form, never as a TypeError.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  MAX_TEXT_LENGTH, PlanValidationError, addAction, addAgreement, addDangerStatement, addDecision, addEscalation, addGoal,
  addJusticeItem, addPerson, addSafetyScore, addSosItem, addTraumaScreening, migratePlanDoc, updateAction, updateAgreement,
  updateDangerStatement, updateEscalation, updateGoal, updateJusticeItem, updatePerson, updateSosItem,
  updateTraumaScreening, type PlanActor,
} from '../../shared/plan'
import type { CasePart } from '../../shared/protocol/docName'
import type { FormValues } from '../../client/plan/formFields'
import {
  ACTION_READERS, AGREEMENT_READERS, DANGER_READERS, DECISION_READERS, ESCALATION_OUTCOME_READERS, ESCALATION_READERS,
  GOAL_READERS, JUSTICE_READERS, PERSON_READERS, SCORE_READERS, SOS_READERS, TRAUMA_READERS, readDecision, readFormFields,
  type FieldReaders,
} from '../../client/plan/formParsers'

const vt: PlanActor = { name: 'Anouk de Wit', organisation: 'Veilig Thuis Noordkust' }
const LONG_TEXT = 'Moeder vertelt dat vader weer in de buurt van de woning is gezien. '.repeat(70).slice(0, MAX_TEXT_LENGTH + 1)
// A number input hands over a number, typed as text by FormValues.
const NUMBER = 42 as unknown as string
const KINDS: readonly { name: string; value: string }[] = [
  { name: 'a number', value: NUMBER },
  { name: 'an empty value', value: '' },
  { name: 'a long text', value: LONG_TEXT },
]

/** One form: its readers, valid values, and how it adds and edits through the accessors. */
interface FormCase {
  name: string
  part: CasePart
  readers: FieldReaders<object>
  valid: FormValues
  /** Adds from every field (undefined for a form that only edits). */
  add?: (doc: Y.Doc, values: FormValues) => void
  /** Adds a valid item and returns a function that edits it with one field's patch (undefined: append-only). */
  prepareEdit?: (doc: Y.Doc) => (patch: object) => void
}

// The accessors take their own input types; the schema, not the compiler, judges these.
function read(readers: FieldReaders<object>, values: FormValues, names?: readonly string[]): never {
  return readFormFields(readers, values, names) as never
}

function readObject(readers: FieldReaders<object>, values: FormValues): Record<string, unknown> {
  return readFormFields(readers, values)
}

const FORMS: readonly FormCase[] = [
  {
    name: 'action', part: 'plan', readers: ACTION_READERS,
    valid: { what: 'Huisbezoek', ownerOrganisation: 'Veilig Thuis Noordkust', ownerPerson: '', due: '2026-12-20', goalId: 'result:direct-safety', status: 'open', blockedReason: '', doneNote: '' },
    add: (doc, values) => addAction(doc, read(ACTION_READERS, values), vt),
    prepareEdit: (doc) => {
      const id = addAction(doc, read(ACTION_READERS, FORMS[0]!.valid), vt).id
      return (patch) => updateAction(doc, id, patch, vt)
    },
  },
  {
    name: 'goal', part: 'plan', readers: GOAL_READERS,
    valid: { text: 'Noor voelt zich thuis veilig', observableFor: '3 maanden', status: 'open', evidence: '' },
    add: (doc, values) => addGoal(doc, { ...readObject(GOAL_READERS, values), resultKey: 'direct-safety' } as never, vt),
    prepareEdit: (doc) => {
      const id = addGoal(doc, { ...readObject(GOAL_READERS, FORMS[1]!.valid), resultKey: 'direct-safety' } as never, vt).id
      return (patch) => updateGoal(doc, id, patch, vt)
    },
  },
  {
    name: 'safety agreement', part: 'plan', readers: AGREEMENT_READERS,
    valid: { text: 'Vader komt niet bij de woning', boundParties: 'Vader, Moeder', checkedBy: 'Politie Eenheid Noordkust', checkMethod: '', ifBroken: '', startDate: '2026-12-01', reviewDate: '', status: 'active' },
    add: (doc, values) => addAgreement(doc, read(AGREEMENT_READERS, values), vt),
    prepareEdit: (doc) => {
      const id = addAgreement(doc, read(AGREEMENT_READERS, FORMS[2]!.valid), vt).id
      return (patch) => updateAgreement(doc, id, patch, vt)
    },
  },
  {
    name: 'escalation outcome', part: 'plan', readers: ESCALATION_OUTCOME_READERS,
    valid: { outcome: 'Besproken met de teamleider', outcomeDecisionId: '' },
    prepareEdit: (doc) => {
      const id = addEscalation(doc, { issue: 'Geen plek', raisedBy: 'Veilig Thuis Noordkust', raisedTo: 'Wijkteam Havenstad', due: '2026-12-20' }, vt).id
      return (patch) => updateEscalation(doc, id, patch, vt)
    },
  },
  {
    name: 'person', part: 'inner', readers: PERSON_READERS,
    valid: { firstName: 'Sanne', role: 'slachtoffer', age: '34' },
    add: (doc, values) => addPerson(doc, read(PERSON_READERS, values), vt),
    prepareEdit: (doc) => {
      const id = addPerson(doc, read(PERSON_READERS, FORMS[4]!.valid), vt).id
      return (patch) => updatePerson(doc, id, patch, vt)
    },
  },
  {
    name: 'danger statement', part: 'inner', readers: DANGER_READERS,
    valid: { whoWorries: 'Veilig Thuis Noordkust, Politie Eenheid Noordkust', behaviour: 'Vader schreeuwt', ifNothingChanges: 'Noor raakt gewond' },
    add: (doc, values) => addDangerStatement(doc, read(DANGER_READERS, values), vt),
    prepareEdit: (doc) => {
      const id = addDangerStatement(doc, read(DANGER_READERS, FORMS[5]!.valid), vt).id
      return (patch) => updateDangerStatement(doc, id, patch, vt)
    },
  },
  {
    name: 'SoS item', part: 'inner', readers: SOS_READERS,
    valid: { type: 'harm', text: 'Noor zag hoe vader moeder sloeg' },
    add: (doc, values) => addSosItem(doc, read(SOS_READERS, values), vt),
    prepareEdit: (doc) => {
      const id = addSosItem(doc, read(SOS_READERS, FORMS[6]!.valid), vt).id
      return (patch) => updateSosItem(doc, id, patch, vt)
    },
  },
  {
    name: 'justice item', part: 'inner', readers: JUSTICE_READERS,
    valid: { type: 'incident', date: '2026-11-01', text: 'Melding na ruzie' },
    add: (doc, values) => addJusticeItem(doc, read(JUSTICE_READERS, values), vt),
    prepareEdit: (doc) => {
      const id = addJusticeItem(doc, read(JUSTICE_READERS, FORMS[7]!.valid), vt).id
      return (patch) => updateJusticeItem(doc, id, patch, vt)
    },
  },
  {
    name: 'trauma screening', part: 'inner', readers: TRAUMA_READERS,
    valid: { offeredOn: '2026-11-01', doneOn: '', treatmentStartedOn: '', note: '' },
    add: (doc, values) => {
      const personId = addPerson(doc, { firstName: 'Noor', role: 'kind', age: 9 }, vt).id
      addTraumaScreening(doc, { ...readObject(TRAUMA_READERS, values), personId } as never, vt)
    },
    prepareEdit: (doc) => {
      const personId = addPerson(doc, { firstName: 'Noor', role: 'kind', age: 9 }, vt).id
      const id = addTraumaScreening(doc, { ...readObject(TRAUMA_READERS, FORMS[8]!.valid), personId } as never, vt).id
      return (patch) => updateTraumaScreening(doc, id, patch, vt)
    },
  },
  {
    name: 'escalation', part: 'plan', readers: ESCALATION_READERS,
    valid: { issue: 'Geen plek in de opvang', raisedBy: 'Veilig Thuis Noordkust', raisedTo: 'Wijkteam Havenstad', due: '2026-12-20' },
    add: (doc, values) => addEscalation(doc, read(ESCALATION_READERS, values), vt),
  },
  {
    name: 'safety score', part: 'inner', readers: SCORE_READERS,
    valid: { partner: 'Politie Eenheid Noordkust', score: '4', date: '2026-11-20', reason: '', addsPoint: '' },
    add: (doc, values) => addSafetyScore(doc, read(SCORE_READERS, values), vt),
  },
  {
    name: 'decision', part: 'plan', readers: DECISION_READERS,
    // Mandate and dissent of a plan decision go to the inner document (client/plan/visibleWrites.ts): empty here.
    valid: { text: 'Casusregie bij Veilig Thuis', type: 'plan', chair: 'Anouk de Wit', mandatedPresent: '', dissentOrganisation: '', dissentReason: '' },
    add: (doc, values) => addDecision(doc, readDecision(values, Object.keys(DECISION_READERS)) as never, vt),
  },
]

function kindOf(value: unknown): string {
  if (value === null) return 'null'
  return Array.isArray(value) ? 'array' : typeof value
}

/** Each produced key with the kinds of value seen for it. */
function kindsOf(out: object): Record<string, string[]> {
  return Object.fromEntries(Object.entries(out).map(([key, value]) => [key, [kindOf(value)]]))
}

function mergeKinds(a: Record<string, string[]>, b: Record<string, string[]>): Record<string, string[]> {
  const out: Record<string, string[]> = { ...a }
  for (const [key, kinds] of Object.entries(b)) out[key] = [...new Set([...(out[key] ?? []), ...kinds])]
  return out
}

function freshDoc(part: CasePart): Y.Doc {
  const doc = new Y.Doc()
  migratePlanDoc(doc, part)
  return doc
}

/** The schema fields a form's readers write: where a problem must point to land next to an input. */
function schemaFieldsOf(form: FormCase): Set<string> {
  return new Set(Object.entries(form.readers).flatMap(([name, reader]) => Object.keys(reader(form.valid[name]))))
}

/** Runs a change; it must succeed or fail with problems that name a field of the form. */
function expectAcceptedOrNamed(form: FormCase, change: () => void): void {
  try {
    change()
  } catch (error) {
    expect(error).toBeInstanceOf(PlanValidationError)
    const fields = schemaFieldsOf(form)
    for (const problem of (error as PlanValidationError).problems) {
      expect(fields, `${form.name}: problem at "${problem.path}"`).toContain(problem.path.split(/[.[]/)[0])
    }
  }
}

describe.each(FORMS)('the $name form', (form) => {
  it('adds and edits with its valid values', () => {
    const doc = freshDoc(form.part)
    form.add?.(doc, form.valid)
    const edit = form.prepareEdit?.(doc)
    expect(() => edit?.(read(form.readers, form.valid))).not.toThrow()
  })

  describe.each(Object.keys(form.readers))('field %s', (field) => {
    it.each(KINDS)('reads $name without throwing, into the kind of value the field holds, keeping text whole', ({ value }) => {
      const reader = form.readers[field]!
      const out = reader(value) as Record<string, unknown>
      // What a valid, an empty, a short text and a digit input give: the kinds this field may produce.
      const allowed = [form.valid[field], '', 'x', '7'].map((sample) => kindsOf(reader(sample))).reduce(mergeKinds)
      expect(Object.keys(out)).toEqual(Object.keys(allowed))
      for (const [key, produced] of Object.entries(out)) {
        // Text stays text: never the number itself, which the schema would call "not text".
        expect(allowed[key], `${field} → ${key}`).toContain(kindOf(produced))
        if (kindOf(produced) === 'string' && value === NUMBER) expect(produced).toBe('42')
        if (kindOf(produced) === 'string' && value === LONG_TEXT) expect(produced).toBe(LONG_TEXT)
      }
    })

    it.each(KINDS)('adds with $name in this field: accepted, or a problem next to a field of the form', ({ value }) => {
      if (!form.add) return
      const doc = freshDoc(form.part)
      expectAcceptedOrNamed(form, () => form.add!(doc, { ...form.valid, [field]: value }))
    })

    it.each(KINDS)('edits with $name in this field only: accepted, or a problem next to a field of the form', ({ value }) => {
      if (!form.prepareEdit) return
      const doc = freshDoc(form.part)
      const edit = form.prepareEdit(doc)
      expectAcceptedOrNamed(form, () => edit(read(form.readers, { ...form.valid, [field]: value }, [field])))
    })
  })
})

describe('specific readings', () => {
  it('reads an age from a number input as that number, an empty one as unknown and a text as unknown', () => {
    expect(PERSON_READERS.age!(7)).toEqual({ age: 7 })
    expect(PERSON_READERS.age!('')).toEqual({ age: null })
    expect(PERSON_READERS.age!(LONG_TEXT)).toEqual({ age: null })
  })

  it('refuses a text over the limit with "is too long" on that field', () => {
    const doc = freshDoc('plan')
    const edit = FORMS[0]!.prepareEdit!(doc)
    expect(() => edit(read(ACTION_READERS, { what: LONG_TEXT }, ['what']))).toThrow(/what: is too long/)
  })

  it('turns empty optional fields into null and empty lists into no entries', () => {
    expect(AGREEMENT_READERS.reviewDate!('')).toEqual({ reviewDate: null })
    expect(AGREEMENT_READERS.boundParties!('')).toEqual({ boundParties: [] })
    expect(DANGER_READERS.whoWorries!(' Politie ,, Veilig Thuis ')).toEqual({ whoWorries: ['Politie', 'Veilig Thuis'] })
    expect(ACTION_READERS.ownerPerson!('  ')).toEqual({ ownerPerson: null })
    expect(JUSTICE_READERS.date!('')).toEqual({ date: null })
    expect(TRAUMA_READERS.doneOn!('')).toEqual({ doneOn: null })
    expect(ESCALATION_OUTCOME_READERS.outcomeDecisionId!('')).toEqual({ outcomeDecisionId: null })
  })

  it('reads a decision\'s dissent from both inputs together, with a number, an empty value or a long text', () => {
    const names = Object.keys(DECISION_READERS)
    expect(readDecision({ text: 'x', dissentOrganisation: '', dissentReason: '' }, names).dissent).toEqual([])
    expect(readDecision({ text: 'x', dissentOrganisation: NUMBER, dissentReason: '' }, names).dissent).toEqual([{ organisation: '42', reason: '' }])
    const doc = freshDoc('plan')
    const valid = FORMS.find((f) => f.name === 'decision')!.valid
    for (const value of [NUMBER, '', LONG_TEXT]) {
      for (const field of ['dissentOrganisation', 'dissentReason']) {
        try {
          addDecision(doc, readDecision({ ...valid, [field]: value }, names) as never, vt)
        } catch (error) {
          expect(error).toBeInstanceOf(PlanValidationError)
          for (const problem of (error as PlanValidationError).problems) expect(problem.path).toMatch(/^dissent/)
        }
      }
    }
  })

  it('reads only the named fields (an edit form writes what the user changed)', () => {
    expect(readFormFields(ACTION_READERS, { what: 'A', due: '2026-12-20' }, ['due'])).toEqual({ due: '2026-12-20' })
  })
})
