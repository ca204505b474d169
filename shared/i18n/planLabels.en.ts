import type { PlanLabels } from './catalogue'

/** English labels of the plan's item kinds; same shape as the Dutch (see planLabels.nl.ts). */
export const planLabelsEn: PlanLabels = {
  kinds: {
    action: {
      name: 'Action',
      fields: {
        what: 'What', ownerOrganisation: 'Organisation (owner)', ownerPerson: 'Person', due: 'Deadline', status: 'Status',
        goalId: 'Goal', resultKey: 'Result', doneNote: 'Note on completion', blockedReason: 'Reason blocked', innerRefs: 'References',
      },
      values: {
        status: { open: 'open', 'in-progress': 'in progress', done: 'done', blocked: 'blocked', cancelled: 'cancelled' },
      },
    },
  },
}
