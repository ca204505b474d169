import type { PlanLabels } from './catalogue'

/** English labels of the plan's item kinds; same shape as the Dutch (see planLabels.nl.ts). */
export const planLabelsEn: PlanLabels = {
  kinds: {
    action: {
      name: 'Action',
      fields: {
        priority: 'Priority',
        what: 'What', ownerOrganisation: 'Owner organisation', ownerPerson: 'Person', due: 'Due', status: 'Status',
        doneNote: 'Note on completion', blockedReason: 'Why it is blocked', goalId: 'Goal', resultKey: 'Result', innerRefs: 'References',
      },
      values: {
        priority: { high: 'high', normal: 'normal' },
        status: { open: 'open', 'in-progress': 'in progress', done: 'done', blocked: 'blocked', cancelled: 'cancelled' },
      },
    },
    goal: {
      name: 'Goal',
      fields: {
        resultKey: 'Result', text: 'Goal', observableFor: 'Observable for how long', status: 'Status', evidence: 'Evidence',
        innerRefs: 'References',
      },
      values: {
        resultKey: {
          'direct-safety': 'Direct safety', 'stable-safety': 'Stable safety', recovery: 'Recovery from trauma, development',
          participation: 'Lasting safety and participation',
        },
        status: { open: 'open', achieved: 'achieved', 'at-risk': 'at risk', missed: 'missed' },
      },
    },
    agreement: {
      name: 'Safety agreement',
      fields: {
        text: 'Agreement', boundParties: 'Bound', checkedBy: 'Checked by', checkMethod: 'How it is checked',
        ifBroken: 'If the agreement is broken', startDate: 'Start date', reviewDate: 'Review date', status: 'Status',
        innerRefs: 'References',
      },
      values: {
        status: { proposed: 'proposed', active: 'active', broken: 'broken', ended: 'ended' },
      },
    },
    decision: {
      name: 'Decision',
      fields: {
        text: 'Decision', type: 'Type of decision', chair: 'Chair', mandatedPresent: 'Mandated partners present', dissent: 'Dissent',
        innerRefs: 'References',
      },
      values: {
        type: {
          plan: 'plan', phase: 'phase change', 'criminal-route': 'criminal route', 'rvdk-request': 'request to the RvdK',
          placement: 'placement', 'step-down': 'step down', close: 'close', escalate: 'escalate',
        },
      },
    },
    escalation: {
      name: 'Escalation',
      fields: {
        issue: 'Issue', raisedBy: 'Raised by', raisedTo: 'Raised with', due: 'Outcome due', outcome: 'Outcome', actionId: 'Action',
        outcomeDecisionId: 'Decision',
      },
      values: {  },
    },
    result: {
      name: 'Result',
      fields: { status: 'Status', evidence: 'Evidence', updatedAt: 'Changed on', updatedBy: 'Changed by' },
      values: {
        status: { open: 'open', achieved: 'achieved', 'at-risk': 'at risk', missed: 'missed' },
        key: {
          'direct-safety': 'Direct safety', 'stable-safety': 'Stable safety', recovery: 'Recovery from trauma, development',
          participation: 'Lasting safety and participation',
        },
      },
    },
    regie: {
      name: 'Regie',
      fields: {
        casusregisseur: 'Casusregisseur (case director)', procesregisseur: 'Procesregisseur (process director)',
        responsiblePartner: 'Responsible partner', doorzettingsmacht: 'Doorzettingsmacht (deadlock authority)',
      },
      values: {  },
    },
    phase: {
      name: 'GSaV phase',
      fields: {
        from: 'From', to: 'To', at: 'On', decisionId: 'Decision', author: 'By', organisation: 'Organisation', meetingId: 'Meeting',
      },
      values: {
        from: { veiligheid: 'Safety', risico: 'Risks', herstel: 'Recovery' },
        to: { veiligheid: 'Safety', risico: 'Risks', herstel: 'Recovery' },
      },
    },
    person: {
      name: 'Person',
      fields: { firstName: 'First name', role: 'Role', age: 'Age', relations: 'Relations' },
      values: {
        role: {
          slachtoffer: 'victim', pleger: 'perpetrator', kind: 'child', ouder: 'parent', 'ex-partner': 'ex-partner', netwerk: 'network',
        },
      },
    },
    sosItem: {
      name: 'SoS map item',
      fields: { type: 'Type', text: 'Text' },
      values: {
        type: {
          harm: 'harm', 'complicating-factor': 'complicating factor', strength: 'strength', 'existing-safety': 'existing safety',
          'next-step': 'next step',
        },
      },
    },
    dangerStatement: {
      name: 'Danger statement',
      fields: {
        whoWorries: 'Who is worried', behaviour: 'About what behaviour', ifNothingChanges: 'If nothing changes', goalIds: 'Safety goals',
      },
      values: {  },
    },
    safetyScore: {
      name: 'Safety score',
      fields: {
        partner: 'Partner', score: 'Score', date: 'Date', reason: 'Why this score', addsPoint: 'What would add a point',
      },
      values: {  },
    },
    justiceItem: {
      name: 'Fact or measure',
      fields: { type: 'Type', text: 'Description', date: 'Date' },
      values: {
        type: {
          'house-ban': 'house ban', 'contact-ban': 'contact ban', arrest: 'arrest', 'criminal-case': 'criminal case',
          supervision: 'supervision', incident: 'incident', other: 'other',
        },
      },
    },
    traumaScreening: {
      name: 'Trauma screening',
      fields: {
        offeredOn: 'Offered', doneOn: 'Done', treatmentStartedOn: 'Treatment started', note: 'Note', personId: 'Person',
      },
      values: {  },
    },
    redFlag: {
      name: 'Red flag',
      fields: {
        status: 'State', note: 'Note', sourceOrganisation: 'Source', date: 'Date', recorder: 'Recorded by', meetingId: 'Meeting',
        updatedAt: 'Changed on',
      },
      values: {
        status: { observed: 'observed', 'not-observed': 'not observed', unknown: 'unknown' },
        key: {
          'severity-frequency': 'Rising severity and frequency', escalation: 'Escalation', isolation: 'Isolating',
          'control-coercion': 'Control and coercion', firearms: 'Firearms present', dependency: 'Dependency',
          violence: 'Physical and sexual violence', 'death-threat': 'Death threats to victims or others involved',
          'suicide-threat': 'Threat of suicide', 'extreme-fear': 'Extreme fear',
        },
      },
    },
    decisionMandate: {
      name: 'Attendance and mandate of a decision',
      fields: { decisionId: 'Decision', present: 'Present', mandatedPresent: 'Mandated partners present', dissent: 'Dissent' },
      values: {  },
    },
  },
}
