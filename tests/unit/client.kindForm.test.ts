/**
 * The client's forms, tables and version rows read an item kind's declaration
 * (shared/plan/kinds): the action's form fields and table columns are the declared ones,
 * and a field added to a copy of the declaration appears in the form, its values, its
 * reading back and the table and version text, with no client code for it.
 */
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { addAction, addEscalation, migratePlanDoc, type PlanActor } from '../../shared/plan'
import { actionKind } from '../../shared/plan/kinds/action'
import { decisionKind, escalationKind } from '../../shared/plan/kinds/planKinds'
import { enumField, type ItemKind } from '../../shared/plan/kinds/kindTypes'
import { commandFormFields } from '../../client/meetings/commandFields'
import { kindFormFields, kindFormValues, kindInitialValues, readKindForm, type KindFormLabels } from '../../client/plan/kindForm'
import { kindValueText, type KindValueText } from '../../client/plan/kindValues'
import { describeKindItem } from '../../client/versions/kindRows'
import type { VersionText } from '../../client/versions/versionRows'

const vt: PlanActor = { name: 'Anouk de Wit', organisation: 'Veilig Thuis Noordkust' }
const labels: KindFormLabels = {
  field: (kind, name) => `${kind.kind}:${name}`,
  value: (kind, name, value) => `${kind.kind}:${name}=${value}`,
  linkOptions: () => [{ value: '', label: 'kies' }, { value: 'result:direct-safety', label: 'Directe veiligheid' }],
}
const text: KindValueText = { value: labels.value, formatDate: (d) => `datum ${d ?? ''}`, linkLabel: () => 'Directe veiligheid' }
const versionText: VersionText = { t: (key) => `t(${key})`, formatDate: (d) => `datum ${d ?? ''}`, formatMoment: (m) => m ?? '' }

/** A copy of the action's declaration with one more enum field, shown in the form, the table and the PDF. */
function withUrgency(): ItemKind {
  return {
    ...actionKind,
    fields: { ...actionKind.fields, urgency: enumField(['urgent', 'calm'], 'calm') },
    views: {
      ...actionKind.views,
      form: [...actionKind.views.form, 'urgency'],
      table: [...actionKind.views.table, 'urgency'],
      pdf: [...actionKind.views.pdf, 'urgency'],
    },
  }
}

