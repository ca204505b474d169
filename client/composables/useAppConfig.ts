import { readonly, ref, type Ref } from 'vue'
import { getJson } from '../api/http'

/** `GET /api/config`: what the server tells an anonymous visitor about itself. */
interface AppConfigDto {
  demo: boolean
}

/**
 * Whether the server runs with fictional demo data. Starts false and stays false when
 * the config cannot be fetched: the demo logins are only shown when the server says so.
 */
export function useAppConfig(): { isDemo: Readonly<Ref<boolean>>; configError: Readonly<Ref<unknown>> } {
  const isDemo = ref(false)
  const configError = ref<unknown>(null)

  getJson<AppConfigDto>('/api/config')
    .then((config) => {
      isDemo.value = config.demo === true
    })
    .catch((error: unknown) => {
      // Hiding the demo list is the whole fallback; keep the error for whoever wants it.
      configError.value = error
    })

  return { isDemo: readonly(isDemo), configError: readonly(configError) }
}
