/** Parsing of request input with the zod schemas from shared/. */
import type { z } from 'zod'
import { AppError } from '../errors'

/**
 * Parses `input` with `schema`.
 * @throws AppError invalid_input (400) listing each problem with its field path.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what = 'request body'): z.infer<S> {
  const r = schema.safeParse(input)
  if (r.success) return r.data
  const issues = r.error.issues.map((i) => ({ path: i.path.join('.') || '(root)', message: i.message }))
  const summary = issues.map((i) => `${i.path}: ${i.message}`).join('; ')
  throw new AppError('invalid_input', 400, `Invalid ${what}: ${summary}`, issues)
}
