import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '@server/core/config';
import { citizenReport, compose, deepMessage, wideMessage } from './mailbox.fixtures';
import { findInlineForward, isForwardSubject, parseAddressText } from './mailbox.forward';
import { looksLikeMessage, messageKeyOf, MimeError, type MimeLimits, parseMail, scanStructure } from './mailbox.parse';
import { mailboxEnabled, mailboxSettings } from './mailbox.service';

const limits: MimeLimits = { maxMessageBytes: 1024 * 1024, maxDepth: 12, maxParts: 250, maxDecodedBytes: 2 * 1024 * 1024 };

async function mimeError(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof MimeError) return error.code;
    throw error;
  }
  throw new Error('expected a MimeError');
}

describe('message key', () => {
  it('is the Message-ID without brackets, also when folded onto the next line', () => {
    expect(messageKeyOf(Buffer.from('Subject: x\r\nMessage-ID:\r\n <abc.123@mail.example.test>\r\n\r\nbody')).messageKey).toBe('abc.123@mail.example.test');
  });

  it('is the SHA-256 of the bytes without a Message-ID, and differs for other bytes', () => {
    const a = messageKeyOf(Buffer.from('Subject: x\r\n\r\none'));
    const b = messageKeyOf(Buffer.from('Subject: x\r\n\r\ntwo'));
    expect(a.messageKey).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(a.messageId).toBeNull();
    expect(a.messageKey).not.toBe(b.messageKey);
  });

  it('ignores a Message-ID in the body', () => {
    expect(messageKeyOf(Buffer.from('Subject: x\r\n\r\nMessage-ID: <in-body@example.test>')).messageId).toBeNull();
  });
});

describe('looks like a message', () => {
  it('accepts header lines and refuses binary or prose', async () => {
    expect(looksLikeMessage(await citizenReport(1))).toBe(true);
    expect(looksLikeMessage(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0]))).toBe(false);
    expect(looksLikeMessage(Buffer.from('Beste meldpunt,\n\nik wil iets melden.'))).toBe(false);
  });
});

describe('MIME limits', () => {
  it('counts depth and parts of an ordinary message', async () => {
    const raw = await compose({ from: 'a@example.test', subject: 's', text: 't', html: '<p>t</p>', attachments: [{ filename: 'a.txt', content: 'x' }] });
    const scan = scanStructure(raw, limits);
    expect(scan.depth).toBe(3); // mixed > alternative > text
    expect(scan.parts).toBe(5); // mixed, alternative, text, html, attachment
  });

  it('refuses nesting deeper than the limit, before mailparser sees it', async () => {
    expect(() => scanStructure(deepMessage(13), limits)).toThrow(MimeError);
    expect(scanStructure(deepMessage(10), limits).depth).toBe(11);
    expect(await mimeError(parseMail(deepMessage(5000), limits))).toBe('mime.too-deep');
  });

  it('refuses more parts than the limit', async () => {
    expect(await mimeError(parseMail(wideMessage(20_000), limits))).toBe('mime.too-many-parts');
    const ok = await parseMail(wideMessage(100), limits);
    expect(ok.subject).toBe('breed');
  });

  it('refuses a message larger than the limit and a body that decodes to more than allowed', async () => {
    expect(await mimeError(parseMail(Buffer.alloc(limits.maxMessageBytes + 1, 0x41), limits))).toBe('mime.too-large');
    const big = await compose({ from: 'a@example.test', subject: 'groot', text: 'x', attachments: [{ filename: 'a.bin', content: Buffer.alloc(600_000, 1) }] });
    expect(await mimeError(parseMail(big, { ...limits, maxDecodedBytes: 500_000 }))).toBe('mime.too-much-content');
  });

  it('refuses bytes that are not a message', async () => {
    expect(await mimeError(parseMail(Buffer.from([0, 1, 2, 3, 255, 254]), limits))).toBe('mime.no-headers');
  });
});

