/**
 * Who may read and write which document: the one place ring rules live (DOMAIN.md §5).
 * Pure functions; the doc hub, the HTTP routes and (later) the meeting handlers ask here.
 */
import type { CaseAbilitiesDto, MemberRole, Ring } from '../../shared/api/schemas'
import { entriesFor, writeAbilitiesFor } from '../../shared/plan/abilities'
import { WRITE_RULES, type WriteRules } from '../../shared/plan/writeEntries'
import type { SessionUser } from '../auth/sessions'
import type { DocRef } from '../../shared/protocol/docName'

/** A user's membership of one case. */
export interface Membership {
  ring: Ring
  role: MemberRole
  /** Casusregisseur: manages members and follow-up. */
  isCaseDirector: boolean
}

/** What a connection may do with one document, and the membership it follows from. */
export interface DocAccess {
  canRead: boolean
  canWrite: boolean
  /** The reader's ring and role; null without membership. What they may write is writePolicy.ts. */
  ring: Ring | null
  role: MemberRole | null
  /** Delete items outright: set only by the case director's audited purge (purgeAccess), never for a socket. */
  canPurge?: boolean
}

const NONE: DocAccess = { canRead: false, canWrite: false, ring: null, role: null }

/**
 * Access to a case document:
 * - `plan` (fit for a school to read): both rings read; everyone but readers writes.
 * - `inner`: inner ring only, read-only for readers; the outer ring gets nothing, not a byte.
 * Meeting documents are decided by meeting participation (not built yet): denied.
 */
export function decideDocAccess(membership: Membership | null, doc: DocRef): DocAccess {
  if (!membership) return NONE
  if (doc.kind !== 'case') return NONE
  const canWrite = membership.role !== 'reader'
  const granted = { canRead: true, canWrite, ring: membership.ring, role: membership.role }
  if (doc.part === 'plan') return granted
  if (membership.ring === 'inner') return granted
  return NONE
}

/** Only the case director (casusregisseur) manages the members of a case. */
export function canManageMembers(membership: Membership | null): boolean {
  return membership?.isCaseDirector === true
}

/**
 * Organisation kinds that register cases (aanmelding: Veilig Thuis, the Zorg- en
 * Veiligheidshuis, the municipal teams that usually hold casusregie). Partners who are
 * at the table for a case (police, probation, schools, care) join cases; they do not
 * open them, and an outer-ring school could otherwise create a case and add anyone.
 * The privacy officer audits and never creates.
 */
export const CASE_REGISTERING_KINDS: readonly string[] = ['veilig-thuis', 'zvh', 'wijkteam', 'jeugdteam']

/** Whether a user may create a case. */
export function canCreateCase(user: SessionUser): boolean {
  return !user.isPrivacyOfficer && CASE_REGISTERING_KINDS.includes(user.organisationKind)
}

/** Who may run meetings of a case: a binnenring chair, or the case director. */
export function canRunMeetings(m: Membership): boolean {
  return m.ring === 'inner' && (m.role === 'chair' || m.isCaseDirector)
}

/**
 * What a member may do in their case (the abilities the client shows). What they may
 * write is the write rules' entries that apply to them (`writes`), the same data the
 * write guard judges by; the lists beside it are derived from it for older pages.
 * @param organisation the name of the member's organisation (the session's).
 * @param rules the write rules (a test passes rules with an entry switched off).
 */
export function caseAbilities(m: Membership, organisation: string, rules: WriteRules = WRITE_RULES): CaseAbilitiesDto {
  const isInner = m.ring === 'inner'
  const writes = writeAbilitiesFor(rules, { ring: m.ring, role: m.role, organisation })
  const actions = entriesFor(writes, 'plan', 'actions')
  return {
    canReadInner: isInner,
    planWritable: Object.keys(writes.plan),
    innerWritable: isInner ? Object.keys(writes.inner) : [],
    ownActionsOnly: actions.length > 0 && actions.every((e) => e.may !== 'write' && e.when !== undefined && 'ownOrganisation' in e.when),
    writes,
    canManageMembers: m.isCaseDirector,
    canRunMeetings: canRunMeetings(m),
    canSeeMembers: isInner,
  }
}

/**
 * The access of the case director's purge (http/routes/purge.ts): their document access
 * plus `canPurge`, for a binnenring case director who writes; null for anyone else.
 */
export function purgeAccess(membership: Membership | null, doc: DocRef): DocAccess | null {
  if (!membership?.isCaseDirector || membership.ring !== 'inner') return null
  const access = decideDocAccess(membership, doc)
  return access.canWrite ? { ...access, canPurge: true } : null
}
