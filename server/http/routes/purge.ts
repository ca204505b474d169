/**
 * `POST /api/cases/:id/items/:section/:itemId/purge`: the case director deletes an item
 * outright (issue 18), e.g. a flood of items a buitenring organisation wrote. Unlike a
 * removal (`removedAt`, restorable, in the diff), a purge takes the item out of the
 * live document and its content out of the stored log:
 * 1. a server-side edit through the doc hub (collab/serverEdit.ts) deletes the item's
 *    map from its section, judged by the write guard with the case director's identity
 *    and `canPurge` (access/policy.ts purgeAccess), committed, broadcast, published;
 *    Yjs keeps a tombstone of a few bytes per struct and garbage-collects the content;
 * 2. the update log is compacted at once, through a Y.Doc, so the content is gone from
 *    the stored rows too (docs/ARCHITECTURE.md, "Shares of a plan and purge");
 * 3. the item's recorded history (earlier values) is deleted;
 * 4. an audit entry says who purged which item of which organisation.
 * Adopted versions keep what they adopted: they are the record of a meeting.
 */
import { Router, type Request, type Response } from 'express'
import type * as Y from 'yjs'
import { z } from 'zod'
import { uuidParamSchema } from '../../../shared/api/schemas'
import { INNER_SECTIONS, PLAN_SECTIONS, sectionPart, type SectionName } from '../../../shared/plan/layout'
import { ROOT_RULES } from '../../../shared/plan/writeRules'
import { caseDocName, parseDocName } from '../../../shared/protocol/docName'
import { purgeAccess, type DocAccess } from '../../access/policy'
import type { AuditLog } from '../../audit/auditLog'
import type { SessionUser } from '../../auth/sessions'
import type { Db } from '../../db/db'
import { AppError, forbidden } from '../../errors'
import { getCaseForMember } from '../../store/cases'
import { requireUser } from '../middleware'
import { parseInput } from '../validate'
import { deleteItemHistory } from '../../store/itemHistory'
import { requestAudit } from '../caseRequest'

/** What the purge route needs (main.ts wires the doc hub's edit and the store's compaction). */
export interface PurgeRouteDeps {
  db: Db
  audit: AuditLog
  /** DocHub.edit: a server-side edit through the write guard; the refusal's reason, or null. */
  edit(docName: string, editor: { user: SessionUser; access: DocAccess }, change: (doc: Y.Doc) => void): Promise<{ reason: string } | null>
  /** DocStore.compact: folds the update log into a snapshot through a Y.Doc (deleted content dropped). */
  compact(docName: string): Promise<void>
}

/** Sections whose items can be purged: not the append-only record (decisions, safety scores). */
const PURGEABLE = [...PLAN_SECTIONS, ...INNER_SECTIONS].filter((s) => {
  const rule = ROOT_RULES[sectionPart(s)][s]
  return rule?.kind === 'section' && !rule.appendOnly
})
const sectionSchema = z.enum(PURGEABLE as [SectionName, ...SectionName[]])

/** Thrown inside the edit when the item is not there: nothing is submitted. */
class NoSuchItem extends Error {}

/** Creates the purge router. */
export function purgeRoutes(deps: PurgeRouteDeps): Router {
  const router = Router()
  router.post('/cases/:id/items/:section/:itemId/purge', async (req: Request, res: Response) => {
    const user = requireUser(req)
    const caseId = parseInput(uuidParamSchema, req.params.id, 'case id')
    const section = parseInput(sectionSchema, req.params.section, 'section')
    const itemId = parseInput(uuidParamSchema, req.params.itemId, 'item id')
    const docName = caseDocName(caseId, sectionPart(section))
    const audit = { ...requestAudit(req, caseId), target: docName }
    const detail = await getCaseForMember(deps.db, caseId, user.id, user.organisationName)
    const access = detail ? purgeAccess({ ring: detail.ring, role: detail.role, isCaseDirector: detail.isCaseDirector }, parseDocName(docName)!) : null
    if (!access) {
      void deps.audit.record({ ...audit, action: 'item.purge', outcome: 'denied', details: { section, item: itemId } })
      throw forbidden(detail ? 'Only the case director purges items.' : undefined)
    }
    let organisation = ''
    const refusal = await deps.edit(docName, { user, access }, (doc) => {
      const map = doc.getMap<unknown>(section)
      const item = map.get(itemId) as Y.Map<unknown> | undefined
      if (!item) throw new NoSuchItem()
      organisation = String(item.get('organisation') ?? '')
      map.delete(itemId)
    }).catch((err: unknown) => {
      if (err instanceof NoSuchItem) throw new AppError('not_found', 404, 'There is no such item in this section.')
      throw err
    })
    if (refusal) {
      void deps.audit.record({ ...audit, action: 'item.purge', outcome: 'denied', details: { section, item: itemId, reason: refusal.reason.slice(0, 200) } })
      throw new AppError('conflict', 409, `The plan refused the purge: ${refusal.reason}.`)
    }
    await deps.compact(docName)
    await deleteItemHistory(deps.db, docName, itemId)
    void deps.audit.record({ ...audit, action: 'item.purge', outcome: 'ok', details: { section, item: itemId, organisation: organisation.slice(0, 200) } })
    res.status(204).end()
  })
  return router
}
