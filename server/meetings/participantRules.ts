/** Commands every participant may send: a raised hand, blind entries, answers, cards, remarks, next steps, checks. */
import { MAX_MEETING_ENTRIES, type MeetingCommand } from '../../shared/meetings/schemas'
import type { AgendaItem, MeetingState } from '../../shared/meetings/state'
import { refuse, type MeetingActor } from './actor'
import type { CommandContext, RuleResult } from './rules'

const ok = (state: MeetingState): RuleResult => ({ ok: true, state, effects: [] })

/** Applies a participant command. */
export function applyParticipantCommand(state: MeetingState, cmd: MeetingCommand, actor: MeetingActor, ctx: CommandContext): RuleResult {
  if (state.status !== 'live') return refuse('conflict', 'The meeting has not started yet.')
  const at = new Date(ctx.now).toISOString()
  const who = { userId: actor.userId, name: actor.name, organisation: actor.organisation }
  switch (cmd.type) {
    case 'hand': {
      const hands = state.hands.filter((id) => id !== actor.userId)
      return ok({ ...state, hands: cmd.raised ? [...hands, actor.userId] : hands })
    }
    case 'entry':
      return onItem(state, cmd.itemId, 'blind', (item) => {
        if (state.revealed.includes(item.id)) return refuse('conflict', 'The entries of this item have been revealed; they no longer change.')
        const entries = state.entries.filter((e) => !(e.itemId === item.id && e.userId === actor.userId))
        return ok({ ...state, entries: [...entries, { itemId: item.id, ...who, ...cmd.entry, at }] })
      })
    case 'answer':
      return onItem(state, cmd.itemId, null, (item) => full(state.answers) ?? ok({
        ...state, answers: [...state.answers, { id: ctx.newId(), itemId: item.id, ...who, text: cmd.text, at }],
      }))
    case 'card':
      return onItem(state, cmd.itemId, 'board', (item) => full(state.cards) ?? ok({
        ...state, cards: [...state.cards, { id: ctx.newId(), itemId: item.id, userId: actor.userId, author: actor.name, organisation: actor.organisation, text: cmd.text, remarks: [], at }],
      }))
    case 'remark': {
      const card = state.cards.find((c) => c.id === cmd.cardId)
      if (!card) return refuse('not_found', 'No such card.')
      const remark = { author: actor.name, organisation: actor.organisation, text: cmd.text, at }
      return ok({ ...state, cards: state.cards.map((c) => (c.id === card.id ? { ...c, remarks: [...c.remarks, remark].slice(-50) } : c)) })
    }
    case 'next-step':
      return full(state.nextSteps) ?? ok({
        ...state, nextSteps: [...state.nextSteps.filter((s) => s.userId !== actor.userId), { ...who, text: cmd.text, shared: cmd.shared, at }],
      })
    case 'check':
      return onItem(state, cmd.itemId, 'agreement-check', () => ok({
        ...state,
        checks: [...state.checks.filter((c) => c.agreementId !== cmd.agreementId), {
          agreementId: cmd.agreementId, result: cmd.result, note: cmd.note, by: actor.name, organisation: actor.organisation, at,
        }],
      }))
    default:
      return refuse('invalid_input', `"${cmd.type}" is not a participant command.`)
  }
}

function onItem(state: MeetingState, itemId: string, kind: AgendaItem['kind'] | null, then: (item: AgendaItem) => RuleResult): RuleResult {
  const item = state.agenda.find((i) => i.id === itemId)
  if (!item) return refuse('not_found', 'This meeting has no such agenda item.')
  if (kind !== null && item.kind !== kind) return refuse('invalid_input', `This item takes no ${kind === 'blind' ? 'entries' : kind === 'board' ? 'cards' : 'checks'}.`)
  return then(item)
}

function full(list: readonly unknown[]): RuleResult | null {
  return list.length >= MAX_MEETING_ENTRIES ? refuse('conflict', 'This meeting holds as much of this as one meeting may.') : null
}
