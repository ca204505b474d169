/**
 * The demo family's plan, "Gezin V." from DOMAIN.md §8 (scenario 1, intake): a
 * realistic, entirely fictional plan with both documents filled in, so a newcomer sees
 * at once what a good plan looks like. First names only; no addresses, no BSN.
 */
import * as Y from 'yjs'
import {
  addAction, addAgreement, addDangerStatement, addDays, addDecisionMandate, addGoal, addInnerAction, addItem, addJusticeItem, addPerson,
  addSafetyScore, addSosItem, addTraumaScreening, appendParagraph, getInnerNotesFragment, getSummaryFragment,
  migratePlanDoc, setPhase, setRedFlag, setRegie, setResult, type PlanActor,
} from '../../shared/plan'

const VT: PlanActor = { name: 'Anouk de Wit', organisation: 'Veilig Thuis Noordkust' }
const POLITIE: PlanActor = { name: 'Ruben Smit', organisation: 'Politie Eenheid Noordkust' }
const WIJKTEAM: PlanActor = { name: 'Fatma Yilmaz', organisation: 'Wijkteam Havenstad' }
// Fixed ids: the inner document's mandate records point at these plan decisions.
const PHASE_DECISION_ID = '5d0c6a1e-8f3b-4c52-9a47-1e2f3a4b5c01'
const MDA_DECISION_ID = '5d0c6a1e-8f3b-4c52-9a47-1e2f3a4b5c02'

/** Builds the plan document of the demo case, counted from its MDA++ start date. */
export function buildDemoPlanDoc(start: string): Y.Doc {
  const doc = new Y.Doc()
  migratePlanDoc(doc, 'plan')
  appendParagraph(getSummaryFragment(doc), 'Moeder (34) en vader (37) met twee kinderen van 9 en 4. De politie is in twee maanden drie keer ter plaatse geweest; moeder heeft de scheiding aangekondigd.')
  appendParagraph(getSummaryFragment(doc), 'Eerste doel: directe veiligheid voor moeder en kinderen. De school is op de hoogte en let op signalen bij het oudste kind.')
  const safe = addGoal(doc, { resultKey: 'direct-safety', text: 'Moeder en kinderen verblijven op een veilige plek; geen contact met vader buiten afspraken.', observableFor: 'vanaf nu, dagelijks tot het plan van aanpak staat' }, VT)
  const plan = addGoal(doc, { resultKey: 'stable-safety', text: 'Plan van aanpak met alle partners vastgesteld en uitgevoerd.', observableFor: '3 maanden zonder incident' }, VT)
  addGoal(doc, { resultKey: 'recovery', text: 'De kinderen krijgen passende hulp bij wat zij hebben meegemaakt.' }, WIJKTEAM)
  setResult(doc, 'direct-safety', { status: 'at-risk', evidence: 'Opvangplek nog niet bevestigd.' }, VT)
  addAgreement(doc, { text: 'Vader komt niet naar de woning en neemt alleen contact op via het wijkteam.', boundParties: ['vader'], checkedBy: 'Wijkteam Havenstad', checkMethod: 'wekelijks belcontact met moeder', ifBroken: 'melding aan politie en Veilig Thuis dezelfde dag', startDate: start, reviewDate: addDays(start, 14) }, WIJKTEAM)
  addAgreement(doc, { text: 'De school meldt afwezigheid van het oudste kind nog dezelfde ochtend aan het wijkteam.', boundParties: ['OBS De Vlinder'], checkedBy: 'Wijkteam Havenstad', startDate: start }, VT)
  addAction(doc, { what: 'Opvangplek regelen voor moeder en kinderen', ownerOrganisation: 'Veilig Thuis Noordkust', ownerPerson: 'Anouk de Wit', due: addDays(start, 2), goalId: safe.id }, VT)
  addAction(doc, { what: 'School informeren over de afspraken', ownerOrganisation: 'Wijkteam Havenstad', due: addDays(start, 1), status: 'done', doneNote: 'Intern begeleider gesproken.', goalId: safe.id }, WIJKTEAM)
  addAction(doc, { what: 'Plan van aanpak opstellen met alle partners', ownerOrganisation: 'Wijkteam Havenstad', due: addDays(start, 28), goalId: plan.id }, WIJKTEAM)
  addAction(doc, { what: 'Traumascreening voor moeder aanbieden', ownerOrganisation: 'GGZ Kustland', due: addDays(start, 21), resultKey: 'recovery' }, VT)
  // The perpetrator programme (Reclassering) is in the inner document: a school must not learn of it (DOMAIN.md §4.1).
  const phase = addItem(doc, 'decisions', { text: 'Start in de fase veiligheid; eerst directe veiligheid regelen.', type: 'phase', chair: 'Anouk de Wit' }, VT, { id: PHASE_DECISION_ID })
  setPhase(doc, 'veiligheid', phase.id, VT)
  addItem(doc, 'decisions', { text: 'Casus wordt opgepakt in het MDA++-overleg; wijkteam neemt de casusregie.', type: 'plan', chair: 'Anouk de Wit' }, VT, { id: MDA_DECISION_ID })
  setRegie(doc, {
    casusregisseur: { organisation: 'Wijkteam Havenstad', person: 'Fatma Yilmaz' },
    procesregisseur: { organisation: 'Zorg- en Veiligheidshuis Noordkust', person: null },
    responsiblePartner: { organisation: 'Veilig Thuis Noordkust', person: 'Anouk de Wit' },
    doorzettingsmacht: { organisation: 'Zorg- en Veiligheidshuis Noordkust', person: null },
  }, VT)
  return doc
}

