/** The chair's commands (or the deputy's): the agenda, timers, attendance, admission, locks, records, close. */
import { INNER_SECTIONS, sectionPart, type SectionName } from '../../shared/plan/layout'
import { MAX_AGENDA_ITEMS, MAX_MEETING_ENTRIES, type MeetingCommand } from '../../shared/meetings/schemas'
import type { AgendaItem, MeetingState } from '../../shared/meetings/state'
import { mapItem, moveItem, newAgendaItem } from './agenda'
import { refuse, type MeetingActor } from './actor'
import { recordWrites } from './recordWrites'
import type { CommandContext, MeetingEffect, PlanWrite, RuleResult } from './rules'

type Ok = Extract<RuleResult, { ok: true }>
const ok = (state: MeetingState, effects: MeetingEffect[] = []): Ok => ({ ok: true, state, effects })

/** Applies a chair command (the caller checked that the actor chairs the meeting). */
export function applyChairCommand(state: MeetingState, cmd: MeetingCommand, actor: MeetingActor, ctx: CommandContext): RuleResult {
  switch (cmd.type) {
    case 'agenda-add':
      if (state.agenda.length >= MAX_AGENDA_ITEMS) return refuse('conflict', `An agenda holds at most ${MAX_AGENDA_ITEMS} items.`)
      return addAgendaItem(state, cmd, ctx)
    case 'agenda-rename':
      return withItem(state, cmd.itemId, () => ok({ ...state, agenda: mapItem(state.agenda, cmd.itemId, (i) => ({ ...i, title: cmd.title })) }))
    case 'agenda-move':
      return withItem(state, cmd.itemId, () => ok({ ...state, agenda: moveItem(state.agenda, cmd.itemId, cmd.toIndex) }))
    case 'agenda-remove':
      return withItem(state, cmd.itemId, () => removeAgendaItem(state, cmd.itemId))
    case 'invite':
      return invite(state, cmd.userIds, ctx)
    default:
      break
  }
  if (state.status !== 'live') return refuse('conflict', 'The meeting has not started yet.')
  switch (cmd.type) {
    case 'goto':
      return withItem(state, cmd.itemId, () => gotoItem(state, cmd.itemId))
    case 'timer':
      return withItem(state, cmd.itemId, (item) => ok({ ...state, agenda: mapItem(state.agenda, item.id, (i) => ({ ...i, timer: runTimer(i, cmd, ctx.now) })) }))
    case 'attendance':
      return markAttendance(state, cmd, ctx)
    case 'admit':
      return admit(state, cmd, ctx)
    case 'dismiss':
      return ok({ ...state, admissions: state.admissions.filter((a) => a.userId !== cmd.userId) }, [{ kind: 'admissions-ended', userIds: [cmd.userId] }])
    case 'lock':
    case 'pen':
      return lockSection(state, cmd.section, cmd.type === 'pen' ? cmd.userId : null, ctx)
    case 'unlock':
      return ok({ ...state, locks: state.locks.filter((l) => l.section !== cmd.section) })
    case 'reveal':
      return withItem(state, cmd.itemId, (item) =>
        item.kind !== 'blind' ? refuse('invalid_input', 'Only a blind item has entries to reveal.')
          : ok({ ...state, revealed: state.revealed.includes(item.id) ? state.revealed : [...state.revealed, item.id] }))
    case 'turn':
      return withItem(state, cmd.itemId, (item) =>
        item.kind !== 'round' ? refuse('invalid_input', 'Only a round has turns.')
          : ok({ ...state, agenda: mapItem(state.agenda, item.id, (i) => ({ ...i, turnUserId: cmd.userId })) }))
    case 'decision':
    case 'action':
    case 'restore':
      return record(state, cmd, actor, ctx)
    case 'close':
      return ok(
        { ...state, status: 'closed', closedAt: new Date(ctx.now).toISOString(), locks: [], hands: [], currentItemId: state.currentItemId },
        [{ kind: 'admissions-ended', userIds: state.admissions.map((a) => a.userId) }, { kind: 'adopt' }],
      )
    default:
      return refuse('invalid_input', `"${cmd.type}" is not a chair command.`)
  }
}

function withItem(state: MeetingState, itemId: string, then: (item: AgendaItem) => RuleResult): RuleResult {
  const item = state.agenda.find((i) => i.id === itemId)
  return item ? then(item) : refuse('not_found', 'This meeting has no such agenda item.')
}

function addAgendaItem(state: MeetingState, cmd: Extract<MeetingCommand, { type: 'agenda-add' }>, ctx: CommandContext): RuleResult {
  const item = newAgendaItem(ctx.newId(), cmd.title, cmd.kind)
  const at = cmd.afterItemId === null ? state.agenda.length : state.agenda.findIndex((i) => i.id === cmd.afterItemId) + 1
  if (at === 0 && cmd.afterItemId !== null) return refuse('not_found', 'This meeting has no such agenda item.')
  const agenda = [...state.agenda]
  agenda.splice(at, 0, item)
  return ok({ ...state, agenda })
}

function invite(state: MeetingState, userIds: string[] | null, ctx: CommandContext): RuleResult {
  if (userIds === null) return ok({ ...state, invited: null })
  const unknown = userIds.find((id) => ctx.person(id)?.ring == null)
  if (unknown) return refuse('not_found', 'Only members of the case are invited; admit others to their items.')
  // A narrower invitation may shut out someone following now: the service checks who.
  return ok({ ...state, invited: [...new Set(userIds)] }, [{ kind: 'recheck-present' }])
}

