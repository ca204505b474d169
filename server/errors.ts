/**
 * The one error family of the server. Codes are stable (clients match on them); the
 * message is for humans and never contains plan content.
 */

/** Stable error codes. */
export type ErrorCode =
  | 'invalid_input'
  | 'unauthenticated'
  | 'invalid_credentials'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'internal'

/** An error with a stable code and an HTTP status. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    message: string,
    readonly issues?: { path: string; message: string }[],
  ) {
    super(message)
    this.name = 'AppError'
  }
}

/** 403 with a generic message: we never tell a non-member whether a case exists. */
export function forbidden(message = 'You do not have access to this case.'): AppError {
  return new AppError('forbidden', 403, message)
}
