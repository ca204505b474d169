import { ref, type Ref } from 'vue'
import type { FormValues } from '../plan/formFields'
import { usePlanMutation, type PlanMutation } from './usePlanMutation'

/** What {@link useItemEdit} returns. */
export interface ItemEdit {
  /** The edit form's change, with its problems. */
  edit: PlanMutation
  /** The remove button's change, with its problems (shown beside the row, not in the form). */
  removal: PlanMutation
  /** Whether the row shows its edit form instead of itself. */
  isEditing: Ref<boolean>
  /** The form's save: writes only the changed fields and closes the form on success. */
  save: (values: FormValues, changed: readonly string[]) => boolean
  /** Closes the form and forgets its problems. */
  cancel: () => void
}

/**
 * The edit/remove state of one plan row: a row that opens its own edit form, saves only
 * the fields the user changed (a colleague's newer value elsewhere stays) and closes on success.
 * @param write writes the changed fields; throws a plan error for bad input.
 */
export function useItemEdit(write: (values: FormValues, changed: readonly string[]) => void): ItemEdit {
  const edit = usePlanMutation()
  const removal = usePlanMutation()
  const isEditing = ref(false)

  function save(values: FormValues, changed: readonly string[]): boolean {
    const isSaved = edit.run(() => write(values, changed))
    if (isSaved) isEditing.value = false
    return isSaved
  }

  function cancel(): void {
    isEditing.value = false
    edit.clear()
  }

  return { edit, removal, isEditing, save, cancel }
}
