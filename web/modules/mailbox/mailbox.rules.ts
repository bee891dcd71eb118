import type { Me } from '@server/modules/identity/identity.schema';
import type { MailboxMessage } from '@server/modules/mailbox/mailbox.schema';

export const mailboxPath = '/meldpunt/mailbox';

/** The ketenregisseur triages the regional mailbox (the server checks every request again). */
export const canUseMailbox = (me: Me | undefined): boolean => me?.roles.includes('ketenregisseur') === true;

export type MailboxFilter = 'parse-error' | 'recorded' | 'all';
export const mailboxFilters: readonly MailboxFilter[] = ['parse-error', 'recorded', 'all'];

/** `?toon=…&pagina=…`: parse errors first, since those need a person. */
export function parseMailboxSearch(search: URLSearchParams): { filter: MailboxFilter; page: number } {
  const shown = search.get('toon');
  const filter = (mailboxFilters as readonly string[]).includes(shown ?? '') ? (shown as MailboxFilter) : 'parse-error';
  const page = Number(search.get('pagina'));
  return { filter, page: Number.isInteger(page) && page >= 1 ? page : 1 };
}

export function mailboxSearch(filter: MailboxFilter, page: number): string {
  const params = new URLSearchParams();
  if (filter !== 'parse-error') params.set('toon', filter);
  if (page > 1) params.set('pagina', String(page));
  const search = params.toString();
  return search ? `?${search}` : '';
}

export type ParseErrorKey = 'too-large' | 'too-deep' | 'too-many-parts' | 'too-much-content' | 'no-headers' | 'unparseable';
const parseErrorKeys: Record<ParseErrorKey, true> = {
  'too-large': true,
  'too-deep': true,
  'too-many-parts': true,
  'too-much-content': true,
  'no-headers': true,
  unparseable: true,
};

/** The translation key part of a parse error (`mime.too-deep` → `too-deep`); unknown codes (a newer server) fall back to `unparseable`. */
export function parseErrorKey(message: Pick<MailboxMessage, 'parseError'>): ParseErrorKey {
  const key = (message.parseError?.code ?? '').replace(/^mime\./, '');
  return Object.hasOwn(parseErrorKeys, key) ? (key as ParseErrorKey) : 'unparseable';
}

/** "12 kB", "3.4 MB" — for the size column. */
export function messageSize(bytes: number, locale: string): string {
  const format = (value: number, digits: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value);
  if (bytes < 1024) return `${format(bytes, 0)} B`;
  if (bytes < 1024 * 1024) return `${format(bytes / 1024, 0)} kB`;
  return `${format(bytes / (1024 * 1024), 1)} MB`;
}

/** The signal a message became (the signals module's page for one signal). */
export const signalLink = (id: string) => `/signalen/${encodeURIComponent(id)}`;
