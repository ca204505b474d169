/** Fresh cases for tests: one case per test, so every test has its own documents. */
import type { MemberRole, Ring } from '../../shared/api/schemas'
import { api, DEMO, login } from './clients'

/** A member to add to a new case. */
export interface CaseMember {
  email: string
  ring: Ring
  role: MemberRole
}

/**
 * Creates a case as the demo chair (who becomes its case director) and adds `members`.
 * @returns the case id and the chair's session cookie.
 * @throws when the API refuses the case or a member.
 */
export async function makeCase(baseUrl: string, members: CaseMember[] = [], title = 'Gezin T.'): Promise<{ caseId: string; chairCookie: string }> {
  const chairCookie = await login(baseUrl, DEMO.chair)
  const created = await api<{ id: string }>(baseUrl, chairCookie, 'POST', '/api/cases', { title })
  if (created.status !== 201) throw new Error(`creating a case failed: ${created.status}`)
  const caseId = created.body.id
  for (const m of members) {
    const added = await api(baseUrl, chairCookie, 'POST', `/api/cases/${caseId}/members`, m)
    if (added.status !== 201) throw new Error(`adding ${m.email} failed: ${added.status}`)
  }
  return { caseId, chairCookie }
}
