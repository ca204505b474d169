/**
 * `GET /api/cases/:id/plan`: the current plan as JSON for the caller's ring.
 * `GET /api/cases/:id/items/:section/:itemId/history`: an item's earlier values (server/plan/itemHistory.ts).
 */
import { Router, type Request, type Response } from 'express'
import { uuidParamSchema } from '../../../shared/api/schemas'
import { caseDocName, parseDocName } from '../../../shared/protocol/docName'
import { decideDocAccess } from '../../access/policy'
import type { AuditLog } from '../../audit/auditLog'
import type { DocStore } from '../../collab/docStore'
import type { Db } from '../../db/db'
import { forbidden } from '../../errors'
import { readPlanJson } from '../../plan/caseDocs'
import { listItemHistory } from '../../store/itemHistory'
import { INNER_SECTIONS, PLAN_SECTIONS, sectionPart, type SectionName } from '../../../shared/plan/layout'
import { z } from 'zod'
import { getCaseForMember } from '../../store/cases'
import { requireUser } from '../middleware'
import { parseInput } from '../validate'
import { requestAudit } from '../caseRequest'

/** What the plan route needs. */
export interface PlanRouteDeps {
  db: Db
  store: DocStore
  audit: AuditLog
}

const sectionSchema = z.enum([...PLAN_SECTIONS, ...INNER_SECTIONS])

/** Creates the plan router. */
export function planRoutes(deps: PlanRouteDeps): Router {
  const router = Router()
  router.get('/cases/:id/plan', async (req: Request, res: Response) => {
    const user = requireUser(req)
    const caseId = parseInput(uuidParamSchema, req.params.id, 'case id')
    const audit = requestAudit(req, caseId)
    const detail = await getCaseForMember(deps.db, caseId, user.id, user.organisationName)
    if (!detail) {
      void deps.audit.record({ ...audit, action: 'plan.read', outcome: 'denied' })
      throw forbidden()
    }
    const membership = { ring: detail.ring, role: detail.role, isCaseDirector: detail.isCaseDirector }
    const innerAccess = decideDocAccess(membership, parseDocName(caseDocName(caseId, 'inner'))!)
    const plan = await readPlanJson(deps.store, caseId, innerAccess, detail.startDate)
    void deps.audit.record({ ...audit, action: 'plan.read', outcome: 'ok', details: { parts: innerAccess.canRead ? 'plan+inner' : 'plan' } })
    res.json(plan)
  })

  router.get('/cases/:id/items/:section/:itemId/history', async (req: Request, res: Response) => {
    const user = requireUser(req)
    const caseId = parseInput(uuidParamSchema, req.params.id, 'case id')
    const section = parseInput(sectionSchema, req.params.section, 'section') as SectionName
    const itemId = parseInput(uuidParamSchema, req.params.itemId, 'item id')
    const audit = requestAudit(req, caseId)
    const detail = await getCaseForMember(deps.db, caseId, user.id, user.organisationName)
    const docName = caseDocName(caseId, sectionPart(section))
    const access = detail ? decideDocAccess({ ring: detail.ring, role: detail.role, isCaseDirector: detail.isCaseDirector }, parseDocName(docName)!) : null
    if (!access?.canRead) {
      void deps.audit.record({ ...audit, action: 'item.history', outcome: 'denied', target: docName })
      throw forbidden()
    }
    void deps.audit.record({ ...audit, action: 'item.history', outcome: 'ok', target: docName, details: { section, item: itemId } })
    res.json(await listItemHistory(deps.db, docName, itemId))
  })
  return router
}