describe('forms and tables from an item kind declaration', () => {
  it("builds the action form's fields from the declared form view, in order, with inputs by field type", () => {
    const fields = kindFormFields(actionKind, labels, { testIdPrefix: 'action-add' })
    expect(fields.map((f) => f.name)).toEqual([...actionKind.views.form])
    const byName = new Map(fields.map((f) => [f.name, f]))
    expect(byName.get('what')?.kind).toBe('textarea')
    expect(byName.get('due')?.kind).toBe('date')
    expect(byName.get('status')?.options?.map((o) => o.value)).toEqual([...(actionKind.fields.status.values ?? [])])
    expect(byName.get('goalId')).toMatchObject({ kind: 'select', isRequired: true, problemPaths: ['goalId', 'resultKey'], testId: 'action-add-link' })
    expect(byName.get('ownerOrganisation')?.testId).toBe('action-add-owner')
  })

  it('adds a field to the form model, its reading, the table text and the version view when a copy of the declaration gains it', () => {
    const kind = withUrgency()
    const field = kindFormFields(kind, labels).find((f) => f.name === 'urgency')
    expect(field).toEqual({ name: 'urgency', label: 'action:urgency', kind: 'select', options: [
      { value: 'urgent', label: 'action:urgency=urgent' }, { value: 'calm', label: 'action:urgency=calm' },
    ] })
    expect(kindInitialValues(kind)).toMatchObject({ status: 'open', urgency: 'calm' })
    expect(readKindForm(kind, { urgency: 'urgent' }, ['urgency'])).toEqual({ urgency: 'urgent' })
    expect(readKindForm(kind, { urgency: '' }, ['urgency'])).toEqual({ urgency: 'calm' })
    const item = { what: 'Huisbezoek', ownerOrganisation: 'Wijkteam Havenstad', ownerPerson: null, due: '2027-01-15', status: 'open', goalId: null, resultKey: 'direct-safety', urgency: 'urgent' }
    expect(kindFormValues(kind, item)).toMatchObject({ urgency: 'urgent', goalId: 'result:direct-safety', ownerPerson: '' })
    expect(kind.views.table.map((name) => kindValueText(kind, name, item, text))).toContain('action:urgency=urgent')
    expect(describeKindItem(kind, item, versionText, () => '').details).toContainEqual({
      label: 't(kinds.action.fields.urgency)', value: 't(kinds.action.values.urgency.urgent)',
    })
    // The declaration as shipped has no such field: the form and table stay as declared.
    expect(kindFormFields(actionKind, labels).some((f) => f.name === 'urgency')).toBe(false)
  })

  it('reads an add form into an action the plan accepts, the link into goalId and resultKey', () => {
    const doc = new Y.Doc()
    migratePlanDoc(doc, 'plan')
    const values = { ...kindInitialValues(actionKind), what: 'Huisbezoek', ownerOrganisation: 'Wijkteam Havenstad', ownerPerson: ' ', due: '2027-01-15', goalId: 'result:direct-safety' }
    const added = addAction(doc, readKindForm(actionKind, values) as never, vt)
    expect(added).toMatchObject({ what: 'Huisbezoek', ownerPerson: null, goalId: null, resultKey: 'direct-safety', status: 'open' })
  })

  it("offers in the meeting's action form the declared form fields the action command carries", () => {
    const names = commandFormFields(actionKind, 'action')
    expect(names).toEqual(expect.arrayContaining(['what', 'ownerOrganisation', 'ownerPerson', 'due', 'goalId']))
    expect(names).not.toContain('doneNote')
    expect(names).toEqual(actionKind.views.form.filter((n) => names.includes(n)))
  })

  it("offers an escalation's action link the actions, not goals; it may stay empty and reads into actionId", () => {
    const doc = new Y.Doc()
    migratePlanDoc(doc, 'plan')
    const action = addAction(doc, { what: 'Huisbezoek', ownerOrganisation: 'Wijkteam Havenstad', due: '2027-01-15', resultKey: 'direct-safety' }, vt)
    const byTarget: KindFormLabels = {
      ...labels,
      linkOptions: (target) => (target === 'action' ? [{ value: '', label: 'geen' }, { value: action.id, label: action.what }] : labels.linkOptions(target)),
    }
    const field = kindFormFields(escalationKind, byTarget).find((f) => f.name === 'actionId')
    expect(field).toMatchObject({ kind: 'select', options: [{ value: '' }, { value: action.id, label: 'Huisbezoek' }] })
    expect(field?.isRequired).toBeUndefined()
    expect(field?.problemPaths).toBeUndefined()
    const values = { issue: 'Geen plek in de opvang', raisedBy: 'Veilig Thuis Noordkust', raisedTo: 'Gemeente Havenstad', due: '2027-01-20' }
    expect(readKindForm(escalationKind, { ...values, actionId: '' })).toMatchObject({ actionId: null })
    const added = addEscalation(doc, readKindForm(escalationKind, { ...values, actionId: action.id }) as never, vt)
    expect(added).toMatchObject({ actionId: action.id, issue: 'Geen plek in de opvang' })
    expect(kindFormValues(escalationKind, added)).toMatchObject({ actionId: action.id })
  })

  it("builds the decision's form from its declaration: text, type (plan by default) and chair", () => {
    expect(kindFormFields(decisionKind, labels).map((f) => f.name)).toEqual(['text', 'type', 'chair'])
    expect(kindInitialValues(decisionKind)).toEqual({ type: 'plan' })
    expect(readKindForm(decisionKind, { text: 'Plaatsing', type: '', chair: '' })).toEqual({ text: 'Plaatsing', type: 'plan', chair: null })
  })
})
