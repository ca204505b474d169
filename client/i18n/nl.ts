import { nlInner } from './nlInner'
import { nlMeetings } from './nlMeetings'
import { nlMembers } from './nlMembers'
import { nlPlan } from './nlPlan'
import { nlVersions } from './nlVersions'
import { planLabelsNl } from '../../shared/i18n/planLabels.nl'

/**
 * Dutch messages, the default locale. The English file must have exactly this shape
 * (it is typed against it). Avoid `@`, `{`, `}`, `|` and `$` in plain text: vue-i18n
 * treats them as message syntax.
 */
export const nl = {
  app: {
    name: 'Samenspel',
    tagline: 'Eén gezin, één plan',
    skipToContent: 'Naar de inhoud',
    mainNav: 'Hoofdmenu',
    signedInAs: 'Ingelogd als {name} ({organisation})',
    switchLanguage: 'Switch to English',
    switchLanguageShort: 'EN',
    switchLanguageLang: 'en',
    loading: 'Bezig met laden…',
  },
  terms: {
    binnenring: 'binnenring',
    binnenringHint: 'Partners met een vaste plek aan tafel; zien het hele plan.',
    buitenring: 'buitenring',
    buitenringHint: 'Partners die per casus of agendapunt worden uitgenodigd; zien alleen het gedeelde plan.',
    casusregisseur: 'casusregisseur',
    casusregisseurHint: 'Eindverantwoordelijke voor het plan en de opvolging van dit gezin.',
  },
  roles: {
    member: 'lid',
    reader: 'lezer',
    chair: 'voorzitter',
  },
  login: {
    title: 'Inloggen',
    intro: 'Log in met het account van je organisatie.',
    email: 'E-mailadres',
    password: 'Wachtwoord',
    submit: 'Inloggen',
    submitting: 'Bezig met inloggen…',
    demoTitle: 'Demo-accounts (fictief)',
    demoIntro: 'Alle demo-accounts gebruiken het wachtwoord',
    demoInner: 'binnenring',
    demoOuter: 'buitenring',
    demoPrivacyOfficer: 'privacyfunctionaris (geen lid van casussen)',
    demoRole: { member: 'lid', reader: 'lezer', chair: 'voorzitter' },
  },
  print: {
    confidential: 'Vertrouwelijk',
    caseLine: 'Casus {code}: {title}',
    printedBy: 'Afgedrukt door {who} op {when}',
    ringInner: 'Binnenring: het hele plan, ook het deel voor de binnenring.',
    ringOuter: 'Buitenring: alleen het gedeelde plan; het deel voor de binnenring staat hier niet in.',
    footer: 'Vertrouwelijk · {code} · niet verder verspreiden dan je taak vraagt',
  },
  nav: {
    cases: 'Casussen',
    logout: 'Uitloggen',
  },
  cases: {
    title: 'Mijn casussen',
    empty: 'Je bent nog bij geen enkele casus betrokken.',
    code: 'Code',
    caseTitle: 'Titel',
    ring: 'Ring',
    role: 'Rol',
    listLabel: 'Casussen waarbij je betrokken bent',
    createTitle: 'Nieuwe casus',
    createLabel: 'Titel van de casus',
    createHint: 'Gebruik geen achternamen, BSN, adressen of geboortedata.',
    createSubmit: 'Casus aanmaken',
    creating: 'Bezig met aanmaken…',
  },
  caseTabs: {
    label: 'Onderdelen van de casus',
    plan: 'Plan',
    members: 'Leden',
  },
  plan: nlPlan,
  // Labels of item kinds, fields and enum values: the shared catalogue (also read by the server's PDF).
  kinds: planLabelsNl.kinds,
  inner: nlInner,
  members: nlMembers,
  versions: nlVersions,
  meetings: nlMeetings,
  collab: {
    statusLabel: 'Verbinding',
    status: {
      connecting: 'Verbinden…',
      connected: 'Online',
      reconnecting: 'Opnieuw verbinden…',
      offline: 'Offline: jouw wijzigingen wachten op verbinding',
      denied: 'Geen toegang',
    },
    close: {
      invalidDocName: 'Dit document bestaat niet.',
      unauthenticated: 'Je sessie is verlopen of beëindigd; log opnieuw in.',
      forbidden: 'Je hebt geen toegang tot dit document.',
      originNotAllowed: 'Deze verbinding komt niet van de eigen website en is geweigerd.',
      updateRefused: 'De server weigerde je wijzigingen steeds opnieuw; ze zijn niet opgeslagen. Herlaad de pagina om verder te werken met wat de server heeft.',
      accessRevoked: 'Je toegang tot dit plan is ingetrokken.',
      accessRevokedInner: 'Je toegang tot de binnenring van dit plan is ingetrokken.',
      messageTooLarge: 'Een wijziging was te groot om te versturen. Maak de tekst korter en probeer het opnieuw.',
      malformedMessage: 'De server begreep een bericht niet. Herlaad de pagina.',
      rateLimited: 'Te veel wijzigingen in korte tijd. Herlaad de pagina.',
      serverShutdown: 'De server wordt herstart. We verbinden opnieuw…',
      serverError: 'De server kon het document niet bewaren of laden. We verbinden opnieuw…',
      denied: 'De server weigert de verbinding.',
      transient: 'De verbinding is verbroken. We verbinden opnieuw…',
    },
    loginAgain: 'Opnieuw inloggen',
    refusal: {
      message: 'Je laatste wijziging is niet opgeslagen: de server stond die niet toe. Je eerdere wijzigingen zijn bewaard; het plan toont weer wat de server heeft.',
      details: 'Reden van de server',
      dismiss: 'Melding sluiten',
      share: {
        items: 'Niet opgeslagen: {organisation} heeft zijn deel van dit plan gebruikt, ten hoogste {max} items in {section} per organisatie. De casusregisseur kan items van {organisation} verwijderen; andere partners kunnen gewoon verder.',
        bytes: 'Niet opgeslagen: {organisation} heeft zijn deel van dit plan gebruikt, ten hoogste {max} tekst in {section} per organisatie. De casusregisseur kan items van {organisation} verwijderen; andere partners kunnen gewoon verder.',
        document: 'Niet opgeslagen: de buitenring heeft zijn deel van dit plan gebruikt ({max}); de rest is bewaard voor de binnenring. De wijziging kwam van {organisation}; de casusregisseur kan items verwijderen.',
      },
      section: {
        goals: 'Doelen', agreements: 'Veiligheidsafspraken', actions: 'Acties', decisions: 'Besluiten', escalations: 'Escalaties',
        family: 'Gezin en netwerk', sosMap: 'SoS-kaart', dangerStatements: 'Gevaarsomschrijvingen', safetyScale: 'Veiligheidsschaal',
        justice: 'Justitie en politie', traumaScreening: 'Traumascreening', innerActions: 'Acties binnenring', innerDecisions: 'Besluiten binnenring',
        decisionMandates: 'Mandaten bij besluiten',
      },
    },
    unsaved: {
      title: 'Niet opgeslagen: {what}',
      intro: 'De server stond deze wijziging niet toe. Je andere wijzigingen gaan niet verloren: die zijn opnieuw verstuurd. Hieronder staat wat je schreef, zodat je het kunt bewaren of op een andere manier kunt doorgeven.',
      why: 'Waarom',
      wrote: 'Wat je schreef',
      serverReason: 'Reden van de server',
      copy: 'Tekst kopiëren',
      copied: 'Gekopieerd',
      copyFailed: 'Kopiëren lukte niet; selecteer de tekst en kopieer die zelf.',
      dismiss: 'Ik heb het bewaard, sluiten',
      nothing: '(geen tekst)',
      reasons: {
        ownActions: 'Als partner in de buitenring wijzig je alleen acties van je eigen organisatie. Deze actie is intussen van een andere organisatie.',
        outerRing: 'Als partner in de buitenring kun je dit deel van het plan alleen lezen.',
        locked: 'De voorzitter heeft dit onderdeel tijdens het agendapunt op slot gezet, of de pen aan iemand anders gegeven.',
        reader: 'Je kunt dit plan alleen lezen.',
        history: 'Wat vastgelegd is (besluiten, scores, geschiedenis) kan niet worden gewijzigd of verwijderd; voeg een nieuw onderdeel toe.',
        limit: 'Een grens van het plan is bereikt (te veel of te grote onderdelen).',
        other: 'De server stond deze wijziging niet toe.',
      },
      roots: {
        goals: 'Doel', agreements: 'Veiligheidsafspraak', actions: 'Actie', decisions: 'Besluit', escalations: 'Escalatie', results: 'Resultaat',
        regie: 'Regie', phase: 'GSaV-fase', phaseHistory: 'GSaV-fase', summary: 'Situatie', family: 'Gezin en netwerk', sosMap: 'SoS-kaart',
        dangerStatements: 'Gevaarsomschrijving', safetyScale: 'Veiligheidsschaal', justice: 'Justitie en politie', traumaScreening: 'Traumascreening',
        redFlags: 'Rode vlag', innerNotes: 'Notities binnenring', scaleAnchors: 'Ankers van de schaal',
      },
    },
  },
  presence: {
    heading: 'Wie is er nu',
    you: 'jij',
    listLabel: 'Aanwezigen in dit plan',
    alone: 'Alleen jij bent hier.',
  },
  errors: {
    title: 'Er ging iets mis',
    network: 'De server is niet bereikbaar. Controleer je verbinding en probeer het opnieuw.',
    unexpected_response: 'De server gaf een onverwacht antwoord.',
    invalid_input: 'Controleer de ingevulde gegevens.',
    unauthenticated: 'Je bent niet (meer) ingelogd.',
    invalid_credentials: 'Het e-mailadres of wachtwoord klopt niet.',
    forbidden: 'Je hebt geen toegang tot deze casus.',
    not_found: 'Niet gevonden.',
    conflict: 'Dit botst met een eerdere wijziging.',
    rate_limited: 'Te veel pogingen. Wacht even en probeer het opnieuw.',
    internal: 'Er ging iets mis op de server.',
    notFoundPage: 'Deze pagina bestaat niet.',
  },
}

/** The shape every locale must have. */
export type MessageSchema = typeof nl
