import { describe, expect, it } from 'vitest';
import { canUseMailbox, mailboxSearch, messageSize, parseErrorKey, parseMailboxSearch } from './mailbox.rules';

describe('mailbox rules', () => {
  it('reads and writes the list state in the URL, parse errors first', () => {
    expect(parseMailboxSearch(new URLSearchParams(''))).toEqual({ filter: 'parse-error', page: 1 });
    expect(parseMailboxSearch(new URLSearchParams('toon=all&pagina=3'))).toEqual({ filter: 'all', page: 3 });
    expect(parseMailboxSearch(new URLSearchParams('toon=<script>&pagina=-1'))).toEqual({ filter: 'parse-error', page: 1 });
    expect(mailboxSearch('parse-error', 1)).toBe('');
    expect(mailboxSearch('recorded', 2)).toBe('?toon=recorded&pagina=2');
  });

  it('names parse errors, also unknown ones', () => {
    expect(parseErrorKey({ parseError: { code: 'mime.too-deep', detail: null } })).toBe('too-deep');
    expect(parseErrorKey({ parseError: { code: 'mime.something-new', detail: null } })).toBe('unparseable');
    expect(parseErrorKey({ parseError: null })).toBe('unparseable');
  });

  it('shows sizes and offers the page to the ketenregisseur only', () => {
    expect(messageSize(512, 'nl-NL')).toBe('512 B');
    expect(messageSize(3 * 1024, 'nl-NL')).toBe('3 kB');
    expect(messageSize(2.5 * 1024 * 1024, 'nl-NL')).toBe('2,5 MB');
    const me = (roles: string[]) => ({ roles }) as unknown as Parameters<typeof canUseMailbox>[0];
    expect(canUseMailbox(me(['ketenregisseur']))).toBe(true);
    expect(canUseMailbox(me(['functioneel-beheerder', 'aandachtsfunctionaris']))).toBe(false);
    expect(canUseMailbox(undefined)).toBe(false);
  });
});
