/** `GET/POST /api/cases`, `GET /api/cases/:id`, `POST /api/cases/:id/members`. */
import { Router, type Request, type Response } from 'express'
import { addMemberBodySchema, createCaseBodySchema, uuidParamSchema } from '../../../shared/api/schemas'
import { canManageMembers } from '../../access/policy'
import type { AuditLog } from '../../audit/auditLog'
import type { Db } from '../../db/db'
import { AppError, forbidden } from '../../errors'
import { createCase, findMembership, getCaseForMember, listCasesForUser, listMembers, upsertMember } from '../../store/cases'
import { findUserByEmail } from '../../store/users'
import { requireUser } from '../middleware'
import { parseInput } from '../validate'

/** What the case routes need. */
export interface CaseRouteDeps {
  db: Db
  audit: AuditLog
  /** Creates the new case's plan documents, already migrated. */
  initialiseDocs(caseId: string): Promise<void>
}

/** Creates the case router. */
export function caseRoutes(deps: CaseRouteDeps): Router {
  const router = Router()
  const caseIdOf = (req: Request) => parseInput(uuidParamSchema, req.params.id, 'case id')
  const auditCtx = (req: Request) => ({
    actorUserId: req.user?.id ?? null, actorOrgId: req.user?.organisationId ?? null,
    ip: req.ip ?? null, client: req.get('user-agent')?.slice(0, 200) ?? null,
  })

  router.get('/cases', async (req: Request, res: Response) => {
    const user = requireUser(req)
    res.json(await listCasesForUser(deps.db, user.id))
  })

  router.post('/cases', async (req: Request, res: Response) => {
    const user = requireUser(req)
    const body = parseInput(createCaseBodySchema, req.body)
    const id = await deps.db.transaction((tx) => createCase(tx, body.title, user.id))
    await deps.initialiseDocs(id)
    void deps.audit.record({ ...auditCtx(req), action: 'case.create', outcome: 'ok', caseId: id })
    res.status(201).json({ id })
  })

  router.get('/cases/:id', async (req: Request, res: Response) => {
    const user = requireUser(req)
    const caseId = caseIdOf(req)
    const detail = await getCaseForMember(deps.db, caseId, user.id)
    if (!detail) {
      void deps.audit.record({ ...auditCtx(req), action: 'case.view', outcome: 'denied', caseId })
      throw forbidden()
    }
    void deps.audit.record({ ...auditCtx(req), action: 'case.view', outcome: 'ok', caseId })
    res.json(detail)
  })

  router.post('/cases/:id/members', async (req: Request, res: Response) => {
    const user = requireUser(req)
    const caseId = caseIdOf(req)
    const body = parseInput(addMemberBodySchema, req.body)
    if (!canManageMembers(await findMembership(deps.db, caseId, user.id))) {
      void deps.audit.record({ ...auditCtx(req), action: 'case.member.add', outcome: 'denied', caseId })
      throw forbidden('Only the case director (casusregisseur) can add members to this case.')
    }
    const target = await findUserByEmail(deps.db, body.email)
    if (!target) throw new AppError('not_found', 404, `No user with e-mail address ${body.email}.`)
    await upsertMember(deps.db, { caseId, userId: target.id, ring: body.ring, role: body.role, addedBy: user.id })
    void deps.audit.record({
      ...auditCtx(req), action: 'case.member.add', outcome: 'ok', caseId, target: target.id,
      details: { ring: body.ring, role: body.role },
    })
    const member = (await listMembers(deps.db, caseId)).find((m) => m.userId === target.id)
    res.status(201).json(member)
  })

  return router
}
