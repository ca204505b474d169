import { FALLBACK_USER_COLOR, caretLabel, parseAwarenessUser } from './awarenessUser'

/**
 * Builds the DOM of another person's caret for Tiptap's CollaborationCaret: a thin
 * coloured bar with a label "name (organisation)" above it (styled in styles.css).
 * The awareness state is untrusted, so it is parsed and only ever set as text.
 * @param user the `user` field of a remote awareness state.
 */
export function renderCaret(user: Record<string, unknown>): HTMLElement {
  const parsed = parseAwarenessUser({ user })
  const color = parsed?.color ?? FALLBACK_USER_COLOR
  const caret = document.createElement('span')
  caret.classList.add('collaboration-carets__caret')
  // A visual hint only: screen readers would otherwise read the label inside the text.
  caret.setAttribute('aria-hidden', 'true')
  caret.style.borderColor = color
  const label = document.createElement('div')
  label.classList.add('collaboration-carets__label')
  label.style.backgroundColor = color
  label.textContent = parsed ? caretLabel(parsed) : '?'
  caret.append(label)
  return caret
}
