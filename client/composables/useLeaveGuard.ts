import { onScopeDispose, type Ref } from 'vue'

/**
 * Asks before the page is closed or reloaded while `hasUnsaved` is true (the browser's
 * own `beforeunload` dialog; its text cannot be set). Stops with the calling scope.
 */
export function useLeaveGuard(hasUnsaved: Readonly<Ref<boolean>>): void {
  const handleBeforeUnload = (event: BeforeUnloadEvent): void => {
    if (!hasUnsaved.value) return
    event.preventDefault()
    // Older Chromium shows the dialog only when returnValue is set.
    event.returnValue = ''
  }
  window.addEventListener('beforeunload', handleBeforeUnload)
  onScopeDispose(() => window.removeEventListener('beforeunload', handleBeforeUnload))
}
