/**
 * The one place a plan version is adopted (DOMAIN.md §6): the case director's adoption
 * outside a meeting (REST) and a meeting's close both call `adoptVersion`. The version,
 * its notices and whatever the caller stores with it (the meeting's `closed` state) are
 * one PostgreSQL transaction (pg and PGlite alike), so a node killed half-way leaves
 * either all of it or none of it.
 */
import * as Y from 'yjs'
import { listActions, listInnerActions, type Action } from '../../shared/plan'
import type { DocStore } from '../collab/docStore'
import type { Db, Sql } from '../db/db'
import { readCaseStates } from '../plan/versionDocs'
import { listMembers, lockCase } from '../store/cases'
import { insertVersion } from '../store/versions'

/** What an adoption needs. */
export interface AdoptionDeps {
  db: Db
  store: DocStore
}

/** One adoption. */
export interface Adoption {
  caseId: string
  adoptedBy: string
  meetingId: string | null
  /**
   * Who was at the table (a meeting's present members and its chair), or null outside a
   * meeting. Told: every other member not present, and every member of an organisation
   * that owns an open action.
   */
  present: ReadonlySet<string> | null
}

/**
 * Runs in the adoption's transaction after the version and notices are inserted, with
 * the new version number. Resolves false to roll everything back (a lost compare-and-set).
 */
export type WithinAdoption = (tx: Sql, version: number) => Promise<boolean>

/** Thrown inside the transaction to roll it back; never leaves this module. */
class RolledBack extends Error {}

/**
 * Adopts the server's persisted state of the case's documents as its next version.
 * @returns the version number, or null when `within` asked for a rollback.
 */
export async function adoptVersion(deps: AdoptionDeps, a: Adoption, within?: WithinAdoption): Promise<number | null> {
  const states = await readCaseStates(deps.store, a.caseId)
  const notify = await whomToTell(deps.db, a, states)
  try {
    return await deps.db.transaction(async (tx) => {
      await lockCase(tx, a.caseId)
      const n = await insertVersion(tx, { caseId: a.caseId, adoptedBy: a.adoptedBy, meetingId: a.meetingId, ...states, notify })
      if (within && !(await within(tx, n))) throw new RolledBack()
      return n
    })
  } catch (err) {
    if (err instanceof RolledBack) return null
    throw err
  }
}

async function whomToTell(db: Db, a: Adoption, states: { planState: Uint8Array; innerState: Uint8Array }): Promise<string[]> {
  const members = await listMembers(db, a.caseId)
  const others = members.filter((m) => m.userId !== a.adoptedBy)
  if (a.present === null) return others.map((m) => m.userId)
  const present = a.present
  // Owners of the binnenring's own actions (a reclassering programme) are told too.
  const owners = new Set([...openActionOwners(states.planState, listActions), ...openActionOwners(states.innerState, listInnerActions)])
  return others.filter((m) => !present.has(m.userId) || owners.has(m.organisation.name)).map((m) => m.userId)
}

function openActionOwners(state: Uint8Array, list: (doc: Y.Doc) => readonly Action[]): Set<string> {
  const doc = new Y.Doc()
  try {
    Y.applyUpdate(doc, state)
    return new Set(list(doc).filter((a) => ['open', 'in-progress', 'blocked'].includes(a.status)).map((a) => a.ownerOrganisation))
  } finally {
    doc.destroy()
  }
}
