import { useI18n } from 'vue-i18n'
import { ApiError } from '../api/http'
import { useErrorMessage } from './useErrorMessage'

/** What the case director was doing when a member route failed. */
export type MemberOperation = 'add' | 'update' | 'remove'

/**
 * Messages for failed member changes: the wording for this operation and code
 * (`members.errors.<operation>.<code>`, e.g. the 409 for the last case director), then
 * the members page's wording for the code, then the app's general one.
 */
export function useMemberErrorMessage(): { describeMemberError: (error: unknown, operation: MemberOperation) => string } {
  const { t, te } = useI18n()
  const { describeError } = useErrorMessage()

  function describeMemberError(error: unknown, operation: MemberOperation): string {
    if (!(error instanceof ApiError)) return describeError(error)
    for (const key of [`members.errors.${operation}.${error.code}`, `members.errors.${error.code}`]) {
      if (te(key)) return t(key)
    }
    return describeError(error)
  }

  return { describeMemberError }
}
