/**
 * Cases and their members: `GET/POST /api/cases`, `GET /api/cases/:id` (with the
 * caller's abilities), `GET /api/cases/:id/candidates`, `POST /api/cases/:id/members`,
 * `PATCH` and `DELETE /api/cases/:id/members/:userId`. Every membership change publishes
 * an access event, so every node re-checks that member's open sockets at once.
 */
import { Router, type Request, type Response } from 'express'
import {
  addMemberBodySchema, candidateQuerySchema, createCaseBodySchema, updateMemberBodySchema, uuidParamSchema, type CandidateDto,
} from '../../../shared/api/schemas'
import { canCreateCase, canManageMembers } from '../../access/policy'
import { membershipRefusal } from '../../access/roleRules'
import type { AccessEvents } from '../../auth/accessEvents'
import type { SessionUser } from '../../auth/sessions'
import type { AuditLog } from '../../audit/auditLog'
import type { Db } from '../../db/db'
import { AppError, forbidden } from '../../errors'
import {
  countCaseDirectors, createCase, lockCase, findCandidates, findMembership, getCaseForMember, isPrivacyOfficer, listCasesForUser, listMembers, removeMember,
  updateMember, upsertMember, userExists,
} from '../../store/cases'
import { findUserByEmail } from '../../store/users'
import { requireUser } from '../middleware'
import { parseInput } from '../validate'

/** What the case routes need. */
export interface CaseRouteDeps {
  db: Db
  audit: AuditLog
  accessEvents: AccessEvents
  /** Creates the new case's plan documents, already migrated. */
  initialiseDocs(caseId: string): Promise<void>
}

/** The same answer whether or not an account exists: the route is no directory lookup. */
const NO_SUCH_PARTNER = 'No partner can be added with these details. Search for them by name or organisation.'

