/**
 * Dutch labels of the plan's item kinds (issue 19: one message catalogue). The client
 * merges this into its vue-i18n messages (`kinds.*`), the server's PDF reads it through
 * `translate`. Per kind: `name`, `fields.<field>`, `values.<field>.<value>` for every
 * enum value its declaration (shared/plan/kinds) names, and `values.key.<key>` for the
 * fixed keys of a keyed section. Avoid `@ { } | $`: vue-i18n syntax.
 */
export const planLabelsNl = {
  kinds: {
    action: {
      name: 'Actie',
      fields: {
        priority: 'Prioriteit',
        what: 'Wat', ownerOrganisation: 'Organisatie (eigenaar)', ownerPerson: 'Persoon', due: 'Deadline', status: 'Status',
        doneNote: 'Toelichting bij afronding', blockedReason: 'Reden van blokkade', goalId: 'Doel', resultKey: 'Resultaat',
        innerRefs: 'Verwijzingen',
      },
      values: {
        priority: { high: 'hoog', normal: 'normaal' },
        status: { open: 'open', 'in-progress': 'bezig', done: 'gedaan', blocked: 'geblokkeerd', cancelled: 'vervallen' },
      },
    },
    goal: {
      name: 'Doel',
      fields: {
        resultKey: 'Resultaat', text: 'Doel', observableFor: 'Hoe lang zichtbaar', status: 'Status', evidence: 'Onderbouwing',
        innerRefs: 'Verwijzingen',
      },
      values: {
        resultKey: {
          'direct-safety': 'Directe veiligheid', 'stable-safety': 'Stabiele veiligheid', recovery: 'Herstel van trauma en ontwikkeling',
          participation: 'Duurzame veiligheid en participatie',
        },
        status: { open: 'open', achieved: 'behaald', 'at-risk': 'in gevaar', missed: 'niet gehaald' },
      },
    },
    agreement: {
      name: 'Veiligheidsafspraak',
      fields: {
        text: 'Afspraak', boundParties: 'Gebonden', checkedBy: 'Controle door', checkMethod: 'Hoe wordt gecontroleerd',
        ifBroken: 'Als de afspraak wordt geschonden', startDate: 'Startdatum', reviewDate: 'Evaluatiedatum', status: 'Status',
        innerRefs: 'Verwijzingen',
      },
      values: {
        status: { proposed: 'voorgesteld', active: 'actief', broken: 'geschonden', ended: 'beëindigd' },
      },
    },
    decision: {
      name: 'Besluit',
      fields: {
        text: 'Besluit', type: 'Soort besluit', chair: 'Voorzitter', mandatedPresent: 'Gemandateerd aanwezig',
        dissent: 'Afwijkende meningen', innerRefs: 'Verwijzingen',
      },
      values: {
        type: {
          plan: 'plan', phase: 'fasewissel', 'criminal-route': 'strafrechtelijke route', 'rvdk-request': 'verzoek aan de RvdK',
          placement: 'plaatsing', 'step-down': 'afschalen', close: 'afsluiten', escalate: 'escaleren',
        },
      },
    },
    escalation: {
      name: 'Escalatie',
      fields: {
        issue: 'Knelpunt', raisedBy: 'Aangekaart door', raisedTo: 'Voorgelegd aan', due: 'Uitkomst uiterlijk', outcome: 'Uitkomst',
        actionId: 'Actie', outcomeDecisionId: 'Besluit',
      },
      values: {  },
    },
    result: {
      name: 'Resultaat',
      fields: { status: 'Status', evidence: 'Onderbouwing', updatedAt: 'Gewijzigd op', updatedBy: 'Gewijzigd door' },
      values: {
        status: { open: 'open', achieved: 'behaald', 'at-risk': 'in gevaar', missed: 'niet gehaald' },
        key: {
          'direct-safety': 'Directe veiligheid', 'stable-safety': 'Stabiele veiligheid', recovery: 'Herstel van trauma en ontwikkeling',
          participation: 'Duurzame veiligheid en participatie',
        },
      },
    },
    regie: {
      name: 'Regie',
      fields: {
        casusregisseur: 'Casusregisseur', procesregisseur: 'Procesregisseur', responsiblePartner: 'Verantwoordelijke partner',
        doorzettingsmacht: 'Doorzettingsmacht',
      },
      values: {  },
    },
    phase: {
      name: 'GSaV-fase',
      fields: {
        from: 'Van', to: 'Naar', at: 'Op', decisionId: 'Besluit', author: 'Door', organisation: 'Organisatie', meetingId: 'Overleg',
      },
      values: {
        from: { veiligheid: 'Veiligheid', risico: 'Risico’s', herstel: 'Herstel' },
        to: { veiligheid: 'Veiligheid', risico: 'Risico’s', herstel: 'Herstel' },
      },
    },
    person: {
      name: 'Persoon',
      fields: { firstName: 'Voornaam', role: 'Rol', age: 'Leeftijd', relations: 'Relaties' },
      values: {
        role: {
          slachtoffer: 'slachtoffer', pleger: 'pleger', kind: 'kind', ouder: 'ouder', 'ex-partner': 'ex-partner', netwerk: 'netwerk',
        },
      },
    },
    sosItem: {
      name: 'Onderdeel van de SoS-kaart',
      fields: { type: 'Soort', text: 'Tekst' },
      values: {
        type: {
          harm: 'schade', 'complicating-factor': 'complicerende factor', strength: 'sterke kant', 'existing-safety': 'bestaande veiligheid',
          'next-step': 'volgende stap',
        },
      },
    },
    dangerStatement: {
      name: 'Gevaarsomschrijving',
      fields: {
        whoWorries: 'Wie maakt zich zorgen', behaviour: 'Over welk gedrag', ifNothingChanges: 'Als er niets verandert',
        goalIds: 'Veiligheidsdoelen',
      },
      values: {  },
    },
    safetyScore: {
      name: 'Veiligheidsscore',
      fields: {
        partner: 'Partner', score: 'Score', date: 'Datum', reason: 'Waarom deze score', addsPoint: 'Wat maakt het een punt hoger',
      },
      values: {  },
    },
    justiceItem: {
      name: 'Feit of maatregel',
      fields: { type: 'Soort', text: 'Omschrijving', date: 'Datum' },
      values: {
        type: {
          'house-ban': 'huisverbod', 'contact-ban': 'contactverbod', arrest: 'aanhouding', 'criminal-case': 'strafzaak',
          supervision: 'toezicht', incident: 'incident', other: 'overig',
        },
      },
    },
    traumaScreening: {
      name: 'Traumascreening',
      fields: {
        offeredOn: 'Aangeboden', doneOn: 'Gedaan', treatmentStartedOn: 'Behandeling gestart', note: 'Notitie', personId: 'Persoon',
      },
      values: {  },
    },
    redFlag: {
      name: 'Rode vlag',
      fields: {
        status: 'Stand', note: 'Toelichting', sourceOrganisation: 'Bron', date: 'Datum', recorder: 'Vastgelegd door',
        meetingId: 'Overleg', updatedAt: 'Gewijzigd op',
      },
      values: {
        status: { observed: 'waargenomen', 'not-observed': 'niet waargenomen', unknown: 'onbekend' },
        key: {
          'severity-frequency': 'Toename in ernst en frequentie', escalation: 'Escalatie', isolation: 'Isoleren',
          'control-coercion': 'Controle en dwang', firearms: 'Aanwezigheid van vuurwapens', dependency: 'Afhankelijkheid',
          violence: 'Fysiek en seksueel geweld', 'death-threat': 'Bedreiging met de dood van slachtoffers en/of betrokkenen',
          'suicide-threat': 'Dreiging van zelfdoding', 'extreme-fear': 'Extreme angst',
        },
      },
    },
    decisionMandate: {
      name: 'Aanwezigheid en mandaat bij een besluit',
      fields: {
        decisionId: 'Besluit', present: 'Aanwezig', mandatedPresent: 'Gemandateerd aanwezig', dissent: 'Afwijkende meningen',
      },
      values: {  },
    },
  },
}
