import { useI18n } from 'vue-i18n'
import { ApiError, NETWORK_ERROR_CODE } from '../api/http'

/**
 * Turns any thrown value into a message for the user, in the active locale. Known API
 * error codes get our own wording (`errors.<code>`); an unknown code shows the server's
 * message; anything else is reported as a network problem.
 */
export function useErrorMessage(): { describeError: (error: unknown) => string } {
  const { t, te } = useI18n()

  function describeError(error: unknown): string {
    if (!(error instanceof ApiError)) return t(`errors.${NETWORK_ERROR_CODE}`)
    const key = `errors.${error.code}`
    if (te(key)) return t(key)
    return error.message || t('errors.title')
  }

  return { describeError }
}
