/**
 * Who owns each Yjs client id of a document. Every client id is visible to every reader
 * of the document, so without this any writer could write under a partner's id: a struct
 * forged at that id's next clock makes the server take the partner's own later edits for
 * ones it already has, and they vanish for everyone but their author. A user therefore
 * writes only under ids they introduced (on any connection, on any node): the first
 * update under a new id claims it in the database (`doc_clients`, one owner per id,
 * decided by the primary key when two nodes race), and an id that already has content
 * but no owner (written before this rule, or by the server) is nobody's to write under.
 */
import type { DocStore } from './docStore'

/** New client ids one update may introduce: a tab writes under one, a rare id change adds one. */
export const MAX_NEW_CLIENT_IDS_PER_UPDATE = 8

/** The owners of one document's client ids, cached from the database. */
export class ClientOwners {
  private readonly owners = new Map<number, string>()

  constructor(private readonly docName: string, private readonly store: DocStore) {}

  /** The owner of a client id as far as this node has looked it up, if any. */
  ownerOf(client: number): string | undefined {
    return this.owners.get(client)
  }

  /**
   * Checks that `userId` may write new structs under `clients`, claiming the ids that
   * are new to the document.
   * @param stateOf the document's clock per client id (after any catch-up).
   * @returns a refusal reason, or null.
   */
  async check(clients: readonly number[], userId: string, stateOf: (client: number) => number): Promise<string | null> {
    const unknown = clients.filter((c) => !this.owners.has(c))
    if (unknown.length > MAX_NEW_CLIENT_IDS_PER_UPDATE) return `update introduces more than ${MAX_NEW_CLIENT_IDS_PER_UPDATE} client ids`
    if (unknown.length > 0) {
      for (const [client, owner] of await this.store.ownersOf(this.docName, unknown)) this.owners.set(client, owner)
      const unclaimed = unknown.filter((c) => !this.owners.has(c))
      if (unclaimed.some((c) => stateOf(c) > 0)) return 'update writes under a client id that is not the writer\'s'
      if (unclaimed.length > 0) {
        for (const [client, owner] of await this.store.claimClients(this.docName, unclaimed, userId)) this.owners.set(client, owner)
      }
    }
    for (const c of clients) {
      if (this.owners.get(c) !== userId) return 'update writes under a client id that is not the writer\'s'
    }
    return null
  }
}
