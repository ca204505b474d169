/**
 * Meetings over REST (docs/API.md): `POST /api/cases/:id/meetings` (the case's chair or
 * case director), `GET /api/cases/:id/meetings`, `GET /api/meetings/:id` (the state
 * filtered for the caller), `POST /api/meetings/:id/start` and `/close` (chair only; the
 * close adopts the plan and answers its version). The live part is socket.io
 * (server/meetings/socketServer.ts); both go through the same meeting service.
 */
import { Router, type Request, type Response } from 'express'
import { createMeetingBodySchema, type MeetingError } from '../../../shared/meetings/schemas'
import { uuidParamSchema } from '../../../shared/api/schemas'
import type { AuditLog } from '../../audit/auditLog'
import type { Db } from '../../db/db'
import { AppError, forbidden } from '../../errors'
import { MeetingFailure, type MeetingService } from '../../meetings/meetingService'
import { latestVersion, listAcks } from '../../store/versions'
import { requireUser } from '../middleware'
import { parseInput } from '../validate'
import { memberCase, requestAudit } from '../caseRequest'

/** What the meeting routes need. */
export interface MeetingRouteDeps {
  db: Db
  audit: AuditLog
  meetings: MeetingService
}

const STATUS: Readonly<Record<MeetingError['code'], number>> = {
  invalid_input: 400, unauthenticated: 401, forbidden: 403, not_found: 404, conflict: 409, server_error: 500,
}

/** Turns a meeting refusal into the API's error. */
async function asHttp<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (err) {
    if (err instanceof MeetingFailure) throw new AppError(err.error.code === 'server_error' ? 'internal' : err.error.code, STATUS[err.error.code], err.error.message)
    throw err
  }
}

/** Creates the meeting router. */
export function meetingRoutes(deps: MeetingRouteDeps): Router {
  const router = Router()
  const caseOf = (req: Request, action: string) => memberCase(deps, req, action)
  const meetingId = (req: Request) => parseInput(uuidParamSchema, req.params.id, 'meeting id')

  router.post('/cases/:id/meetings', async (req: Request, res: Response) => {
    const detail = await caseOf(req, 'meeting.create')
    const body = parseInput(createMeetingBodySchema, req.body, 'meeting')
    const id = await asHttp(() => deps.meetings.create(detail.id, requireUser(req), body))
    void deps.audit.record({ ...requestAudit(req, detail.id), action: 'meeting.create', outcome: 'ok', details: { meeting: id, format: body.format } })
    res.status(201).json({ id })
  })

  router.get('/cases/:id/meetings', async (req: Request, res: Response) => {
    const detail = await caseOf(req, 'meeting.list')
    res.json(await deps.meetings.list(detail.id))
  })

  router.get('/meetings/:id', async (req: Request, res: Response) => {
    res.json(await asHttp(() => deps.meetings.view(meetingId(req), requireUser(req))))
  })

  // The Terugblik item (DOMAIN.md §3.1): objections to the case's latest version and who
  // has not acknowledged it, for the binnenring of the meeting (names are minimised away
  // from the buitenring). Open and overdue actions come from the plan document itself.
  router.get('/meetings/:id/terugblik', async (req: Request, res: Response) => {
    const view = await asHttp(() => deps.meetings.view(meetingId(req), requireUser(req)))
    if (view.me.ring !== 'inner') throw forbidden('The Terugblik of acknowledgements is for the binnenring.')
    const n = await latestVersion(deps.db, view.caseId)
    const acks = n === null ? [] : await listAcks(deps.db, view.caseId, n)
    res.json({
      version: n,
      objections: acks.filter((a) => a.objection !== null).map(({ name, organisation, objection, ackedAt }) => ({ name, organisation, objection, ackedAt })),
      notAcknowledged: acks.filter((a) => a.ackedAt === null).map(({ name, organisation }) => ({ name, organisation })),
    })
  })

  router.post('/meetings/:id/start', async (req: Request, res: Response) => {
    const state = await asHttp(() => deps.meetings.start(meetingId(req), requireUser(req)))
    void deps.audit.record({ ...requestAudit(req, state.caseId), action: 'meeting.start', outcome: 'ok', details: { meeting: state.id } })
    res.json({ ok: true })
  })

  router.post('/meetings/:id/close', async (req: Request, res: Response) => {
    const id = meetingId(req)
    const state = await asHttp(() => deps.meetings.execute(requireUser(req), { type: 'close', meetingId: id }))
    void deps.audit.record({ ...requestAudit(req, state.caseId), action: 'meeting.close', outcome: 'ok', details: { meeting: id, version: state.version } })
    res.json({ ok: true, version: state.version })
  })
  return router
}
