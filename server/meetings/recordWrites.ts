/**
 * What a decision or an action recorded in a meeting writes, and into which document
 * (DOMAIN.md §4.1, §4.5, §5, §7). The plan document is read by the buitenring, so it
 * names nobody at the table: a plan decision carries text, type and chair; who was
 * present, who had mandate and who dissented go to the inner document as the
 * decision's mandate record. An item the chair marks `inner` (an action for the
 * reclassering, a criminal-route decision) goes to the inner document whole.
 */
import type { MeetingCommand } from '../../shared/meetings/schemas'
import type { MeetingState } from '../../shared/meetings/state'
import { ACTION_MEETING_FIELDS } from '../../shared/plan/kinds/action'
import { pickFields } from '../../shared/plan/kinds/kindTypes'
import type { MeetingActor } from './actor'
import type { PlanWrite } from './rules'

type RecordCommand = Extract<MeetingCommand, { type: 'decision' | 'action' }>

/** Present participants as the chair marked them, `name (organisation)`. */
function presentNames(state: MeetingState, withMandate: boolean): string[] {
  return state.attendance.filter((a) => a.present && (!withMandate || a.mandate)).map((a) => `${a.name} (${a.organisation})`)
}

/**
 * The writes of one recorded decision or action, in order. Ids come from `newId`
 * (chosen before the write, so a retried command writes nothing twice).
 */
export function recordWrites(state: MeetingState, cmd: RecordCommand, actor: MeetingActor, id: string, newId: () => string): PlanWrite[] {
  if (cmd.type === 'action') {
    return [{ kind: 'action', id, part: cmd.visibility, ...pickFields(cmd, ACTION_MEETING_FIELDS) }]
  }
  const mandatedPresent = presentNames(state, true)
  const decision: PlanWrite = {
    kind: 'decision', id, part: cmd.visibility, text: cmd.text, decisionType: cmd.decisionType, chair: actor.name,
    mandatedPresent: cmd.visibility === 'inner' ? mandatedPresent : [], dissent: cmd.visibility === 'inner' ? cmd.dissent : [],
  }
  if (cmd.visibility === 'inner') return [decision]
  return [decision, { kind: 'decision-mandate', id: newId(), decisionId: id, present: presentNames(state, false), mandatedPresent, dissent: cmd.dissent }]
}
