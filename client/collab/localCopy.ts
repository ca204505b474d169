/**
 * The browser's own copy of a collaborative document (y-indexeddb), so edits made
 * offline survive a closed tab or a crashed browser and go out on the next visit. One
 * IndexedDB database per user and document: another account on the same browser never
 * sees, restores or re-sends it. Wiped at logout, after a refused update, and when the
 * server says the user may no longer open the document.
 */
import type * as Y from 'yjs'
import { IndexeddbPersistence } from 'y-indexeddb'

/** Prefix of every database this app creates; the user id follows, then the doc name. */
export const LOCAL_COPY_PREFIX = 'samenspel:'

/** Name of the IndexedDB database holding `userId`'s copy of `docName`. */
export function localCopyName(userId: string, docName: string): string {
  return `${LOCAL_COPY_PREFIX}${userId}:${docName}`
}

/**
 * Starts keeping `doc` in IndexedDB and loads what an earlier visit left there into it.
 * @returns the persistence; destroy it (or the doc) to stop.
 */
export function openLocalCopy(userId: string, docName: string, doc: Y.Doc): IndexeddbPersistence {
  const copy = new IndexeddbPersistence(localCopyName(userId, docName), doc)
  // Another tab's logout deletes the database and the browser closes this connection
  // first: stop storing, or the next change would throw on the closed database.
  void copy._db.then((db) => db.addEventListener('versionchange', () => void copy.destroy()))
  return copy
}

/**
 * Deletes one database. Resolves once it is deleted, or once the browser says another
 * connection blocks it: the deletion then runs when that closes (a page being left), and
 * an open that comes later waits for it.
 * @throws the browser's error when the deletion fails.
 */
function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name)
    request.onsuccess = () => resolve()
    request.onblocked = () => resolve()
    request.onerror = () => reject(request.error ?? new Error(`could not delete ${name}`))
  })
}

/**
 * Deletes `userId`'s copy of one document.
 * @throws the browser's error when the deletion fails.
 */
export function deleteLocalCopy(userId: string, docName: string): Promise<void> {
  return deleteDatabase(localCopyName(userId, docName))
}

/**
 * Deletes every copy `userId` has in this browser (at logout).
 * @throws the browser's error when listing or a deletion fails.
 */
export async function deleteLocalCopies(userId: string): Promise<void> {
  const prefix = localCopyName(userId, '')
  const databases = await indexedDB.databases()
  const names = databases.map((db) => db.name).filter((name): name is string => name !== undefined && name.startsWith(prefix))
  await Promise.all(names.map(deleteDatabase))
}
