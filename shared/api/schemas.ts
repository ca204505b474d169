/**
 * zod schemas of the JSON API's request bodies, and the TypeScript shapes of its
 * responses. The server parses every body with these; the client uses the types.
 * The field names are a public contract (docs/API.md).
 */
import { z } from 'zod'
import type { WriteAbilities } from '../plan/abilities'
import type { PlanDiff } from '../plan/diff'
import type { PlanJson } from '../plan/planJson'
import { lowerUuid, safeString } from '../text'

/** Ring of a case member: binnenring (inner) or buitenring (outer). */
export const ringSchema = z.enum(['inner', 'outer'])
export type Ring = z.infer<typeof ringSchema>

/** Role of a case member. The case director (casusregisseur) is a flag, not a role. */
export const memberRoleSchema = z.enum(['member', 'reader', 'chair'])
export type MemberRole = z.infer<typeof memberRoleSchema>

/** Longest accepted e-mail address (RFC 5321 path limit). */
const MAX_EMAIL = 254
/** Passwords longer than this are refused before hashing (hashing cost, DoS). */
const MAX_PASSWORD = 256

/** `POST /api/session` */
export const loginBodySchema = z.strictObject({
  email: safeString().trim().toLowerCase().max(MAX_EMAIL).pipe(z.email()),
  password: safeString().min(1, 'password is empty').max(MAX_PASSWORD),
})
export type LoginBody = z.infer<typeof loginBodySchema>

/** `POST /api/cases` */
export const createCaseBodySchema = z.strictObject({
  title: safeString().trim().min(1, 'title is empty').max(200),
})
export type CreateCaseBody = z.infer<typeof createCaseBodySchema>

/** `POST /api/cases/:id/members`: a partner found in the directory (`userId`) or by exact e-mail. */
export const addMemberBodySchema = z.union([
  z.strictObject({ userId: lowerUuid(), ring: ringSchema, role: memberRoleSchema }),
  z.strictObject({ email: safeString().trim().toLowerCase().max(MAX_EMAIL).pipe(z.email()), ring: ringSchema, role: memberRoleSchema }),
], { error: 'give userId or email, with ring and role' })
export type AddMemberBody = z.infer<typeof addMemberBodySchema>

/** `PATCH /api/cases/:id/members/:userId` */
export const updateMemberBodySchema = z.strictObject({
  ring: ringSchema.optional(),
  role: memberRoleSchema.optional(),
  isCaseDirector: z.boolean().optional(),
}).refine((b) => b.ring !== undefined || b.role !== undefined || b.isCaseDirector !== undefined, 'give ring, role or isCaseDirector')
export type UpdateMemberBody = z.infer<typeof updateMemberBodySchema>

/** `GET /api/cases/:id/candidates?q=`: a name or organisation to look for. */
export const candidateQuerySchema = z.strictObject({ q: safeString().trim().min(2, 'type at least 2 characters').max(100) })

/** A uuid path parameter, in any case; lower case from here on (ids are stored lower case). */
export const uuidParamSchema = lowerUuid()

/** An organisation as the API shows it. */
export interface OrganisationDto {
  id: string
  name: string
  kind: string
}

/** `GET /api/me`, and the body of a successful `POST /api/session`. */
export interface MeDto {
  id: string
  email: string
  name: string
  organisation: OrganisationDto
}

/** One entry of `GET /api/cases`. */
export interface CaseSummaryDto {
  id: string
  code: string
  title: string
  ring: Ring
  role: MemberRole
  isCaseDirector: boolean
  createdAt: string
}

/** A member as listed in `GET /api/cases/:id`. */
export interface CaseMemberDto {
  userId: string
  email: string
  name: string
  organisation: OrganisationDto
  ring: Ring
  role: MemberRole
  isCaseDirector: boolean
}

/**
 * What the caller may do in one case, decided by the server (server/access/policy.ts):
 * the client shows what these allow and never works a ring rule out itself.
 */
export interface CaseAbilitiesDto {
  canReadInner: boolean
  /** Root types of `case/<id>/plan` the caller may write something of (some only under a condition: see `writes`). */
  planWritable: string[]
  /** Root types of `case/<id>/inner` the caller may write something of. */
  innerWritable: string[]
  /** Actions the caller adds and changes are their own organisation's only (the buitenring). Kept for older pages; read `writes`. */
  ownActionsOnly: boolean
  /**
   * The write rules that apply to the caller, per root (shared/plan/writeEntries.ts), with
   * the caller's ring, role and organisation: the client asks the shared predicates of
   * shared/plan/abilities.ts over these, the same the server's write guard asks.
   */
  writes: WriteAbilities
  canManageMembers: boolean
  canRunMeetings: boolean
  /** Whether `members` lists everyone (the buitenring sees no member list). */
  canSeeMembers: boolean
}

/** `GET /api/cases/:id` */
export interface CaseDetailDto extends CaseSummaryDto {
  startDate: string
  /** Everyone for the binnenring; empty for the buitenring (minimisation). */
  members: CaseMemberDto[]
  abilities: CaseAbilitiesDto
}

/** One partner found by `GET /api/cases/:id/candidates`: no e-mail address. */
export interface CandidateDto {
  userId: string
  name: string
  organisation: OrganisationDto
  /** Already a member of this case. */
  isMember: boolean
}

/** Error body of every failed API call. */
export interface ErrorDto {
  error: { code: string; message: string; issues?: { path: string; message: string }[] }
}

/** One fictional demo login, as `GET /api/config` lists it in demo mode (never a password). */
export interface DemoAccountDto {
  email: string
  name: string
  organisation: string
  ring: Ring
  role: MemberRole
  isPrivacyOfficer: boolean
}

/** `GET /api/config`: what the server tells an anonymous visitor about itself. */
export interface AppConfigDto {
  demo: boolean
  demoAccounts: DemoAccountDto[]
}

/** `POST /api/cases/:id/versions/:n/ack` */
export const ackBodySchema = z.strictObject({
  objection: safeString().trim().max(2000, 'is too long (at most 2000 characters)').optional(),
})

/** A version number in a path. */
export const versionParamSchema = z.coerce.number({ error: 'must be a version number' }).int().min(1).max(1_000_000)

/** One entry of `GET /api/cases/:id/versions`. */
export interface VersionSummaryDto {
  n: number
  adoptedAt: string
  meetingId: string | null
  adoptedBy: { userId: string; name: string; organisation: string }
  acknowledged: boolean
}

/** One entry of `GET /api/inbox`: a case code and a version, never plan content. */
export interface NoticeDto {
  id: string
  kind: 'version-adopted'
  caseId: string
  caseCode: string
  version: number | null
  createdAt: string
  readAt: string | null
}

/** `GET /api/cases/:id/versions/:n`. */
export interface VersionDetailDto {
  n: number
  adoptedAt: string
  adoptedBy: { userId: string; name: string; organisation: string }
  meetingId: string | null
  plan: PlanJson
}

/** `GET /api/cases/:id/versions/:n/diff`. */
export interface VersionDiffDto {
  from: number | null
  to: number
  diff: PlanDiff
}

/** One member in `GET /api/cases/:id/versions/:n/acks`. */
export interface VersionAckDto {
  userId: string
  name: string
  organisation: string
  ackedAt: string | null
  objection: string | null
}

/** One recorded change of one field of a plan item (`GET /api/cases/:id/items/:section/:itemId/history`), newest first. */
export interface ItemChangeDto {
  field: string
  from: unknown
  to: unknown
  by: string
  organisation: string
  at: string
}
