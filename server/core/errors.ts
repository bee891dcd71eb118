/**
 * One error type with a stable code, mapped once to application/problem+json
 * (see core/http/problem.ts). Modules add their codes to this catalogue.
 */
import { caseErrorCatalogue } from './errors.cases';

interface CatalogueEntry {
  status: number;
  title: { nl: string; en: string };
  detail: { nl: string; en: string };
}

export const errorCatalogue = {
  ...caseErrorCatalogue,
  'request.invalid': {
    status: 400,
    title: { nl: 'Ongeldige aanvraag', en: 'Invalid request' },
    detail: {
      nl: 'Een of meer velden of parameters zijn ongeldig; zie invalidParams.',
      en: 'One or more fields or parameters are invalid; see invalidParams.',
    },
  },
  'request.malformed-json': {
    status: 400,
    title: { nl: 'Onleesbare JSON', en: 'Malformed JSON' },
    detail: { nl: 'De body is geen geldige JSON.', en: 'The request body is not valid JSON.' },
  },
  'request.body-too-large': {
    status: 413,
    title: { nl: 'Aanvraag te groot', en: 'Request too large' },
    detail: { nl: 'De body is groter dan toegestaan (1 MB).', en: 'The request body exceeds the limit (1 MB).' },
  },
  'request.unsupported-media-type': {
    status: 415,
    title: { nl: 'Niet-ondersteund mediatype', en: 'Unsupported media type' },
    detail: { nl: 'Stuur de body als application/json.', en: 'Send the request body as application/json.' },
  },
  'request.not-acceptable': {
    status: 406,
    title: { nl: 'Niet aanvaardbaar', en: 'Not acceptable' },
    detail: {
      nl: 'Deze API levert alleen application/json en application/problem+json.',
      en: 'This API only produces application/json and application/problem+json.',
    },
  },
  'request.rate-limited': {
    status: 429,
    title: { nl: 'Te veel aanvragen', en: 'Too many requests' },
    detail: {
      nl: 'U heeft te veel aanvragen gedaan. Probeer het later opnieuw (zie Retry-After).',
      en: 'Too many requests. Try again later (see Retry-After).',
    },
  },
  'route.not-found': {
    status: 404,
    title: { nl: 'Niet gevonden', en: 'Not found' },
    detail: { nl: 'Dit adres bestaat niet.', en: 'This address does not exist.' },
  },
  'route.method-not-allowed': {
    status: 405,
    title: { nl: 'Methode niet toegestaan', en: 'Method not allowed' },
    detail: {
      nl: 'Deze methode is niet toegestaan op dit adres; zie de Allow-header.',
      en: 'This method is not allowed on this address; see the Allow header.',
    },
  },
  'region.not-found': {
    status: 404,
    title: { nl: 'Regio niet gevonden', en: 'Region not found' },
    detail: { nl: 'Er is geen regio met deze code.', en: 'There is no region with this code.' },
  },
  'municipality.not-found': {
    status: 404,
    title: { nl: 'Gemeente niet gevonden', en: 'Municipality not found' },
    detail: { nl: 'Er is geen gemeente met deze code.', en: 'There is no municipality with this code.' },
  },
  'organisation.not-found': {
    status: 404,
    title: { nl: 'Organisatie niet gevonden', en: 'Organisation not found' },
    detail: { nl: 'Er is geen organisatie met deze id.', en: 'There is no organisation with this id.' },
  },
  'auth.required': {
    status: 401,
    title: { nl: 'Inloggen vereist', en: 'Log-in required' },
    detail: { nl: 'Log in om dit te gebruiken.', en: 'Log in to use this.' },
  },
  'auth.failed': {
    status: 401,
    title: { nl: 'Inloggen mislukt', en: 'Log-in failed' },
    detail: {
      nl: 'Het e-mailadres of wachtwoord klopt niet, of het account is tijdelijk geblokkeerd. Probeer het later opnieuw.',
      en: 'The e-mail address or password is wrong, or the account is temporarily locked. Try again later.',
    },
  },
  'auth.second-factor-invalid': {
    status: 401,
    title: { nl: 'Code onjuist', en: 'Code incorrect' },
    detail: {
      nl: 'De code klopt niet, is verlopen of is al gebruikt.',
      en: 'The code is wrong, has expired or has already been used.',
    },
  },
  'auth.second-factor-state': {
    status: 409,
    title: { nl: 'Tweede factor niet in deze stap', en: 'Second factor not at this step' },
    detail: {
      nl: 'Deze stap van de tweede factor past niet bij de huidige toestand van uw account.',
      en: 'This second-factor step does not fit the current state of your account.',
    },
  },
  'auth.csrf': {
    status: 403,
    title: { nl: 'Verzoek geweigerd', en: 'Request refused' },
    detail: {
      nl: 'Het beveiligingstoken (X-CSRF-Token) ontbreekt of klopt niet. Laad de pagina opnieuw.',
      en: 'The security token (X-CSRF-Token) is missing or wrong. Reload the page.',
    },
  },
  'access.denied': {
    status: 403,
    title: { nl: 'Geen toegang', en: 'Access denied' },
    detail: { nl: 'U heeft geen toegang tot deze functie.', en: 'You have no access to this function.' },
  },
  'password.rejected': {
    status: 400,
    title: { nl: 'Wachtwoord niet geaccepteerd', en: 'Password not accepted' },
    detail: {
      nl: 'Kies een wachtwoord van minstens 12 tekens dat niet in de lijst van veelgebruikte wachtwoorden staat.',
      en: 'Choose a password of at least 12 characters that is not in the list of common passwords.',
    },
  },
  'signal.not-found': {
    status: 404,
    title: { nl: 'Signaal niet gevonden', en: 'Signal not found' },
    detail: { nl: 'Er is geen signaal met dit id dat u mag zien.', en: 'There is no signal with this id that you may see.' },
  },
  'signal.attachment-unknown': {
    status: 400,
    title: { nl: 'Onbekende bijlage', en: 'Unknown attachment' },
    detail: {
      nl: 'Een of meer bijlagen horen niet bij deze melding of zijn al gebruikt. Voeg ze opnieuw toe.',
      en: 'One or more attachments do not belong to this report or were used already. Add them again.',
    },
  },
  'signal.attachment-type': {
    status: 415,
    title: { nl: 'Dit soort bestand kan niet mee', en: 'This kind of file is not accepted' },
    detail: {
      nl: 'Voeg een foto (JPEG, PNG, GIF, WebP, HEIC), een PDF, een Word- of OpenDocument-bestand of platte tekst toe. De inhoud van het bestand telt, niet de naam.',
      en: 'Add a photo (JPEG, PNG, GIF, WebP, HEIC), a PDF, a Word or OpenDocument file, or plain text. The content of the file counts, not its name.',
    },
  },
  'signal.attachment-too-large': {
    status: 413,
    title: { nl: 'Bestand te groot', en: 'File too large' },
    detail: { nl: 'Een bijlage is groter dan toegestaan.', en: 'An attachment is larger than allowed.' },
  },
  'signal.attachment-limit': {
    status: 409,
    title: { nl: 'Te veel bijlagen', en: 'Too many attachments' },
    detail: { nl: 'Er zijn al zoveel bijlagen toegevoegd als mag.', en: 'The maximum number of attachments has been added already.' },
  },
  'public.challenge-invalid': {
    status: 400,
    title: { nl: 'Controle mislukt', en: 'Check failed' },
    detail: {
      nl: 'De automatische controle tegen spam is verlopen of klopt niet. Verstuur het formulier opnieuw; uw tekst blijft staan.',
      en: 'The automatic check against spam expired or is wrong. Send the form again; your text stays.',
    },
  },
  'public.honeypot': {
    status: 400,
    title: { nl: 'Melding niet aangenomen', en: 'Report not accepted' },
    detail: { nl: 'Het veld "laat leeg" is ingevuld. Maak het leeg en verstuur opnieuw.', en: 'The field "leave empty" was filled in. Empty it and send again.' },
  },
  'public.follow-up-not-found': {
    status: 404,
    title: { nl: 'Combinatie niet gevonden', en: 'Combination not found' },
    detail: {
      nl: 'Het meldingsnummer en de volgcode horen niet bij elkaar. Controleer beide en probeer het opnieuw.',
      en: 'The reference and the follow-up code do not match. Check both and try again.',
    },
  },
  'signal.version-conflict': {
    status: 409,
    title: { nl: 'Intussen gewijzigd', en: 'Changed in the meantime' },
    detail: {
      nl: 'Iemand anders heeft dit signaal intussen gewijzigd. Laad het opnieuw; uw wijziging is niet opgeslagen.',
      en: 'Someone else changed this signal in the meantime. Reload it; your change was not saved.',
    },
  },
  'signal.not-open': {
    status: 409,
    title: { nl: 'Signaal is afgesloten', en: 'Signal is closed' },
    detail: { nl: 'Een samengevoegd of afgesloten signaal kan niet meer worden gewijzigd.', en: 'A merged or closed signal can no longer be changed.' },
  },
  'signal.link-invalid': {
    status: 400,
    title: { nl: 'Koppeling niet mogelijk', en: 'Link not possible' },
    detail: {
      nl: 'Een signaal kan niet aan zichzelf of aan een samengevoegd signaal worden gekoppeld, en niet twee keer.',
      en: 'A signal cannot be linked to itself or to a merged signal, nor twice.',
    },
  },
  'import.header-mismatch': {
    status: 422,
    title: { nl: 'Kolommen kloppen niet', en: 'Columns do not match' },
    detail: {
      nl: 'De kopregel van het bestand past niet bij de kolomindeling van deze bron. Er is niets ingelezen; zie invalidParams voor de verwachte en gevonden kolommen.',
      en: 'The header line of the file does not fit the column mapping of this source. Nothing was imported; see invalidParams for the expected and found columns.',
    },
  },
  'import.file-unreadable': {
    status: 422,
    title: { nl: 'Bestand onleesbaar', en: 'File unreadable' },
    detail: {
      nl: 'Het bestand is leeg, geen tekst (CSV), in een onbekende tekenset of zo beschadigd dat de rest niet te lezen is. Er is niets ingelezen; zie invalidParams voor de regel.',
      en: 'The file is empty, not text (CSV), in an unknown encoding, or damaged so that the rest cannot be read. Nothing was imported; see invalidParams for the line.',
    },
  },
  'import.file-too-large': {
    status: 413,
    title: { nl: 'Bestand te groot', en: 'File too large' },
    detail: { nl: 'Het exportbestand is groter dan toegestaan (IMPORT_MAX_BYTES).', en: 'The export file is larger than allowed (IMPORT_MAX_BYTES).' },
  },
  'import.not-confirmable': {
    status: 409,
    title: { nl: 'Kan niet worden ingelezen', en: 'Cannot be imported' },
    detail: {
      nl: 'Deze import loopt al, is al klaar of is verlopen. Laad de pagina opnieuw of bied het bestand opnieuw aan.',
      en: 'This import is running, finished or expired. Reload the page or upload the file again.',
    },
  },
  'mailbox.message-not-found': {
    status: 404,
    title: { nl: 'Bericht niet gevonden', en: 'Message not found' },
    detail: { nl: 'Er is geen bericht met dit id in de regionale mailbox.', en: 'There is no message with this id in the regional mailbox.' },
  },
  'mailbox.message-too-large': {
    status: 413,
    title: { nl: 'Bericht te groot', en: 'Message too large' },
    detail: {
      nl: 'Het bericht is groter dan toegestaan (MAILBOX_MAX_MESSAGE_BYTES). Er is niets opgeslagen.',
      en: 'The message is larger than allowed (MAILBOX_MAX_MESSAGE_BYTES). Nothing was stored.',
    },
  },
  'mailbox.upload-type': {
    status: 415,
    title: { nl: 'Geen e-mailbericht', en: 'Not an e-mail message' },
    detail: {
      nl: 'Stuur één e-mailbericht (.eml) als de body, met Content-Type message/rfc822.',
      en: 'Send one e-mail message (.eml) as the body, with Content-Type message/rfc822.',
    },
  },
  'service.unavailable': {
    status: 503,
    title: { nl: 'Dienst niet beschikbaar', en: 'Service unavailable' },
    detail: {
      nl: 'Een dienst waarvan Schakel afhangt (de database of de identiteitsprovider) antwoordt niet.',
      en: 'A service Schakel depends on (the database or the identity provider) does not answer.',
    },
  },
  'server.error': {
    status: 500,
    title: { nl: 'Interne fout', en: 'Internal error' },
    detail: {
      nl: 'Er ging iets mis aan onze kant. Noem het instance-nummer als u contact opneemt.',
      en: 'Something went wrong on our side. Quote the instance number when you contact us.',
    },
  },
} as const satisfies Record<string, CatalogueEntry>;

export type ErrorCode = keyof typeof errorCatalogue;

export interface InvalidParam {
  /** Where it failed: `body.description`, `query.page`, `path.id`. */
  name: string;
  code: string;
  reason: string;
}

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly extra: { invalidParams?: InvalidParam[]; headers?: Record<string, string>; cause?: unknown } = {},
  ) {
    super(code, { cause: extra.cause });
    this.name = 'AppError';
    this.status = errorCatalogue[code].status;
  }
}
