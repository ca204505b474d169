/**
 * Adopted plan versions for absent partners (DOMAIN.md §6): `POST /api/cases/:id/versions`
 * (the case director adopts outside a meeting), `GET /api/cases/:id/versions`,
 * `GET …/versions/:n` (ring-filtered plan JSON), `GET …/versions/:n/diff?from=m`,
 * `POST …/versions/:n/ack`, `GET …/versions/:n/acks` (case director and chair),
 * `GET /api/inbox`, `POST /api/inbox/:id/read`. Every view, diff, acknowledgement and
 * adoption is audited. Versions are immutable: a correction is the next version.
 */
import { Router, type Request, type Response } from 'express'
import { ackBodySchema, uuidParamSchema, versionParamSchema, type CaseDetailDto, type VersionDetailDto, type VersionDiffDto } from '../../../shared/api/schemas'
import { pickLocale } from '../../../shared/i18n/catalogue'
import { diffPlans } from '../../../shared/plan'
import type { AuditLog } from '../../audit/auditLog'
import type { DocStore } from '../../collab/docStore'
import type { Db } from '../../db/db'
import { AppError, forbidden } from '../../errors'
import { versionToJson } from '../../plan/versionDocs'
import { renderVersionPdf, versionPdfFilename } from '../../plan/versionPdf'
import { loadMeeting } from '../../store/meetings'
import { acknowledge, getVersion, listAcks, listNotices, listVersions, markNoticeRead } from '../../store/versions'
import { adoptVersion } from '../../versions/adoption'
import { requireUser } from '../middleware'
import { parseInput } from '../validate'
import { memberCase, requestAudit } from '../caseRequest'

/** What the version routes need. */
export interface VersionRouteDeps {
  db: Db
  store: DocStore
  audit: AuditLog
}

