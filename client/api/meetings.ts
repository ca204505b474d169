/**
 * The meeting routes (docs/API.md): a case's meetings, one meeting's view, starting and
 * closing. The live part (join, commands, state) goes over socket.io: useMeetingSocket.
 */
import type { CreateMeetingBody } from '../../shared/meetings/schemas'
import type { MeetingSummary, MeetingView } from '../../shared/meetings/state'
import { getJson, postJson } from './http'

const caseMeetingsPath = (caseId: string) => `/api/cases/${encodeURIComponent(caseId)}/meetings`
const meetingPath = (meetingId: string) => `/api/meetings/${encodeURIComponent(meetingId)}`

/**
 * The meetings of a case.
 * @throws {ApiError} `forbidden` for non-members.
 */
export function listMeetings(caseId: string): Promise<MeetingSummary[]> {
  return getJson<MeetingSummary[]>(caseMeetingsPath(caseId))
}

/**
 * Schedules a meeting; its agenda comes from the format.
 * @returns the new meeting's id.
 * @throws {ApiError} `forbidden` for anyone but the case's chair or case director, `invalid_input`.
 */
export async function createMeeting(caseId: string, body: CreateMeetingBody): Promise<string> {
  const answer = await postJson<{ id: string }>(caseMeetingsPath(caseId), body)
  return answer.id
}

/**
 * One meeting as the caller may see it.
 * @throws {ApiError} `forbidden`, `not_found`.
 */
export function getMeeting(meetingId: string): Promise<MeetingView> {
  return getJson<MeetingView>(meetingPath(meetingId))
}

/**
 * Starts a scheduled meeting at its first item (chair only).
 * @throws {ApiError} `forbidden`, `conflict` (not scheduled).
 */
export async function startMeeting(meetingId: string): Promise<void> {
  await postJson<{ ok: true }>(`${meetingPath(meetingId)}/start`, {})
}

/**
 * Closes a live meeting, which adopts the plan as the next version (chair only).
 * @returns the adopted version number, or null when the server named none.
 * @throws {ApiError} `forbidden`, `conflict` (not live).
 */
export async function closeMeeting(meetingId: string): Promise<number | null> {
  const answer = await postJson<{ ok: true; version?: number }>(`${meetingPath(meetingId)}/close`, {})
  return typeof answer.version === 'number' ? answer.version : null
}

/** `GET /api/meetings/:id/terugblik`: the acknowledgements of the case's latest version. */
export interface TerugblikDto {
  /** The latest adopted version, or null before the first. */
  version: number | null
  objections: { name: string; organisation: string; objection: string; ackedAt: string }[]
  notAcknowledged: { name: string; organisation: string }[]
}

/**
 * What the Terugblik item lists of the latest version: objections and who has not acknowledged it.
 * @throws {ApiError} `forbidden` for anyone outside the binnenring.
 */
export function getTerugblik(meetingId: string): Promise<TerugblikDto> {
  return getJson<TerugblikDto>(`${meetingPath(meetingId)}/terugblik`)
}
