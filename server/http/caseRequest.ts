/**
 * What the case routes (meetings, versions, plan, purge) ask of every request alike: who
 * made it and from where, for the audit log, and the caller's case, refused and audited
 * for a non-member.
 */
import type { Request } from 'express'
import { uuidParamSchema, type CaseDetailDto } from '../../shared/api/schemas'
import type { AuditEvent, AuditLog } from '../audit/auditLog'
import type { Db } from '../db/db'
import { forbidden } from '../errors'
import { getCaseForMember } from '../store/cases'
import { requireUser } from './middleware'
import { parseInput } from './validate'

/** The actor and client of a request as audit fields (the user agent cut to 200 characters). */
export function requestAudit(req: Request, caseId: string | null): Pick<AuditEvent, 'actorUserId' | 'actorOrgId' | 'caseId' | 'ip' | 'client'> {
  return {
    actorUserId: req.user?.id ?? null, actorOrgId: req.user?.organisationId ?? null, caseId,
    ip: req.ip ?? null, client: req.get('user-agent')?.slice(0, 200) ?? null,
  }
}

/**
 * The caller's detail of the case `:id`.
 * @throws 401 when not logged in, 400 for a malformed id, 403 for a non-member (audited as `action` denied).
 */
export async function memberCase(deps: { db: Db; audit: AuditLog }, req: Request, action: string): Promise<CaseDetailDto> {
  const user = requireUser(req)
  const caseId = parseInput(uuidParamSchema, req.params.id, 'case id')
  const detail = await getCaseForMember(deps.db, caseId, user.id, user.organisationName)
  if (!detail) {
    void deps.audit.record({ ...requestAudit(req, caseId), action, outcome: 'denied' })
    throw forbidden()
  }
  return detail
}
