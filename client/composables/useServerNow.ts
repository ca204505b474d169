import { computed, onScopeDispose, ref, type ComputedRef, type Ref } from 'vue'

/** How often the countdown redraws: twice a second keeps the shown second honest. */
const TICK_MS = 500

/**
 * The server's clock as this page estimates it: the local clock plus the offset measured
 * on the newest meeting view, ticking twice a second. Stops with the calling scope.
 * @param offsetMs server clock minus local clock (useMeetingSocket's `clockOffsetMs`).
 */
export function useServerNow(offsetMs: Readonly<Ref<number>>): ComputedRef<number> {
  const localNow = ref(Date.now())
  const timer = setInterval(() => {
    localNow.value = Date.now()
  }, TICK_MS)
  onScopeDispose(() => clearInterval(timer))
  return computed(() => localNow.value + offsetMs.value)
}
