/**
 * Dutch labels of the plan's item kinds (issue 19: one message catalogue). The client
 * merges this into its vue-i18n messages (`kinds.*`), the server's PDF reads it through
 * `translate`. Per kind: `name`, `fields.<field>`, `values.<field>.<value>` for every
 * enum value the kind's declaration names. Avoid `@ { } | $`: vue-i18n syntax.
 */
export const planLabelsNl = {
  kinds: {
    action: {
      name: 'Actie',
      fields: {
        what: 'Wat', ownerOrganisation: 'Organisatie (eigenaar)', ownerPerson: 'Persoon', due: 'Deadline', status: 'Status',
        goalId: 'Doel', resultKey: 'Resultaat', doneNote: 'Toelichting bij afronding', blockedReason: 'Reden van blokkade', innerRefs: 'Verwijzingen',
      },
      values: {
        status: { open: 'open', 'in-progress': 'bezig', done: 'gedaan', blocked: 'geblokkeerd', cancelled: 'vervallen' },
      },
    },
  },
}
