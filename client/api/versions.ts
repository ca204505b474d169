/**
 * The version routes of a case and the inbox (docs/API.md): adopted plan versions, their
 * diff, acknowledgements and the caller's notices.
 */
import type { NoticeDto, VersionAckDto, VersionDetailDto, VersionDiffDto, VersionSummaryDto } from '../../shared/api/schemas'
import { getJson, postJson } from './http'

// The response shapes live with the others in shared/api/schemas.ts (the server types its answers with them).
export type { VersionAckDto, VersionDetailDto, VersionDiffDto } from '../../shared/api/schemas'

const versionsPath = (caseId: string) => `/api/cases/${encodeURIComponent(caseId)}/versions`

/**
 * The case's adopted versions, newest first.
 * @throws {ApiError} `forbidden` for non-members.
 */
export function listVersions(caseId: string): Promise<VersionSummaryDto[]> {
  return getJson<VersionSummaryDto[]>(versionsPath(caseId))
}

/**
 * Adopts the live plan as the next version (case director, outside a meeting).
 * @returns the new version number.
 * @throws {ApiError} `forbidden` for anyone but the case director.
 */
export async function adoptVersion(caseId: string): Promise<number> {
  const answer = await postJson<{ ok: true; version: number }>(versionsPath(caseId), {})
  return answer.version
}

/**
 * One version's plan, filtered for the caller's ring.
 * @throws {ApiError} `forbidden`, `not_found`.
 */
export function getVersion(caseId: string, n: number): Promise<VersionDetailDto> {
  return getJson<VersionDetailDto>(`${versionsPath(caseId)}/${n}`)
}

/**
 * What changed from version `from` (or from nothing) to version `n`.
 * @throws {ApiError} `forbidden`, `not_found`.
 */
export function getVersionDiff(caseId: string, n: number, from: number | null): Promise<VersionDiffDto> {
  const query = from === null ? '' : `?from=${from}`
  return getJson<VersionDiffDto>(`${versionsPath(caseId)}/${n}/diff${query}`)
}

/** Where the version's PDF is downloaded from (a plain link, the browser saves it). */
export function versionPdfUrl(caseId: string, n: number): string {
  return `${versionsPath(caseId)}/${n}/pdf`
}

/**
 * Acknowledges a version, with an optional objection.
 * @throws {ApiError} `forbidden`, `not_found`, `invalid_input` (objection too long).
 */
export async function acknowledgeVersion(caseId: string, n: number, objection: string): Promise<void> {
  const trimmed = objection.trim()
  await postJson<{ ok: true }>(`${versionsPath(caseId)}/${n}/ack`, trimmed === '' ? {} : { objection: trimmed })
}

/**
 * Who acknowledged version `n`, who objected and who has not yet.
 * @throws {ApiError} `forbidden` for anyone but the case director and the chair.
 */
export function listVersionAcks(caseId: string, n: number): Promise<VersionAckDto[]> {
  return getJson<VersionAckDto[]>(`${versionsPath(caseId)}/${n}/acks`)
}

/**
 * The caller's notices, newest first.
 * @throws {ApiError} when the inbox cannot be fetched.
 */
export function listNotices(): Promise<NoticeDto[]> {
  return getJson<NoticeDto[]>('/api/inbox')
}

/**
 * Marks one of the caller's notices read.
 * @throws {ApiError} `not_found` when it is not theirs.
 */
export async function markNoticeRead(id: string): Promise<void> {
  await postJson<{ ok: true }>(`/api/inbox/${encodeURIComponent(id)}/read`, {})
}
