import { computed, readonly, ref, type ComputedRef, type Ref } from 'vue'

/** Keys that never pick a value themselves; they do not start a keyboard draft. */
const NON_SELECTING_KEYS: ReadonlySet<string> = new Set(['Enter', 'Escape', 'Tab', 'Shift', 'Control', 'Alt', 'Meta'])

/** What {@link useConfirmedSelect} needs. */
export interface ConfirmedSelectOptions {
  /** The stored value (from the shared plan). */
  value: () => string
  /** Writes a confirmed value to the plan; returns whether it was stored. */
  commit: (value: string) => boolean
}

/** What {@link useConfirmedSelect} returns; the handlers take plain values, not DOM events. */
export interface ConfirmedSelect {
  /** What the select shows: the keyboard draft, else the stored value. */
  shown: ComputedRef<string>
  /** Whether a value picked with the keyboard waits for confirmation. */
  isPending: ComputedRef<boolean>
  /** The draft, null when there is none. */
  draft: Readonly<Ref<string | null>>
  /** A key went down on the select; returns whether its default must be prevented. */
  handleKeydown: (key: string) => boolean
  /** The key's own effects (a change it caused) are over. */
  handleKeyEnd: () => void
  /** The select's `change` event with its new value. */
  handleChange: (value: string) => void
  /** Focus left the select (and its confirm buttons): leaving is a confirmation. */
  handleLeave: () => void
  /** Writes the draft (Enter, the confirm button); returns whether something was stored. */
  confirm: () => boolean
  /** Drops the draft (Escape, the cancel button). */
  cancel: () => void
}

/**
 * A select whose keyboard choice is a draft: ArrowDown or type-ahead on a closed select
 * fires `change` at once in Chromium, which must not reach the shared plan. A change
 * that no key caused (a pick with the mouse or from the open list) commits at once; a
 * keyboard change waits for Enter, the confirm button or leaving the field.
 */
export function useConfirmedSelect(options: ConfirmedSelectOptions): ConfirmedSelect {
  const draft = ref<string | null>(null)
  // True between a selecting keydown and the end of its effects (the change it fires).
  let isKeyChange = false
  const shown = computed(() => draft.value ?? options.value())
  const isPending = computed(() => draft.value !== null && draft.value !== options.value())

  function confirm(): boolean {
    const value = draft.value
    draft.value = null
    if (value === null || value === options.value()) return false
    return options.commit(value)
  }

  function cancel(): void {
    draft.value = null
  }

  function handleKeydown(key: string): boolean {
    if (key === 'Enter') {
      confirm()
      return true
    }
    if (key === 'Escape' && isPending.value) {
      cancel()
      return true
    }
    if (!NON_SELECTING_KEYS.has(key)) isKeyChange = true
    return false
  }

  function handleKeyEnd(): void {
    isKeyChange = false
  }

  function handleChange(value: string): void {
    draft.value = value
    if (!isKeyChange) confirm()
  }

  function handleLeave(): void {
    if (isPending.value) confirm()
    else draft.value = null
  }

  return { shown, isPending, draft: readonly(draft), handleKeydown, handleKeyEnd, handleChange, handleLeave, confirm, cancel }
}