/** Creates the case router. */
export function caseRoutes(deps: CaseRouteDeps): Router {
  const router = Router()
  const caseIdOf = (req: Request) => parseInput(uuidParamSchema, req.params.id, 'case id')
  const userIdOf = (req: Request) => parseInput(uuidParamSchema, req.params.userId, 'user id')
  const auditCtx = (req: Request) => ({
    actorUserId: req.user?.id ?? null, actorOrgId: req.user?.organisationId ?? null,
    ip: req.ip ?? null, client: req.get('user-agent')?.slice(0, 200) ?? null,
  })
  /** @throws 403 unless the caller directs this case. */
  const requireCaseDirector = async (req: Request, user: SessionUser, caseId: string, action: string) => {
    if (canManageMembers(await findMembership(deps.db, caseId, user.id))) return
    void deps.audit.record({ ...auditCtx(req), action, outcome: 'denied', caseId })
    throw forbidden('Only the case director (casusregisseur) manages the members of this case.')
  }
  /** @throws 422 for a role the access rules do not allow (server/access/roleRules.ts), audited. */
  const refuseRole = (req: Request, action: string, caseId: string, target: string, message: string): never => {
    void deps.audit.record({ ...auditCtx(req), action, outcome: 'denied', caseId, target, details: { reason: 'role' } })
    throw new AppError('invalid_input', 422, message)
  }
  const memberChanged = (caseId: string, userId: string) => deps.accessEvents.publish({ kind: 'membership', caseId, userId })

  router.get('/cases', async (req: Request, res: Response) => {
    const user = requireUser(req)
    res.json(await listCasesForUser(deps.db, user.id))
  })

  router.post('/cases', async (req: Request, res: Response) => {
    const user = requireUser(req)
    const body = parseInput(createCaseBodySchema, req.body)
    if (!canCreateCase(user)) {
      void deps.audit.record({ ...auditCtx(req), action: 'case.create', outcome: 'denied' })
      throw forbidden('Cases are registered by Veilig Thuis, the Zorg- en Veiligheidshuis or a wijkteam; ask them to add you.')
    }
    const id = await deps.db.transaction((tx) => createCase(tx, body.title, user.id))
    await deps.initialiseDocs(id)
    void deps.audit.record({ ...auditCtx(req), action: 'case.create', outcome: 'ok', caseId: id })
    res.status(201).json({ id })
  })

  router.get('/cases/:id', async (req: Request, res: Response) => {
    const user = requireUser(req)
    const caseId = caseIdOf(req)
    const detail = await getCaseForMember(deps.db, caseId, user.id, user.organisationName)
    if (!detail) {
      void deps.audit.record({ ...auditCtx(req), action: 'case.view', outcome: 'denied', caseId })
      throw forbidden()
    }
    void deps.audit.record({ ...auditCtx(req), action: 'case.view', outcome: 'ok', caseId })
    res.json(detail)
  })

  router.get('/cases/:id/candidates', async (req: Request, res: Response) => {
    const user = requireUser(req)
    const caseId = caseIdOf(req)
    const { q } = parseInput(candidateQuerySchema, { q: req.query.q })
    await requireCaseDirector(req, user, caseId, 'case.member.search')
    const found = await findCandidates(deps.db, caseId, q)
    const body: CandidateDto[] = found.map((c) => ({
      userId: c.userId, name: c.name, organisation: { id: c.orgId, name: c.orgName, kind: c.orgKind }, isMember: c.isMember,
    }))
    res.json(body)
  })

  router.post('/cases/:id/members', async (req: Request, res: Response) => {
    const user = requireUser(req)
    const caseId = caseIdOf(req)
    const body = parseInput(addMemberBodySchema, req.body)
    await requireCaseDirector(req, user, caseId, 'case.member.add')
    const targetId = 'userId' in body
      ? ((await userExists(deps.db, body.userId)) ? body.userId : null)
      : ((await findUserByEmail(deps.db, body.email))?.id ?? null)
    if (!targetId) throw new AppError('not_found', 404, NO_SUCH_PARTNER)
    const existing = await findMembership(deps.db, caseId, targetId)
    const refusal = membershipRefusal({
      ring: body.ring, role: body.role, isCaseDirector: existing?.isCaseDirector ?? false, isPrivacyOfficer: await isPrivacyOfficer(deps.db, targetId),
    })
    if (refusal) refuseRole(req, 'case.member.add', caseId, targetId, refusal)
    await upsertMember(deps.db, { caseId, userId: targetId, ring: body.ring, role: body.role, addedBy: user.id })
    await memberChanged(caseId, targetId)
    void deps.audit.record({
      ...auditCtx(req), action: 'case.member.add', outcome: 'ok', caseId, target: targetId, details: { ring: body.ring, role: body.role },
    })
    const member = (await listMembers(deps.db, caseId)).find((m) => m.userId === targetId)
    res.status(201).json(member)
  })

  router.patch('/cases/:id/members/:userId', async (req: Request, res: Response) => {
    const user = requireUser(req)
    const caseId = caseIdOf(req)
    const targetId = userIdOf(req)
    const body = parseInput(updateMemberBodySchema, req.body)
    await requireCaseDirector(req, user, caseId, 'case.member.change')
    // Count and change in one transaction, the case row locked: two directors demoting
    // each other at once cannot both pass the check.
    const outcome = await deps.db.transaction(async (tx) => {
      await lockCase(tx, caseId)
      const target = await findMembership(tx, caseId, targetId)
      if (!target) return 'missing' as const
      if (body.isCaseDirector === false && target.isCaseDirector && (await countCaseDirectors(tx, caseId)) <= 1) return 'last' as const
      const after = { ring: body.ring ?? target.ring, role: body.role ?? target.role, isCaseDirector: body.isCaseDirector ?? target.isCaseDirector }
      const refusal = membershipRefusal({ ...after, isPrivacyOfficer: await isPrivacyOfficer(tx, targetId) })
      if (refusal) return { refusal }
      await updateMember(tx, caseId, targetId, body)
      return 'ok' as const
    })
    if (outcome === 'missing') throw new AppError('not_found', 404, 'This partner is not a member of the case.')
    if (outcome === 'last') throw new AppError('conflict', 409, 'A case keeps at least one case director: name another one first.')
    if (typeof outcome === 'object') refuseRole(req, 'case.member.change', caseId, targetId, outcome.refusal)
    await memberChanged(caseId, targetId)
    void deps.audit.record({ ...auditCtx(req), action: 'case.member.change', outcome: 'ok', caseId, target: targetId, details: { ...body } })
    res.json((await listMembers(deps.db, caseId)).find((m) => m.userId === targetId))
  })

  router.delete('/cases/:id/members/:userId', async (req: Request, res: Response) => {
    const user = requireUser(req)
    const caseId = caseIdOf(req)
    const targetId = userIdOf(req)
    await requireCaseDirector(req, user, caseId, 'case.member.remove')
    const outcome = await deps.db.transaction(async (tx) => {
      await lockCase(tx, caseId)
      const target = await findMembership(tx, caseId, targetId)
      if (!target) return 'missing' as const
      if (target.isCaseDirector && (await countCaseDirectors(tx, caseId)) <= 1) return 'last' as const
      await removeMember(tx, caseId, targetId)
      return 'ok' as const
    })
    if (outcome === 'missing') throw new AppError('not_found', 404, 'This partner is not a member of the case.')
    if (outcome === 'last') throw new AppError('conflict', 409, 'The last case director cannot be removed: name another one first.')
    await memberChanged(caseId, targetId)
    void deps.audit.record({ ...auditCtx(req), action: 'case.member.remove', outcome: 'ok', caseId, target: targetId })
    res.status(204).end()
  })

  return router
}
