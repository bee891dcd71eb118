/**
 * One error type with a stable code, mapped once to application/problem+json
 * (see core/http/problem.ts). Modules add their codes to this catalogue.
 */
interface CatalogueEntry {
  status: number;
  title: { nl: string; en: string };
  detail: { nl: string; en: string };
}

export const errorCatalogue = {
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
