import {
  computed,
  onScopeDispose,
  readonly,
  ref,
  shallowReadonly,
  shallowRef,
  toValue,
  watch,
  type ComputedRef,
  type Ref,
  type ShallowRef,
} from 'vue'
import { useI18n } from 'vue-i18n'
import * as Y from 'yjs'
import { WebsocketProvider } from 'y-websocket'
import type { IndexeddbPersistence } from 'y-indexeddb'
import type { Awareness } from 'y-protocols/awareness'
import { CloseCode, isTerminalCloseCode } from '../../shared/protocol/closeCodes'
import { parseDocName } from '../../shared/protocol/docName'
import type { AwarenessUser } from '../collab/awarenessUser'
import { closeMessageKey } from '../collab/closeCodeMessage'
import { deleteLocalCopy, openLocalCopy } from '../collab/localCopy'
import { organisationColor } from '../collab/organisationColor'
import { createRefusalRecovery, type RefusalRecovery, type UnsavedEdit } from '../collab/refusalRecovery'
import { createResetBudget } from '../collab/resetBudget'

/** Connection state of a collaborative document as the UI shows it. */
export type CollabStatus = 'connecting' | 'connected' | 'disconnected' | 'denied'

/** Who the local user is, as announced to the other people in the document. */
export interface CollabUser {
  /** The user's id: names the browser's own copy of the document (one per user). */
  id: string
  name: string
  organisation: string
}

/** A change of this client the server refused (close code 4409); nothing of it was stored. */
export interface CollabRefusal {
  /** When the refusal arrived (ms since the epoch); tells two refusals apart. */
  at: number
  /** The server's short English reason from the close frame (no plan content). */
  reason: string
}

/**
 * What {@link useCollabDoc} returns. `doc`, `provider` and `awareness` are replaced when
 * the doc name changes or after a refused update; `generation` counts those replacements.
 */
export interface CollabDoc {
  doc: Readonly<ShallowRef<Y.Doc>>
  provider: Readonly<ShallowRef<WebsocketProvider>>
  awareness: Readonly<ShallowRef<Awareness>>
  /** The awareness `user` field of this client (also what the caret shows). */
  localUser: ComputedRef<AwarenessUser>
  status: Readonly<Ref<CollabStatus>>
  synced: Readonly<Ref<boolean>>
  /** Close code of the last server close, or null while connected. */
  closeCode: Readonly<Ref<number | null>>
  /** Localised explanation of {@link closeCode}, or null. */
  closeReason: ComputedRef<string | null>
  /**
   * Starts at 0 and grows with every fresh session (new Y.Doc and provider). Whatever
   * holds on to `doc.value` or `provider.value` must be re-created when it changes.
   */
  generation: Readonly<Ref<number>>
  /** The last refused change, until dismissed; the session was started afresh after it. */
  refusal: Readonly<Ref<CollabRefusal | null>>
  /** Hides {@link refusal}. */
  dismissRefusal: () => void
  /**
   * Edits the server refused, each with what the partner wrote and why, kept until
   * dismissed; the other unsent edits were written again (refusalRecovery.ts).
   */
  unsaved: ComputedRef<readonly UnsavedEdit[]>
  /** Hides one of {@link unsaved}. */
  dismissUnsaved: (id: string) => void
}

interface CollabSession {
  doc: Y.Doc
  provider: WebsocketProvider
  /** The browser's own copy (IndexedDB): offline edits survive a closed tab. */
  localCopy: IndexeddbPersistence
}

/** Close codes after which the user may not open the document: its local copy goes. */
const ACCESS_GONE_CODES: readonly number[] = [CloseCode.Forbidden, CloseCode.AccessRevoked]

/** Recovery of unsent edits after a refusal: plan documents only (their root rules cut the units). */
function recoveryFor(docName: string): RefusalRecovery | null {
  const ref = parseDocName(docName)
  return ref?.kind === 'case' ? createRefusalRecovery(ref.part) : null
}

/** The doc hub's websocket endpoint on the page's own origin (the cookie authenticates). */
function collabServerUrl(): string {
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws'
  return `${scheme}://${window.location.host}/collab`
}

function openSession(docName: string, userId: string, user: AwarenessUser): CollabSession {
  const doc = new Y.Doc()
  // Before the provider: what an earlier visit left unsent loads into the doc and goes
  // out with the sync handshake (or as an update, if the socket is quicker).
  const localCopy = openLocalCopy(userId, docName, doc)
  const provider = new WebsocketProvider(collabServerUrl(), docName, doc, {
    // Only the server may decide what reaches this tab: no cross-tab shortcut that would
    // bypass a revocation or a read-only connection.
    disableBc: true,
    shouldReconnect: (event) => !isTerminalCloseCode(event.code),
  })
  provider.awareness.setLocalStateField('user', user)
  return { doc, provider, localCopy }
}

/** Ends a session; resolves once its local copy is closed (so it can be deleted). */
function closeSession(session: CollabSession): Promise<void> {
  session.provider.destroy()
  const closed = session.localCopy.destroy()
  session.doc.destroy()
  return closed
}

