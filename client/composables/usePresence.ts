import { readonly, shallowRef, watch, type Ref, type ShallowRef } from 'vue'
import type { Awareness } from 'y-protocols/awareness'
import { collectPresence, type PresenceEntry } from '../collab/presence'

/**
 * Who is in a document right now, kept up to date from its awareness. Follows the
 * awareness instance when it is replaced (another doc opened) and unsubscribes with
 * the calling scope.
 * @param awareness the `awareness` ref returned by `useCollabDoc`.
 */
export function usePresence(awareness: Readonly<ShallowRef<Awareness>>): {
  people: Readonly<Ref<readonly PresenceEntry[]>>
} {
  const people = shallowRef<readonly PresenceEntry[]>([])

  watch(
    awareness,
    (current, _previous, onCleanup) => {
      const handleChange = (): void => {
        people.value = collectPresence(current.getStates(), current.clientID)
      }
      handleChange()
      // `change` fires when someone joins, leaves or changes their state, not on heartbeats.
      current.on('change', handleChange)
      onCleanup(() => current.off('change', handleChange))
    },
    { immediate: true },
  )

  return { people: readonly(people) }
}
