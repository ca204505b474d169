/**
 * The one way the client talks to the JSON API: same-origin cookies, JSON bodies, and
 * every failure turned into an {@link ApiError} with a stable code.
 */
import type { ErrorDto } from '../../shared/api/schemas'

/** Code used when the request never reached the server (offline, DNS, CORS). */
export const NETWORK_ERROR_CODE = 'network'
/** Code used when an error response did not carry our `{ error: { code, message } }` body. */
export const UNEXPECTED_RESPONSE_CODE = 'unexpected_response'

/** A failed API call. `status` is 0 when the server was not reached. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

function isErrorDto(value: unknown): value is ErrorDto {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false
  const error: unknown = value.error
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string' &&
    'message' in error &&
    typeof error.message === 'string'
  )
}

async function readErrorBody(response: Response): Promise<ApiError> {
  const body: unknown = await response.json().catch(() => null)
  if (isErrorDto(body)) return new ApiError(response.status, body.error.code, body.error.message)
  return new ApiError(response.status, UNEXPECTED_RESPONSE_CODE, `HTTP ${response.status}`)
}

async function send(method: Method, path: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json' }
  if (body !== undefined) headers['Content-Type'] = 'application/json'
  try {
    return await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  } catch (error) {
    const message = error instanceof Error ? error.message : 'fetch failed'
    throw new ApiError(0, NETWORK_ERROR_CODE, message)
  }
}

/**
 * Sends a request and returns the parsed JSON body (undefined for 204).
 * The body type is the API contract from `shared/api/schemas.ts`; it is not re-validated.
 * @throws {ApiError} on a network failure or any non-2xx answer.
 */
export async function apiRequest<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const response = await send(method, path, body)
  if (!response.ok) throw await readErrorBody(response)
  if (response.status === 204) return undefined as T
  try {
    return (await response.json()) as T
  } catch {
    throw new ApiError(response.status, UNEXPECTED_RESPONSE_CODE, 'response is not JSON')
  }
}

/**
 * GETs a JSON resource.
 * @throws {ApiError} see {@link apiRequest}.
 */
export function getJson<T>(path: string): Promise<T> {
  return apiRequest<T>('GET', path)
}

/**
 * POSTs a JSON body and returns the JSON answer.
 * @throws {ApiError} see {@link apiRequest}.
 */
export function postJson<T>(path: string, body: unknown): Promise<T> {
  return apiRequest<T>('POST', path, body)
}

/**
 * DELETEs a resource; the answer body is ignored.
 * @throws {ApiError} see {@link apiRequest}.
 */
export async function deleteResource(path: string): Promise<void> {
  await apiRequest<unknown>('DELETE', path)
}