/**
 * Opens a Yjs document on the doc hub through y-websocket and tracks its connection.
 * A terminal close code (4400–4499) ends in status `denied`: y-websocket stops
 * reconnecting and the user sees why. Except a refused update (4409): the local copy
 * then holds a change the server will never take (and a gap in this client's clock on
 * the server), so it is dropped and the document opened afresh, with everything the
 * server has; {@link CollabDoc.refusal} tells the page. The copy's other unsent edits are
 * not lost with it: they are written again into the fresh copy one by one, and the ones
 * refused again are listed in {@link CollabDoc.unsaved} with their text
 * (refusalRecovery.ts explains the rounds). Only a few fresh starts per minute that name
 * no refused edit (resetBudget.ts): after that it is `denied` too. Everything is torn
 * down with the calling scope.
 *
 * The document is also kept in the browser (IndexedDB, one database per user and
 * document, see localCopy.ts), so edits made offline survive a closed tab and are sent
 * on the next visit. The copy is deleted with a refused update (it holds that update)
 * and when the server says the user may not open the document (4403, 4410).
 * @param docName e.g. `case/<uuid>/plan`; when a ref changes, a new doc is opened.
 * @param user name and organisation shown to the others in the document.
 */
export function useCollabDoc(docName: Ref<string> | string, user: CollabUser): CollabDoc {
  const { t } = useI18n()
  const localUser = computed<AwarenessUser>(() => ({
    name: user.name,
    organisation: user.organisation,
    color: organisationColor(user.organisation),
  }))
  const status = ref<CollabStatus>('connecting')
  const synced = ref(false)
  const closeCode = ref<number | null>(null)
  const generation = ref(0)
  const refusal = ref<CollabRefusal | null>(null)
  const resets = createResetBudget()
  const unsaved = ref<UnsavedEdit[]>([])
  let recovery = recoveryFor(toValue(docName))
  let session = openSession(toValue(docName), user.id, localUser.value)
  const doc = shallowRef(session.doc)
  const provider = shallowRef(session.provider)
  const awareness = shallowRef(session.provider.awareness)

  function handleStatus(event: { status: 'connected' | 'disconnected' | 'connecting' }): void {
    if (status.value === 'denied') return
    status.value = event.status
    if (event.status === 'connected') closeCode.value = null
  }

  function handleConnectionClose(event: CloseEvent | null): void {
    synced.value = false
    // null means we closed it ourselves (destroy, watchdog): not a server decision.
    if (event?.code !== CloseCode.UpdateRefused) recovery?.handleDrop()
    if (event === null) return
    closeCode.value = event.code
    if (ACCESS_GONE_CODES.includes(event.code)) void session.localCopy.clearData()
    // A refusal is decided on `closed`, which y-websocket emits once it is done with the socket.
    const isDenied = isTerminalCloseCode(event.code) && event.code !== CloseCode.UpdateRefused
    status.value = isDenied ? 'denied' : 'disconnected'
  }

  function handleClosed(event: { code: number; reason: string }): void {
    if (event.code !== CloseCode.UpdateRefused) return
    const now = Date.now()
    // Before the copy goes: its unsent edits are recovered once the fresh copy synced.
    const willNameRefused = recovery?.handleRefusal(session.doc, event.reason) ?? false
    if (!willNameRefused && !resets.tryTake(now)) {
      // Refused again and again: stop at the close message (reload the page) instead of looping.
      refusal.value = null
      status.value = 'denied'
      return
    }
    refusal.value = { at: now, reason: event.reason }
    void restartWithoutLocalCopy(toValue(docName))
  }

  // The local copy holds the refused change: delete it before opening afresh, or the
  // next session would load it and be refused again.
  async function restartWithoutLocalCopy(name: string): Promise<void> {
    status.value = 'connecting'
    try {
      await closeSession(session)
      await deleteLocalCopy(user.id, name)
    } catch {
      // The copy could not be deleted: starting afresh would load the refused change again.
      status.value = 'denied'
      return
    }
    startSession(name)
  }

  function handleSync(isSynced: boolean): void {
    synced.value = isSynced
    if (!isSynced || !recovery) return
    const named = recovery.handleFreshSync(session.doc, Date.now())
    if (named.length === 0) return
    unsaved.value = [...unsaved.value, ...named]
    // The named edit says it all (what, why, the text): the general notice would repeat it.
    refusal.value = null
  }

  function listen(target: WebsocketProvider): void {
    target.on('status', handleStatus)
    target.on('connection-close', handleConnectionClose)
    target.on('closed', handleClosed)
    target.on('sync', handleSync)
  }

  function replaceSession(name: string): void {
    recovery = recoveryFor(name)
    void closeSession(session)
    startSession(name)
  }

  function startSession(name: string): void {
    session = openSession(name, user.id, localUser.value)
    status.value = 'connecting'
    synced.value = false
    closeCode.value = null
    listen(session.provider)
    doc.value = session.doc
    provider.value = session.provider
    awareness.value = session.provider.awareness
    generation.value++
  }

  listen(session.provider)
  watch(
    () => toValue(docName),
    (name, previous) => {
      if (name !== previous) replaceSession(name)
    },
  )
  watch(localUser, (next) => session.provider.awareness.setLocalStateField('user', next))
  onScopeDispose(() => void closeSession(session))

  const closeReason = computed(() => {
    if (closeCode.value === null) return null
    const ref = parseDocName(toValue(docName))
    return t(closeMessageKey(closeCode.value, ref?.kind === 'case' ? ref.part : null))
  })
  return {
    // shallowReadonly: a deep readonly proxy around a Y.Doc or provider would break them.
    doc: shallowReadonly(doc),
    provider: shallowReadonly(provider),
    awareness: shallowReadonly(awareness),
    localUser,
    status: readonly(status),
    synced: readonly(synced),
    closeCode: readonly(closeCode),
    closeReason,
    generation: readonly(generation),
    refusal: readonly(refusal),
    dismissRefusal: () => {
      refusal.value = null
    },
    unsaved: computed(() => unsaved.value),
    dismissUnsaved: (id) => {
      unsaved.value = unsaved.value.filter((edit) => edit.id !== id)
    },
  }
}
