/**
 * zod schemas of the JSON API's request bodies, and the TypeScript shapes of its
 * responses. The server parses every body with these; the client uses the types.
 * The field names are a public contract (docs/API.md).
 */
import { z } from 'zod'

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
  email: z.string().trim().toLowerCase().max(MAX_EMAIL).pipe(z.email()),
  password: z.string().min(1, 'password is empty').max(MAX_PASSWORD),
})
export type LoginBody = z.infer<typeof loginBodySchema>

/** `POST /api/cases` */
export const createCaseBodySchema = z.strictObject({
  title: z.string().trim().min(1, 'title is empty').max(200),
})
export type CreateCaseBody = z.infer<typeof createCaseBodySchema>

/** `POST /api/cases/:id/members` */
export const addMemberBodySchema = z.strictObject({
  email: z.string().trim().toLowerCase().max(MAX_EMAIL).pipe(z.email()),
  ring: ringSchema,
  role: memberRoleSchema,
})
export type AddMemberBody = z.infer<typeof addMemberBodySchema>

/** A uuid path parameter. */
export const uuidParamSchema = z.uuid()

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

/** `GET /api/cases/:id` */
export interface CaseDetailDto extends CaseSummaryDto {
  startDate: string
  members: CaseMemberDto[]
}

/** Error body of every failed API call. */
export interface ErrorDto {
  error: { code: string; message: string; issues?: { path: string; message: string }[] }
}
