import { onScopeDispose } from 'vue'

/** Inputs whose own (native) undo must keep working: text being typed. */
const TEXT_INPUT_TYPES = new Set(['text', 'search', 'email', 'url', 'tel', 'password', 'number', 'date'])

function hasOwnUndo(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  // Rich-text editors (Tiptap) undo their own fragment, even when their stack is empty.
  if (target.isContentEditable || target.closest('.ProseMirror') !== null) return true
  if (target instanceof HTMLTextAreaElement) return true
  return target instanceof HTMLInputElement && TEXT_INPUT_TYPES.has(target.type)
}

/**
 * Ctrl+Z (⌘Z) undoes and Ctrl+Shift+Z / Ctrl+Y redoes the user's last plan change,
 * anywhere on the page except inside a rich-text editor or a text field, which keep
 * their own undo. Listens on the document until the calling scope ends.
 */
export function useUndoShortcuts(undo: () => void, redo: () => void): void {
  function handleKeydown(event: KeyboardEvent): void {
    if (event.defaultPrevented || event.altKey || !(event.ctrlKey || event.metaKey)) return
    if (hasOwnUndo(event.target)) return
    const key = event.key.toLowerCase()
    if (key === 'z') {
      event.preventDefault()
      if (event.shiftKey) redo()
      else undo()
    } else if (key === 'y' && !event.shiftKey) {
      event.preventDefault()
      redo()
    }
  }
  document.addEventListener('keydown', handleKeydown)
  onScopeDispose(() => document.removeEventListener('keydown', handleKeydown))
}
