import { onScopeDispose, readonly, ref, type Ref } from 'vue'

/**
 * Whether the browser says it has a network (`navigator.onLine`), updated at once by the
 * window's `online` and `offline` events; a dropped network otherwise shows only when a
 * socket times out, some 30 s later. Stops listening with the calling scope.
 */
export function useBrowserOnline(): Readonly<Ref<boolean>> {
  const isOnline = ref(typeof navigator === 'undefined' ? true : navigator.onLine)
  const handleOnline = (): void => {
    isOnline.value = true
  }
  const handleOffline = (): void => {
    isOnline.value = false
  }
  window.addEventListener('online', handleOnline)
  window.addEventListener('offline', handleOffline)
  onScopeDispose(() => {
    window.removeEventListener('online', handleOnline)
    window.removeEventListener('offline', handleOffline)
  })
  return readonly(isOnline)
}