describe('parsing', () => {
  it('turns HTML into text and never keeps markup', async () => {
    const raw = await compose({ from: 'Kees Klant <kees@example.test>', subject: 'Alleen HTML', html: '<p>Er staat een <b>busje</b> bij het pand.</p><script>alert(1)</script>' });
    const parsed = await parseMail(raw, limits);
    expect(parsed.text).toContain('Er staat een busje bij het pand.');
    expect(parsed.text).not.toMatch(/<|script/);
    expect(parsed.from).toEqual({ name: 'Kees Klant', email: 'kees@example.test' });
  });
});

describe('forwarded messages', () => {
  it('recognises forward subjects in several languages', () => {
    for (const subject of ['Fwd: x', 'FW: x', 'Doorst: x', 'WG: x', 'Fwd: Fwd: x']) expect(isForwardSubject(subject)).toBe(true);
    expect(isForwardSubject('Forward thinking')).toBe(false);
    expect(isForwardSubject('Re: x')).toBe(false);
  });

  it('reads Gmail’s inline block', () => {
    const text = 'Zie hieronder, graag oppakken.\n\n---------- Forwarded message ---------\nFrom: Mila Mulder <mila.mulder@burger.example.test>\nDate: Mon, 2 Mar 2026 at 10:01\nSubject: Zorgen over buren\nTo: <wijkteam@gemeente.example.test>\n\nBij de buren wonen veel mannen in één kamer.';
    const found = findInlineForward(text, true);
    expect(found?.from).toEqual({ name: 'Mila Mulder', email: 'mila.mulder@burger.example.test' });
    expect(found?.subject).toBe('Zorgen over buren');
    expect(found?.note).toBe('Zie hieronder, graag oppakken.');
    expect(found?.body).toBe('Bij de buren wonen veel mannen in één kamer.');
  });

  it('reads Outlook’s Dutch block without a marker line', () => {
    const text = 'Ter info.\n\nVan: Jansen, Piet <p.jansen@burger.example.test>\nVerzonden: maandag 2 maart 2026 10:01\nAan: Wijkteam\nOnderwerp: Melding\n\nTekst van Piet.';
    expect(findInlineForward(text, false)).toBeNull();
    const found = findInlineForward(text, true);
    expect(found?.from).toEqual({ name: 'Jansen, Piet', email: 'p.jansen@burger.example.test' });
    expect(found?.body).toBe('Tekst van Piet.');
  });

  it('reads Outlook’s [mailto:] form and Apple’s marker', () => {
    expect(parseAddressText('Piet Jansen [mailto:piet@burger.example.test]')).toEqual({ name: 'Piet Jansen', email: 'piet@burger.example.test' });
    const found = findInlineForward('Begin forwarded message:\n\nFrom: anna@burger.example.test\nSubject: Hulp\n\nTekst', false);
    expect(found?.from).toEqual({ name: null, email: 'anna@burger.example.test' });
  });
});

describe('settings', () => {
  it('refuse an IMAP host without an account, and default the region to the installation’s', () => {
    expect(() => mailboxSettings(loadConfig({ MAILBOX_IMAP_HOST: 'imap.example.test' }))).toThrow(ConfigError);
    const config = loadConfig({ MAILBOX_IMAP_HOST: 'imap.example.test', MAILBOX_IMAP_USER: 'meldpunt', MAILBOX_IMAP_PASSWORD: 'fictief', SCHAKEL_REGION: 'ijsselland' });
    expect(mailboxSettings(config)).toMatchObject({ regionCode: 'ijsselland', imap: { port: 993, secure: true, folder: 'INBOX', idle: true }, pollSeconds: 60 });
    expect(mailboxEnabled(loadConfig({}))).toBe(false);
    expect(mailboxEnabled(loadConfig({ MAILBOX_DROP_DIR: '/tmp/drop' }))).toBe(true);
    expect(() => loadConfig({ MAILBOX_MAX_MIME_DEPTH: '0' })).toThrow(ConfigError);
  });
});
