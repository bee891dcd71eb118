/**
 * The error codes of the case flow (issue #6): cases, tracks and actions, the
 * weighing-and-monitoring table and the spoed-MDO. Part of the one catalogue in errors.ts.
 */
export const caseErrorCatalogue = {
  'case.not-found': {
    status: 404,
    title: { nl: 'Casus niet gevonden', en: 'Case not found' },
    detail: { nl: 'Er is geen casus met dit id die u mag zien.', en: 'There is no case with this id that you may see.' },
  },
  'case.version-conflict': {
    status: 409,
    title: { nl: 'Casus is intussen gewijzigd', en: 'Case changed meanwhile' },
    detail: {
      nl: 'Iemand anders heeft deze casus gewijzigd nadat u hem opende. Er is niets overschreven: laad de casus opnieuw en voer uw wijziging opnieuw in.',
      en: 'Someone else changed this case after you opened it. Nothing was overwritten: reload the case and enter your change again.',
    },
  },
  'case.closed': {
    status: 409,
    title: { nl: 'Casus is gesloten', en: 'Case is closed' },
    detail: { nl: 'Een gesloten casus kan niet meer worden gewijzigd; er kunnen geen sporen of acties bij.', en: 'A closed case cannot be changed; no tracks or actions can be added.' },
  },
  'case.open-tracks': {
    status: 409,
    title: { nl: 'Er lopen nog sporen', en: 'Tracks are still open' },
    detail: {
      nl: 'Een casus sluit pas als elk spoor met een reden is afgesloten. Sluit eerst de open sporen (zie invalidParams).',
      en: 'A case closes only when every track is closed with a reason. Close the open tracks first (see invalidParams).',
    },
  },
  'case.signal-unavailable': {
    status: 409,
    title: { nl: 'Signaal kan niet bij deze casus', en: 'Signal cannot join this case' },
    detail: {
      nl: 'Het signaal hoort al bij een casus, is samengevoegd of gesloten, of ligt buiten uw gemeenten (zie invalidParams).',
      en: 'The signal already belongs to a case, was merged or closed, or lies outside your municipalities (see invalidParams).',
    },
  },
  'case.assessment-invalid': {
    status: 409,
    title: { nl: 'Besluit past niet bij de stand van de casus', en: 'Decision does not fit the state of the case' },
    detail: {
      nl: 'Dit besluit kan in deze fase van de casus niet worden genomen (zie invalidParams).',
      en: 'This decision cannot be taken at this stage of the case (see invalidParams).',
    },
  },
  'case.handover-pending': {
    status: 409,
    title: { nl: 'Er loopt al een overdracht', en: 'A hand-over is already pending' },
    detail: { nl: 'Deze casus heeft al een overdracht die wacht op de ontvangende gemeente.', en: 'This case already has a hand-over waiting for the receiving municipality.' },
  },
  'case.handover-not-pending': {
    status: 409,
    title: { nl: 'Overdracht is al afgehandeld', en: 'Hand-over already decided' },
    detail: { nl: 'Deze overdracht is al geaccepteerd, afgewezen of ingetrokken.', en: 'This hand-over was already accepted, declined or withdrawn.' },
  },
  'track.not-found': {
    status: 404,
    title: { nl: 'Spoor niet gevonden', en: 'Track not found' },
    detail: { nl: 'Deze casus heeft geen spoor met dit id.', en: 'This case has no track with this id.' },
  },
  'track.closed': {
    status: 409,
    title: { nl: 'Spoor is gesloten', en: 'Track is closed' },
    detail: { nl: 'Bij een gesloten spoor kunnen geen acties meer worden toegevoegd of gewijzigd.', en: 'Actions cannot be added to or changed on a closed track.' },
  },
  'track.version-conflict': {
    status: 409,
    title: { nl: 'Spoor is intussen gewijzigd', en: 'Track changed meanwhile' },
    detail: { nl: 'Iemand anders heeft dit spoor of deze actie gewijzigd. Er is niets overschreven: laad de casus opnieuw.', en: 'Someone else changed this track or action. Nothing was overwritten: reload the case.' },
  },
  'action.not-found': {
    status: 404,
    title: { nl: 'Actie niet gevonden', en: 'Action not found' },
    detail: { nl: 'Dit spoor heeft geen actie met dit id.', en: 'This track has no action with this id.' },
  },
  'table.session-not-found': {
    status: 404,
    title: { nl: 'Tafelbespreking niet gevonden', en: 'Table session not found' },
    detail: { nl: 'Er is geen tafelbespreking met dit id die u mag zien.', en: 'There is no table session with this id that you may see.' },
  },
  'table.session-version-conflict': {
    status: 409,
    title: { nl: 'Bespreking is intussen gewijzigd', en: 'Session changed meanwhile' },
    detail: { nl: 'Iemand anders heeft deze bespreking gewijzigd. Er is niets overschreven: laad de pagina opnieuw.', en: 'Someone else changed this session. Nothing was overwritten: reload the page.' },
  },
  'table.session-closed': {
    status: 409,
    title: { nl: 'Bespreking kan niet meer worden gewijzigd', en: 'Session can no longer be changed' },
    detail: {
      nl: 'De notulen van deze bespreking zijn vastgesteld of de bespreking is geannuleerd. Vastgestelde notulen worden alleen aangevuld met een zichtbare wijziging (amendement).',
      en: 'The minutes of this session are confirmed or the session was cancelled. Confirmed minutes are only added to with a visible amendment.',
    },
  },
  'table.no-legal-basis': {
    status: 422,
    title: { nl: 'Geen grondslag voor gegevensdeling', en: 'No legal basis for sharing' },
    detail: {
      nl: 'Een partner wordt pas uitgenodigd als er een wettelijke grondslag voor de gegevensdeling is vastgelegd: door de partner zelf, of bij de uitnodiging.',
      en: 'A partner is invited only once a legal basis for sharing data is recorded: by the partner itself, or with the invitation.',
    },
  },
  'table.case-not-on-agenda': {
    status: 409,
    title: { nl: 'Casus staat niet op de agenda', en: 'Case is not on the agenda' },
    detail: { nl: 'Deze casus staat niet op de agenda van deze bespreking.', en: 'This case is not on the agenda of this session.' },
  },
  'table.minutes-not-confirmable': {
    status: 409,
    title: { nl: 'Notulen kunnen nog niet worden vastgesteld', en: 'Minutes cannot be confirmed yet' },
    detail: {
      nl: 'Notulen worden vastgesteld na de bespreking, met de aanwezigheid vastgelegd; zie invalidParams.',
      en: 'Minutes are confirmed after the session, with attendance recorded; see invalidParams.',
    },
  },
  'consultation.not-found': {
    status: 404,
    title: { nl: 'Spoed-MDO niet gevonden', en: 'Urgent consultation not found' },
    detail: { nl: 'Er is geen spoed-MDO met dit id die u mag zien.', en: 'There is no urgent consultation with this id that you may see.' },
  },
  'consultation.closed': {
    status: 409,
    title: { nl: 'Spoed-MDO is afgerond', en: 'Urgent consultation is closed' },
    detail: { nl: 'Het advies is vastgelegd; er kunnen geen bijdragen meer bij.', en: 'The advice is recorded; no more contributions can be added.' },
  },
} as const;