/** Creates the version router. */
export function versionRoutes(deps: VersionRouteDeps): Router {
  const router = Router()
  /** The caller's case detail. @throws 403 for non-members (audited). */
  const memberOf = (req: Request, action: string): Promise<CaseDetailDto> => memberCase(deps, req, action)
  const versionOf = async (req: Request, detail: CaseDetailDto, raw: unknown = req.params.n) => {
    const n = parseInput(versionParamSchema, raw, 'version')
    const v = await getVersion(deps.db, detail.id, n)
    if (!v) throw new AppError('not_found', 404, `Version ${n} of this case does not exist.`)
    return v
  }

  router.post('/cases/:id/versions', async (req: Request, res: Response) => {
    const detail = await memberOf(req, 'version.adopt')
    const user = requireUser(req)
    if (!detail.abilities.canManageMembers) {
      void deps.audit.record({ ...requestAudit(req, detail.id), action: 'version.adopt', outcome: 'denied' })
      throw forbidden('Outside a meeting only the case director (casusregisseur) adopts a version.')
    }
    // Outside a meeting nobody else was present: every other member is told.
    const n = (await adoptVersion(deps, { caseId: detail.id, adoptedBy: user.id, meetingId: null, present: null }))!
    void deps.audit.record({ ...requestAudit(req, detail.id), action: 'version.adopt', outcome: 'ok', details: { version: n, meeting: false } })
    res.status(201).json({ ok: true, version: n })
  })

  router.get('/cases/:id/versions', async (req: Request, res: Response) => {
    const detail = await memberOf(req, 'version.list')
    res.json(await listVersions(deps.db, detail.id, requireUser(req).id))
  })

  router.get('/cases/:id/versions/:n', async (req: Request, res: Response) => {
    const detail = await memberOf(req, 'version.view')
    const v = await versionOf(req, detail)
    void deps.audit.record({ ...requestAudit(req, detail.id), action: 'version.view', outcome: 'ok', details: { version: v.n, parts: detail.abilities.canReadInner ? 'plan+inner' : 'plan' } })
    const body: VersionDetailDto = { n: v.n, adoptedAt: v.adoptedAt, adoptedBy: v.adoptedBy, meetingId: v.meetingId, plan: versionToJson(v, detail.abilities.canReadInner, detail.startDate) }
    res.json(body)
  })

  router.get('/cases/:id/versions/:n/diff', async (req: Request, res: Response) => {
    const detail = await memberOf(req, 'version.diff')
    const to = await versionOf(req, detail)
    const from = req.query.from === undefined ? null : await versionOf(req, detail, req.query.from)
    const withInner = detail.abilities.canReadInner
    const diff = diffPlans(from ? versionToJson(from, withInner, detail.startDate) : null, versionToJson(to, withInner, detail.startDate))
    void deps.audit.record({ ...requestAudit(req, detail.id), action: 'version.diff', outcome: 'ok', details: { version: to.n, from: from?.n ?? null } })
    const body: VersionDiffDto = { from: from?.n ?? null, to: to.n, diff }
    res.json(body)
  })

  router.get('/cases/:id/versions/:n/pdf', async (req: Request, res: Response) => {
    const detail = await memberOf(req, 'version.export')
    const v = await versionOf(req, detail)
    const user = requireUser(req)
    // The reader's language: ?lang=en|nl first, else Accept-Language; Dutch by default (issue 19).
    const locale = pickLocale(typeof req.query.lang === 'string' ? req.query.lang : undefined, req.get('accept-language'))
    const meeting = v.meetingId ? await loadMeeting(deps.db, v.meetingId) : null
    const pdf = await renderVersionPdf(versionToJson(v, detail.abilities.canReadInner, detail.startDate), {
      caseCode: detail.code, caseTitle: detail.title, version: v.n, adoptedAt: v.adoptedAt, adoptedBy: v.adoptedBy, meetingId: v.meetingId,
      meeting: meeting ? { title: meeting.title, attendance: meeting.attendance.filter((a) => a.present) } : null,
      reader: { name: user.name, organisation: user.organisationName, ring: detail.ring }, locale,
    })
    void deps.audit.record({ ...requestAudit(req, detail.id), action: 'version.export', outcome: 'ok', details: { version: v.n, format: 'pdf', parts: detail.abilities.canReadInner ? 'plan+inner' : 'plan' } })
    res.type('application/pdf').set('Content-Language', locale).set('Content-Disposition', `attachment; filename="${versionPdfFilename(detail.code, v.n, locale)}"`).send(pdf)
  })

  router.post('/cases/:id/versions/:n/ack', async (req: Request, res: Response) => {
    const detail = await memberOf(req, 'version.ack')
    const v = await versionOf(req, detail)
    const body = parseInput(ackBodySchema, req.body ?? {})
    const objection = body.objection ? body.objection : null
    await acknowledge(deps.db, detail.id, v.n, requireUser(req).id, objection)
    void deps.audit.record({ ...requestAudit(req, detail.id), action: 'version.ack', outcome: 'ok', details: { version: v.n, objected: objection !== null } })
    res.json({ ok: true })
  })

  router.get('/cases/:id/versions/:n/acks', async (req: Request, res: Response) => {
    const detail = await memberOf(req, 'version.acks')
    if (!detail.abilities.canManageMembers && detail.role !== 'chair') {
      void deps.audit.record({ ...requestAudit(req, detail.id), action: 'version.acks', outcome: 'denied' })
      throw forbidden('Only the case director and the chair see who acknowledged a version.')
    }
    const v = await versionOf(req, detail)
    res.json(await listAcks(deps.db, detail.id, v.n))
  })

  router.get('/inbox', async (req: Request, res: Response) => {
    res.json(await listNotices(deps.db, requireUser(req).id))
  })

  router.post('/inbox/:noticeId/read', async (req: Request, res: Response) => {
    const id = parseInput(uuidParamSchema, req.params.noticeId, 'notice id')
    if (!(await markNoticeRead(deps.db, requireUser(req).id, id))) throw new AppError('not_found', 404, 'No such notice.')
    res.json({ ok: true })
  })

  return router
}
