import { onScopeDispose, shallowReadonly, shallowRef, type ShallowRef } from 'vue'
import type * as Y from 'yjs'

/** A Yjs type whose changes, nested ones included, can be observed (Y.Map, Y.Array, …). */
export interface DeepObservable {
  observeDeep(handler: () => void): void
  unobserveDeep(handler: () => void): void
}

/**
 * A reactive read of part of a Yjs document. Observes the given root types deeply
 * (`observeDeep`) and re-reads after every transaction that touches them, whoever made
 * it: this tab, a colleague, an undo. Unobserves with the calling scope.
 * @param doc the document; it stays the same for the scope's lifetime.
 * @param roots the root types the read depends on.
 * @param read builds the value from the document (e.g. `listActions`).
 */
export function useYSnapshot<T>(
  doc: Y.Doc,
  roots: (doc: Y.Doc) => readonly DeepObservable[],
  read: (doc: Y.Doc) => T,
): Readonly<ShallowRef<T>> {
  const value = shallowRef<T>(read(doc))
  const types = roots(doc)
  const handleChange = (): void => {
    value.value = read(doc)
  }
  for (const type of types) type.observeDeep(handleChange)
  onScopeDispose(() => {
    for (const type of types) type.unobserveDeep(handleChange)
  })
  return shallowReadonly(value)
}
