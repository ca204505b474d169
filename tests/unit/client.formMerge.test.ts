/**
 * The values of one plan form (client/composables/useFormMerge.ts) with Vue's real
 * reactivity: an edit form remembers what it opened with, follows a colleague's change
 * in a field the user did not touch, reports a field both changed, writes only what the
 * user changed, and counts a preset value as the user's change.
 */
import { describe, expect, it } from 'vitest'
import { effectScope, nextTick, ref } from 'vue'
import { useFormMerge } from '../../client/composables/useFormMerge'
import type { FormField, FormValues } from '../../client/plan/formFields'

const FIELDS: FormField[] = [
  { name: 'what', label: 'Wat', kind: 'textarea' },
  { name: 'due', label: 'Deadline', kind: 'date' },
  { name: 'status', label: 'Status', kind: 'select' },
]
const OPENED: FormValues = { what: 'Huisbezoek', due: '2026-12-10', status: 'open' }

function editForm(preset?: FormValues) {
  const remote = ref<FormValues>({ ...OPENED })
  const scope = effectScope()
  const merge = scope.run(() => useFormMerge({ fields: () => FIELDS, initial: () => undefined, remote: () => remote.value, preset: () => preset }))!
  return { remote, merge, stop: () => scope.stop() }
}

describe('an edit form\'s values', () => {
  it('opens with the item\'s values and writes nothing when nothing changed', () => {
    const { merge } = editForm()
    expect({ ...merge.values }).toEqual(OPENED)
    expect(merge.pending()).toEqual({ patch: {}, conflicts: [], changed: [] })
  })

  it('follows a colleague\'s change in an untouched field at once, and still writes only the user\'s field', async () => {
    const { remote, merge } = editForm()
    merge.values.due = '2026-12-20'
    remote.value = { ...OPENED, what: 'Huisbezoek met wijkagent' }
    await nextTick()
    expect(merge.values.what).toBe('Huisbezoek met wijkagent')
    expect(merge.conflicts.value).toEqual([])
    expect(merge.pending().changed).toEqual(['due'])
  })

  it('reports a field both changed, keeps the user\'s text, and writes it only after "keep mine"', async () => {
    const { remote, merge } = editForm()
    merge.values.what = 'Huisbezoek (politie)'
    remote.value = { ...OPENED, what: 'Huisbezoek (Veilig Thuis)' }
    await nextTick()
    expect(merge.values.what).toBe('Huisbezoek (politie)')
    expect(merge.conflicts.value).toEqual(['what'])
    expect(merge.remoteValue('what')).toBe('Huisbezoek (Veilig Thuis)')
    expect(merge.pending().changed).toEqual([])
    merge.resolve('what', 'mine')
    expect(merge.conflicts.value).toEqual([])
    expect(merge.pending().patch).toEqual({ what: 'Huisbezoek (politie)' })
  })

  it('takes the colleague\'s value with "take theirs" and then writes nothing for it', async () => {
    const { remote, merge } = editForm()
    merge.values.what = 'Huisbezoek (politie)'
    remote.value = { ...OPENED, what: 'Huisbezoek (Veilig Thuis)' }
    await nextTick()
    merge.resolve('what', 'theirs')
    expect(merge.values.what).toBe('Huisbezoek (Veilig Thuis)')
    expect(merge.pending()).toEqual({ patch: {}, conflicts: [], changed: [] })
  })

  it('counts a preset value (a status picked in the row) as the user\'s change', () => {
    const { merge } = editForm({ status: 'blocked' })
    expect(merge.values.status).toBe('blocked')
    expect(merge.pending().changed).toEqual(['status'])
  })

  it('after a save, takes its values as the new baseline', async () => {
    const { remote, merge } = editForm()
    merge.values.due = '2026-12-20'
    merge.settle()
    expect(merge.pending().changed).toEqual([])
    remote.value = { ...OPENED, due: '2026-12-20' }
    await nextTick()
    expect(merge.conflicts.value).toEqual([])
  })

  it('stops following once its scope is gone', async () => {
    const { remote, merge, stop } = editForm()
    stop()
    remote.value = { ...OPENED, what: 'Later' }
    await nextTick()
    expect(merge.values.what).toBe('Huisbezoek')
  })
})

describe('an add form\'s values', () => {
  it('starts from its initial values, offers every field, and empties after a save', () => {
    const scope = effectScope()
    const merge = scope.run(() => useFormMerge({ fields: () => FIELDS, initial: () => ({ status: 'open' }), remote: () => undefined, preset: () => ({ status: 'done' }) }))!
    expect({ ...merge.values }).toEqual({ what: '', due: '', status: 'open' })
    merge.values.what = 'Nieuw'
    expect(merge.pending().changed).toEqual(['what', 'due', 'status'])
    merge.settle()
    expect(merge.values.what).toBe('')
    scope.stop()
  })
})