function removeAgendaItem(state: MeetingState, itemId: string): RuleResult {
  if (state.currentItemId === itemId) return refuse('conflict', 'The current item cannot be removed; move on first.')
  return ok({
    ...state,
    agenda: state.agenda.filter((i) => i.id !== itemId),
    admissions: state.admissions.map((a) => ({ ...a, itemIds: a.itemIds.filter((id) => id !== itemId) })).filter((a) => a.itemIds.length > 0),
  })
}

/**
 * Moves the agenda. Locks end with their item; admitted partners whose items do not
 * include the new one lose their access (the service closes their connections).
 */
function gotoItem(state: MeetingState, itemId: string): RuleResult {
  const previous = state.currentItemId
  const ended = state.admissions
    .filter((a) => previous !== null && a.itemIds.includes(previous) && !a.itemIds.includes(itemId))
    .map((a) => a.userId)
  const next = { ...state, currentItemId: itemId, locks: state.locks.filter((l) => l.itemId === itemId) }
  return ok(next, ended.length > 0 ? [{ kind: 'admissions-ended', userIds: ended }] : [])
}

function runTimer(item: AgendaItem, cmd: Extract<MeetingCommand, { type: 'timer' }>, now: number): AgendaItem['timer'] {
  const t = item.timer
  switch (cmd.action) {
    case 'start':
      return t.startedAt === null ? { ...t, startedAt: now } : t
    case 'pause':
      return t.startedAt === null ? t : { ...t, startedAt: null, elapsedMs: t.elapsedMs + Math.max(0, now - t.startedAt) }
    case 'reset':
      return { durationSec: cmd.durationSec ?? t.durationSec, startedAt: null, elapsedMs: 0 }
  }
}

function markAttendance(state: MeetingState, cmd: Extract<MeetingCommand, { type: 'attendance' }>, ctx: CommandContext): RuleResult {
  const person = ctx.person(cmd.userId)
  const admitted = state.admissions.some((a) => a.userId === cmd.userId)
  if (!person || (person.ring === null && !admitted)) return refuse('not_found', 'This person is not a member of the case nor admitted to the meeting.')
  const entry = { userId: person.userId, name: person.name, organisation: person.organisation, present: cmd.present, mandate: cmd.mandate }
  return ok({ ...state, attendance: [...state.attendance.filter((a) => a.userId !== cmd.userId), entry] })
}

function admit(state: MeetingState, cmd: Extract<MeetingCommand, { type: 'admit' }>, ctx: CommandContext): RuleResult {
  const person = ctx.person(cmd.userId)
  if (!person) return refuse('not_found', 'No such user.')
  if (person.ring === 'inner') return refuse('invalid_input', 'A binnenring member joins the meeting without admission.')
  const items = cmd.itemIds.map((id) => state.agenda.find((i) => i.id === id))
  if (items.some((i) => i === undefined)) return refuse('not_found', 'This meeting has no such agenda item.')
  // The buitenring gets the plan document only: an item showing inner sections cannot admit them (DOMAIN.md §3.1).
  const inner = items.find((i) => i!.sections.some((s) => (INNER_SECTIONS as readonly string[]).includes(s)))
  if (inner) return refuse('invalid_input', `"${inner.title}" shows binnenring sections; a buitenring partner cannot be admitted to it.`)
  const admission = { userId: person.userId, name: person.name, organisation: person.organisation, itemIds: [...new Set(cmd.itemIds)] }
  const next = { ...state, admissions: [...state.admissions.filter((a) => a.userId !== cmd.userId), admission] }
  // A narrower admission that no longer holds the current item ends their access now, as goto does.
  const lost = state.currentItemId !== null && !admission.itemIds.includes(state.currentItemId)
  return ok(next, lost ? [{ kind: 'admissions-ended', userIds: [person.userId] }] : [])
}

function lockSection(state: MeetingState, section: SectionName, holderId: string | null, ctx: CommandContext): RuleResult {
  if (state.currentItemId === null) return refuse('conflict', 'A lock lasts for an agenda item; go to one first.')
  if (holderId !== null && !ctx.person(holderId)) return refuse('not_found', 'No such participant.')
  const lock = { section, holderId, itemId: state.currentItemId }
  return ok({ ...state, locks: [...state.locks.filter((l) => l.section !== section), lock] })
}

function record(state: MeetingState, cmd: Extract<MeetingCommand, { type: 'decision' | 'action' | 'restore' }>, actor: MeetingActor, ctx: CommandContext): RuleResult {
  if (state.records.length >= MAX_MEETING_ENTRIES) return refuse('conflict', 'This meeting has recorded as much as one meeting may.')
  const id = cmd.type === 'restore' ? cmd.planItemId : ctx.newId()
  const writes: PlanWrite[] = cmd.type === 'restore'
    ? [{ kind: 'restore', section: cmd.section, planItemId: cmd.planItemId }]
    : recordWrites(state, cmd, actor, id, ctx.newId)
  const entry = {
    kind: cmd.type, planItemId: id, itemId: cmd.type === 'restore' ? state.currentItemId : (cmd.itemId ?? state.currentItemId),
    detail: cmd.type === 'decision' ? cmd.decisionType : cmd.type === 'restore' ? cmd.section : null, at: new Date(ctx.now).toISOString(),
    part: cmd.type === 'restore' ? sectionPart(cmd.section) : cmd.visibility,
  }
  return ok({ ...state, records: [...state.records, entry] }, writes.map((write) => ({ kind: 'plan-write', write })))
}
