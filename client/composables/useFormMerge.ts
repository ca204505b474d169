import { computed, reactive, watch, type ComputedRef } from 'vue'
import { mergeFields, rebaseFields, resolveConflict, type FieldMerge } from '../plan/fieldMerge'
import type { FormField, FormValues } from '../plan/formFields'

/** Where a form's values come from. */
export interface FormMergeSources {
  fields: () => readonly FormField[]
  /** An add form's starting values (filled once, and again after each save). */
  initial: () => FormValues | undefined
  /** An edit form's live item values: the form remembers them and follows their changes. */
  remote: () => FormValues | undefined
  /** Values an edit form opens with that are the user's changes already (e.g. a chosen status). */
  preset: () => FormValues | undefined
}

/** What {@link useFormMerge} returns. */
export interface FormMerge {
  /** What the inputs hold (bound with v-model). */
  values: FormValues
  /** Fields changed here and remotely to different values; empty for an add form. */
  conflicts: ComputedRef<string[]>
  /** The item's value of a field now. */
  remoteValue: (field: string) => string
  /** Settles a conflict with the colleague's value or the user's. */
  resolve: (field: string, choice: 'theirs' | 'mine') => void
  /** What to write: for an edit form only the fields the user changed, for an add form all. */
  pending: () => FieldMerge & { changed: string[] }
  /** After a save: an add form empties, an edit form takes its values as the new baseline. */
  settle: () => void
}

/**
 * The values of one plan form. An edit form (`remote` given) keeps the values it opened
 * with as its baseline, writes only what the user changed, lets fields the user did not
 * touch follow a colleague's change at once, and reports the fields both changed.
 */
export function useFormMerge(sources: FormMergeSources): FormMerge {
  const values = reactive<FormValues>({})
  const baseline = reactive<FormValues>({})
  const names = (): string[] => sources.fields().map((f) => f.name)
  const isEdit = (): boolean => sources.remote() !== undefined

  function fill(): void {
    const start = sources.remote() ?? sources.initial() ?? {}
    const preset = sources.remote() ? sources.preset() ?? {} : {}
    for (const name of names()) {
      baseline[name] = start[name] ?? ''
      values[name] = preset[name] ?? start[name] ?? ''
    }
  }
  // Filled once: a colleague's change must not wipe what is being typed (see the watch).
  fill()

  function apply(next: { baseline: FormValues; local: FormValues }): void {
    Object.assign(baseline, next.baseline)
    for (const [name, value] of Object.entries(next.local)) {
      if (values[name] !== value) values[name] = value
    }
  }

  // The parent's computed makes a new object on every change; compare by content.
  watch(() => JSON.stringify(sources.remote() ?? null), () => {
    const remote = sources.remote()
    if (remote) apply(rebaseFields(names(), baseline, remote, values))
  })

  const conflicts = computed(() => {
    const remote = sources.remote()
    return remote ? mergeFields(names(), baseline, remote, values).conflicts : []
  })

  function resolve(field: string, choice: 'theirs' | 'mine'): void {
    const remote = sources.remote()
    if (remote) apply(resolveConflict(field, choice, baseline, remote, values))
  }

  function pending(): FieldMerge & { changed: string[] } {
    const remote = sources.remote()
    if (!remote) return { patch: { ...values }, conflicts: [], changed: names() }
    const merge = mergeFields(names(), baseline, remote, values)
    return { ...merge, changed: Object.keys(merge.patch) }
  }

  function settle(): void {
    if (!isEdit()) {
      fill()
      return
    }
    for (const name of names()) baseline[name] = values[name] ?? ''
  }

  return { values, conflicts, remoteValue: (field) => String(sources.remote()?.[field] ?? ''), resolve, pending, settle }
}
