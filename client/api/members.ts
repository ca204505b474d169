/**
 * The member routes of a case (docs/API.md): search for partners, add, change, remove.
 * Only the case director gets anything but 403 from these.
 */
import type { AddMemberBody, CandidateDto, CaseMemberDto, UpdateMemberBody } from '../../shared/api/schemas'
import { apiRequest, deleteResource, getJson, postJson } from './http'

const membersPath = (caseId: string) => `/api/cases/${encodeURIComponent(caseId)}/members`

/**
 * Partners whose name or organisation contains `query` (2 to 100 characters).
 * @throws {ApiError} `forbidden` for anyone but the case director, `invalid_input`.
 */
export function searchCandidates(caseId: string, query: string): Promise<CandidateDto[]> {
  return getJson<CandidateDto[]>(`/api/cases/${encodeURIComponent(caseId)}/candidates?q=${encodeURIComponent(query)}`)
}

/**
 * Adds a partner found by {@link searchCandidates} with a ring and role.
 * @throws {ApiError} `forbidden`, `not_found` (no such partner).
 */
export function addMember(caseId: string, body: AddMemberBody): Promise<CaseMemberDto> {
  return postJson<CaseMemberDto>(membersPath(caseId), body)
}

/**
 * Changes a member's ring, role or case-director flag.
 * @throws {ApiError} `forbidden`, `not_found`, `conflict` (the last case director).
 */
export function updateMember(caseId: string, userId: string, body: UpdateMemberBody): Promise<CaseMemberDto> {
  return apiRequest<CaseMemberDto>('PATCH', `${membersPath(caseId)}/${encodeURIComponent(userId)}`, body)
}

/**
 * Removes a member: their open documents close at once.
 * @throws {ApiError} `forbidden`, `not_found`, `conflict` (the last case director).
 */
export function removeMember(caseId: string, userId: string): Promise<void> {
  return deleteResource(`${membersPath(caseId)}/${encodeURIComponent(userId)}`)
}
