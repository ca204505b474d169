import { readonly, ref, shallowReadonly, shallowRef, type Ref, type ShallowRef } from 'vue'
import { getTerugblik, type TerugblikDto } from '../api/meetings'

/** What {@link useTerugblik} returns. */
export interface TerugblikState {
  terugblik: Readonly<ShallowRef<TerugblikDto | null>>
  error: Readonly<Ref<unknown>>
}

/**
 * Loads, once for the calling component, the objections to the case's latest version and
 * who has not acknowledged it (the Terugblik item, binnenring only). Never rejects.
 */
export function useTerugblik(meetingId: string): TerugblikState {
  const terugblik = shallowRef<TerugblikDto | null>(null)
  const error = ref<unknown>(null)
  getTerugblik(meetingId).then((value) => {
    terugblik.value = value
  }, (e: unknown) => {
    error.value = e
  })
  return { terugblik: shallowReadonly(terugblik), error: readonly(error) }
}
