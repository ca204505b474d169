import { computed, ref, type ComputedRef, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { refusalMessageOf } from '../collab/refusalMessage'
import { refusalReasonKey } from '../collab/refusalReason'
import type { UnsavedEdit } from '../collab/refusalRecovery'
import type { CollabDoc } from './useCollabDoc'

/** One refused edit as the notice shows it. */
export interface UnsavedEditView {
  id: string
  /** Which kind of item, and its own title when it has one. */
  what: string
  /** The plain Dutch (or English) why. */
  why: string
  /** The server's English reason, shown as a detail. */
  serverReason: string
  lines: { label: string; value: string }[]
  /** Everything above as text for the clipboard. */
  copyText: string
  dismiss: () => void
}

/** Enum fields whose values have labels, per root. */
const VALUE_LABELS: Readonly<Record<string, string>> = {
  'actions.status': 'plan.action.statuses',
  'agreements.status': 'plan.agreement.statuses',
  'results.status': 'plan.result.status',
}

/**
 * The edits the server refused in a page's documents (useCollabDoc's `unsaved`), in
 * words, with a copy to the clipboard, so nothing a partner typed disappears silently.
 * @param docs the page's open documents.
 */
export function useUnsavedEdits(docs: ComputedRef<readonly CollabDoc[]>): {
  edits: ComputedRef<UnsavedEditView[]>
  copyState: Ref<Record<string, 'copied' | 'failed'>>
  copy: (edit: UnsavedEditView) => Promise<void>
} {
  const { t, te } = useI18n()
  const copyState = ref<Record<string, 'copied' | 'failed'>>({})

  function label(root: string, field: string): string {
    if (field === root) return t(`collab.unsaved.roots.${root}`)
    return te(`plan.history.fields.${field}`) ? t(`plan.history.fields.${field}`) : field
  }

  function value(root: string, field: string, text: string): string {
    const prefix = VALUE_LABELS[`${root}.${field}`]
    return prefix && te(`${prefix}.${text}`) ? t(`${prefix}.${text}`) : text
  }

  /** A used-up share says which limit and whose (refusalMessage.ts); other reasons by kind. */
  function why(reason: string): string {
    const sectionLabel = (section: string) => (te(`collab.refusal.section.${section}`) ? t(`collab.refusal.section.${section}`) : section)
    const share = refusalMessageOf(reason, sectionLabel)
    return share.key === 'collab.refusal.message' ? t(refusalReasonKey(reason)) : t(share.key, share.params)
  }

  function toView(edit: UnsavedEdit, dismiss: () => void): UnsavedEditView {
    const kind = t(`collab.unsaved.roots.${edit.unit.root}`)
    const what = edit.text.title ? `${kind} “${edit.text.title}”` : kind
    const lines = edit.text.fields.map((f) => ({ label: label(edit.unit.root, f.field), value: value(edit.unit.root, f.field, f.value) }))
    const copyText = [what, ...lines.map((l) => `${l.label}: ${l.value}`)].join('\n')
    return { id: edit.id, what, why: why(edit.reason), serverReason: edit.reason, lines, copyText, dismiss }
  }

  const edits = computed(() =>
    docs.value.flatMap((collab) => collab.unsaved.value.map((edit) => toView(edit, () => collab.dismissUnsaved(edit.id)))),
  )

  async function copy(edit: UnsavedEditView): Promise<void> {
    try {
      await navigator.clipboard.writeText(edit.copyText)
      copyState.value = { ...copyState.value, [edit.id]: 'copied' }
    } catch {
      // No clipboard (permission, insecure page): the text stays on screen to select by hand.
      copyState.value = { ...copyState.value, [edit.id]: 'failed' }
    }
  }

  return { edits, copyState, copy }
}
