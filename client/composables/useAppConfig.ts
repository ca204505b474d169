import { readonly, ref, type Ref } from 'vue'
import type { AppConfigDto, DemoAccountDto } from '../../shared/api/schemas'
import { getJson } from '../api/http'

/**
 * Whether the server runs with fictional demo data, and its demo logins. Starts empty
 * and stays so when the config cannot be fetched: the demo logins are only shown when
 * the server says so.
 */
export function useAppConfig(): {
  isDemo: Readonly<Ref<boolean>>
  demoAccounts: Readonly<Ref<readonly DemoAccountDto[]>>
  configError: Readonly<Ref<unknown>>
} {
  const isDemo = ref(false)
  const demoAccounts = ref<DemoAccountDto[]>([])
  const configError = ref<unknown>(null)

  getJson<AppConfigDto>('/api/config')
    .then((config) => {
      isDemo.value = config.demo === true
      demoAccounts.value = Array.isArray(config.demoAccounts) ? config.demoAccounts : []
    })
    .catch((error: unknown) => {
      // Hiding the demo list is the whole fallback; keep the error for whoever wants it.
      configError.value = error
    })

  return { isDemo: readonly(isDemo), demoAccounts: readonly(demoAccounts), configError: readonly(configError) }
}