/** Builds the inner document (binnenring only) of the demo case. */
export function buildDemoInnerDoc(start: string): Y.Doc {
  const doc = new Y.Doc()
  migratePlanDoc(doc, 'inner')
  appendParagraph(getInnerNotesFragment(doc), 'Samenvatting politie: bij de laatste melding een greep naar de keel; aangifte is in voorbereiding.')
  const mother = addPerson(doc, { firstName: 'Sanne', role: 'slachtoffer', age: 34 }, VT)
  addPerson(doc, { firstName: 'Mark', role: 'pleger', age: 37 }, VT)
  addPerson(doc, { firstName: 'Noor', role: 'kind', age: 9 }, VT)
  addPerson(doc, { firstName: 'Daan', role: 'kind', age: 4 }, VT)
  addSosItem(doc, { type: 'harm', text: 'Drie politie-inzetten in twee maanden; greep naar de keel bij de laatste.' }, POLITIE)
  addSosItem(doc, { type: 'complicating-factor', text: 'Scheiding aangekondigd: het risico is het hoogst rond de scheiding.' }, VT)
  addSosItem(doc, { type: 'strength', text: 'Moeder zoekt zelf hulp; grootmoeder biedt onderdak aan.' }, WIJKTEAM)
  addSosItem(doc, { type: 'next-step', text: 'Opvang regelen en een contactverbod onderzoeken.' }, VT)
  addDangerStatement(doc, { whoWorries: ['Veilig Thuis Noordkust', 'Politie Eenheid Noordkust'], behaviour: 'Vader wordt fysiek geweldadig tegen moeder als zij hem tegenspreekt, ook waar de kinderen bij zijn.', ifNothingChanges: 'Moeder raakt ernstig gewond en de kinderen lopen blijvende schade op.' }, VT)
  setRedFlag(doc, 'severity-frequency', 'observed', 'Drie meldingen in twee maanden, ernst neemt toe.', POLITIE)
  setRedFlag(doc, 'violence', 'observed', 'Greep naar de keel.', POLITIE)
  setRedFlag(doc, 'control-coercion', 'unknown', 'Nog uitvragen bij moeder.', VT)
  setRedFlag(doc, 'firearms', 'not-observed', 'Geen wapens bekend bij de politie.', POLITIE)
  addSafetyScore(doc, { partner: 'Veilig Thuis Noordkust', score: 2, date: start, reason: 'Geweld neemt toe; scheiding aangekondigd.', addsPoint: 'Bevestigde opvangplek.' }, VT)
  addSafetyScore(doc, { partner: 'Politie Eenheid Noordkust', score: 1, date: start, reason: 'Greep naar de keel is een hoog-risicosignaal.', addsPoint: 'Contactverbod opgelegd.' }, POLITIE)
  addSafetyScore(doc, { partner: 'Wijkteam Havenstad', score: 3, date: start, reason: 'Moeder werkt mee, netwerk is beschikbaar.', addsPoint: 'Vader neemt deel aan een plegeraanbod.' }, WIJKTEAM)
  addJusticeItem(doc, { type: 'incident', text: 'Melding huiselijk geweld, greep naar de keel.', date: addDays(start, -3) }, POLITIE)
  addJusticeItem(doc, { type: 'criminal-case', text: 'Aangifte in voorbereiding; OM beslist over de strafrechtelijke route.', date: start }, POLITIE)
  addTraumaScreening(doc, { personId: mother.id, offeredOn: start, note: 'Wachttijd GGZ navragen.' }, VT)
  addInnerAction(doc, { what: 'Plegeraanbod voor vader aanvragen', ownerOrganisation: 'Reclassering Noordkust', due: addDays(start, 10), status: 'blocked', blockedReason: 'Financiering van het programma nog niet rond.', resultKey: 'stable-safety' }, VT)
  // Who sat at the table with mandate when the plan's decisions were taken: binnenring only.
  addDecisionMandate(doc, { decisionId: PHASE_DECISION_ID, mandatedPresent: ['Veilig Thuis Noordkust', 'Politie Eenheid Noordkust', 'Wijkteam Havenstad'] }, VT)
  addDecisionMandate(doc, { decisionId: MDA_DECISION_ID, mandatedPresent: ['Veilig Thuis Noordkust', 'Wijkteam Havenstad'] }, VT)
  return doc
}
